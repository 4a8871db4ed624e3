/**
 * R7 contract additions for WhatsApp usernames and business-scoped user IDs (BSUIDs), 2026. Facts
 * and field names: docs/usernames-facts.md; the page is Meta's "Business-scoped user IDs"
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/business-scoped-user-ids),
 * "M-BSUID" below, and Meta's "System messages webhook reference" (…/webhooks/reference/messages/system/).
 *     s  Send: BaseMessageProperties gets `recipient` (a BSUID or parent BSUID) and no longer
 *        requires `to`; a body needs exactly one of them. Meta accepts both (then `to` wins,
 *        M-BSUID "Send message requests"); this contract refuses both on purpose, so that the
 *        simulator proves the package never sends a BSUID that Meta would silently ignore. The
 *        send response's contacts gain `user_id` (wa_id is then omitted). Interactive
 *        `request_contact_info` (body + action {name: request_contact_info}): not on Meta's pages
 *        reachable here, taken from providers that pass the Cloud API through unchanged (kapso,
 *        gupshup; see the facts file). The template button REQUEST_CONTACT_INFO needs no patch:
 *        the create-template schema already takes any button `type` (M-BSUID "Requesting phone
 *        numbers from users").
 *     t  Webhooks: contacts[] entries gain user_id, parent_user_id and profile.username; messages
 *        gain from_user_id and from_parent_user_id and `from` becomes optional, one of `from` /
 *        from_user_id being required (M-BSUID "Incoming messages webhooks"). Statuses gain recipient_user_id and the parent BSUID (the page spells
 *        it three ways: recipient_parent_user_id, parent_recipient_user_id, parent_user_id — all
 *        accepted), recipient_id becomes optional (one of recipient_id / recipient_user_id is
 *        required), and a status value may carry contacts[] (M-BSUID "Status messages webhooks").
 *        Group statuses: recipient_type "group", recipient_participant_id and its BSUID variants
 *        (M-BSUID "Status messages webhooks for groups"). System messages: type
 *        user_changed_user_id and system.user_id / parent_user_id / previous_user_id /
 *        previous_parent_user_id (Meta's system-messages reference and changelog, Aug 11, 2026).
 *        A `contacts` message answering REQUEST_CONTACT_INFO carries `origin` (contact_request or
 *        other) and the contact a `vcard` (M-BSUID; Meta's example puts origin on the message, a
 *        provider's on the contact: both accepted). (business_username_update: webhooks.ts R7r.)
 *     u  Block Users: an entry takes `user` (phone number) or `user_id` (BSUID or parent BSUID),
 *        exactly one (Meta lets `user` win when both are given; refused here for the reason of s);
 *        response entries and the blocklist gain user_id (M-BSUID "Block Users API"; the list's
 *        user_id for users blocked by BSUID is our reading, Meta shows no list example).
 *     The username endpoints (POST/GET/DELETE /{Phone-Number-ID}/username) are R8 additions:
 *     addedOperations.ts.
 */
import type { Json } from '../json';
import { INTERACTIVE_TYPES_AFTER_R7K } from './messages';
import type { Patch } from './patch';

/** A BSUID or parent BSUID (M-BSUID: ISO country code, a period, up to 128 alphanumerics; parent: `ENT.` after the code). */
export const BSUID_PATTERN = '^[A-Z]{2}\\.(ENT\\.)?[A-Za-z0-9]{1,128}$';
const BSUID: Json = { type: 'string', pattern: BSUID_PATTERN };
const STRING: Json = { type: 'string' };


const BLOCK_ENTRY_BEFORE: Json = { type: 'object', required: ['user'], properties: { user: { type: 'string', minLength: 1 } } };
const BLOCK_ENTRY_AFTER: Json = {
	type: 'object',
	properties: { user: { type: 'string', minLength: 1 }, user_id: BSUID },
	anyOf: [{ required: ['user'] }, { required: ['user_id'] }],
	not: { required: ['user', 'user_id'] },
};

function blockEntryPatches(request: string): Patch[] {
	return [{ id: 'R7u', at: [request, 'properties', 'block_users', 'items'], before: BLOCK_ENTRY_BEFORE, after: BLOCK_ENTRY_AFTER }];
}

const SEND_PATCHES: Patch[] = [
	{ id: 'R7s', at: ['BaseMessageProperties', 'properties', 'recipient'], before: undefined, after: BSUID },
	{ id: 'R7s', at: ['BaseMessageProperties', 'required'], before: ['messaging_product', 'to'], after: ['messaging_product'] },
	{ id: 'R7s', at: ['BaseMessageProperties', 'anyOf'], before: undefined, after: [{ required: ['to'] }, { required: ['recipient'] }] },
	{ id: 'R7s', at: ['BaseMessageProperties', 'not'], before: undefined, after: { required: ['to', 'recipient'] } },
	{ id: 'R7s', at: ['MessageResponsePayload', 'properties', 'contacts', 'items', 'properties', 'user_id'], before: undefined, after: BSUID },
	{ id: 'R7s', at: ['ContactResponse', 'properties', 'user_id'], before: undefined, after: BSUID },
	{
		id: 'R7s',
		at: ['InteractiveObject', 'properties', 'type', 'enum'],
		before: INTERACTIVE_TYPES_AFTER_R7K,
		after: [...INTERACTIVE_TYPES_AFTER_R7K, 'request_contact_info'],
	},
	{
		id: 'R7s',
		at: ['ActionObject', 'oneOf', '9'],
		before: undefined,
		after: { required: ['name'], properties: { name: { type: 'string', enum: ['request_contact_info'] } } },
	},
];

