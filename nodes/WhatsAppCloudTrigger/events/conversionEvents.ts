/**
 * automatic_events: purchases and leads Meta detects in chats that started from a
 * Click-to-WhatsApp ad (for businesses that opted in). One item per detected event.
 */
import type { IDataObject } from 'n8n-workflow';

import { asArray, asObject, finiteNumber, isObj, str, type Obj } from '../../shared/jsonValues';
import type { FieldItem, FieldMapper } from './fieldItems';

/**
 * Meta, "automatic_events webhook reference"
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/automatic_events)
 * and "Automatic Events API" (…/whatsapp/embedded-signup/automatic-events-api): `automatic_events[]`
 * of {id (the message's wamid), event_name (LeadSubmitted, Purchase), timestamp, ctwa_clid (absent
 * for ads in WhatsApp Status), custom_data {currency, value} (purchases; value = price × 1000)}.
 * Meta's pages show no user identifier on an event: the item names the user only when the change
 * carries one contact (fanOut's lone contact, any of phone number / BSUID / parent BSUID); the
 * message ID links the event to the customer's message the trigger already emitted.
 */
export function automaticEvents(v: Obj): FieldItem[] {
	return asArray(v.automatic_events)
		.filter(isObj)
		.map((event) => {
			const eventName = str(event.event_name);
			const custom = asObject(event.custom_data) ?? {};
			const raw = finiteNumber(custom.value);
			const fields: IDataObject = {
				eventName,
				messageId: str(event.id),
				ctwaClid: str(event.ctwa_clid),
				currency: str(custom.currency),
				amount: raw === null ? null : raw / 1000,
				customDataValue: raw,
			};
			return { fields, type: eventName, part: event, timestamp: event.timestamp };
		});
}

export const conversionEventMappers: Record<string, FieldMapper> = { automatic_events: automaticEvents };
