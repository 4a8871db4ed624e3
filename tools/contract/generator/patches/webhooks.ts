/**
 * R7 contract fixes of webhooks:
 *     i  Webhooks: Groups.timestamp string or integer (the examples and every other webhook send a
 *        string), GroupParticipant input/wa_id string or integer (the group examples send numbers),
 *        Change.field also allows "group_participants_update" (the field name the
 *        "Group Remove Participants" example uses).
 *     j  Webhooks: ContextObject (context of an incoming text) requires only from/id; the schema
 *        also required referred_product, which only product inquiries carry (a plain reply has
 *        context {from, id}, as in the Button/Interactive reply examples).
 *     q  Statuses gets `biz_opaque_callback_data`, the value a sent message carried (messages.ts).
 *     r  New WebhookField: the webhook fields an app subscribes to on the whatsapp_business_account
 *        object (POST /{App-ID}/subscriptions `fields`, App Dashboard → WhatsApp → Configuration).
 *        The file's Change.field names only the four its payloads describe (messages and the group
 *        fields, one of them misspelt: group_participant_update); Meta's Webhooks reference
 *        (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/,
 *        one page per field, e.g. …/reference/user_preferences, …/reference/smb_app_state_sync,
 *        …/reference/phone_number_quality_update) lists the rest; business_username_update is on
 *        Meta's "Business-scoped user IDs" page (business usernames). Not user_id_update: Meta's
 *        changelog (Aug 11, 2026) says it is no subscribable field (docs/usernames-facts.md). The simulator accepts exactly these
 *        on that edge, so the trigger's field list must be a subset.
 */
import type { Json } from '../json';
import type { Patch } from './patch';

const STRING_OR_INTEGER: Json = { type: ['string', 'integer'] };

/** R7r: Change.field's names, spelt as Meta sends them (group_participants_update, as in R7i). */
const CONTRACT_WEBHOOK_FIELDS = ['messages', 'group_lifecycle_update', 'group_participants_update', 'group_settings_update'];
/** R7r: the fields of Meta's Webhooks reference that the file does not name. */
const REFERENCE_WEBHOOK_FIELDS = [
	'account_alerts',
	'account_review_update',
	'account_settings_update',
	'account_update',
	'automatic_events',
	'business_capability_update',
	'business_username_update',
	'calls',
	'flows',
	'group_status_update',
	'history',
	'message_echoes',
	'message_template_components_update',
	'message_template_quality_update',
	'message_template_status_update',
	'messaging_handovers',
	'partner_solutions',
	'payment_configuration_update',
	'phone_number_name_update',
	'phone_number_quality_update',
	'security',
	'smb_app_state_sync',
	'smb_message_echoes',
	'template_category_update',
	'tracking_events',
	'user_preferences',
];

export const WEBHOOK_PATCHES: Patch[] = [
	{ id: 'R7i', at: ['Groups', 'properties', 'timestamp'], before: { type: 'integer' }, after: STRING_OR_INTEGER },
	{ id: 'R7i', at: ['GroupParticipant', 'properties', 'input'], before: { type: 'string' }, after: STRING_OR_INTEGER },
	{ id: 'R7i', at: ['GroupParticipant', 'properties', 'wa_id'], before: { type: 'string' }, after: STRING_OR_INTEGER },
	{
		id: 'R7i',
		at: ['Change', 'properties', 'field', 'enum'],
		before: ['messages', 'group_lifecycle_update', 'group_settings_update', 'group_participant_update'],
		after: [
			'messages',
			'group_lifecycle_update',
			'group_settings_update',
			'group_participant_update',
			'group_participants_update',
		],
	},
	{
		id: 'R7j',
		at: ['ContextObject', 'required'],
		before: ['from', 'id', 'referred_product'],
		after: ['from', 'id'],
	},
	// R7q: the message-level callback data Meta's reference documents (echoed in status webhooks).
	{
		id: 'R7q',
		at: ['Statuses', 'properties', 'biz_opaque_callback_data'],
		before: undefined,
		after: { type: 'string', maxLength: 512 },
	},
	{
		id: 'R7r',
		at: ['WebhookField'],
		before: undefined,
		after: { type: 'string', enum: [...CONTRACT_WEBHOOK_FIELDS, ...REFERENCE_WEBHOOK_FIELDS].sort() },
	},
];
