/**
 * "App Callback" mode: the app's own webhook for the `whatsapp_business_account` object
 * (`/{app-id}/subscriptions`, what App Dashboard → WhatsApp → Configuration sets). One callback
 * URL per app; every WABA subscribed to the app delivers there, for every field Meta does not
 * route to a WABA or phone-number override. Managed with the app token `app_id|app_secret`,
 * sent in the Authorization header.
 */
import { NodeOperationError } from 'n8n-workflow';

import { graphRequest } from '../shared/transport/graphRequest';
import type { WhatsAppCloudCredentials } from '../shared/credentials';
import type { TriggerContext } from './triggerSettings';

const APP_OBJECT = 'whatsapp_business_account';

interface AppSubscription {
	object?: string;
	callback_url?: string;
	active?: boolean;
	fields?: Array<{ name?: string; version?: string } | string>;
}

type AppCallbackState =
	| { kind: 'ours'; extra: string[]; missing: string[] }
	| { kind: 'missing' }
	| { kind: 'elsewhere'; url: string };

function appRequest(credentials: WhatsAppCloudCredentials) {
	const appId = (credentials.appId ?? '').trim();
	return { appId, accessToken: `${appId}|${(credentials.appSecret ?? '').trim()}` };
}

export async function listAppSubscriptions(ctx: TriggerContext, credentials: WhatsAppCloudCredentials, timeout?: number): Promise<AppSubscription[]> {
	const { appId, accessToken } = appRequest(credentials);
	const response = await graphRequest.call(ctx, { method: 'GET', path: `${appId}/subscriptions`, accessToken, timeout });
	const data = (response as { data?: unknown }).data;
	return Array.isArray(data) ? (data as AppSubscription[]) : [];
}

function fieldNames(sub: AppSubscription): string[] {
	return (sub.fields ?? []).map((f) => (typeof f === 'string' ? f : (f.name ?? ''))).filter(Boolean);
}

export function appCallbackState(subs: AppSubscription[], callbackUrl: string, fields: string[]): AppCallbackState {
	const sub = subs.find((s) => s.object === APP_OBJECT);
	if (!sub?.callback_url) return { kind: 'missing' };
	if (sub.callback_url !== callbackUrl) return { kind: 'elsewhere', url: sub.callback_url };
	const have = fieldNames(sub);
	return { kind: 'ours', extra: have.filter((f) => !fields.includes(f)), missing: fields.filter((f) => !have.includes(f)) };
}

export function appCallbackConflict(ctx: TriggerContext, appId: string, url: string): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `Meta app ${appId} already sends its WhatsApp webhooks to ${url}`, {
		description:
			'An app has one callback URL for WhatsApp (one "App Callback" trigger per app), and this trigger never replaces one it did not set. Deactivate the workflow that uses that URL, or clear it in App Dashboard → WhatsApp → Configuration, then activate again. For messages only, "WABA Override" mode works beside an app callback.',
	});
}

/**
 * POST object, callback_url, verify_token, fields (Meta verifies the URL first), then removes
 * subscribed fields this trigger was not asked for (`extra`) — POST only adds fields.
 */
export async function setAppCallback(
	ctx: TriggerContext,
	credentials: WhatsAppCloudCredentials,
	callbackUrl: string,
	fields: string[],
	extra: string[],
	timeout?: number,
): Promise<void> {
	const { appId, accessToken } = appRequest(credentials);
	await graphRequest.call(ctx, {
		method: 'POST',
		path: `${appId}/subscriptions`,
		accessToken,
		body: { object: APP_OBJECT, callback_url: callbackUrl, verify_token: credentials.verifyToken, fields, include_values: true },
		timeout,
	});
	if (extra.length) {
		await graphRequest.call(ctx, { method: 'DELETE', path: `${appId}/subscriptions`, accessToken, qs: { object: APP_OBJECT, fields: extra.join(',') }, timeout });
	}
}

/** Removes the app's whatsapp_business_account subscription, only while it still points at `callbackUrl`. */
export async function undoAppCallback(ctx: TriggerContext, credentials: WhatsAppCloudCredentials, callbackUrl: string): Promise<'removed' | 'changed'> {
	const subs = await listAppSubscriptions(ctx, credentials);
	if (subs.find((s) => s.object === APP_OBJECT)?.callback_url !== callbackUrl) return 'changed';
	const { appId, accessToken } = appRequest(credentials);
	await graphRequest.call(ctx, { method: 'DELETE', path: `${appId}/subscriptions`, accessToken, qs: { object: APP_OBJECT } });
	return 'removed';
}
