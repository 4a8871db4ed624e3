import type { IDataObject } from 'n8n-workflow';

import { isObj, str, type Obj } from '../shared/jsonValues';
import { metaErrorHint } from '../shared/transport/metaErrors';
import { messageKey, otherKey, statusKey } from './dedupe';
import { fingerprint } from './fingerprint';
import { orderFields } from './orderMessage';

/** Which output family an event belongs to. */
export type EventKind = 'message' | 'status' | 'other';

export interface TriggerEvent {
	kind: EventKind;
	/** What redelivery dedupe keys on (dedupe.ts); also the item's `dedupeKey` field. */
	dedupeKey: string;
	json: IDataObject;
}

const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);

/** Unix seconds (string or number, as Meta sends them) → ISO 8601; null when absent or not a time. */
export function isoTime(value: unknown): string | null {
	const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
	if (!Number.isFinite(n) || n <= 0) return null;
	// Seconds (Meta) – but tolerate milliseconds.
	const ms = n > 1e12 ? n : n * 1000;
	const date = new Date(ms);
	return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** An error code as Meta sends it (a number, or digits in a string); anything else is no code. */
function errorCode(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value === 'string' && /^\d{1,12}$/.test(value)) return Number(value);
	return undefined;
}

/** Meta's error objects (on statuses and unsupported messages), each with our hint added. */
function withHints(errors: unknown): IDataObject[] {
	return arr(errors)
		.filter(isObj)
		.map((error) => ({
			...(error as IDataObject),
			hint: metaErrorHint(errorCode(error.code)) ?? null,
		}));
}

/**
 * What the user typed or tapped, as plain text: the text body, a quick-reply button's label,
 * a list / reply button's title, a Flow's reply, a reaction's emoji, a location's name and
 * address, a media caption, shared contacts' names, a system notice. Null when the message
 * carries no text (stickers, audio, unknown types).
 */
export function messageText(message: Obj): { text: string | null; replyId: string | null } {
	const type = str(message.type);
	const part = (isObj(message[type ?? '']) ? message[type ?? ''] : {}) as Obj;
	switch (type) {
		case 'text':
			return { text: str(part.body), replyId: null };
		case 'button':
			return { text: str(part.text), replyId: str(part.payload) };
		case 'interactive': {
			const replyType = str(part.type) ?? '';
			const reply = (isObj(part[replyType]) ? part[replyType] : {}) as Obj;
			if (replyType === 'nfm_reply') return { text: str(reply.body) ?? str(reply.name), replyId: str(reply.name) };
			return { text: str(reply.title), replyId: str(reply.id) };
		}
		case 'reaction':
			return { text: str(part.emoji), replyId: null };
		case 'location': {
			const words = [str(part.name), str(part.address)].filter((w): w is string => w !== null);
			return { text: words.length ? words.join(', ') : null, replyId: null };
		}
		case 'image':
		case 'video':
		case 'document':
		case 'audio':
		case 'sticker':
			return { text: str(part.caption) ?? (type === 'document' ? str(part.filename) : null), replyId: null };
		case 'order':
			return { text: str(part.text), replyId: null };
		case 'system':
			return { text: str(part.body), replyId: null };
		case 'contacts': {
			const names = arr(message.contacts)
				.filter(isObj)
				.map((c) => (isObj(c.name) ? str(c.name.formatted_name) : null))
				.filter((n): n is string => n !== null);
			return { text: names.length ? names.join(', ') : null, replyId: null };
		}
		default:
			return { text: null, replyId: null };
	}
}

interface ChangeContext {
	wabaId: string | null;
	field: string;
	phoneNumberId: string | null;
	displayPhoneNumber: string | null;
}

/**
 * The sender profiles of one change, looked up by wa_id in constant time (a change can carry
 * thousands of messages and as many contacts). The first contact with a wa_id wins; a change with
 * exactly one contact gives it to every message (Meta omits the wa_id match for some senders).
 */
class Contacts {
	private readonly byWaId = new Map<string, Obj>();
	private readonly only: Obj | undefined;

	constructor(value: Obj) {
		const contacts = arr(value.contacts).filter(isObj);
		for (const contact of contacts) {
			const waId = str(contact.wa_id);
			if (waId !== null && !this.byWaId.has(waId)) this.byWaId.set(waId, contact);
		}
		this.only = contacts.length === 1 ? contacts[0] : undefined;
	}

	of(waId: string | null): Obj | undefined {
		return (waId !== null ? this.byWaId.get(waId) : undefined) ?? this.only;
	}
}

type HashOf = (value: unknown) => string;

