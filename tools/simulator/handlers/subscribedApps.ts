/**
 * /{WABA-ID}/subscribed_apps — which apps get the WABA's webhooks, and where (override_callback_uri).
 *
 * Like Meta: a token acts for the app it was made for (APP_ID, or OTHER_APP_ID for
 * TOKENS.otherApp), so POST subscribes that app (setting or, without override_callback_uri,
 * removing its override) and DELETE unsubscribes that app only; other apps' entries stay.
 * A POST with an override URL first sends the verification GET to that URL and fails with
 * Meta's (#2200) error unless the URL answers 200 with the challenge. Meta only calls public
 * HTTPS URLs; the simulator also accepts http on loopback, for tests.
 */
import { randomInt } from 'node:crypto';

import { appIdOf } from '../auth';
import { APP_ID, APPS, SCOPE_MANAGEMENT } from '../fixtures';
import { GraphError, invalidParameter } from '../graphError';
import type { RequestContext, Route } from '../router';
import type { SimSubscribedApp } from '../state';
import { handshake } from '../webhook-client';

/** Meta's limit for override_callback_uri. */
const MAX_CALLBACK_LENGTH = 200;
const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** The app the request's token acts for. */
function callerApp(ctx: RequestContext): string {
	return appIdOf(ctx.caller) ?? APP_ID;
}

function ownApp(apps: SimSubscribedApp[], appId: string): SimSubscribedApp | undefined {
	return apps.find((a) => a.whatsapp_business_api_data.id === appId);
}

/** Meta's checks of a callback URL: a URL, https (http only on loopback here), at most `maxLength` characters. */
export function checkCallbackUrl(value: string, param = 'override_callback_uri', maxLength = MAX_CALLBACK_LENGTH): void {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		throw invalidParameter(`${param} "${value}" is not a URL`, '(#100) Invalid callback URI format');
	}
	if (value.length > maxLength) {
		throw invalidParameter(`${param} must be at most ${maxLength} characters`, `(#100) Param ${param} must be at most ${maxLength} chars long`);
	}
	const loopbackHttp = url.protocol === 'http:' && LOOPBACK.test(url.hostname);
	if (url.protocol !== 'https:' && !loopbackHttp) {
		throw invalidParameter(`${param} must be an https URL`, '(#100) Invalid callback URI format');
	}
}

/** Meta's answer when the callback does not pass verification. */
function verificationFailed(detail: string): GraphError {
	return new GraphError(400, {
		message: `(#2200) Callback verification failed with the following errors: ${detail}`,
		type: 'OAuthException',
		code: 2200,
	});
}

/** Meta's verification GET against a callback URL: must answer 200 with the challenge. */
export async function verifyCallback(url: string, verifyToken: string): Promise<void> {
	const challenge = String(randomInt(1_000_000_000, 2_000_000_000));
	let answer: { status: number; body: string };
	try {
		answer = await handshake(url, verifyToken, challenge);
	} catch (error) {
		const cause = (error as { cause?: { code?: string }; code?: string }).cause?.code ?? (error as { code?: string }).code ?? 'ERROR';
		throw verificationFailed(`curl_errno = ${cause}; HTTP Status Code = 0; HTTP Message = could not connect`);
	}
	if (answer.status !== 200) {
		throw verificationFailed(`HTTP Status Code = ${answer.status}; HTTP Message = ${answer.body.slice(0, 100)}`);
	}
	if (answer.body !== challenge) {
		throw verificationFailed(`HTTP Status Code = 200; The URL couldn't be validated. Response does not match challenge, expected value="${challenge}", received="${answer.body.slice(0, 100)}"`);
	}
}

export const listSubscribedApps: Route = {
	method: 'GET',
	path: '/{WABA-ID}/subscribed_apps',
	scope: SCOPE_MANAGEMENT,
	handle(ctx) {
		return { body: { data: ctx.state.subscribedApps.map((a) => ({ ...a, whatsapp_business_api_data: { ...a.whatsapp_business_api_data } })) } };
	},
};

export const subscribeApp: Route = {
	method: 'POST',
	path: '/{WABA-ID}/subscribed_apps',
	scope: SCOPE_MANAGEMENT,
	async handle(ctx) {
		const body = (ctx.body ?? {}) as { override_callback_uri?: unknown; verify_token?: unknown };
		const override = typeof body.override_callback_uri === 'string' ? body.override_callback_uri : undefined;
		if (override !== undefined && override !== '') {
			const verifyToken = typeof body.verify_token === 'string' ? body.verify_token : '';
			if (verifyToken === '') throw invalidParameter('verify_token is required with override_callback_uri', '(#100) The parameter verify_token is required');
			checkCallbackUrl(override);
			await verifyCallback(override, verifyToken);
		}
		const appId = callerApp(ctx);
		let app = ownApp(ctx.state.subscribedApps, appId);
		if (!app) {
			const known = APPS.find((a) => a.id === appId) ?? APPS[0];
			app = { whatsapp_business_api_data: { id: known.id, name: known.name, link: known.link } };
			ctx.state.subscribedApps.push(app);
		}
		if (override) app.override_callback_uri = override;
		else delete app.override_callback_uri;
		return { body: { success: true } };
	},
};

export const unsubscribeApp: Route = {
	method: 'DELETE',
	path: '/{WABA-ID}/subscribed_apps',
	scope: SCOPE_MANAGEMENT,
	handle(ctx) {
		const appId = callerApp(ctx);
		ctx.state.subscribedApps = ctx.state.subscribedApps.filter((a) => a.whatsapp_business_api_data.id !== appId);
		return { body: { success: true } };
	},
};
