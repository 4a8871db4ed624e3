/**
 * The simulator playing the customer: Meta's webhook deliveries for a contact answering a message
 * the business sent — a reply-button tap, a list pick, a template quick-reply tap, a text, the
 * phone number shared through REQUEST_CONTACT_INFO. Shapes follow Meta's webhook reference
 * (messages change, `context` naming the answered message) and, for user identity, Meta's
 * "Business-scoped user IDs" page (docs/usernames-facts.md). Two customers: the phone customer
 * (webhooks carry `wa_id`/`from` and the BSUID `user_id`/`from_user_id`) and the username customer
 * (no phone number anywhere: `user_id`, `from_user_id`, `profile.username`). Statuses, group
 * statuses and identity system messages: customerEvents.ts. Post them with webhook-client.ts.
 */
import { randomBytes } from 'node:crypto';

import {
	CUSTOMER_USER_ID,
	CUSTOMER_WA_ID,
	PHONE_NUMBERS,
	USERNAME_CUSTOMER_NAME,
	USERNAME_CUSTOMER_PHONE,
	USERNAME_CUSTOMER_USER_ID,
	USERNAME_CUSTOMER_USERNAME,
} from './fixtures';

// Statuses used to live here; suites import them from this module (a lazy re-export, no cycle at load).
export { statusUpdate } from './customerEvents';

export interface SentMessage {
	/** The wamid the simulator returned for the business's message. */
	id: string;
	phoneNumberId: string;
	/** The request body the business posted to /messages (JSON the suites read into freely). */
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	body: Record<string, any>;
}

/** A WhatsApp user as Meta's webhooks name them; at least one of waId / userId. */
export interface Contact {
	/** Phone number (digits): absent when Meta withholds it (a username user). */
	waId?: string;
	/** BSUID; when absent, one is made from waId (Meta sends a BSUID for every user). */
	userId?: string;
	/** Parent BSUID (`US.ENT.…`), only where Meta enabled it. */
	parentUserId?: string;
	/** WhatsApp username, for users who adopted one. */
	username?: string;
	name: string;
	/** The number the user shares through REQUEST_CONTACT_INFO when Meta withholds waId. */
	phone?: string;
}

export const CUSTOMER: Contact = { waId: CUSTOMER_WA_ID, userId: CUSTOMER_USER_ID, name: 'Sim Customer' };
export const USERNAME_CUSTOMER: Contact = {
	userId: USERNAME_CUSTOMER_USER_ID,
	username: USERNAME_CUSTOMER_USERNAME,
	name: USERNAME_CUSTOMER_NAME,
	phone: USERNAME_CUSTOMER_PHONE,
};

/** Which customer: the phone customer, the username customer, or any contact. */
export type Customer = Contact | 'phone' | 'username';

export function contactOf(who: Customer = 'phone'): Contact {
	if (who === 'phone') return CUSTOMER;
	if (who === 'username') return USERNAME_CUSTOMER;
	if (!who.waId && !who.userId) throw new Error('a customer needs waId or userId');
	return who;
}

/** The contact's BSUID (made from the phone number for contacts given without one). */
export function userIdOf(contact: Contact): string {
	return contact.userId ?? `US.${contact.waId}0`;
}

/** The known customer a send addressed (by `to` or `recipient`), else a contact made from the address. */
export function addresseeOf(body: Record<string, unknown>): Contact {
	if (typeof body.recipient === 'string') {
		const id = body.recipient;
		return [CUSTOMER, USERNAME_CUSTOMER].find((c) => c.userId === id || c.parentUserId === id) ?? { userId: id, name: 'Sim Customer' };
	}
	const waId = String(body.to ?? '').replace(/[^0-9]/g, '');
	return [CUSTOMER, USERNAME_CUSTOMER].find((c) => c.waId === waId) ?? { waId, name: 'Sim Customer' };
}

/** A `contacts[]` entry (incoming messages; statuses leave the username out of "sent"). */
export function contactEntry(contact: Contact, withUsername = true) {
	return {
		profile: { name: contact.name, ...(withUsername && contact.username ? { username: contact.username } : {}) },
		...(contact.waId ? { wa_id: contact.waId } : {}),
		user_id: userIdOf(contact),
		...(contact.parentUserId ? { parent_user_id: contact.parentUserId } : {}),
	};
}

/** The sender fields of a message: `from` only when Meta may share the number. */
export function senderOf(contact: Contact) {
	return {
		...(contact.waId ? { from: contact.waId } : {}),
		from_user_id: userIdOf(contact),
		...(contact.parentUserId ? { from_parent_user_id: contact.parentUserId } : {}),
	};
}

let counter = 0;
export function incomingId(): string {
	counter += 1;
	return `wamid.${Buffer.from(`HBgLIN${counter}${randomBytes(8).toString('hex').toUpperCase()}`).toString('base64')}`;
}

