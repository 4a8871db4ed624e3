/**
 *  R8 Operations Meta's Cloud API reference documents but this file leaves out, added whole (see
 *     ADDED_OPERATIONS): their query parameters and headers are listed like Meta's and, unlike
 *     for Meta's own operations, checked by the simulator (`source: "R8"` in schemas.json).
 *     a  Resumable Upload API (the handles template header samples and profile photos need):
 *        POST /{App-ID}/uploads?file_name&file_length&file_type → {id: "upload:…"};
 *        POST /{Upload-Session-ID} with header file_offset and the file's bytes → {h};
 *        GET /{Upload-Session-ID} → {id, file_offset}. file_type: Meta's list (application/pdf,
 *        image/jpeg, image/jpg, image/png, video/mp4); the session id carries `?sig=`, sent back.
 *     b  Template analytics: GET /{WABA-ID}/template_analytics?start&end&granularity=DAILY
 *        &metric_types&template_ids (unix seconds; metric types SENT, DELIVERED, READ, CLICKED,
 *        COST, and the Marketing Messages metrics of patches/marketing.ts m2, with product_type;
 *        at most 10 template ids; both lists as Meta writes them, [..] or comma-separated).
 *     c  Business username (Meta, "Business-scoped user IDs" → "Business usernames",
 *        https://developers.facebook.com/documentation/business-messaging/whatsapp/business-scoped-user-ids):
 *        POST /{Phone-Number-ID}/username {username} → {status: approved|reserved};
 *        GET → {username?, status} (`{}` here when the number has none: Meta does not say); DELETE → {success}. The username format as Meta states it:
 *        3-35 of a-z 0-9 . _ (any case), a letter, no leading, trailing or double period, not
 *        starting with www (the domain-suffix rule is the simulator's, error 100 too).
 *
 */
import { clone, type Json, type JsonObject } from './json';
import type { OperationOut, QueryParam } from './operations';
import { BATCH_OPERATIONS } from './patches/batch';
import { GROUP_OPERATIONS } from './patches/groups';
import { ANALYTICS_PRODUCT_TYPES, MARKETING_ANALYTICS_METRICS } from './patches/marketing';
import { TEMPLATE_ADMIN_OPERATIONS } from './patches/templateAdmin';

const UPLOAD_FILE_TYPES: Json = ['application/pdf', 'image/jpeg', 'image/jpg', 'image/png', 'video/mp4'];
const METRIC = `['"]?(SENT|DELIVERED|READ|CLICKED|COST|${MARKETING_ANALYTICS_METRICS.join('|')})['"]?`;
const TEMPLATE_ID_ITEM = `['"]?[0-9]+['"]?`;
const UNIX_SECONDS: Json = { type: 'string', pattern: '^[0-9]{1,12}$' };
const SESSION_SIG: QueryParam = { name: 'sig', required: true, schema: { type: 'string', minLength: 1 } };

const USERNAME_STATUS: Json = { type: 'string', enum: ['approved', 'reserved'] };
const USERNAME_FORMAT = '^(?!www)(?![.])(?!.*[.][.])(?!.*[.]$)(?=.*[A-Za-z])[A-Za-z0-9._]{3,35}$';

