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
 */
import type { Json } from '../json';
import type { Patch } from './patch';

const STRING_OR_INTEGER: Json = { type: ['string', 'integer'] };

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
];
