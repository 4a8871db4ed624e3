/**
 * "WABA Override" mode: the WABA's override callback URL for one app
 * (`/{WABA-ID}/subscribed_apps`, with the credential's user / system-user token, which acts
 * for the app it was made for). Meta keeps one entry per app on a WABA, each with at most one
 * `override_callback_uri`; POST sets the calling app's entry (without override_callback_uri it
 * removes the override, keeping the app subscribed), DELETE unsubscribes the calling app.
 */
import { NodeOperationError } from 'n8n-workflow';

import { graphRequest } from '../shared/transport/graphRequest';
import type { TriggerContext } from './triggerSettings';

interface SubscribedApp {
	whatsapp_business_api_data?: { id?: string; name?: string; link?: string };
	override_callback_uri?: string;
}

/** Where the WABA sends one app's webhooks, seen from a trigger's URL. */
type OverrideState =
	| { kind: 'ours' }
	| { kind: 'missing'; appSubscribed: boolean }
	| { kind: 'elsewhere'; url: string };

export async function listSubscribedApps(ctx: TriggerContext, wabaId: string, timeout?: number): Promise<SubscribedApp[]> {
	const response = await graphRequest.call(ctx, { method: 'GET', path: `${wabaId}/subscribed_apps`, timeout });
	const data = (response as { data?: unknown }).data;
	return Array.isArray(data) ? (data as SubscribedApp[]) : [];
}

export function ownEntry(apps: SubscribedApp[], appId: string): SubscribedApp | undefined {
	return apps.find((a) => a.whatsapp_business_api_data?.id === appId);
}

/** This app's entry only: other apps' overrides on the same WABA are theirs. */
export function overrideState(apps: SubscribedApp[], appId: string, callbackUrl: string): OverrideState {
	const entry = ownEntry(apps, appId);
	const current = entry?.override_callback_uri;
	if (current === callbackUrl) return { kind: 'ours' };
	if (current) return { kind: 'elsewhere', url: current };
	return { kind: 'missing', appSubscribed: entry !== undefined };
}

export function overrideConflict(ctx: TriggerContext, wabaId: string, appId: string, url: string): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `WhatsApp Business Account ${wabaId} already sends this app's webhooks to ${url} (app ${appId})`, {
		description:
			'Meta allows one override callback URL per app and WhatsApp Business Account, and this trigger never replaces one it did not set. Deactivate the workflow (or tool) that uses that URL, or remove its override, then activate again. Or set "Subscription Mode" to "None (Set Up Manually)".',
	});
}

/** POST override_callback_uri + verify_token: Meta first sends the verification GET to the URL. */
export async function setOverride(ctx: TriggerContext, wabaId: string, callbackUrl: string, verifyToken: string, timeout?: number): Promise<void> {
	await graphRequest.call(ctx, {
		method: 'POST',
		path: `${wabaId}/subscribed_apps`,
		body: { override_callback_uri: callbackUrl, verify_token: verifyToken },
		timeout,
	});
}

/**
 * Undoes one override this trigger set, with a token of `tokenAppId`: only when that app's
 * entry still points at `callbackUrl`. `appWasSubscribed` false: the app was not subscribed
 * before, so its subscription goes too (DELETE); else only the override (POST without it).
 */
export async function undoOverride(
	ctx: TriggerContext,
	wabaId: string,
	callbackUrl: string,
	tokenAppId: string,
	appWasSubscribed: boolean,
): Promise<'removed' | 'changed'> {
	const apps = await listSubscribedApps(ctx, wabaId);
	if (ownEntry(apps, tokenAppId)?.override_callback_uri !== callbackUrl) return 'changed';
	if (appWasSubscribed) {
		await graphRequest.call(ctx, { method: 'POST', path: `${wabaId}/subscribed_apps`, body: {} });
	} else {
		await graphRequest.call(ctx, { method: 'DELETE', path: `${wabaId}/subscribed_apps` });
	}
	return 'removed';
}
