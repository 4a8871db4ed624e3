/**
 * Webhook deliveries about a customer that are not messages they wrote: the statuses of a sent
 * message (one customer, or every member of a group), and the system messages Meta sends when a
 * user's identity changes. Field names: docs/usernames-facts.md (Meta, "Business-scoped user IDs";
 * "System messages webhook reference").
 */
import {
	addresseeOf,
	contactEntry,
	contactOf,
	type Contact,
	type Customer,
	incomingId,
	messagesDelivery,
	now,
	type SentMessage,
	userIdOf,
} from './customer';

export type DeliveryStatus = 'sent' | 'delivered' | 'read' | 'failed';

/** The error of a failed status (default: Meta's 131026, message undeliverable). */
export interface StatusFailure {
	code: number;
	title: string;
	details?: string;
}

const UNDELIVERABLE: StatusFailure = { code: 131026, title: 'Message undeliverable', details: 'Message undeliverable' };
const PRICING = { billable: true, pricing_model: 'PMP', type: 'regular', category: 'service' };

function isPhoneNumber(who: Customer | string): who is string {
	return typeof who === 'string' && who !== 'phone' && who !== 'username';
}

function callbackOf(sent: SentMessage): Record<string, string> {
	const callback = sent.body.biz_opaque_callback_data;
	return typeof callback === 'string' ? { biz_opaque_callback_data: callback } : {};
}

function failureFields(failure: StatusFailure) {
	return { errors: [{ code: failure.code, title: failure.title, message: failure.title, error_data: { details: failure.details ?? failure.title } }] };
}

/**
 * A status update of a sent message, as Meta sends it since BSUIDs: a send to a phone number has
 * `recipient_id` (+ `recipient_user_id`), a send to a BSUID has `recipient_user_id` (+ `recipient_id`
 * only when the number may be shared); `contacts[]` names the user, with the username on
 * delivered/read; a failed status has no `contacts[]`. Meta echoes biz_opaque_callback_data.
 * `who` overrides the addressee read from the sent body (a phone number string is the old form).
 */
export function statusUpdate(sent: SentMessage, status: DeliveryStatus, who?: Customer | string, failure: StatusFailure = UNDELIVERABLE) {
	const byBsuid = typeof sent.body.recipient === 'string';
	const contact = who === undefined ? addresseeOf(sent.body) : isPhoneNumber(who) ? addresseeOf({ to: who }) : contactOf(who);
	const failed = status === 'failed';
	const recipient = {
		...(contact.waId && !byBsuid ? { recipient_id: contact.waId } : {}),
		...(contact.waId && byBsuid && !failed ? { recipient_id: contact.waId } : {}),
		...(byBsuid || !failed ? { recipient_user_id: byBsuid ? String(sent.body.recipient) : userIdOf(contact) } : {}),
		...(contact.parentUserId && !failed ? { recipient_parent_user_id: contact.parentUserId } : {}),
	};
	return messagesDelivery(sent.phoneNumberId, {
		...(failed ? {} : { contacts: [contactEntry(contact, status !== 'sent')] }),
		statuses: [
			{
				id: sent.id,
				status,
				timestamp: now(),
				...recipient,
				...callbackOf(sent),
				...(failed ? failureFields(failure) : { pricing: PRICING }),
			},
		],
	});
}

/**
 * The statuses of one message sent to a group, one per member in one delivery, in Meta's layout:
 * `recipient_id` = the group, `recipient_type: "group"`, the member in `recipient_participant_id`
 * (their phone number) or, for a member Meta names by BSUID only, `recipient_participant_user_id`;
 * `contacts[]` one entry per member (none when failed). The group id is the sent `to` unless given.
 */
export function groupStatuses(sent: SentMessage, members: Customer[], status: DeliveryStatus = 'delivered', groupId?: string) {
	const group = groupId ?? String(sent.body.to ?? '');
	if (!group) throw new Error('groupStatuses needs the group id (the sent message has no `to`)');
	const contacts: Contact[] = members.map((m) => contactOf(m));
	const failed = status === 'failed';
	return messagesDelivery(sent.phoneNumberId, {
		...(failed ? {} : { contacts: contacts.map((c) => contactEntry(c, status !== 'sent')) }),
		statuses: contacts.map((c) => ({
			id: sent.id,
			status,
			timestamp: now(),
			recipient_id: group,
			recipient_type: 'group',
			...(c.waId ? { recipient_participant_id: c.waId } : { recipient_participant_user_id: userIdOf(c) }),
			...(c.parentUserId ? { recipient_participant_parent_user_id: c.parentUserId } : {}),
			...callbackOf(sent),
			...(failed ? failureFields(UNDELIVERABLE) : { pricing: { ...PRICING, category: 'group' } }),
		})),
	});
}

/** A system message (no contacts[]: Meta's system messages have none), sent as the customer's old identity. */
function systemDelivery(phoneNumberId: string, before: Contact, system: Record<string, unknown>) {
	return messagesDelivery(phoneNumberId, {
		messages: [
			{
				...(before.waId ? { from: before.waId } : {}),
				from_user_id: userIdOf(before),
				id: incomingId(),
				timestamp: now(),
				type: 'system',
				system,
			},
		],
	});
}

/** The customer changed their phone number to `newWaId`; Meta gives them a new BSUID too. */
export function userChangedNumber(phoneNumberId: string, who: Customer, newWaId: string, newUserId = `US.${newWaId}1`) {
	const before = contactOf(who);
	const old = before.waId ?? userIdOf(before);
	return systemDelivery(phoneNumberId, before, {
		body: `User ${before.name} changed from ${old} to ${newWaId}`,
		wa_id: newWaId,
		user_id: newUserId,
		previous_user_id: userIdOf(before),
		...(before.parentUserId ? { previous_parent_user_id: before.parentUserId } : {}),
		type: 'user_changed_number',
	});
}

/** The customer's BSUID changed to `newUserId` and Meta may not share a number: only the BSUIDs. */
export function userChangedUserId(phoneNumberId: string, who: Customer, newUserId: string) {
	const before = contactOf(who);
	return systemDelivery(phoneNumberId, { ...before, waId: undefined }, {
		body: `User ${before.name} changed from ${userIdOf(before)} to ${newUserId}`,
		user_id: newUserId,
		previous_user_id: userIdOf(before),
		...(before.parentUserId ? { previous_parent_user_id: before.parentUserId } : {}),
		type: 'user_changed_user_id',
	});
}
