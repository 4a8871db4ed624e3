/**
 * A phone number's webhook_configuration, after Meta's "Webhook overrides" page
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/override/):
 *   - POST /{Phone-Number-ID} `{ webhook_configuration: { override_callback_uri, verify_token } }`
 *     sets the number's override for the app the token acts for, after the verification GET
 *     (as for a WABA override); an empty override_callback_uri removes that app's override only.
 *   - GET /{Phone-Number-ID}?fields=webhook_configuration answers, for the calling app,
 *     `phone_number` (the number's override), `whatsapp_business_account` (the WABA's) and
 *     `application` (the app's own callback), each only when set.
 * Both are wired into the phone-number routes (phoneNumberAdmin.ts, phoneNumbers.ts); where a
 * webhook then goes is ../webhookRouting.ts.
 */
import { appIdOf } from '../auth';
import { APP_ID } from '../fixtures';
import { invalidParameter } from '../graphError';
import type { RequestContext } from '../router';
import type { SimState } from '../state';
import { checkCallbackUrl, verifyCallback } from './subscribedApps';

const APP_OBJECT = 'whatsapp_business_account';

/** Where the number's webhooks go for `appId`, each level only when set (Meta's GET shape). */
export function webhookConfiguration(state: SimState, phoneNumberId: string, appId: string): Record<string, string> {
	const config: Record<string, string> = {};
	const own = state.phoneOverrides[phoneNumberId]?.[appId];
	if (own) config.phone_number = own;
	const waba = state.subscribedApps.find((a) => a.whatsapp_business_api_data.id === appId)?.override_callback_uri;
	if (waba) config.whatsapp_business_account = waba;
	const app = state.appSubscriptions[appId]?.find((s) => s.object === APP_OBJECT)?.callback_url;
	if (app) config.application = app;
	return config;
}

/** The calling app's view, for GET /{Phone-Number-ID}. */
export function callerWebhookConfiguration(ctx: RequestContext): Record<string, string> {
	return webhookConfiguration(ctx.state, ctx.params['Phone-Number-ID'], appIdOf(ctx.caller) ?? APP_ID);
}

/**
 * Applies `webhook_configuration` of a POST /{Phone-Number-ID} body, if it has one (the contract
 * already checked its shape: override_callback_uri required, verify_token a string).
 */
export async function applyWebhookConfiguration(ctx: RequestContext, body: Record<string, unknown>): Promise<void> {
	const config = body.webhook_configuration as { override_callback_uri?: string; verify_token?: string } | undefined;
	if (!config) return;
	const phoneNumberId = ctx.params['Phone-Number-ID'];
	const appId = appIdOf(ctx.caller) ?? APP_ID;
	const url = config.override_callback_uri ?? '';
	const overrides = (ctx.state.phoneOverrides[phoneNumberId] ??= {});
	if (url === '') {
		delete overrides[appId];
		return;
	}
	const verifyToken = config.verify_token ?? '';
	if (verifyToken === '') throw invalidParameter('verify_token is required with override_callback_uri', '(#100) The parameter verify_token is required');
	checkCallbackUrl(url);
	await verifyCallback(url, verifyToken);
	overrides[appId] = url;
}
