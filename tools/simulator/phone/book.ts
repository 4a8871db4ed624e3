/**
 * What the customer phone shows, from the simulator's state: the customers it can play, and per
 * customer one chat — the business's messages (state.sentMessages addressed to them, with the
 * status the phone last reported for each) and what the customer wrote from the phone (kept here,
 * per SimState, so a reset empties the phone too). Templates come back with their text filled in.
 */
import { CUSTOMER, type Contact, USERNAME_CUSTOMER, userIdOf } from '../customer';
import type { DeliveryStatus } from '../customerEvents';
import type { SimState, SimTemplate } from '../state';

/** The third customer: a second phone-number user, to show chats stay apart. */
export const SECOND_CUSTOMER: Contact = { waId: '15550007777', userId: 'US.30576219566302741002', name: 'Second Customer' };

export const PHONE_CUSTOMERS = { phone: CUSTOMER, username: USERNAME_CUSTOMER, second: SECOND_CUSTOMER } as const;
export type PhoneCustomerKey = keyof typeof PHONE_CUSTOMERS;

export function isCustomerKey(value: unknown): value is PhoneCustomerKey {
	return typeof value === 'string' && Object.hasOwn(PHONE_CUSTOMERS, value);
}

/** A message the customer sent from the phone, and what the trigger answered. */
export interface WrittenMessage {
	id: string;
	customer: PhoneCustomerKey;
	at: string;
	/** The message object as it went out in the webhook (type and content, context). */
	message: Record<string, unknown>;
	/** Where the webhook went and the HTTP status; empty when no app had a URL for it. */
	deliveries: Array<{ url: string; status: number }>;
}

export interface PhoneBook {
	written: WrittenMessage[];
	/** The status the phone reported (by webhook) for each business message, by wamid. */
	reported: Record<string, DeliveryStatus>;
	/** The switch: the next business message gets a failed status instead of delivered. */
	failNext: boolean;
}

const books = new WeakMap<SimState, PhoneBook>();

export function bookOf(state: SimState): PhoneBook {
	let book = books.get(state);
	if (!book) {
		book = { written: [], reported: {}, failNext: false };
		books.set(state, book);
	}
	return book;
}

/** Which phone customer a send went to (`to` digits or a BSUID recipient); undefined for others (groups, strangers). */
export function customerOfAddress(to: string): PhoneCustomerKey | undefined {
	const digits = to.replace(/[^0-9]/g, '');
	for (const [key, contact] of Object.entries(PHONE_CUSTOMERS) as Array<[PhoneCustomerKey, Contact]>) {
		if (to === userIdOf(contact) || to === contact.parentUserId || (contact.waId && digits === contact.waId)) return key;
	}
	return undefined;
}

type Params = Array<{ type?: string; text?: string; parameter_name?: string }>;

function fill(text: string, params: Params | undefined): string {
	let position = 0;
	return text.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (whole, name: string) => {
		const named = params?.find((p) => p.parameter_name === name);
		const param = named ?? (/^[0-9]+$/.test(name) ? params?.[Number(name) - 1] : params?.[position]);
		position += 1;
		return typeof param?.text === 'string' ? param.text : whole;
	});
}

/** A sent template as the customer reads it: header, body, footer with the variables filled, and its buttons. */
export function renderTemplate(templates: SimTemplate[], body: Record<string, unknown>) {
	const sent = (body.template ?? {}) as { name?: string; language?: { code?: string }; components?: Array<{ type?: string; parameters?: Params }> };
	const template = templates.find((t) => t.name === sent.name && (!sent.language?.code || t.language === sent.language.code));
	if (!template) return { name: sent.name, header: '', body: `Template ${sent.name ?? '?'}`, footer: '', buttons: [] as string[] };
	const paramsOf = (type: string) => sent.components?.find((c) => c.type === type)?.parameters;
	const part = (type: string) => template.components.find((c) => c.type === type) as { text?: string; format?: string; buttons?: Array<{ text?: string }> } | undefined;
	const header = part('HEADER');
	return {
		name: template.name,
		header: header?.text ? fill(header.text, paramsOf('header')) : header?.format ? `[${header.format.toLowerCase()}]` : '',
		body: fill(part('BODY')?.text ?? '', paramsOf('body')),
		footer: part('FOOTER')?.text ?? '',
		buttons: (part('BUTTONS')?.buttons ?? []).map((b) => b.text ?? ''),
	};
}

/** One chat line for the page: the business's message (with its status) or the customer's. */
export type ChatEntry =
	| { from: 'business'; id: string; at: string; body: unknown; status: DeliveryStatus | 'pending'; read: boolean; template?: ReturnType<typeof renderTemplate> }
	| { from: 'customer'; id: string; at: string; message: Record<string, unknown>; deliveries: WrittenMessage['deliveries']; read: boolean };

/** The chat of one customer, oldest first; `readByBusiness`: wamids the business marked as read. */
export function chatOf(state: SimState, key: PhoneCustomerKey, readByBusiness: Set<string>): ChatEntry[] {
	const book = bookOf(state);
	const business: ChatEntry[] = state.sentMessages
		.filter((m) => customerOfAddress(m.to) === key)
		.map((m) => {
			const body = m.body as Record<string, unknown>;
			const status = book.reported[m.id] ?? 'pending';
			return {
				from: 'business',
				id: m.id,
				at: m.at,
				body,
				status,
				read: status === 'read',
				...(m.type === 'template' ? { template: renderTemplate(state.templates, body) } : {}),
			};
		});
	const written: ChatEntry[] = book.written
		.filter((w) => w.customer === key)
		.map((w) => ({ from: 'customer', id: w.id, at: w.at, message: w.message, deliveries: w.deliveries, read: readByBusiness.has(w.id) }));
	return [...business, ...written].sort((a, b) => a.at.localeCompare(b.at));
}