const WEBHOOK_PATCHES: Patch[] = [
	// contacts[] of messages and statuses
	{ id: 'R7t', at: ['ContactProfile', 'properties', 'user_id'], before: undefined, after: BSUID },
	{ id: 'R7t', at: ['ContactProfile', 'properties', 'parent_user_id'], before: undefined, after: BSUID },
	{ id: 'R7t', at: ['ContactProfile', 'properties', 'profile', 'properties', 'username'], before: undefined, after: STRING },
	// the sender of a message
	{ id: 'R7t', at: ['BaseMessageProperties_1', 'required'], before: ['from', 'id', 'timestamp'], after: ['id', 'timestamp'] },
	// Meta: from_user_id is always set, `from` only when the phone number may be shared
	{ id: 'R7t', at: ['BaseMessageProperties_1', 'anyOf'], before: undefined, after: [{ required: ['from'] }, { required: ['from_user_id'] }] },
	{ id: 'R7t', at: ['BaseMessageProperties_1', 'properties', 'from_user_id'], before: undefined, after: BSUID },
	{ id: 'R7t', at: ['BaseMessageProperties_1', 'properties', 'from_parent_user_id'], before: undefined, after: BSUID },
	// statuses
	{ id: 'R7t', at: ['Statuses', 'required'], before: ['id', 'status', 'timestamp', 'recipient_id'], after: ['id', 'status', 'timestamp'] },
	{ id: 'R7t', at: ['Statuses', 'anyOf'], before: undefined, after: [{ required: ['recipient_id'] }, { required: ['recipient_user_id'] }] },
	...['recipient_user_id', 'recipient_parent_user_id', 'parent_recipient_user_id', 'parent_user_id'].map(
		(name): Patch => ({ id: 'R7t', at: ['Statuses', 'properties', name], before: undefined, after: BSUID }),
	),
	{ id: 'R7t', at: ['Statuses', 'properties', 'recipient_type'], before: undefined, after: { type: 'string', enum: ['individual', 'group'] } },
	{ id: 'R7t', at: ['Statuses', 'properties', 'recipient_participant_id'], before: undefined, after: STRING },
	{ id: 'R7t', at: ['Statuses', 'properties', 'recipient_participant_user_id'], before: undefined, after: BSUID },
	{ id: 'R7t', at: ['Statuses', 'properties', 'recipient_participant_parent_user_id'], before: undefined, after: BSUID },
	{
		id: 'R7t',
		at: ['StatusMessageValue', 'properties', 'contacts'],
		before: undefined,
		after: { type: 'array', items: { $ref: '#/$defs/ContactProfile' } },
	},
	// system messages about identity
	{
		id: 'R7t',
		at: ['SystemMessage', 'allOf', '1', 'properties', 'system', 'properties', 'type', 'enum'],
		before: ['user_changed_number'],
		after: ['user_changed_number', 'user_changed_user_id'],
	},
	...['user_id', 'parent_user_id', 'previous_user_id', 'previous_parent_user_id'].map(
		(name): Patch => ({ id: 'R7t', at: ['SystemMessage', 'allOf', '1', 'properties', 'system', 'properties', name], before: undefined, after: BSUID }),
	),
	// the answer to REQUEST_CONTACT_INFO
	{
		id: 'R7t',
		at: ['ContactSharingMessage', 'allOf', '1', 'properties', 'origin'],
		before: undefined,
		after: { type: 'string', enum: ['contact_request', 'other'] },
	},
	{ id: 'R7t', at: ['ContactObject_1', 'properties', 'origin'], before: undefined, after: { type: 'string', enum: ['contact_request', 'other'] } },
	{ id: 'R7t', at: ['ContactObject_1', 'properties', 'vcard'], before: undefined, after: STRING },
];

export const USERNAME_PATCHES: Patch[] = [
	...SEND_PATCHES,
	...WEBHOOK_PATCHES,
	...blockEntryPatches('BlockUserSRequest'),
	...blockEntryPatches('UnblockUserSRequest'),
	{ id: 'R7u', at: ['BlockedUserOperation', 'properties', 'user_id'], before: undefined, after: BSUID },
	{ id: 'R7u', at: ['BlockedUser', 'properties', 'user_id'], before: undefined, after: BSUID },
];
