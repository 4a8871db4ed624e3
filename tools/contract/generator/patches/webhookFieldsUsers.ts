/**
 * R7 contract fixes for the webhook fields about customers (issue 19). Meta's v23.0 file describes
 * only `messages` and three group fields; these give the others a schema, each from Meta's page:
 *     v  Change.field takes every subscribable field (WebhookField, R7r) and the file's misspelt
 *        group_participant_update.
 *     w  Change.value also takes the values of user_preferences
 *        (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/user_preferences),
 *        smb_message_echoes / message_echoes (…/webhooks/reference/smb_message_echoes), history
 *        (…/webhooks/reference/history), smb_app_state_sync (…/webhooks/reference/smb_app_state_sync)
 *        and calls (Calling API, https://developers.facebook.com/documentation/business-messaging/whatsapp/calling/reference/).
 *        Each requires its own array, so exactly one branch of Change.value matches. Users named by
 *        phone number or BSUID ("Business-scoped user IDs": `user_id`, `to_user_id`, `from_user_id`).
 *     x  Groups: Meta's "Webhooks for Groups API"
 *        (https://developers.facebook.com/documentation/business-messaging/whatsapp/groups/webhooks)
 *        has more event types than the file's enum (join requests, participants leaving, suspension
 *        on group_status_update) and events without `request_id` (those not answering a request);
 *        participants may be named by BSUID.
 */
import type { Json } from '../json';
import type { Patch } from './patch';

const STRING: Json = { type: 'string' };
const STRING_OR_INTEGER: Json = { type: ['string', 'integer'] };
const BSUID: Json = { type: 'string', pattern: '^[A-Z]{2}\\.(ENT\\.)?[A-Za-z0-9]{1,128}$' };
const ref = (name: string): Json => ({ $ref: `#/$defs/${name}` });
const list = (items: Json): Json => ({ type: 'array', items });
/** One key or the other must be present. */
const either = (a: string, b: string): Json[] => [{ required: [a] }, { required: [b] }];

/** A change value of `field`'s shape: messaging_product, metadata, optional contacts and the field's own array. */
function fieldValue(key: string, item: Json): Json {
	return {
		type: 'object',
		required: ['messaging_product', 'metadata', key],
		properties: {
			messaging_product: STRING,
			metadata: ref('Metadata'),
			contacts: list(ref('ContactProfile')),
			[key]: list(item),
		},
	};
}

/** A user named by `<key>` (phone number) or `<key>_user_id` (BSUID), and `<key>_parent_user_id`. */
function party(key: string): { properties: Record<string, Json>; anyOf: Json[] } {
	return {
		properties: { [key]: STRING, [`${key}_user_id`]: BSUID, [`${key}_parent_user_id`]: BSUID },
		anyOf: either(key, `${key}_user_id`),
	};
}

const USER_PREFERENCE: Json = {
	type: 'object',
	required: ['category', 'value'],
	anyOf: either('wa_id', 'user_id'),
	properties: {
		wa_id: STRING,
		user_id: BSUID,
		parent_user_id: BSUID,
		detail: STRING,
		category: STRING,
		value: { type: 'string', enum: ['stop', 'resume'] },
		timestamp: STRING_OR_INTEGER,
	},
};

const ECHO_TO = party('to');
const MESSAGE_ECHO: Json = {
	type: 'object',
	required: ['from', 'id', 'timestamp', 'type'],
	anyOf: ECHO_TO.anyOf,
	properties: { from: STRING, id: STRING, timestamp: STRING_OR_INTEGER, type: STRING, ...ECHO_TO.properties },
};

const HISTORY_MESSAGE: Json = {
	type: 'object',
	required: ['id', 'timestamp', 'type'],
	properties: {
		from: STRING,
		from_user_id: BSUID,
		to: STRING,
		to_user_id: BSUID,
		id: STRING,
		timestamp: STRING_OR_INTEGER,
		type: STRING,
		history_context: { type: 'object', properties: { status: STRING } },
	},
};
const HISTORY_CHUNK: Json = {
	type: 'object',
	properties: {
		metadata: {
			type: 'object',
			properties: { phase: STRING_OR_INTEGER, chunk_order: STRING_OR_INTEGER, progress: STRING_OR_INTEGER },
		},
		threads: list({ type: 'object', required: ['messages'], properties: { id: STRING, user_id: BSUID, messages: list(HISTORY_MESSAGE) } }),
		errors: list({ type: 'object', properties: { code: STRING_OR_INTEGER, title: STRING, message: STRING } }),
	},
};

