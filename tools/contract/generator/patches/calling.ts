/**
 * R7 contract fixes for the Calling API (issue 22). Meta's v23.0 file lists the three endpoints
 * (operations.ts keeps them) but writes several shapes differently from Meta's Calling pages:
 *     z1 Call settings (POST/GET /{Phone-Number-ID}/settings), Meta's "Configure call settings"
 *        (https://developers.facebook.com/documentation/business-messaging/whatsapp/calling/call-settings):
 *        values are upper case (status ENABLED | DISABLED, call_icon_visibility DEFAULT |
 *        DISABLE_ALL, callback_permission_status ENABLED | DISABLED), every field is optional, and
 *        the request takes call_icons {restrict_to_user_countries}, call_hours {status, timezone_id,
 *        weekly_operating_hours [{day_of_week, open_time, close_time}] (HHMM), holiday_schedule
 *        [{date YYYY-MM-DD, start_time, end_time}]}, audio, video, sip and srtp_key_exchange_protocol.
 *        The file's enums (enabled, visible, hidden) and its call_hours (timezone,
 *        day_of_week_start) are not on the page; the answer of GET gets the same shape.
 *     z2 Calls (POST /{Phone-Number-ID}/calls), Meta's "User-initiated calls" and "Business-initiated
 *        calls" (…/whatsapp/calling/user-initiated-calls, …/calling/business-initiated-calls):
 *        `connect` names the user (`to`) and carries an SDP offer; pre_accept and accept name the
 *        call (`call_id`) and carry the SDP answer; reject names the call only. The file's
 *        CallRequestPayload has `to` on every action and no call_id; terminate stays in the file's
 *        CallTerminateRequestPayload (so CallRequestPayload drops it, or a terminate body would
 *        match both branches of the request's oneOf).
 *     z3 Call permissions (GET /{Phone-Number-ID}/call_permissions), Meta's "Obtain user call
 *        permissions" (…/whatsapp/calling/user-call-permissions): permission.status is
 *        no_permission, temporary or permanent; the file's granted / pending / denied / expired
 *        stay accepted. Meta documents only the phone-number query (user_wa_id), no BSUID form.
 *     (The free-form call permission request, interactive call_permission_request with action
 *     {name: call_permission_request}, is in the file as it is: no patch, so no z4.)
 *     z5 The user's answer (same page, "User calling permission request webhook"): an interactive
 *        message of type call_permission_reply with {response: accept | reject, is_permanent,
 *        expiration_timestamp, response_source: user_action | automatic}; its context.id is the
 *        request's wamid, or the wacid of the call when the user called (callback permission).
 * Template voice-call buttons (type VOICE_CALL, Meta's "Create and send call button templates")
 * need no patch: the create-template schema takes any button type.
 */
import type { Json } from '../json';
import type { Patch } from './patch';

const STRING: Json = { type: 'string' };
const ON_OFF: Json = { type: 'string', enum: ['ENABLED', 'DISABLED'] };
const HHMM: Json = { type: 'string', pattern: '^([01][0-9]|2[0-3])[0-5][0-9]$' };
const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];

