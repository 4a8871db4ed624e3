import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { graphRequest, type WhatsAppCloudCredentials } from '../WhatsAppCloud/transport';

/** Meta's limit for override_callback_uri. */
export const MAX_CALLBACK_URL_LENGTH = 200;

/** What the trigger changed on a WABA, kept in the node's static data to undo it later. */
export interface SubscriptionRecord extends IDataObject {
	wabaId: string;
	callbackUrl: string;
	appId: string | null;
	/** This app's state on the WABA before activation. */
	before: 'not-subscribed' | 'subscribed';
	subscribedAt: string;
}

interface SubscribedApp {
	whatsapp_business_api_data?: { id?: string; name?: string; link?: string };
	override_callback_uri?: string;
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[?::1\]?)$/i;
const PRIVATE = /^(10(?:\.\d{1,3}){3}|192\.168(?:\.\d{1,3}){2}|172\.(?:1[6-9]|2\d|3[01])(?:\.\d{1,3}){2}|169\.254(?:\.\d{1,3}){2}|0\.0\.0\.0|\[?f[cd][0-9a-f]{2}:.*|\[?fe80:.*)$/i;

export function isLoopbackHost(host: string): boolean {
	return LOOPBACK.test(host);
}

function talksToMeta(graphBaseUrl: string | undefined): boolean {
	try {
		const host = new URL(graphBaseUrl || 'https://graph.facebook.com').hostname.toLowerCase();
		return host === 'facebook.com' || host.endsWith('.facebook.com');
	} catch {
		return true;
	}
}

/**
 * Whether Meta can deliver to n8n's webhook URL. Meta only calls public HTTPS URLs of at most
 * 200 characters. A local simulator (the credential's Graph API Base URL is not Meta's) may
 * use http on loopback. Returns what to fix, or undefined when the URL is fine.
 */
export function callbackUrlProblem(callbackUrl: string, graphBaseUrl: string | undefined): string | undefined {
	let url: URL;
	try {
		url = new URL(callbackUrl);
	} catch {
		return `n8n's webhook URL "${callbackUrl}" is not a valid URL. Set n8n's WEBHOOK_URL to your public https address.`;
	}
	if (callbackUrl.length > MAX_CALLBACK_URL_LENGTH) {
		return `n8n's webhook URL is ${callbackUrl.length} characters long; Meta accepts at most ${MAX_CALLBACK_URL_LENGTH}. Use a shorter WEBHOOK_URL, or turn off "Subscribe Automatically" and set the callback URL yourself.`;
	}
	const host = url.hostname.toLowerCase();
	const fix =
		"Set n8n's WEBHOOK_URL to a public https address (for example behind a reverse proxy or a tunnel) and activate again, or turn off \"Subscribe Automatically\".";
	if (talksToMeta(graphBaseUrl)) {
		if (url.protocol !== 'https:') {
			return `n8n's webhook URL ${callbackUrl} is not HTTPS: Meta only delivers webhooks to public HTTPS URLs. ${fix}`;
		}
		if (isLoopbackHost(host) || PRIVATE.test(host) || host.endsWith('.local') || host.endsWith('.internal') || !host.includes('.')) {
			return `n8n's webhook URL ${callbackUrl} is not reachable from the internet, so Meta cannot deliver webhooks to it. ${fix}`;
		}
		return undefined;
	}
	if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(host))) return undefined;
	return `n8n's webhook URL ${callbackUrl} is not HTTPS. Only a simulator on this machine may use http (on localhost / 127.0.0.1). ${fix}`;
}

async function listSubscriptions(this: IHookFunctions, wabaId: string): Promise<SubscribedApp[]> {
	const response = await graphRequest.call(this, { method: 'GET', path: `${wabaId}/subscribed_apps` });
	const data = (response as { data?: unknown }).data;
	return Array.isArray(data) ? (data as SubscribedApp[]) : [];
}

/** This app's subscription among the WABA's, when it can be told apart. */
function ownEntry(apps: SubscribedApp[], appId: string | null): { entry?: SubscribedApp; known: boolean } {
	if (appId) return { entry: apps.find((a) => a.whatsapp_business_api_data?.id === appId), known: true };
	if (apps.length <= 1) return { entry: apps[0], known: true };
	return { known: false };
}

function withContext(error: unknown, what: string): Error {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.message = `${what}: ${error.message}`;
		return error;
	}
	return error as Error;
}

