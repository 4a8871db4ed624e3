/**
 * The simulator playing the customer: Meta's webhook deliveries for a contact answering a message
 * the business sent — a reply-button tap, a list pick, a template quick-reply tap, a text — and
 * the status updates of a sent message. Shapes follow Meta's webhook reference (messages change,
 * `context` naming the answered message). Post them with webhook-client.ts `postWebhook`.
 */
import { randomBytes } from 'node:crypto';

import { CUSTOMER_WA_ID, PHONE_NUMBERS } from './fixtures';

export interface SentMessage {
	/** The wamid the simulator returned for the business's message. */
	id: string;
	phoneNumberId: string;
	/** The request body the business posted to /messages (JSON the suites read into freely). */
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	body: Record<string, any>;
}

export interface Contact {
	waId: string;
	name: string;
}

export const CUSTOMER: Contact = { waId: CUSTOMER_WA_ID, name: 'Sim Customer' };

let counter = 0;
function incomingId(): string {
	counter += 1;
	return `wamid.${Buffer.from(`HBgLIN${counter}${randomBytes(8).toString('hex').toUpperCase()}`).toString('base64')}`;
}

function metadataOf(phoneNumberId: string): { display_phone_number: string; phone_number_id: string } {
	const phone = PHONE_NUMBERS.find((p) => p.id === phoneNumberId);
	return {
		display_phone_number: (phone?.displayPhoneNumber ?? '15550100001').replace(/[^0-9]/g, ''),
		phone_number_id: phoneNumberId,
	};
}

function now(): string {
	return String(Math.floor(Date.now() / 1000));
}

/** A webhook delivery of the messages field for the business number `phoneNumberId`, with `value`'s fields. */
function messagesDelivery<V extends Record<string, unknown>>(phoneNumberId: string, value: V) {
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

/** One delivery with one incoming message from `from` to the business number that sent `sent`. */
export function incomingDelivery(phoneNumberId: string, message: Record<string, unknown>, from: Contact = CUSTOMER) {
	return messagesDelivery(phoneNumberId, {
		contacts: [{ profile: { name: from.name }, wa_id: from.waId }],
		messages: [{ from: from.waId, id: incomingId(), timestamp: now(), ...message }],
	});
}

/** The contact taps reply button `index` (0-based) of an interactive button message. */
export function buttonReply(sent: SentMessage, index: number, from: Contact = CUSTOMER) {
	const button = sent.body.interactive?.action?.buttons?.[index]?.reply;
	if (!button) throw new Error(`the sent message has no reply button ${index}: ${JSON.stringify(sent.body)}`);
	return incomingDelivery(
		sent.phoneNumberId,
		{
			context: { from: metadataOf(sent.phoneNumberId).display_phone_number, id: sent.id },
			type: 'interactive',
			interactive: { type: 'button_reply', button_reply: { id: button.id, title: button.title } },
		},
		from,
	);
}

/** The contact picks row `index` (0-based, across sections) of a list message. */
export function listReply(sent: SentMessage, index: number, from: Contact = CUSTOMER) {
	const rows = (sent.body.interactive?.action?.sections ?? []).flatMap((s: { rows?: Array<{ id: string; title: string; description?: string }> }) => s.rows ?? []);
	const row = rows[index];
	if (!row) throw new Error(`the sent list has no row ${index}: ${JSON.stringify(sent.body)}`);
	return incomingDelivery(
		sent.phoneNumberId,
		{
			context: { from: metadataOf(sent.phoneNumberId).display_phone_number, id: sent.id },
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
export function quickReply(sent: SentMessage, index: number, text: string, from: Contact = CUSTOMER) {
	const buttons = (sent.body.template?.components ?? []).filter(
		(c: { type?: string; sub_type?: string }) => c.type === 'button' && c.sub_type === 'quick_reply',
	);
	const payload = buttons[index]?.parameters?.[0]?.payload;
	if (typeof payload !== 'string')
		throw new Error(`the sent template has no quick-reply ${index}: ${JSON.stringify(sent.body)}`);
	return incomingDelivery(
		sent.phoneNumberId,
		{
			context: { from: metadataOf(sent.phoneNumberId).display_phone_number, id: sent.id },
			type: 'button',
			button: { payload, text },
		},
		from,
	);
}

/** The contact writes a text; `replyTo` makes it a swipe-reply to that message. */
export function textReply(phoneNumberId: string, body: string, from: Contact = CUSTOMER, replyTo?: string) {
	return incomingDelivery(
		phoneNumberId,
		{
			...(replyTo ? { context: { from: metadataOf(phoneNumberId).display_phone_number, id: replyTo } } : {}),
			type: 'text',
			text: { body },
		},
		from,
	);
}

/** A status update of a sent message (Meta echoes the message's biz_opaque_callback_data). */
export function statusUpdate(
	sent: SentMessage,
	status: 'sent' | 'delivered' | 'read',
	recipient = String(sent.body.to),
) {
	const callback = sent.body.biz_opaque_callback_data;
	return messagesDelivery(sent.phoneNumberId, {
		statuses: [
			{
				id: sent.id,
				status,
				timestamp: now(),
				recipient_id: recipient.replace(/[^0-9]/g, ''),
				...(typeof callback === 'string' ? { biz_opaque_callback_data: callback } : {}),
				pricing: { billable: true, pricing_model: 'PMP', category: 'service' },
			},
		],
	});
}