function messageEvent(ctx: ChangeContext, contacts: Contacts, message: Obj, hashOf: HashOf): TriggerEvent {
	const from = str(message.from);
	const contact = contacts.of(from);
	const profile = isObj(contact?.profile) ? contact.profile : {};
	const { text, replyId } = messageText(message);
	const id = str(message.id);
	const type = str(message.type);
	const context = isObj(message.context) ? message.context : undefined;
	const json: IDataObject = {
		event: 'message',
		phoneNumberId: ctx.phoneNumberId,
		displayPhoneNumber: ctx.displayPhoneNumber,
		wabaId: ctx.wabaId,
		timestamp: isoTime(message.timestamp),
		contactName: str(profile.name),
		waId: str(contact?.wa_id) ?? from,
		messageId: id,
		type,
		text,
		replyId,
		replyToMessageId: context ? str(context.id) : null,
	};
	if (message.errors !== undefined) json.errors = withHints(message.errors);
	if (type === 'order') json.order = orderFields(message.order);
	const dedupeKey = messageKey(ctx.phoneNumberId, message, hashOf);
	json.dedupeKey = dedupeKey;
	json.message = message as IDataObject;
	return { kind: 'message', dedupeKey, json };
}

function statusEvent(ctx: ChangeContext, status: Obj, hashOf: HashOf): TriggerEvent {
	const dedupeKey = statusKey(ctx.phoneNumberId, status, hashOf);
	const id = str(status.id);
	const value = str(status.status);
	const json: IDataObject = {
		event: 'status',
		phoneNumberId: ctx.phoneNumberId,
		displayPhoneNumber: ctx.displayPhoneNumber,
		wabaId: ctx.wabaId,
		timestamp: isoTime(status.timestamp),
		contactName: null,
		waId: str(status.recipient_id),
		statusId: id,
		type: value,
		status: value,
		recipientId: str(status.recipient_id),
		groupId: str(status.group_id),
		conversation: (status.conversation as IDataObject | undefined) ?? null,
		pricing: (status.pricing as IDataObject | undefined) ?? null,
		errors: withHints(status.errors),
		dedupeKey,
		statusObject: status as IDataObject,
	};
	return { kind: 'status', dedupeKey, json };
}

function otherEvent(ctx: ChangeContext, value: unknown, entryTime: unknown, hash: string): TriggerEvent {
	const dedupeKey = otherKey(ctx.wabaId, ctx.field, hash);
	const v = isObj(value) ? value : {};
	const firstGroup = arr(v.groups).find(isObj);
	const json: IDataObject = {
		event: ctx.field,
		phoneNumberId: ctx.phoneNumberId,
		displayPhoneNumber: ctx.displayPhoneNumber,
		wabaId: ctx.wabaId,
		timestamp: isoTime(firstGroup?.timestamp) ?? isoTime(v.timestamp) ?? isoTime(entryTime),
		contactName: null,
		waId: null,
		type: str(firstGroup?.type) ?? str(v.event) ?? ctx.field,
		text: null,
		field: ctx.field,
		dedupeKey,
		value: value as IDataObject,
	};
	return { kind: 'other', dedupeKey, json };
}

/**
 * One event per message, per status and per other field change, over every `entry[]` and
 * `changes[]` of a webhook payload, in the order Meta sent them. Nothing is dropped: a change
 * of the `messages` field without messages or statuses (and any other field) becomes one
 * "other" event carrying the untouched `value`.
 *
 * Every event carries its redelivery key (dedupe.ts) as `dedupeKey`, on the event and in its item.
 * `hashOf` turns a value into a stable text for the keys of "other" events (they have no ID) and of
 * messages or statuses without an ID; by default a depth-safe SHA-256 (fingerprint.ts).
 */
export function fanOut(payload: unknown, hashOf: HashOf = fingerprint): TriggerEvent[] {
	const events: TriggerEvent[] = [];
	if (!isObj(payload)) return events;
	for (const entry of arr(payload.entry)) {
		if (!isObj(entry)) continue;
		const wabaId = str(entry.id);
		for (const change of arr(entry.changes)) {
			if (!isObj(change)) continue;
			const field = str(change.field) ?? 'unknown';
			const value = change.value;
			const v = isObj(value) ? value : {};
			const metadata = isObj(v.metadata) ? v.metadata : {};
			const ctx: ChangeContext = {
				wabaId,
				field,
				phoneNumberId: str(metadata.phone_number_id),
				displayPhoneNumber: str(metadata.display_phone_number),
			};
			const messages = arr(v.messages).filter(isObj);
			const statuses = arr(v.statuses).filter(isObj);
			if (field === 'messages' && (messages.length > 0 || statuses.length > 0)) {
				const contacts = new Contacts(v);
				for (const message of messages) events.push(messageEvent(ctx, contacts, message, hashOf));
				for (const status of statuses) events.push(statusEvent(ctx, status, hashOf));
				continue;
			}
			events.push(otherEvent(ctx, value, entry.time, hashOf({ time: entry.time ?? null, value })));
		}
	}
	return events;
}
