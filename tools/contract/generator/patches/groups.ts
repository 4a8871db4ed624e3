/**
 * R7 contract fixes and R8 additions for the Groups API (issue 22). Meta's v23.0 file has the group
 * management operations (create, list, get, update, delete, invite link, join requests,
 * participants: listed in operations.ts); these close what it leaves open, each from Meta's pages:
 * "Group management" (https://developers.facebook.com/documentation/business-messaging/whatsapp/groups/reference),
 * "Group messaging" (…/whatsapp/groups/groups-messaging) and "Groups API" (…/whatsapp/groups, the
 * quick facts: 8 participants per group, 10,000 groups per business number, one Cloud API business
 * per group; Official Business Accounts only, not Coexistence or Multi-solution Conversations numbers).
 *     z  Send: a body with recipient_type "group" names the group in `to` (never `recipient`, a
 *        BSUID) and is one of the types Meta lists for groups: text, media (image, video, audio,
 *        document, sticker) and templates ("Group messaging": interactive, location, contacts,
 *        reactions and the rest are not supported in groups).
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

/** The message types Meta lets a business send to a group ("Group messaging", overview). */
export const GROUP_MESSAGE_TYPES = ['text', 'image', 'video', 'audio', 'document', 'sticker', 'template'];

const GROUP_SEND: Json = {
	if: { properties: { recipient_type: { const: 'group' } }, required: ['recipient_type'] },
	then: {
		required: ['to', 'type'],
		not: { required: ['recipient'] },
		properties: { type: { enum: GROUP_MESSAGE_TYPES } },
	},
};

export const GROUP_PATCHES: Patch[] = [
	{ id: 'R7z', at: ['BaseMessageProperties', 'allOf'], before: undefined, after: [GROUP_SEND] },
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
