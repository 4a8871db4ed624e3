/**
 * "Phone Number Override" mode: one business phone number's override callback URL for one app
 * (Meta's "Webhook overrides",
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/override/).
 * POST /{phone-number-id} with `webhook_configuration: { override_callback_uri, verify_token }`
 * sets it for the app the token acts for (Meta first sends the verification GET to the URL); the
 * same POST with an empty override_callback_uri removes it. GET ?fields=webhook_configuration
 * answers where the number's webhooks go: `phone_number` (this override), `whatsapp_business_account`
 * (the WABA's override) and `application` (the app's callback), each only when set. Meta asks the
 * number first, then the WABA, then the app, so a number override wins for that number only.
 */
import { NodeOperationError } from 'n8n-workflow';

import { graphRequest } from '../shared/transport/graphRequest';
import type { TriggerContext } from './triggerSettings';

/** Where Meta sends one number's webhooks for the calling app, as GET ?fields=webhook_configuration says. */
export interface PhoneWebhookConfiguration {
	phoneNumber?: string;
	waba?: string;
	application?: string;
}

type PhoneOverrideState = { kind: 'ours' } | { kind: 'missing' } | { kind: 'elsewhere'; url: string };

const urlOf = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** Reads Meta's `webhook_configuration` (untrusted JSON: strings only, empty = not set). */
export function webhookConfigurationOf(response: unknown): PhoneWebhookConfiguration {
	const raw = response !== null && typeof response === 'object' ? (response as { webhook_configuration?: unknown }).webhook_configuration : undefined;
	const config = (raw !== null && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
	return { phoneNumber: urlOf(config.phone_number), waba: urlOf(config.whatsapp_business_account), application: urlOf(config.application) };
}

export async function readPhoneWebhook(ctx: TriggerContext, phoneNumberId: string, timeout?: number): Promise<PhoneWebhookConfiguration> {
	const response = await graphRequest.call(ctx, { method: 'GET', path: encodeURIComponent(phoneNumberId), qs: { fields: 'webhook_configuration' }, timeout });
	return webhookConfigurationOf(response);
}

/** The number's own override only: the WABA's override and the app's callback are not this trigger's business. */
export function phoneOverrideState(config: PhoneWebhookConfiguration, callbackUrl: string): PhoneOverrideState {
	if (config.phoneNumber === callbackUrl) return { kind: 'ours' };
	return config.phoneNumber ? { kind: 'elsewhere', url: config.phoneNumber } : { kind: 'missing' };
}

export function phoneOverrideConflict(ctx: TriggerContext, phoneNumberId: string, appId: string, url: string): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `Phone number ${phoneNumberId} already sends this app's webhooks to ${url} (app ${appId})`, {
		description:
			'Meta allows one override callback URL per app and phone number, and this trigger never replaces one it did not set. Deactivate the workflow (or tool) that uses that URL, or remove its override (POST /{phone-number-id} with an empty webhook_configuration.override_callback_uri), then activate again. Or pick another "Phone Number Name or ID", or another "Subscription Mode".',
	});
}

export async function setPhoneOverride(ctx: TriggerContext, phoneNumberId: string, callbackUrl: string, verifyToken: string, timeout?: number): Promise<void> {
	await graphRequest.call(ctx, {
		method: 'POST',
		path: encodeURIComponent(phoneNumberId),
		body: { webhook_configuration: { override_callback_uri: callbackUrl, verify_token: verifyToken } },
		timeout,
	});
}

/** Removes the number's override of the token's app, only while it still points at `callbackUrl`. */
export async function undoPhoneOverride(ctx: TriggerContext, phoneNumberId: string, callbackUrl: string): Promise<'removed' | 'changed'> {
	if (phoneOverrideState(await readPhoneWebhook(ctx, phoneNumberId), callbackUrl).kind !== 'ours') return 'changed';
	await graphRequest.call(ctx, { method: 'POST', path: encodeURIComponent(phoneNumberId), body: { webhook_configuration: { override_callback_uri: '' } } });
	return 'removed';
}
