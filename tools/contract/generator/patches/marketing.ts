/**
 * R7 contract fixes and R8 additions for the Marketing Messages API for WhatsApp (issue 24).
 * Meta's v23.0 file has the send (POST /{Phone-Number-ID}/marketing_messages, listed in
 * operations.ts: a template message plus `product_policy` and `message_activity_sharing`,
 * "Send marketing messages",
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/send-marketing-messages);
 * these close what it leaves out, each from Meta's pages:
 *     m1 The WABA's `marketing_messages_onboarding_status` (GET /{WABA-ID}?fields=…): ELIGIBLE
 *        before the terms are accepted, ONBOARDED after ("Onboard",
 *        https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/onboarding/);
 *        INELIGIBLE for an account that may not use it.
 *     m2 Template analytics (R8 b in addedOperations.ts): the metric types Meta marks "MM API for
 *        WhatsApp only" and `product_type` (CLOUD_API, the default, or
 *        MARKETING_MESSAGES_API_FOR_WHATSAPP) ("Template analytics",
 *        https://developers.facebook.com/documentation/business-messaging/whatsapp/analytics).
 *        Meta shows no data point carrying them; like `sent` and `delivered`, each is read as the
 *        metric's name in lower case with a number (the simulator answers so).
 * Time-to-live is no send field here: Meta sets a marketing template's TTL on the template
 * (`message_send_ttl_seconds`, 12 hours to 30 days, "Configure message time-to-live",
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/time-to-live).
 */
import type { Json } from '../json';
import type { Patch } from './patch';

export const ONBOARDING_STATUSES = ['ELIGIBLE', 'ONBOARDED', 'INELIGIBLE'];

/** The conversion metrics Meta reports for templates sent with the Marketing Messages API (m2). */
export const MARKETING_ANALYTICS_METRICS = [
	'APP_ACTIVATIONS',
	'APP_ADD_TO_CART',
	'APP_CHECKOUTS_INITIATED',
	'APP_PURCHASES',
	'APP_PURCHASES_CONVERSION_VALUE',
	'WEBSITE_ADD_TO_CART',
	'WEBSITE_CHECKOUTS_INITIATED',
	'WEBSITE_PURCHASES',
	'WEBSITE_PURCHASES_CONVERSION_VALUE',
];

export const ANALYTICS_PRODUCT_TYPES: Json = ['CLOUD_API', 'MARKETING_MESSAGES_API_FOR_WHATSAPP'];

export const MARKETING_PATCHES: Patch[] = [
	{
		id: 'R7m1',
		at: ['WhatsAppBusinessAccount', 'properties', 'marketing_messages_onboarding_status'],
		before: undefined,
		after: { type: 'string', enum: ONBOARDING_STATUSES },
	},
];
