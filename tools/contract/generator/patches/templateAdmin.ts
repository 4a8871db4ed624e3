/**
 * R7 contract fixes and R8 additions for authentication templates, the template library and
 * template housekeeping (issue 24). Meta's v23.0 file describes POST /{WABA-ID}/message_templates
 * with one loose request schema (CreateAuthenticationTemplateWOtpCopyCodeButtonRequest) that
 * knows only copy-code buttons; these add what Meta's pages document, typed so the simulator
 * refuses a malformed request:
 *     z6 Authentication templates ("Authentication templates",
 *        https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/authentication-templates/authentication-templates):
 *        BODY `add_security_recommendation` (boolean), FOOTER `code_expiration_minutes` (1-90),
 *        OTP buttons `otp_type` (COPY_CODE, ONE_TAP, ZERO_TAP), `autofill_text`,
 *        `supported_apps` [{package_name, signature_hash}] (1-5 apps), `zero_tap_terms_accepted`;
 *        the template's `message_send_ttl_seconds` (30 s up to 30 days: the category decides within that).
 *     z7 Template library ("Template library",
 *        https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/template-library):
 *        `library_template_name`, `library_template_button_inputs` [{type, url {base_url,
 *        url_suffix_example}, phone_number, otp_type, zero_tap_terms_accepted, supported_apps}],
 *        `library_template_body_inputs` {add_contact_number, add_learn_more_link,
 *        add_security_recommendation, add_track_package_link, code_expiration_minutes}.
 *     R8 POST /{WABA-ID}/message_templates/archive and …/unarchive {hsm_ids: 1-100 IDs}
 *        → {archived_templates | unarchived_templates, failed_templates} ("Template archival",
 *        https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/template-archival).
 *        Bulk delete (DELETE /{WABA-ID}/message_templates?hsm_ids=[…], Meta's changelog) is
 *        Meta's own operation, whose query parameters the simulator does not check.
 */
import type { Json, JsonObject } from '../json';
import type { OperationOut } from '../operations';
import type { Patch } from './patch';

const REQUEST = 'CreateAuthenticationTemplateWOtpCopyCodeButtonRequest';
const COMPONENT = [REQUEST, 'properties', 'components', 'items', 'properties'];
const BUTTON = [...COMPONENT, 'buttons', 'items', 'properties'];

const EXPIRATION: Json = { type: 'integer', minimum: 1, maximum: 90 };
const OTP_TYPE: Json = { type: 'string', enum: ['COPY_CODE', 'ONE_TAP', 'ZERO_TAP', 'copy_code', 'one_tap', 'zero_tap'] };
const SUPPORTED_APPS: Json = {
	type: 'array',
	minItems: 1,
	maxItems: 5,
	items: {
		type: 'object',
		additionalProperties: false,
		required: ['package_name', 'signature_hash'],
		properties: {
			package_name: { type: 'string', minLength: 1, maxLength: 224 },
			signature_hash: { type: 'string', pattern: '^[A-Za-z0-9+/]{11}$' },
		},
	},
};
const BOOLEAN: Json = { type: 'boolean' };

const auth = (at: string[], after: Json): Patch => ({ id: 'R7z6', at, before: undefined, after });
const library = (name: string, after: Json): Patch => ({ id: 'R7z7', at: [REQUEST, 'properties', name], before: undefined, after });

export const TEMPLATE_ADMIN_PATCHES: Patch[] = [
	auth([...COMPONENT, 'add_security_recommendation'], BOOLEAN),
	auth([...COMPONENT, 'code_expiration_minutes'], EXPIRATION),
	auth([...BUTTON, 'otp_type'], OTP_TYPE),
	auth([...BUTTON, 'autofill_text'], { type: 'string', maxLength: 25 }),
	auth([...BUTTON, 'supported_apps'], SUPPORTED_APPS),
	auth([...BUTTON, 'zero_tap_terms_accepted'], BOOLEAN),
	auth([REQUEST, 'properties', 'message_send_ttl_seconds'], { type: 'integer', minimum: 30, maximum: 2592000 }),
	library('library_template_name', { type: 'string', minLength: 1 }),
	library('library_template_button_inputs', {
		type: 'array',
		items: {
			type: 'object',
			additionalProperties: false,
			required: ['type'],
			properties: {
				type: { type: 'string', enum: ['QUICK_REPLY', 'URL', 'PHONE_NUMBER', 'OTP'] },
				url: {
					type: 'object',
					additionalProperties: false,
					required: ['base_url'],
					properties: { base_url: { type: 'string' }, url_suffix_example: { type: 'string' } },
				},
				phone_number: { type: 'string' },
				otp_type: OTP_TYPE,
				zero_tap_terms_accepted: BOOLEAN,
				supported_apps: SUPPORTED_APPS,
			},
		},
	}),
	library('library_template_body_inputs', {
		type: 'object',
		additionalProperties: false,
		properties: {
			add_contact_number: BOOLEAN,
			add_learn_more_link: BOOLEAN,
			add_security_recommendation: BOOLEAN,
			add_track_package_link: BOOLEAN,
			code_expiration_minutes: EXPIRATION,
		},
	}),
];

const HSM_IDS: JsonObject = {
	type: 'object',
	additionalProperties: false,
	required: ['hsm_ids'],
	properties: { hsm_ids: { type: 'array', minItems: 1, maxItems: 100, items: { type: 'string', pattern: '^[0-9]+$' } } },
};
const FAILED: Json = { type: 'object', additionalProperties: { type: 'string' } };
const ID_LIST: Json = { type: 'array', items: { type: 'string' } };

function archiveOperation(verb: 'archive' | 'unarchive', id: string): { operation: OperationOut; defs: JsonObject } {
	const response = `R8Template${id}Result`;
	return {
		operation: {
			operationId: `r8${id}Templates`,
			source: 'R8',
			query: [],
			request: { required: true, content: { 'application/json': `R8Template${id}Request` } },
			response,
		},
		defs: {
			[`R8Template${id}Request`]: HSM_IDS,
			[response]: {
				type: 'object',
				required: [`${verb}d_templates`],
				properties: { [`${verb}d_templates`]: ID_LIST, failed_templates: FAILED },
			},
		},
	};
}

export const TEMPLATE_ADMIN_OPERATIONS: Record<string, { operation: OperationOut; defs: JsonObject }> = {
	'POST /{Version}/{WABA-ID}/message_templates/archive': archiveOperation('archive', 'Archive'),
	'POST /{Version}/{WABA-ID}/message_templates/unarchive': archiveOperation('unarchive', 'Unarchive'),
};