const STATE_SYNC: Json = {
	type: 'object',
	required: ['type', 'contact', 'action'],
	properties: {
		type: STRING,
		contact: {
			type: 'object',
			properties: { full_name: STRING, first_name: STRING, phone_number: STRING, user_id: BSUID, parent_user_id: BSUID },
		},
		action: { type: 'string', enum: ['add', 'remove'] },
		metadata: { type: 'object', properties: { timestamp: STRING_OR_INTEGER } },
	},
};

const CALL: Json = {
	type: 'object',
	required: ['id', 'event', 'timestamp'],
	properties: {
		id: STRING,
		event: STRING,
		timestamp: STRING_OR_INTEGER,
		direction: { type: 'string', enum: ['USER_INITIATED', 'BUSINESS_INITIATED'] },
		...party('from').properties,
		...party('to').properties,
		status: STRING,
		start_time: STRING_OR_INTEGER,
		end_time: STRING_OR_INTEGER,
		duration: { type: ['integer', 'string'] },
		biz_opaque_callback_data: STRING,
	},
};
/** A call's status (business-initiated calls): `type` "call" sets it apart from a message status. */
const CALL_STATUS: Json = {
	type: 'object',
	required: ['id', 'type', 'status', 'timestamp'],
	properties: { id: STRING, type: { const: 'call' }, status: STRING, timestamp: STRING_OR_INTEGER, recipient_id: STRING, recipient_user_id: BSUID },
};
const CALLS_VALUE: Json = {
	type: 'object',
	required: ['messaging_product', 'metadata'],
	anyOf: either('calls', 'statuses'),
	properties: {
		messaging_product: STRING,
		metadata: ref('Metadata'),
		contacts: list(ref('ContactProfile')),
		calls: list(CALL),
		statuses: list(CALL_STATUS),
	},
};

const CHANGE_FIELDS_BEFORE: Json = {
	type: 'string',
	enum: ['messages', 'group_lifecycle_update', 'group_settings_update', 'group_participant_update', 'group_participants_update'],
};

export const WEBHOOK_FIELDS_USERS_PATCHES: Patch[] = [
	{ id: 'R7v', at: ['Change', 'properties', 'field'], before: CHANGE_FIELDS_BEFORE, after: { anyOf: [ref('WebhookField'), { const: 'group_participant_update' }] } },
	{ id: 'R7w', at: ['UserPreferencesValue'], before: undefined, after: fieldValue('user_preferences', USER_PREFERENCE) },
	{ id: 'R7w', at: ['MessageEchoesValue'], before: undefined, after: fieldValue('message_echoes', MESSAGE_ECHO) },
	{ id: 'R7w', at: ['HistoryValue'], before: undefined, after: fieldValue('history', HISTORY_CHUNK) },
	{ id: 'R7w', at: ['StateSyncValue'], before: undefined, after: fieldValue('state_sync', STATE_SYNC) },
	{ id: 'R7w', at: ['CallsValue'], before: undefined, after: CALLS_VALUE },
	{
		id: 'R7w',
		at: ['UserFieldValue'],
		before: undefined,
		after: { oneOf: ['UserPreferencesValue', 'MessageEchoesValue', 'HistoryValue', 'StateSyncValue', 'CallsValue'].map(ref) },
	},
	// Appended to Change.value.oneOf (4 entries before): the one entry for all the fields above.
	{ id: 'R7w', at: ['Change', 'properties', 'value', 'oneOf', '4'], before: undefined, after: ref('UserFieldValue') },
	{ id: 'R7x', at: ['Groups', 'required'], before: ['timestamp', 'group_id', 'type', 'request_id'], after: ['timestamp', 'group_id', 'type'] },
	{
		id: 'R7x',
		at: ['Groups', 'properties', 'type'],
		before: { type: 'string', enum: ['group_create', 'group_delete', 'group_settings_update', 'group_add_participants', 'group_remove_participants'] },
		after: STRING,
	},
	{ id: 'R7x', at: ['GroupParticipant', 'properties', 'user_id'], before: undefined, after: BSUID },
	{ id: 'R7x', at: ['GroupParticipant', 'properties', 'parent_user_id'], before: undefined, after: BSUID },
];