export interface SubscriptionTarget {
	wabaId: string;
	callbackUrl: string;
	credentials: WhatsAppCloudCredentials;
}

function staticRecord(ctx: IHookFunctions): IDataObject {
	return ctx.getWorkflowStaticData('node');
}

/** True when the WABA already sends this app's events to this trigger's URL. */
export async function subscriptionExists(this: IHookFunctions, target: SubscriptionTarget): Promise<boolean> {
	let apps: SubscribedApp[];
	try {
		apps = await listSubscriptions.call(this, target.wabaId);
	} catch (error) {
		throw withContext(error, `Could not read the webhook subscriptions of WhatsApp Business Account ${target.wabaId}`);
	}
	if (!apps.some((a) => a.override_callback_uri === target.callbackUrl)) return false;
	const data = staticRecord(this);
	if (!data.subscription) {
		// Our URL is set but we have no note of it (static data lost): the override is ours to
		// remove later, the app subscription itself is left alone.
		data.subscription = {
			wabaId: target.wabaId,
			callbackUrl: target.callbackUrl,
			appId: target.credentials.appId || null,
			before: 'subscribed',
			subscribedAt: new Date().toISOString(),
		} satisfies SubscriptionRecord;
	}
	return true;
}

/**
 * Subscribes the WABA with this trigger's URL as override callback (Meta first sends the
 * verification GET to it) and notes what was there before.
 */
export async function subscribe(this: IHookFunctions, target: SubscriptionTarget): Promise<void> {
	const appId = target.credentials.appId || null;
	let apps: SubscribedApp[];
	try {
		apps = await listSubscriptions.call(this, target.wabaId);
	} catch (error) {
		throw withContext(error, `Could not read the webhook subscriptions of WhatsApp Business Account ${target.wabaId}`);
	}
	const { entry, known } = ownEntry(apps, appId);
	const current = entry?.override_callback_uri;
	if (known && current && current !== target.callbackUrl) {
		throw new NodeOperationError(
			this.getNode(),
			`WhatsApp Business Account ${target.wabaId} already sends this app's webhooks to ${current}`,
			{
				description:
					'Meta allows one callback URL per app and WhatsApp Business Account, and this trigger does not replace one it did not set. Deactivate the workflow (or tool) that uses that URL, or remove its override, then activate again. Or turn off "Subscribe Automatically" and point Meta at this trigger yourself.',
			},
		);
	}
	try {
		await graphRequest.call(this, {
			method: 'POST',
			path: `${target.wabaId}/subscribed_apps`,
			body: { override_callback_uri: target.callbackUrl, verify_token: target.credentials.verifyToken },
		});
	} catch (error) {
		throw withContext(
			error,
			`Could not subscribe WhatsApp Business Account ${target.wabaId} to ${target.callbackUrl} (Meta sends a verification request to that URL; it must be reachable and answer with the credential's Verify Token)`,
		);
	}
	staticRecord(this).subscription = {
		wabaId: target.wabaId,
		callbackUrl: target.callbackUrl,
		appId,
		before: known && !entry ? 'not-subscribed' : 'subscribed',
		subscribedAt: new Date().toISOString(),
	} satisfies SubscriptionRecord;
}

/**
 * Undoes what `subscribe` did, and only that: when the override still points at this trigger,
 * it is removed (POST without override, the app stays subscribed) or, if the app was not
 * subscribed before, the app subscription is deleted. Anything changed by someone else since
 * is left alone.
 */
export async function unsubscribe(this: IHookFunctions, target: SubscriptionTarget): Promise<void> {
	const data = staticRecord(this);
	const record = data.subscription as SubscriptionRecord | undefined;
	const wabaId = record?.wabaId ?? target.wabaId;
	const callbackUrl = record?.callbackUrl ?? target.callbackUrl;
	if (!wabaId) return;
	const apps = await listSubscriptions.call(this, wabaId);
	if (apps.some((a) => a.override_callback_uri === callbackUrl)) {
		if (record?.before === 'not-subscribed') {
			await graphRequest.call(this, { method: 'DELETE', path: `${wabaId}/subscribed_apps` });
		} else {
			await graphRequest.call(this, { method: 'POST', path: `${wabaId}/subscribed_apps`, body: {} });
		}
	}
	delete data.subscription;
}
