import type { IDataObject } from 'n8n-workflow';

import { isObj, isoTimestamp, str, type Obj } from '../shared/jsonValues';
import { metaErrorHint } from '../shared/transport/metaErrors';
import { messageKey, otherKey, statusKey, statusParties } from './dedupe';
import { FIELD_MAPPERS, type FieldItem } from './events';
import { fingerprint } from './fingerprint';
import { callPermissionFields, errorCodeOf, errorFields, groupMessageFields, identityChange, identityChangeFields, messageText, sharedPhoneNumber } from './messageFields';
import { orderFields } from './orderMessage';
import { Contacts, merged, phoneOf, userFields, type UserIds } from './userFields';

export { messageText };

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
export const isoTime = isoTimestamp;

/** Meta's error objects (on statuses and unsupported messages), each with our hint added. */
function withHints(errors: unknown): IDataObject[] {
	return arr(errors)
		.filter(isObj)
		.map((error) => ({
			...(error as IDataObject),
			hint: metaErrorHint(errorCodeOf(error.code)) ?? null,
		}));
}

/**
 * What a status's `pricing` says, flat, for filters: the category (marketing, utility,
 * authentication, service …), the type (`regular`, `free_customer_service`, `free_entry_point`),
 * the model (`PMP`, per-message pricing since July 2025) and whether the message is billed.
 * Source: Meta, "Status messages webhook reference" (developers.facebook.com/documentation/
 * business-messaging/whatsapp/webhooks/reference/messages/status) and "Pricing updates" (per-message pricing).
 */
function pricingFields(pricing: unknown): IDataObject {
	const p = isObj(pricing) ? pricing : {};
	return {
		pricingCategory: str(p.category),
		pricingType: str(p.type),
		pricingModel: str(p.pricing_model),
		billable: typeof p.billable === 'boolean' ? p.billable : null,
	};
}

interface ChangeContext {
	wabaId: string | null;
	field: string;
	phoneNumberId: string | null;
	displayPhoneNumber: string | null;
}

type HashOf = (value: unknown) => string;

function messageEvent(ctx: ChangeContext, contacts: Contacts, message: Obj, hashOf: HashOf): TriggerEvent {
	const sender: UserIds = { waId: phoneOf(message.from), userId: str(message.from_user_id), parentUserId: str(message.from_parent_user_id) };
	const contact = contacts.ofSender(sender);
	// The contact's wa_id first (as before usernames): Meta's canonical ID when it differs from `from`.
	const ids = merged({ ...sender, waId: phoneOf(contact?.wa_id) ?? sender.waId }, contact);
	const change = identityChange(message, ids);
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
		...userFields(ids, contact),
		messageId: id,
		type,
		text,
		replyId,
		replyToMessageId: context ? str(context.id) : null,
		...groupMessageFields(message),
	};
	if (change) Object.assign(json, identityChangeFields(change));
	const shared = sharedPhoneNumber(message);
	if (shared !== null) json.sharedPhoneNumber = shared;
	Object.assign(json, callPermissionFields(message));
	if (message.errors !== undefined) json.errors = withHints(message.errors);
	if (type === 'order') json.order = orderFields(message.order);
	const dedupeKey = messageKey(ctx.phoneNumberId, message, hashOf);
	json.dedupeKey = dedupeKey;
	json.message = message as IDataObject;
	return { kind: 'message', dedupeKey, json };
}

/**
 * A status. Individual sends: the user in `recipient_id` (phone), `recipient_user_id` (BSUID),
 * the parent BSUID (Meta's page spells it three ways) and the matching `contacts[]` entry (none on
 * failed statuses). Group sends in Meta's layout: `recipient_id` is the group and the member is in
 * `recipient_participant_*` (Meta, "Business-scoped user IDs", status webhooks for groups).
 */