const CALL_HOURS: Json = {
	type: 'object',
	additionalProperties: false,
	properties: {
		status: ON_OFF,
		timezone_id: { type: 'string', minLength: 1 },
		weekly_operating_hours: {
			type: 'array',
			items: {
				type: 'object',
				additionalProperties: false,
				required: ['day_of_week', 'open_time', 'close_time'],
				properties: { day_of_week: { type: 'string', enum: DAYS }, open_time: HHMM, close_time: HHMM },
			},
		},
		holiday_schedule: {
			type: 'array',
			items: {
				type: 'object',
				additionalProperties: false,
				required: ['date', 'start_time', 'end_time'],
				properties: { date: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' }, start_time: HHMM, end_time: HHMM },
			},
		},
	},
};

/** The calling settings Meta's page documents; the request refuses anything else (a misspelt key would be ignored by Meta). */
function callingSettings(strict: boolean): Json {
	return {
		type: 'object',
		...(strict ? { additionalProperties: false, minProperties: 1 } : {}),
		properties: {
			status: ON_OFF,
			call_icon_visibility: { type: 'string', enum: ['DEFAULT', 'DISABLE_ALL'] },
			call_icons: { type: 'object', properties: { restrict_to_user_countries: { type: 'array', items: STRING } } },
			call_hours: CALL_HOURS,
			callback_permission_status: ON_OFF,
			srtp_key_exchange_protocol: { type: 'string', enum: ['DTLS-SRTP', 'SDES-SRTP'] },
			sip: { type: 'object' },
			audio: { type: 'object' },
			video: { type: 'object' },
			...(strict ? {} : { ip_addresses: { type: 'object' }, restrictions: { type: 'object' } }),
		},
	};
}

const CALLING_SETTINGS_BEFORE: Json = {
	type: 'object',
	required: ['status'],
	properties: {
		status: { type: 'string', enum: ['enabled', 'disabled'] },
		call_icon_visibility: { type: 'string', enum: ['visible', 'hidden'] },
		video: { $ref: '#/$defs/VideoSettings' },
		sip: { $ref: '#/$defs/SipSettings' },
		srtp_key_exchange_protocol: { type: 'string', enum: ['DTLS-SRTP', 'SDES-SRTP'] },
	},
};

const SDP = (type: string): Json => ({
	type: 'object',
	required: ['sdp_type', 'sdp'],
	properties: { sdp_type: { const: type }, sdp: { type: 'string', minLength: 1 } },
});
/** When `action` is one of `actions`, the body must match `then`. */
const whenAction = (actions: string[], then: Json): Json => ({
	if: { properties: { action: { enum: actions } }, required: ['action'] },
	then,
});

const SETTINGS_PATCHES: Patch[] = [
	{ id: 'R7z1', at: ['CallingSettings_1'], before: CALLING_SETTINGS_BEFORE, after: callingSettings(true) },
	{
		id: 'R7z1',
		at: ['CallingSettingsResponse', 'required'],
		before: ['status', 'call_icon_visibility', 'ip_addresses', 'callback_permission_status'],
		after: ['status'],
	},
	...(['status', 'callback_permission_status'] as const).map(
		(name): Patch => ({
			id: 'R7z1',
			at: ['CallingSettingsResponse', 'properties', name],
			before: { type: 'string', enum: ['enabled', 'disabled'] },
			after: ON_OFF,
		}),
	),
	{
		id: 'R7z1',
		at: ['CallingSettingsResponse', 'properties', 'call_icon_visibility'],
		before: { type: 'string', enum: ['visible', 'hidden'] },
		after: { type: 'string', enum: ['DEFAULT', 'DISABLE_ALL'] },
	},
	{ id: 'R7z1', at: ['CallingSettingsResponse', 'properties', 'call_hours'], before: { $ref: '#/$defs/CallHoursSettings' }, after: CALL_HOURS },
];

const CALL_PATCHES: Patch[] = [
	{
		id: 'R7z2',
		at: ['CallRequestPayload', 'properties', 'action', 'enum'],
		before: ['connect', 'pre_accept', 'accept', 'reject', 'terminate'],
		after: ['connect', 'pre_accept', 'accept', 'reject'],
	},
	{ id: 'R7z2', at: ['CallRequestPayload', 'required'], before: ['messaging_product', 'to', 'action'], after: ['messaging_product', 'action'] },
	{ id: 'R7z2', at: ['CallRequestPayload', 'properties', 'call_id'], before: undefined, after: { type: 'string', minLength: 1 } },
	{
		id: 'R7z2',
		at: ['CallRequestPayload', 'allOf'],
		before: undefined,
		after: [
			whenAction(['connect'], { required: ['to', 'session'], not: { required: ['call_id'] }, properties: { session: SDP('offer') } }),
			whenAction(['pre_accept', 'accept'], { required: ['call_id', 'session'], not: { required: ['to'] }, properties: { session: SDP('answer') } }),
			whenAction(['reject'], { required: ['call_id'], not: { anyOf: [{ required: ['to'] }, { required: ['session'] }] } }),
		],
	},
];

const PERMISSION_PATCHES: Patch[] = [
	{
		id: 'R7z3',
		at: ['CallPermissionCheckResponsePayload', 'properties', 'permission', 'properties', 'status', 'enum'],
		before: ['granted', 'pending', 'denied', 'expired'],
		after: ['no_permission', 'temporary', 'permanent', 'granted', 'pending', 'denied', 'expired'],
	},
];

const CALL_PERMISSION_REPLY: Json = {
	type: 'object',
	required: ['call_permission_reply'],
	properties: {
		call_permission_reply: {
			type: 'object',
			required: ['response'],
			properties: {
				response: { type: 'string', enum: ['accept', 'reject'] },
				is_permanent: { type: 'boolean' },
				expiration_timestamp: { type: ['string', 'integer'] },
				response_source: { type: 'string', enum: ['user_action', 'automatic'] },
			},
		},
	},
};

const REPLY_INTERACTIVE = ['InteractiveMessageReply', 'allOf', '1', 'properties', 'interactive'];

// The file dispatches on interactive.type with a discriminator (rewritten to if/then after the patches).
const REPLY_PATCHES: Patch[] = [
	{ id: 'R7z5', at: ['CallPermissionReplyContent'], before: undefined, after: CALL_PERMISSION_REPLY },
	{
		id: 'R7z5',
		at: [...REPLY_INTERACTIVE, 'discriminator', 'mapping', 'call_permission_reply'],
		before: undefined,
		after: '#/$defs/CallPermissionReplyContent',
	},
	{
		id: 'R7z5',
		at: [...REPLY_INTERACTIVE, 'properties', 'type', 'enum'],
		before: ['list_reply', 'button_reply'],
		after: ['list_reply', 'button_reply', 'call_permission_reply'],
	},
];

export const CALLING_PATCHES: Patch[] = [...SETTINGS_PATCHES, ...CALL_PATCHES, ...PERMISSION_PATCHES, ...REPLY_PATCHES];
