/**
 * Which Meta app a token acts for: the app whose subscription the trigger sets and undoes.
 * Asked once per token and remembered, so republishing and deactivation do not ask Meta again.
 */
import { createHash } from 'crypto';
import { NodeOperationError } from 'n8n-workflow';

import type { WhatsAppCloudCredentials } from '../shared/credentials';
import { asArray, isObj } from '../shared/jsonValues';
import { graphRequest } from '../shared/transport/graphRequest';
import { graphError } from '../shared/transport/metaErrors';
import { graphTrouble } from './graphTrouble';
import { triggerMemory } from './memory';
import type { TriggerContext } from './triggerSettings';

/** App id per token (hashed), so republishing and deactivation do not ask Meta again. */
const appOfToken = triggerMemory<string>('app of token', { maxEntries: 200 });

function tokenKey(credentials: WhatsAppCloudCredentials): string {
	return createHash('sha256').update(`${credentials.graphBaseUrl ?? ''}\n${credentials.accessToken ?? ''}`).digest('base64');
}

/** `data.app_id` of a debug_token answer, read with typeof checks (the answer is untrusted JSON). */
export function appIdOf(response: unknown): string | undefined {
	const data = response !== null && typeof response === 'object' ? (response as { data?: unknown }).data : undefined;
	const raw = data !== null && typeof data === 'object' ? (data as { app_id?: unknown }).app_id : undefined;
	const appId = typeof raw === 'string' ? raw : typeof raw === 'number' && Number.isSafeInteger(raw) && raw > 0 ? raw.toFixed(0) : '';
	return /^\d{1,20}$/.test(appId) ? appId : undefined;
}

/**
 * One operation of a Graph batch answer: `[{code, body: "<the answer as JSON text>"}]`, or null
 * where Meta did not finish the operation (Meta's "Batch Requests" page,
 * developers.facebook.com/docs/graph-api/batch-requests). Undefined when the answer has neither
 * shape; a body that is not JSON reads as undefined.
 */
export function batchOperation(response: unknown): { code: number; body: unknown } | null | undefined {
	const answers = asArray(response);
	if (answers.length !== 1) return undefined;
	const [first] = answers;
	if (first === null) return null;
	if (!isObj(first) || typeof first.code !== 'number' || !Number.isInteger(first.code)) return undefined;
	let body: unknown;
	try {
		body = typeof first.body === 'string' ? (JSON.parse(first.body) as unknown) : undefined;
	} catch {
		body = undefined;
	}
	return { code: first.code, body };
}

/**
 * Graph's debug_token answer for the credential's own token. Meta documents `input_token` only
 * as a query parameter of a GET, and a URL ends up in proxy and server logs; so the GET travels
 * inside a batch request: one POST to the Graph root whose form body holds the GET, the caller's
 * token in the Authorization header (the batch's token, which its operations fall back to).
 * The token is then in no URL on the wire. Meta's batch page: see batchOperation.
 */
async function debugOwnToken(ctx: TriggerContext, credentials: WhatsAppCloudCredentials, timeout?: number): Promise<unknown> {
	const lookup = { method: 'GET', relative_url: `debug_token?input_token=${encodeURIComponent((credentials.accessToken ?? '').trim())}` };
	const form = new URLSearchParams({ batch: JSON.stringify([lookup]), include_headers: 'false' });
	const response = await graphRequest.call(ctx, {
		method: 'POST',
		path: '',
		body: form.toString(),
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		timeout,
	});
	const operation = batchOperation(response);
	if (operation === null) {
		// Meta's batch answers null for an operation it did not finish in time: a server trouble, waited out like one.
		throw graphError(ctx.getNode(), 504, { error: { message: "Graph's batch request did not finish the debug_token lookup in time" } });
	}
	// The GET's own error (an expired or revoked token …) fails as it would have outside the batch.
	if (operation && operation.code >= 400) throw graphError(ctx.getNode(), operation.code, operation.body);
	return operation?.body;
}

/** The app the credential's Access Token was made for, from Graph's debug_token (the token inspects itself). */
export async function tokenAppId(ctx: TriggerContext, credentials: WhatsAppCloudCredentials, timeout?: number): Promise<string> {
	const key = tokenKey(credentials);
	const known = appOfToken.get(key, Date.now());
	if (known) return known;
	const appId = appIdOf(await debugOwnToken(ctx, credentials, timeout));
	if (appId === undefined) {
		throw new NodeOperationError(ctx.getNode(), 'Could not tell which Meta app the access token belongs to', {
			description: "Graph's debug_token did not name the token's app. Enter the App ID (App Dashboard → App settings → Basic) in the credential.",
		});
	}
	appOfToken.set(key, appId, Date.now());
	return appId;
}

/**
 * The app a WABA subscription made with this credential acts for. The token decides (Meta
 * subscribes the token's app); a credential App ID that names another app is a configuration
 * error, because the trigger would then look at one app's entry and change another's. When
 * Meta cannot be asked, the credential's App ID is used as given.
 */
export async function actingAppId(ctx: TriggerContext, credentials: WhatsAppCloudCredentials, timeout?: number): Promise<string> {
	const configured = (credentials.appId ?? '').trim();
	let fromToken: string;
	try {
		fromToken = await tokenAppId(ctx, credentials, timeout);
	} catch (error) {
		if (!configured || !graphTrouble(error)) throw error as NodeOperationError;
		return configured;
	}
	if (configured && configured !== fromToken) {
		throw new NodeOperationError(ctx.getNode(), `The credential's App ID ${configured} is not the app of its Access Token (app ${fromToken})`, {
			description: 'Enter the App ID of the app the token was generated for (App Dashboard → App settings → Basic), or leave App ID empty to use the token\'s app.',
		});
	}
	return fromToken;
}
