/**
 * Which Meta app a token acts for: the app whose subscription the trigger sets and undoes.
 * Asked once per token and remembered, so republishing and deactivation do not ask Meta again.
 */
import { createHash } from 'crypto';
import { NodeOperationError } from 'n8n-workflow';

import type { WhatsAppCloudCredentials } from '../shared/credentials';
import { graphRequest } from '../shared/transport/graphRequest';
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

/** The app the credential's Access Token was made for, from Graph's debug_token (the token inspects itself). */
export async function tokenAppId(ctx: TriggerContext, credentials: WhatsAppCloudCredentials, timeout?: number): Promise<string> {
	const key = tokenKey(credentials);
	const known = appOfToken.get(key, Date.now());
	if (known) return known;
	// Graph reads input_token only as a parameter of this GET; the caller's own token goes in the header.
	const response = await graphRequest.call(ctx, { method: 'GET', path: 'debug_token', qs: { input_token: credentials.accessToken }, timeout });
	const appId = appIdOf(response);
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
