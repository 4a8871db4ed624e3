/**
 * Coexistence: the business answers a customer from the WhatsApp Business app (or a linked
 * device) on a number that is also on Cloud API, and Meta reports that message to the app as an
 * `smb_message_echoes` delivery — `message_echoes[]` with `from` (the business number), `to` (the
 * customer), `id`, `timestamp`, `type` and the content under the type's name, beside `metadata`.
 * Source: Meta, "smb_message_echoes webhook reference"
 * (developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/smb_message_echoes).
 * The customer's BSUIDs (`to_user_id`, `to_parent_user_id`; `to` only when Meta may share the
 * number) follow docs/usernames-facts.md, as the other deliveries of customer.ts do.
 */
import { contactOf, type Customer, incomingId, metadataOf, now, userIdOf } from './customer';
import { WABA_ID } from './fixtures';

export interface EchoOptions {
	/** The echoed message's wamid (default: a new one). */
	id?: string;
	/** Unix seconds as a string, as Meta sends it (default: now). */
	timestamp?: string;
	/** The WABA the delivery names in `entry[].id` (default: the simulator's). */
	wabaId?: string;
}

/** The addressee fields of an echo: `to` only when Meta may share the number, the BSUIDs always. */
function addresseeFields(who: Customer) {
	const contact = contactOf(who);
	return {
		...(contact.waId ? { to: contact.waId } : {}),
		to_user_id: userIdOf(contact),
		...(contact.parentUserId ? { to_parent_user_id: contact.parentUserId } : {}),
	};
}

/** One `smb_message_echoes` delivery: the business texted `to` from the WhatsApp Business app on `phoneNumberId`. */
export function businessEcho(phoneNumberId: string, to: Customer, text: string, options: EchoOptions = {}) {
	const metadata = metadataOf(phoneNumberId);
	return {
		object: 'whatsapp_business_account',
		entry: [
			{
				id: options.wabaId ?? WABA_ID,
				changes: [
					{
						field: 'smb_message_echoes',
						value: {
							messaging_product: 'whatsapp',
							metadata,
							message_echoes: [
								{
									from: metadata.display_phone_number,
									...addresseeFields(to),
									id: options.id ?? incomingId(),
									timestamp: options.timestamp ?? now(),
									type: 'text',
									text: { body: text },
								},
							],
						},
					},
				],
			},
		],
	};
}