export function metadataOf(phoneNumberId: string): { display_phone_number: string; phone_number_id: string } {
	const phone = PHONE_NUMBERS.find((p) => p.id === phoneNumberId);
	return {
		display_phone_number: (phone?.displayPhoneNumber ?? '15550100001').replace(/[^0-9]/g, ''),
		phone_number_id: phoneNumberId,
	};
}

export function now(): string {
	return String(Math.floor(Date.now() / 1000));
}

/** A webhook delivery of the messages field for the business number `phoneNumberId`, with `value`'s fields. */
export function messagesDelivery<V extends Record<string, unknown>>(phoneNumberId: string, value: V) {
	return {
		object: 'whatsapp_business_account',
		entry: [
			{
				id: '200000000000001',
				changes: [
					{
						field: 'messages',
						value: { messaging_product: 'whatsapp', metadata: metadataOf(phoneNumberId), ...value },
					},
				],
			},
		],
	};
}

/** One delivery with one incoming message from `from` to the business number `phoneNumberId`. */
export function incomingDelivery(phoneNumberId: string, message: Record<string, unknown>, from: Customer = CUSTOMER) {
	const contact = contactOf(from);
	return messagesDelivery(phoneNumberId, {
		contacts: [contactEntry(contact)],
		messages: [{ ...senderOf(contact), id: incomingId(), timestamp: now(), ...message }],
	});
}

function contextOf(phoneNumberId: string, id: string) {
	return { context: { from: metadataOf(phoneNumberId).display_phone_number, id } };
}

/** The contact taps reply button `index` (0-based) of an interactive button message. */
export function buttonReply(sent: SentMessage, index: number, from: Customer = CUSTOMER) {
	const button = sent.body.interactive?.action?.buttons?.[index]?.reply;
	if (!button) throw new Error(`the sent message has no reply button ${index}: ${JSON.stringify(sent.body)}`);
	return incomingDelivery(
		sent.phoneNumberId,
		{
			...contextOf(sent.phoneNumberId, sent.id),
			type: 'interactive',
			interactive: { type: 'button_reply', button_reply: { id: button.id, title: button.title } },
		},
		from,
	);
}

/** The contact picks row `index` (0-based, across sections) of a list message. */
export function listReply(sent: SentMessage, index: number, from: Customer = CUSTOMER) {
	const rows = (sent.body.interactive?.action?.sections ?? []).flatMap((s: { rows?: Array<{ id: string; title: string; description?: string }> }) => s.rows ?? []);
	const row = rows[index];
	if (!row) throw new Error(`the sent list has no row ${index}: ${JSON.stringify(sent.body)}`);
	return incomingDelivery(
		sent.phoneNumberId,
		{
			...contextOf(sent.phoneNumberId, sent.id),
			type: 'interactive',
			interactive: {
				type: 'list_reply',
				list_reply: { id: row.id, title: row.title, ...(row.description ? { description: row.description } : {}) },
			},
		},
		from,
	);
}

/** The contact taps quick-reply button `index` (0-based among the template's button parameters). */
export function quickReply(sent: SentMessage, index: number, text: string, from: Customer = CUSTOMER) {
	const buttons = (sent.body.template?.components ?? []).filter(
		(c: { type?: string; sub_type?: string }) => c.type === 'button' && c.sub_type === 'quick_reply',
	);
	const payload = buttons[index]?.parameters?.[0]?.payload;
	if (typeof payload !== 'string')
		throw new Error(`the sent template has no quick-reply ${index}: ${JSON.stringify(sent.body)}`);
	return incomingDelivery(sent.phoneNumberId, { ...contextOf(sent.phoneNumberId, sent.id), type: 'button', button: { payload, text } }, from);
}

/** The contact writes a text; `replyTo` makes it a swipe-reply to that message. */
export function textReply(phoneNumberId: string, body: string, from: Customer = CUSTOMER, replyTo?: string) {
	return incomingDelivery(phoneNumberId, { ...(replyTo ? contextOf(phoneNumberId, replyTo) : {}), type: 'text', text: { body } }, from);
}

/**
 * The contact taps REQUEST_CONTACT_INFO (template button or interactive): a `contacts` message
 * with `origin: "contact_request"`, the vCard and the number — the only way a username user's
 * number reaches the business. The sender stays as Meta names it (no `from` for a username user).
 */
export function contactInfoShared(phoneNumberId: string, from: Customer = USERNAME_CUSTOMER, replyTo?: string) {
	const contact = contactOf(from);
	const number = contact.waId ?? contact.phone;
	if (!number) throw new Error('the customer has no phone number to share');
	const vcard = ['BEGIN:VCARD', 'VERSION:3.0', `FN:${contact.name}`, `TEL;type=CELL;waid=${number}:+${number}`, 'END:VCARD'].join('\n');
	return incomingDelivery(
		phoneNumberId,
		{
			...(replyTo ? contextOf(phoneNumberId, replyTo) : {}),
			type: 'contacts',
			origin: 'contact_request',
			contacts: [{ name: { formatted_name: contact.name }, vcard, phones: [{ phone: `+${number}`, wa_id: number, type: 'CELL' }] }],
		},
		contact,
	);
}
