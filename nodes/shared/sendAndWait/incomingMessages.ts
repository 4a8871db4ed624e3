import type { IDataObject } from 'n8n-workflow';

import { asArray, asObject } from '../jsonValues';

/**
 * The Send-and-Wait protocol's reading side: the messages of a webhook body Meta signed and the
 * answer reference each carries. Used by the waiting node's resume handler and the trigger's relay.
 */

/** One incoming message of a Meta webhook body, with its change's metadata and contact. */
export interface IncomingMessage {
	message: IDataObject;
	phoneNumberId: string | undefined;
	profileName: string | undefined;
	/** The message's contact when it names the same user (`wa_id` = `from` or `user_id` = `from_user_id`). */
	contact: IDataObject | undefined;
}

/** Finds a message's contact by `wa_id` or by `user_id` (a username customer has no `wa_id`). */
function contactIndex(contacts: Array<IDataObject | undefined>): (message: IDataObject) => IDataObject | undefined {
	// Maps: a delivery can carry thousands of messages and contacts.
	const byWaId = new Map<string, IDataObject>();
	const byUserId = new Map<string, IDataObject>();
	for (const c of contacts) {
		if (typeof c?.wa_id === 'string' && !byWaId.has(c.wa_id)) byWaId.set(c.wa_id, c);
		if (typeof c?.user_id === 'string' && !byUserId.has(c.user_id)) byUserId.set(c.user_id, c);
	}
	return (message) =>
		(typeof message.from === 'string' ? byWaId.get(message.from) : undefined) ??
		(typeof message.from_user_id === 'string' ? byUserId.get(message.from_user_id) : undefined);
}

/** Every message of a `whatsapp_business_account` body, in order. */
export function incomingMessages(payload: unknown): IncomingMessage[] {
	const found: IncomingMessage[] = [];
	for (const entry of asArray(asObject(payload)?.entry)) {
		for (const change of asArray(asObject(entry)?.changes)) {
			const value = asObject(asObject(change)?.value);
			if (!value) continue;
			const phoneNumberId = asObject(value.metadata)?.phone_number_id;
			const contacts = asArray(value.contacts).map(asObject);
			const contactOf = contactIndex(contacts);
			for (const raw of asArray(value.messages)) {
				const message = asObject(raw);
				if (!message) continue;
				const contact = contactOf(message);
				const name = asObject(contact?.profile)?.name;
				found.push({
					message,
					phoneNumberId: typeof phoneNumberId === 'string' ? phoneNumberId : undefined,
					profileName: typeof name === 'string' ? name : undefined,
					contact,
				});
			}
		}
	}
	return found;
}

/** The answer reference a message carries: a reply button, list row or template quick-reply payload. */
export function referenceText(message: IDataObject): unknown {
	const interactive = asObject(message.interactive);
	if (interactive?.type === 'button_reply') return asObject(interactive.button_reply)?.id;
	if (interactive?.type === 'list_reply') return asObject(interactive.list_reply)?.id;
	if (message.type === 'button') return asObject(message.button)?.payload;
	return undefined;
}
