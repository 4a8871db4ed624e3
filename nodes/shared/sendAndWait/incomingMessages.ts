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
			// A Map: a delivery can carry thousands of messages and contacts.
			const byWaId = new Map<unknown, IDataObject | undefined>();
			for (const c of contacts) if (c && !byWaId.has(c.wa_id)) byWaId.set(c.wa_id, c);
			for (const raw of asArray(value.messages)) {
				const message = asObject(raw);
				if (!message) continue;
				const contact = byWaId.get(message.from) ?? contacts[0];
				const name = asObject(contact?.profile)?.name;
				found.push({
					message,
					phoneNumberId: typeof phoneNumberId === 'string' ? phoneNumberId : undefined,
					profileName: typeof name === 'string' ? name : undefined,
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