const ADDED_OPERATIONS: Record<string, { operation: OperationOut; defs: JsonObject }> = {
	...BATCH_OPERATIONS,
	...GROUP_OPERATIONS,
	...TEMPLATE_ADMIN_OPERATIONS,
	'POST /{Version}/{Phone-Number-ID}/username': {
		operation: {
			operationId: 'r8SetBusinessUsername',
			source: 'R8',
			query: [],
			request: { required: true, content: { 'application/json': 'R8UsernameRequest' } },
			response: 'R8UsernameStatus',
		},
		defs: {
			R8UsernameRequest: {
				type: 'object',
				additionalProperties: false,
				required: ['username'],
				properties: { username: { type: 'string', pattern: USERNAME_FORMAT } },
			},
			R8UsernameStatus: { type: 'object', required: ['status'], properties: { status: USERNAME_STATUS } },
		},
	},
	'GET /{Version}/{Phone-Number-ID}/username': {
		operation: { operationId: 'r8GetBusinessUsername', source: 'R8', query: [], response: 'R8Username' },
		defs: {
			R8Username: { type: 'object', properties: { username: { type: 'string' }, status: USERNAME_STATUS } },
		},
	},
	'DELETE /{Version}/{Phone-Number-ID}/username': {
		operation: { operationId: 'r8DeleteBusinessUsername', source: 'R8', query: [], response: 'R8UsernameDeleted' },
		defs: { R8UsernameDeleted: { type: 'object', required: ['success'], properties: { success: { type: 'boolean' } } } },
	},
	'POST /{Version}/{App-ID}/uploads': {
		operation: {
			operationId: 'r8CreateUploadSession',
			source: 'R8',
			query: [
				{ name: 'file_name', required: false, schema: { type: 'string', minLength: 1 } },
				{ name: 'file_length', required: true, schema: { type: 'string', pattern: '^[1-9][0-9]*$' } },
				{ name: 'file_type', required: true, schema: { type: 'string', enum: UPLOAD_FILE_TYPES } },
			],
			response: 'R8UploadSession',
		},
		defs: {
			R8UploadSession: { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^upload:' } } },
		},
	},
	'POST /{Version}/{Upload-Session-ID}': {
		operation: {
			operationId: 'r8UploadFileData',
			source: 'R8',
			query: [SESSION_SIG],
			headers: [{ name: 'file_offset', required: true, schema: { type: 'string', pattern: '^[0-9]+$' } }],
			request: { required: true, content: { 'application/octet-stream': 'R8UploadFileData' } },
			response: 'R8UploadedFile',
		},
		defs: {
			R8UploadFileData: { type: 'string', minLength: 1 },
			R8UploadedFile: { type: 'object', required: ['h'], properties: { h: { type: 'string', minLength: 1 } } },
		},
	},
	'GET /{Version}/{Upload-Session-ID}': {
		operation: { operationId: 'r8GetUploadSession', source: 'R8', query: [SESSION_SIG], response: 'R8UploadSessionStatus' },
		defs: {
			R8UploadSessionStatus: {
				type: 'object',
				required: ['id', 'file_offset'],
				properties: { id: { type: 'string' }, file_offset: { type: 'integer', minimum: 0 } },
			},
		},
	},
	'GET /{Version}/{WABA-ID}/template_analytics': {
		operation: {
			operationId: 'r8GetTemplateAnalytics',
			source: 'R8',
			query: [
				{ name: 'start', required: true, schema: UNIX_SECONDS },
				{ name: 'end', required: true, schema: UNIX_SECONDS },
				{ name: 'granularity', required: true, schema: { type: 'string', enum: ['DAILY', 'daily'] } },
				{ name: 'metric_types', required: false, schema: { type: 'string', pattern: `^\\[?\\s*${METRIC}(\\s*,\\s*${METRIC})*\\s*\\]?$` } },
				{
					name: 'template_ids',
					required: true,
					schema: { type: 'string', pattern: `^\\[?\\s*${TEMPLATE_ID_ITEM}(\\s*,\\s*${TEMPLATE_ID_ITEM}){0,9}\\s*\\]?$` },
				},
				{ name: 'product_type', required: false, schema: { type: 'string', enum: ANALYTICS_PRODUCT_TYPES } },
			],
			response: 'R8TemplateAnalytics',
		},
		defs: {
			R8TemplateAnalytics: {
				type: 'object',
				required: ['data'],
				properties: {
					data: {
						type: 'array',
						items: {
							type: 'object',
							required: ['granularity', 'data_points'],
							properties: {
								granularity: { type: 'string' },
								product_type: { type: 'string' },
								data_points: { type: 'array', items: { $ref: '#/$defs/R8TemplateAnalyticsDataPoint' } },
							},
						},
					},
					paging: { type: 'object' },
				},
			},
			R8TemplateAnalyticsDataPoint: {
				type: 'object',
				required: ['template_id', 'start', 'end'],
				properties: {
					template_id: { type: 'string' },
					start: { type: 'integer' },
					end: { type: 'integer' },
					sent: { type: 'integer' },
					delivered: { type: 'integer' },
					read: { type: 'integer' },
					clicked: {
						type: 'array',
						items: {
							type: 'object',
							properties: { type: { type: 'string' }, button_content: { type: 'string' }, count: { type: 'integer' } },
						},
					},
					cost: { type: 'array', items: { type: 'object' } },
				},
			},
		},
	},
};

export function addOperations(operations: Record<string, OperationOut>, defs: JsonObject): void {
	for (const [key, added] of Object.entries(ADDED_OPERATIONS)) {
		if (key in operations) throw new Error(`R8 ${key}: the contract has this operation now; review the addition`);
		for (const name of Object.keys(added.defs)) {
			if (name in defs) throw new Error(`R8 ${key}: definition ${name} already exists`);
			defs[name] = clone(added.defs[name]);
		}
		operations[key] = added.operation;
	}
}
