/**
 * R7 contract fixes for the Flows API (issue 23). Meta's v23.0 file has the Flow management
 * operations (list, create, get, update metadata, delete, assets, publish, deprecate: listed in
 * operations.ts) but leaves their multipart bodies loose; these close them from Meta's pages
 * "Flows API" (https://developers.facebook.com/docs/whatsapp/flows/reference/flowsapi) and
 * "Flow Management API Error Codes" (https://developers.facebook.com/docs/whatsapp/flows/reference/error-codes).
 *     fa Create: `name` and `categories` are required; `flow_json` (the Flow JSON as a string) and
 *        `publish` (publish at once when the JSON validates) may come with the create, as may
 *        `endpoint_uri` (the data endpoint, Flow JSON 3.0 and later). `categories` is a JSON array
 *        of Meta's categories, sent as text in a form body or as an array in a JSON body.
 *        The answer then carries `success` and the JSON's `validation_errors`.
 *     fb Update metadata: the same fields, each optional; `application_id` is not used here.
 *     fc Flow JSON asset upload: `file`, `name` "flow.json" and `asset_type` FLOW_JSON are required.
 *     fd Get: `endpoint_uri` is one of the fields (beside the older `data_channel_uri`).
 *        Metrics are read with the same GET: `fields=metric.name(ENDPOINT_REQUEST_COUNT)
 *        .granularity(DAY).since(YYYY-MM-DD).until(YYYY-MM-DD)` (a string, as in the file).
 */
import type { Json } from '../json';
import type { Patch } from './patch';

const STRING: Json = { type: 'string' };
export const FLOW_CATEGORIES = [
	'SIGN_UP',
	'SIGN_IN',
	'APPOINTMENT_BOOKING',
	'LEAD_GENERATION',
	'CONTACT_US',
	'CUSTOMER_SUPPORT',
	'SURVEY',
	'OTHER',
];
const CATEGORY_TEXT = `^\\[\\s*"(${FLOW_CATEGORIES.join('|')})"(\\s*,\\s*"(${FLOW_CATEGORIES.join('|')})")*\\s*\\]$`;
const CATEGORIES: Json = {
	anyOf: [
		{ type: 'string', pattern: CATEGORY_TEXT },
		{ type: 'array', minItems: 1, items: { type: 'string', enum: FLOW_CATEGORIES } },
	],
};
const HTTPS_URI: Json = { type: 'string', pattern: '^https://' };
const BOOLEAN_TEXT: Json = { anyOf: [{ type: 'boolean' }, { type: 'string', enum: ['true', 'false'] }] };
const VALIDATION_ERRORS: Json = {
	type: 'array',
	items: {
		type: 'object',
		properties: {
			error: STRING,
			error_type: STRING,
			message: STRING,
			line_start: { type: 'number' },
			line_end: { type: 'number' },
			column_start: { type: 'number' },
			column_end: { type: 'number' },
			pointers: { type: 'array' },
		},
	},
};

const CREATE = 'CreateFlowMultipartRequest';
const UPDATE = 'UpdateFlowMetadataMultipartRequest';
const ASSET = 'UpdateFlowJsonMultipartRequest';

/**
 * R7fe: a completed Flow reaches the business as an interactive reply of type `nfm_reply` with
 * `nfm_reply {name: "flow", body, response_json}` (`response_json` a JSON text holding the
 * `flow_token` and the answers) — Meta, "Receiving Flow Response"
 * (https://developers.facebook.com/docs/whatsapp/flows/guides/receiveflowresponse). Meta's file
 * lists only list, button (and, patched, call permission) replies.
 */
const NFM_REPLY: Json = {
	type: 'object',
	required: ['nfm_reply'],
	properties: {
		nfm_reply: {
			type: 'object',
			required: ['response_json'],
			properties: { name: STRING, body: STRING, response_json: { type: 'string', minLength: 2 } },
		},
	},
};
const REPLY_INTERACTIVE = ['InteractiveMessageReply', 'allOf', '1', 'properties', 'interactive'];

export const FLOW_PATCHES: Patch[] = [
	{ id: 'R7fe', at: ['NfmReplyContent'], before: undefined, after: NFM_REPLY },
	{ id: 'R7fe', at: [...REPLY_INTERACTIVE, 'discriminator', 'mapping', 'nfm_reply'], before: undefined, after: '#/$defs/NfmReplyContent' },
	{
		id: 'R7fe',
		at: [...REPLY_INTERACTIVE, 'properties', 'type', 'enum'],
		before: ['list_reply', 'button_reply', 'call_permission_reply'],
		after: ['list_reply', 'button_reply', 'call_permission_reply', 'nfm_reply'],
	},
	{ id: 'R7fa', at: [CREATE, 'properties', 'categories'], before: STRING, after: CATEGORIES },
	{ id: 'R7fa', at: [CREATE, 'properties', 'endpoint_uri'], before: STRING, after: HTTPS_URI },
	{ id: 'R7fa', at: [CREATE, 'properties', 'name'], before: STRING, after: { type: 'string', minLength: 1 } },
	{ id: 'R7fa', at: [CREATE, 'properties', 'flow_json'], before: undefined, after: { type: 'string', minLength: 1 } },
	{ id: 'R7fa', at: [CREATE, 'properties', 'publish'], before: undefined, after: BOOLEAN_TEXT },
	{ id: 'R7fa', at: [CREATE, 'required'], before: undefined, after: ['name', 'categories'] },
	{ id: 'R7fa', at: [CREATE, 'additionalProperties'], before: undefined, after: false },
	{ id: 'R7fa', at: ['CreateFlowResponse', 'properties', 'success'], before: undefined, after: { type: 'boolean' } },
	{ id: 'R7fa', at: ['CreateFlowResponse', 'properties', 'validation_errors'], before: undefined, after: VALIDATION_ERRORS },
	{ id: 'R7fb', at: [UPDATE, 'properties', 'categories'], before: STRING, after: CATEGORIES },
	{ id: 'R7fb', at: [UPDATE, 'properties', 'endpoint_uri'], before: STRING, after: HTTPS_URI },
	{ id: 'R7fb', at: [UPDATE, 'properties', 'name'], before: STRING, after: { type: 'string', minLength: 1 } },
	{ id: 'R7fb', at: [UPDATE, 'additionalProperties'], before: undefined, after: false },
	{ id: 'R7fc', at: [ASSET, 'properties', 'asset_type'], before: STRING, after: { type: 'string', const: 'FLOW_JSON' } },
	{ id: 'R7fc', at: [ASSET, 'properties', 'name'], before: STRING, after: { type: 'string', const: 'flow.json' } },
	{ id: 'R7fc', at: [ASSET, 'required'], before: undefined, after: ['file', 'name', 'asset_type'] },
	{ id: 'R7fc', at: [ASSET, 'additionalProperties'], before: undefined, after: false },
	{ id: 'R7fd', at: ['GetFlowResponse', 'properties', 'endpoint_uri'], before: undefined, after: STRING },
];
