/**
 * What the customer phone does through the simulator: the customer writes, taps or shares
 * something (a webhook delivery built by customer.ts / customerRequest.ts), and the business's
 * messages get their statuses as Meta reports them — sent and delivered once the phone sees the
 * message, read once the customer has the chat open, failed instead when the switch is on. Every
 * delivery goes where Meta would send it (webhookRouting.ts: number override, WABA override, app
 * callback), signed with the app secret.
 */
import { contactOf, incomingDelivery, metadataOf, type SentMessage } from '../customer';
import { customerPayload, type CustomerRequest } from '../customerRequest';
import { SAMPLE_MEDIA_ID, PHONE_NUMBER_ID } from '../fixtures';
import type { Simulator } from '../server';
import { routeWebhook } from '../webhookRouting';
import { bookOf, customerOfAddress, PHONE_CUSTOMERS, type PhoneCustomerKey, type WrittenMessage } from './book';

type Poster = Pick<Simulator, 'state' | 'postWebhook'>;

/** What the page asks for: the kind of message and its content. */
export interface PhoneAction {
	customer: PhoneCustomerKey;
	kind: 'text' | 'button' | 'list' | 'image' | 'document' | 'location' | 'reaction';
	text?: string;
	/** button / list: the business message answered and which button or row (0-based). */
	messageId?: string;
	index?: number;
	/** text, image, document, location: a reply quoting this message. reaction: the message reacted to. */
	replyTo?: string;
	emoji?: string;
}

/** Posts a delivery to every route Meta would use; returns where it went. */
async function deliver(sim: Poster, payload: unknown): Promise<WrittenMessage['deliveries']> {
	const out: WrittenMessage['deliveries'] = [];
	for (const route of routeWebhook(sim.state, payload)) {
		if (!route.url) continue;
		const answer = await sim.postWebhook(route.url, payload).catch(() => ({ status: 0 }));
		out.push({ url: route.url, status: answer.status });
	}
	return out;
}

function context(replyTo: string | undefined, phoneNumberId: string) {
	return replyTo ? { context: { from: metadataOf(phoneNumberId).display_phone_number, id: replyTo } } : {};
}

/** The sent message a tap answers, as customerRequest.ts wants it. */
function sentMessage(sim: Poster, id: string | undefined): SentMessage {
	const found = sim.state.sentMessages.find((m) => m.id === id);
	if (!found) throw new Error(`no business message ${id ?? ''} to answer`);
	return { id: found.id, phoneNumberId: found.phoneNumberId, body: found.body as SentMessage['body'] };
}

/** Meta's delivery for what the customer did on the phone. */
function payloadOf(sim: Poster, action: PhoneAction): unknown {
	const contact = contactOf(PHONE_CUSTOMERS[action.customer]);
	const answered = action.messageId ? sentMessage(sim, action.messageId) : undefined;
	const phoneNumberId = answered?.phoneNumberId ?? PHONE_NUMBER_ID;
	const request = (kind: CustomerRequest['kind']): CustomerRequest => ({
		kind,
		customer: contact,
		phoneNumberId,
		messageId: action.messageId,
		index: action.index ?? 0,
		text: action.text,
		replyTo: action.replyTo,
	});
	const message = (fields: Record<string, unknown>) =>
		incomingDelivery(phoneNumberId, { ...context(action.replyTo, phoneNumberId), ...fields }, contact);
	switch (action.kind) {
		case 'text':
			if (!action.text?.trim()) throw new Error('write something first');
			return customerPayload(sim.state, request('text'));
		case 'button':
			return customerPayload(sim.state, request(answered?.body.type === 'template' ? 'quickReply' : 'buttonReply'));
		case 'list':
			return customerPayload(sim.state, request('listReply'));
		case 'image': {
			const media = sim.state.media[SAMPLE_MEDIA_ID];
			return message({ type: 'image', image: { id: SAMPLE_MEDIA_ID, mime_type: media?.mimeType ?? 'image/png', sha256: media?.sha256 ?? '', ...(action.text ? { caption: action.text } : {}) } });
		}
		case 'document': {
			const media = sim.state.media[SAMPLE_MEDIA_ID];
			return message({ type: 'document', document: { id: SAMPLE_MEDIA_ID, filename: action.text || 'receipt.png', mime_type: media?.mimeType ?? 'image/png', sha256: media?.sha256 ?? '' } });
		}
		case 'location':
			return message({ type: 'location', location: { latitude: 52.520008, longitude: 13.404954, name: 'Brandenburg Gate', address: 'Pariser Platz, 10117 Berlin' } });
		case 'reaction':
			if (!action.replyTo) throw new Error('a reaction needs the message reacted to');
			return incomingDelivery(phoneNumberId, { type: 'reaction', reaction: { message_id: action.replyTo, emoji: action.emoji ?? '👍' } }, contact);
		default:
			throw new Error(`unknown action ${String(action.kind)}`);
	}
}

/** The customer does `action`: the webhook goes out and the phone keeps the message. */
export async function act(sim: Poster, action: PhoneAction): Promise<WrittenMessage> {
	const payload = payloadOf(sim, action) as { entry: Array<{ changes: Array<{ value: { messages: Array<Record<string, unknown>> } }> }> };
	const message = payload.entry[0].changes[0].value.messages[0];
	const written: WrittenMessage = { id: String(message.id), customer: action.customer, at: new Date().toISOString(), message, deliveries: [] };
	bookOf(sim.state).written.push(written);
	written.deliveries = await deliver(sim, payload);
	return written;
}

/**
 * Reports the business's messages to the phone customers: each new one `sent` then `delivered`
 * (or `failed` once, when the switch is on), and those of the chat the customer has open `read`.
 * Marks before posting, so overlapping polls report each status once.
 */
export async function reportStatuses(sim: Poster, viewing: PhoneCustomerKey | undefined): Promise<void> {
	const book = bookOf(sim.state);
	for (const sent of [...sim.state.sentMessages]) {
		const key = customerOfAddress(sent.to);
		if (!key) continue;
		const steps: Array<'sent' | 'delivered' | 'read' | 'failed'> = [];
		const now = book.reported[sent.id];
		if (!now) {
			if (book.failNext) {
				book.failNext = false;
				steps.push('failed');
			} else steps.push('sent', 'delivered');
		}
		if (key === viewing && now !== 'read' && now !== 'failed' && !steps.includes('failed')) steps.push('read');
		if (steps.length === 0) continue;
		book.reported[sent.id] = steps[steps.length - 1];
		for (const status of steps) {
			const customer = PHONE_CUSTOMERS[key];
			await deliver(sim, customerPayload(sim.state, { kind: 'status', messageId: sent.id, status, customer }));
		}
	}
}
