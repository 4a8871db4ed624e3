/**
 * The group webhooks Meta posts, built from the simulator's groups: `group_lifecycle_update`
 * (group_create with the invite link, group_delete), `group_participants_update` (a participant
 * joined by the link or was approved, removed, or asked to join), `group_settings_update`, and a
 * message a participant writes in the group (`messages` with `group_id`). Layout after Meta's
 * "Webhooks for Groups API" (https://developers.facebook.com/documentation/business-messaging/whatsapp/groups/webhooks)
 * and "Group messaging" → "Receive group messages" (…/whatsapp/groups/groups-messaging); users
 * as in docs/usernames-facts.md (a phone number only when Meta may share it, always the BSUID).
 */
import { type Contact, contactEntry, incomingId, messagesDelivery, metadataOf, now, senderOf, userIdOf } from './customer';
import type { SimGroup, SimJoinRequest } from './groupState';

type GroupField = 'group_lifecycle_update' | 'group_participants_update' | 'group_settings_update';

function groupDelivery(field: GroupField, group: SimGroup, event: Record<string, unknown>) {
	return {
		object: 'whatsapp_business_account',
		entry: [
			{
				id: '200000000000001',
				changes: [
					{
						field,
						value: {
							messaging_product: 'whatsapp',
							metadata: metadataOf(group.phoneNumberId),
							groups: [{ timestamp: now(), group_id: group.id, ...event }],
						},
					},
				],
			},
		],
	};
}

/** A participant as Meta names one in a group event: what the request said (`input`), the phone number when shared, the BSUID. */
function participantOf(contact: Contact, input?: string) {
	return {
		input: input ?? contact.waId ?? userIdOf(contact),
		...(contact.waId ? { wa_id: contact.waId } : {}),
		user_id: userIdOf(contact),
	};
}

export function groupCreated(group: SimGroup, requestId: string) {
	return groupDelivery('group_lifecycle_update', group, {
		type: 'group_create',
		request_id: requestId,
		subject: group.subject,
		...(group.description ? { description: group.description } : {}),
		invite_link: group.inviteLink,
		join_approval_mode: group.joinApprovalMode,
	});
}

export function groupDeleted(group: SimGroup, requestId: string) {
	return groupDelivery('group_lifecycle_update', group, { type: 'group_delete', request_id: requestId });
}

export function participantsAdded(group: SimGroup, added: Contact[], reason: 'invite_link' | 'join_request_approved', requestId?: string) {
	return groupDelivery('group_participants_update', group, {
		type: 'group_participants_add',
		reason,
		...(requestId ? { request_id: requestId } : {}),
		added_participants: added.map((c) => participantOf(c)),
	});
}

export function participantsRemoved(group: SimGroup, removed: Array<{ contact: Contact; input: string }>, requestId: string) {
	return groupDelivery('group_participants_update', group, {
		type: 'group_participants_remove',
		request_id: requestId,
		initiated_by: 'business',
		removed_participants: removed.map((r) => participantOf(r.contact, r.input)),
	});
}

export function joinRequested(group: SimGroup, request: SimJoinRequest) {
	return groupDelivery('group_participants_update', group, {
		type: 'group_join_request_created',
		join_request_id: request.id,
		...(request.contact.waId ? { wa_id: request.contact.waId } : {}),
		user_id: userIdOf(request.contact),
	});
}

export function settingsUpdated(group: SimGroup, requestId: string, changed: { subject?: string; description?: string; picture?: boolean }) {
	return groupDelivery('group_settings_update', group, {
		type: 'group_settings_update',
		request_id: requestId,
		...(changed.subject !== undefined ? { group_subject: { text: changed.subject } } : {}),
		...(changed.description !== undefined ? { group_description: { text: changed.description } } : {}),
		...(changed.picture ? { profile_picture: { mime_type: 'image/jpeg', sha256: 'c2ltdWxhdG9yLWdyb3VwLXBpY3R1cmU=' } } : {}),
	});
}

/** A text a participant writes in the group: Meta's `messages` delivery with `group_id` on the message. */
export function groupMessage(group: SimGroup, from: Contact, text: string) {
	return messagesDelivery(group.phoneNumberId, {
		contacts: [contactEntry(from)],
		messages: [{ ...senderOf(from), id: incomingId(), timestamp: now(), group_id: group.id, type: 'text', text: { body: text } }],
	});
}
