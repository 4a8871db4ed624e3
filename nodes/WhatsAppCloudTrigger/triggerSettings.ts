/**
 * What must hold before the trigger can work, read once per webhook-method call: the
 * credential's secrets, which subscription mode applies and what it needs (WABA, App ID,
 * App Secret, a URL Meta can call). Problems are configuration errors the user fixes, thrown
 * as NodeOperationError with what to change.
 */
import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readCredentials, type WhatsAppCloudCredentials } from '../shared/credentials';
import { resolveWabaId } from '../shared/waba';
import { callbackUrlProblem } from './callbackUrl';

export type TriggerContext = IHookFunctions | IWebhookFunctions;

/** How the trigger gets Meta to send it webhooks. */
export type SubscriptionMode = 'wabaOverride' | 'phoneOverride' | 'appCallback' | 'none';

export interface TriggerSettings {
	mode: SubscriptionMode;
	credentials: WhatsAppCloudCredentials;
	/** n8n's production URL of the trigger's POST webhook. */
	callbackUrl: string;
	/** wabaOverride: the WABA whose override is set. */
	wabaId: string | null;
	/** phoneOverride: the phone number whose override is set. */
	phoneNumberId: string | null;
	/** appCallback: the webhook fields to subscribe. */
	fields: string[];
}

/** Subscription Mode (version 1.1); version 1 only had "Subscribe Automatically". */
function modeOf(ctx: TriggerContext): SubscriptionMode {
	if (ctx.getNode().typeVersion < 1.1) {
		return ctx.getNodeParameter('autoSubscribe', true) === false ? 'none' : 'wabaOverride';
	}
	const mode = ctx.getNodeParameter('subscriptionMode', 'wabaOverride') as SubscriptionMode;
	return mode === 'appCallback' || mode === 'none' || mode === 'phoneOverride' ? mode : 'wabaOverride';
}

function fail(ctx: TriggerContext, message: string, description?: string): never {
	throw new NodeOperationError(ctx.getNode(), message, description ? { description } : {});
}

export async function triggerSettings(ctx: TriggerContext): Promise<TriggerSettings> {
	const credentials = await readCredentials(ctx);
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	if (!credentials.appSecret && !options.acceptUnsigned) {
		fail(
			ctx,
			'The credential has no App Secret, so webhook signatures cannot be checked',
			'Enter the App Secret (App Dashboard → App settings → Basic) in the WhatsApp Cloud API credential. Only for tests: tick "Accept Unsigned Events (Testing Only)" in the trigger options.',
		);
	}
	if (!credentials.verifyToken) {
		fail(
			ctx,
			"The credential has no Webhook Verify Token, so Meta's verification request cannot be answered",
			'Enter any secret string as "Webhook Verify Token" in the WhatsApp Cloud API credential (and the same value as "Verify token" in the App Dashboard if you set the callback URL there).',
		);
	}
	let mode = modeOf(ctx);
	const callbackUrl = ctx.getNodeWebhookUrl('default') ?? '';
	const settings: TriggerSettings = { mode, credentials, callbackUrl, wabaId: null, phoneNumberId: null, fields: [] };
	if (mode === 'none') return settings;

	if (mode === 'phoneOverride') {
		const raw = ctx.getNodeParameter('phoneNumberId', '') as unknown;
		const id = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '';
		if (!/^\d+$/.test(id)) {
			fail(
				ctx,
				id ? `"Phone Number Name or ID" must be a Phone Number ID (digits only), not "${id}"` : 'No phone number chosen for "Phone Number Override" mode',
				'Pick the number in "Phone Number Name or ID", or enter its Phone Number ID (App Dashboard → WhatsApp → API Setup) with an expression.',
			);
		}
		settings.phoneNumberId = id;
	} else if (mode === 'wabaOverride') {
		const waba = resolveWabaId(undefined, credentials.businessAccountId, "the trigger cannot point the WABA's webhooks at itself");
		if ('problem' in waba) {
			// Version 1 subscribed only when the credential had a WABA ID, and stayed quiet otherwise.
			const legacyQuiet = ctx.getNode().typeVersion < 1.1 && !(credentials.businessAccountId ?? '').trim();
			if (legacyQuiet) return { ...settings, mode: 'none' };
			fail(ctx, waba.problem, 'Or set "Subscription Mode" to "None (Set Up Manually)" and set the callback URL in the App Dashboard yourself.');
		}
		settings.wabaId = waba.wabaId;
	} else {
		mode = 'appCallback';
		const missing = [!(credentials.appId ?? '').trim() && 'App ID', !(credentials.appSecret ?? '').trim() && 'App Secret'].filter(Boolean);
		if (missing.length) {
			fail(
				ctx,
				`"App Callback" mode needs the credential's ${missing.join(' and ')}`,
				"The app's own webhook is managed with the app token (App ID|App Secret). Copy both from App Dashboard → App settings → Basic into the WhatsApp Cloud API credential, or choose another Subscription Mode.",
			);
		}
		const fields = ctx.getNodeParameter('appFields', []) as string[];
		if (!Array.isArray(fields) || fields.length === 0) {
			fail(ctx, 'No webhook field selected for "App Callback" mode', 'Pick at least one field in "Webhook Fields", e.g. messages and message_template_status_update.');
		}
		settings.fields = [...fields].sort();
	}
	const problem = callbackUrlProblem(callbackUrl, credentials.graphBaseUrl, mode !== 'appCallback');
	if (problem) fail(ctx, problem);
	return settings;
}
