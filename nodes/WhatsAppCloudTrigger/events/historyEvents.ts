/**
 * `history` (coexistence): the WhatsApp Business app's past chats, synced after onboarding. Meta:
 * `history[] {metadata: {phase, chunk_order, progress}, threads[] {id, messages[] {from, to (only
 * on what the business sent), id, timestamp, type, <type>: {…}, history_context: {status}}}}`, or
 * `history[] {errors[]}` when the business declined to share its history. Phases 0 / 1 / 2 cover
 * days 0-1 / 1-90 / 90-180; `progress` 100 = sync complete. One webhook can hold thousands of
 * messages. Source: Meta, "history webhook reference"
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/history).
 */
import type { IDataObject } from 'n8n-workflow';

import { finiteNumber, isObj, str, type Obj } from '../../shared/jsonValues';
import { errorFields, messageText } from '../messageFields';
import { Contacts, type UserIds } from '../userFields';
import type { FieldItem } from './fieldItems';
import { objects, ownIds, partyIds, userOf } from './userIdentity';

/** Where a history chunk stands: phase, chunk order and overall progress (numbers as Meta wrote them). */
function chunkFields(entry: Obj): IDataObject {
	const metadata = isObj(entry.metadata) ? entry.metadata : {};
	return {
		phase: finiteNumber(metadata.phase),
		chunkOrder: finiteNumber(metadata.chunk_order),
		progress: finiteNumber(metadata.progress),
	};
}

/** The identifiers of a thread (its `id` is the user's phone number, or a BSUID for a user without one). */
function threadIds(thread: Obj): UserIds {
	return ownIds({ wa_id: thread.id, user_id: thread.user_id, parent_user_id: thread.parent_user_id });
}

/** What the event itself says wins; the thread fills in what it left out. */
const completed = (own: UserIds, thread: UserIds): UserIds => ({
	waId: own.waId ?? thread.waId,
	userId: own.userId ?? thread.userId,
	parentUserId: own.parentUserId ?? thread.parentUserId,
});

/**
 * One item per synced message (its user = the customer of the thread; `direction` "outgoing" for
 * what the business sent, which carries `to`, else "incoming"), and one item per chunk without
 * messages: its progress (`type` "progress"), or Meta's refusal (`type` "error", e.g. 2593109 when
 * the business declined to share its history).
 */
export function historyEvents(value: Obj): FieldItem[] {
	const contacts = new Contacts(value);
	const items: FieldItem[] = [];
	for (const entry of objects(value.history)) {
		const chunk = chunkFields(entry);
		const before = items.length;
		for (const thread of objects(entry.threads)) {
			const threadUser = threadIds(thread);
			for (const message of objects(thread.messages)) {
				const outgoing = message.to !== undefined || message.to_user_id !== undefined;
				const own = outgoing ? partyIds(message, 'to') : partyIds(message, 'from');
				const ids = completed(own, threadUser);
				const context = isObj(message.history_context) ? message.history_context : {};
				items.push({
					fields: {
						messageId: str(message.id),
						from: str(message.from),
						to: str(message.to),
						direction: outgoing ? 'outgoing' : 'incoming',
						historyStatus: str(context.status),
						threadId: str(thread.id),
						...chunk,
					},
					user: userOf(ids, contacts),
					part: message,
					timestamp: message.timestamp,
					type: str(message.type),
					text: messageText(message).text,
				});
			}
		}
		if (items.length > before) continue;
		const errors = errorFields(entry.errors);
		items.push({
			fields: { ...chunk, ...errors },
			user: userOf(undefined, contacts),
			part: entry,
			type: errors.errorCode !== null || errors.errorTitle !== null ? 'error' : 'progress',
			text: errors.errorTitle,
		});
	}
	return items;
}
