/**
 * /{WABA-ID}/subscribed_apps — which apps get the WABA's webhooks, and where (override_callback_uri).
 *
 * Like Meta: every simulator token belongs to the simulator's app, so POST subscribes that app
 * (setting or, without override_callback_uri, removing its override) and DELETE unsubscribes it.
 * A POST with an override URL first sends the verification GET to that URL and fails with
 * Meta's (#2200) error unless the URL answers 200 with the challenge. Meta only calls public
 * HTTPS URLs; the simulator also accepts http on loopback, for tests.
 */
import { randomInt } from 'node:crypto';

import { APP_ID, APP_NAME, SCOPE_MANAGEMENT } from '../fixtures';
import { GraphError, invalidParameter } from '../graph-error';
import type { Route } from '../router';
import type { SimSubscribedApp } from '../state';
import { handshake } from '../webhook-client';

/** Meta's limit for override_callback_uri. */
const MAX_CALLBACK_LENGTH = 200;
const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

function ownApp(apps: SimSubscribedApp[]): SimSubscribedApp | undefined {
	return apps.find((a) => a.whatsapp_business_api_data.id === APP_ID);
}

function checkCallbackUrl(value: string): void {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		throw invalidParameter(`override_callback_uri "${value}" is not a URL`, '(#100) Invalid callback URI format');
	}
	if (value.length > MAX_CALLBACK_LENGTH) {
		throw invalidParameter(`override_callback_uri must be at most ${MAX_CALLBACK_LENGTH} characters`, '(#100) Param override_callback_uri must be at most 200 chars long');
	}
	const loopbackHttp = url.protocol === 'http:' && LOOPBACK.test(url.hostname);
	if (url.protocol !== 'https:' && !loopbackHttp) {
		throw invalidParameter('override_callback_uri must be an https URL', '(#100) Invalid callback URI format');
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

async function verifyCallback(url: string, verifyToken: string): Promise<void> {
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
		let app = ownApp(ctx.state.subscribedApps);
		if (!app) {
			app = { whatsapp_business_api_data: { id: APP_ID, name: APP_NAME, link: 'https://www.example.com/sim-app' } };
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
		ctx.state.subscribedApps = ctx.state.subscribedApps.filter((a) => a.whatsapp_business_api_data.id !== APP_ID);
		return { body: { success: true } };
	},
};
