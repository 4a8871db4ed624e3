/**
 * R7 contract fixes and R8 additions for the Groups API (issue 22). Meta's v23.0 file has the group
 * management operations (create, list, get, update, delete, invite link, join requests,
 * participants: listed in operations.ts); these close what it leaves open, each from Meta's pages:
 * "Group management" (https://developers.facebook.com/documentation/business-messaging/whatsapp/groups/reference),
 * "Group messaging" (…/whatsapp/groups/groups-messaging) and "Groups API" (…/whatsapp/groups, the
 * quick facts: 8 participants per group, 10,000 groups per business number, one Cloud API business
 * per group; Official Business Accounts only, not Coexistence or Multi-solution Conversations numbers).
 *     z  Send: a body with recipient_type "group" is one of the types Meta lists for groups: text,
 *        media (image, video, audio, document, sticker) and templates ("Group messaging":
 *        interactive, location, contacts and reactions are not supported in groups). The group
 *        goes in `to` (a BSUID in `recipient` fails its pattern).
 *        Incoming messages: a message a participant writes in a group carries `group_id`
 *        ("Group messaging" → "Receive group messages").
 *        Get Group Info: a participant may be named by BSUID (`user_id`), as everywhere since
 *        usernames ("Business-scoped user IDs").
 *     R8 GET /{group_id}/invite_link → {messaging_product, invite_link} ("Get and reset group
 *        invite link": GET reads the link, POST resets it; the file has only the POST and a DELETE).
 */
import type { Json, JsonObject } from '../json';
import type { OperationOut } from '../operations';
import type { Patch } from './patch';

const STRING: Json = { type: 'string' };
const BSUID: Json = { type: 'string', pattern: '^[A-Z]{2}\\.(ENT\\.)?[A-Za-z0-9]{1,128}$' };

/**
 * The message schemas of the types Meta does not take in groups: recipient_type "individual" only.
 * Said in each type's own `properties` (not as an if/then on the envelope: a conditional there
 * makes the validator report every property of a refused body as unevaluated).
 */
const INDIVIDUAL_ONLY = ['LocationMessage', 'ReactionMessage', 'ContactsMessage', 'InteractiveMessage'];

export const GROUP_PATCHES: Patch[] = [
	...INDIVIDUAL_ONLY.map(
		(name): Patch => ({ id: 'R7z', at: [name, 'allOf', '1', 'properties', 'recipient_type'], before: undefined, after: { type: 'string', const: 'individual' } }),
	),
	{ id: 'R7z', at: ['BaseMessageProperties_1', 'properties', 'group_id'], before: undefined, after: STRING },
	{ id: 'R7z', at: ['GroupInfo', 'properties', 'participants', 'items', 'properties', 'user_id'], before: undefined, after: BSUID },
];

export const GROUP_OPERATIONS: Record<string, { operation: OperationOut; defs: JsonObject }> = {
	'GET /{Version}/{group_id}/invite_link': {
		operation: { operationId: 'r8GetGroupInviteLink', source: 'R8', query: [], response: 'R8GroupInviteLink' },
		defs: {
			R8GroupInviteLink: {
				type: 'object',
				required: ['invite_link'],
				properties: { messaging_product: STRING, invite_link: STRING },
			},
		},
	},
};