function statusEvent(ctx: ChangeContext, contacts: Contacts, status: Obj, hashOf: HashOf): TriggerEvent {
	const parties = statusParties(status);
	const own: UserIds = parties.group
		? { waId: phoneOf(status.recipient_participant_id), userId: str(status.recipient_participant_user_id), parentUserId: str(status.recipient_participant_parent_user_id) }
		: {
				waId: phoneOf(status.recipient_id),
				userId: str(status.recipient_user_id),
				parentUserId: str(status.recipient_parent_user_id) ?? str(status.parent_recipient_user_id) ?? str(status.parent_user_id),
			};
	const contact = contacts.of(own);
	const dedupeKey = statusKey(ctx.phoneNumberId, status, hashOf);
	const id = str(status.id);
	const value = str(status.status);
	const json: IDataObject = {
		event: 'status',
		phoneNumberId: ctx.phoneNumberId,
		displayPhoneNumber: ctx.displayPhoneNumber,
		wabaId: ctx.wabaId,
		timestamp: isoTime(status.timestamp),
		...userFields(merged(own, contact), contact),
		statusId: id,
		type: value,
		status: value,
		recipientId: parties.recipientId,
		groupId: parties.groupId,
		conversation: isObj(status.conversation) ? status.conversation : null,
		pricing: isObj(status.pricing) ? status.pricing : null,
		...pricingFields(status.pricing),
		errors: withHints(status.errors),
		...errorFields(status.errors),
		dedupeKey,
		statusObject: status as IDataObject,
	};
	return { kind: 'status', dedupeKey, json };
}

/** The one user an "other" change names (user_preferences, echoes …): a lone contact, preference or echo; none when it names several. */
function userOfOther(v: Obj): { ids: UserIds; contact?: Obj } {
	const one = (key: string): Obj | undefined => {
		const list = arr(v[key]).filter(isObj);
		return list.length === 1 ? list[0] : undefined;
	};
	const contact = one('contacts');
	const preference = one('user_preferences');
	const echo = one('message_echoes');
	const ids = merged(
		merged(
			{ waId: phoneOf(echo?.to), userId: str(echo?.to_user_id), parentUserId: str(echo?.to_parent_user_id) },
			preference,
		),
		contact,
	);
	return { ids, contact };
}

/** The items a change of another field becomes: typed ones from its mapper (events/), else one with the raw value. */
function otherEvents(ctx: ChangeContext, value: unknown, entryTime: unknown, hashOf: HashOf): TriggerEvent[] {
	const v = isObj(value) ? value : {};
	const mapper = FIELD_MAPPERS[ctx.field];
	const typed = mapper ? mapper(v) : [];
	const items: FieldItem[] = typed.length > 0 ? typed : [{ fields: {} }];
	const firstGroup = arr(v.groups).find(isObj);
	const changeTime = isoTime(firstGroup?.timestamp) ?? isoTime(v.timestamp) ?? isoTime(entryTime);
	const lone = userOfOther(v);
	const split = items.length > 1;
	return items.map((item) => {
		// One item per change keeps the key it always had; items split from one change key on their own part.
		const hash = split || item.part !== undefined ? hashOf({ time: entryTime ?? null, part: item.part ?? null }) : hashOf({ time: entryTime ?? null, value });
		const dedupeKey = otherKey(ctx.wabaId, ctx.field, hash);
		const user = item.user ?? lone;
		const json: IDataObject = {
			event: ctx.field,
			phoneNumberId: ctx.phoneNumberId,
			displayPhoneNumber: ctx.displayPhoneNumber,
			wabaId: ctx.wabaId,
			timestamp: isoTime(item.timestamp) ?? changeTime,
			...userFields(user.ids, user.contact),
			type: item.type ?? str(firstGroup?.type) ?? str(v.event) ?? ctx.field,
			text: item.text ?? null,
			...item.fields,
			field: ctx.field,
			dedupeKey,
			value: (item.part !== undefined ? item.part : value) as IDataObject,
		};
		return { kind: 'other', dedupeKey, json };
	});
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
				for (const status of statuses) events.push(statusEvent(ctx, contacts, status, hashOf));
				continue;
			}
			events.push(...otherEvents(ctx, value, entry.time, hashOf));
		}
	}
	return events;
}
