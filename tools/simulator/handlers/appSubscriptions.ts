/**
 * /{App-ID}/subscriptions — an app's own webhook subscriptions (what App Dashboard → WhatsApp →
 * Configuration sets): one callback URL per app and object, with a list of fields.
 *
 * Contract addition: Meta's WhatsApp OpenAPI file (business-messaging-api_v23.0.yaml) does not
 * describe this Graph edge, so nothing here is contract-validated; the behaviour follows Meta's
 * Graph API reference for /{app-id}/subscriptions and "Webhooks → Subscriptions edge":
 *
 * - Only the app's own app access token (`APP_ID|APP_SECRET`, in the Authorization header or
 *   as access_token) may use it; a user or system-user token gets (#15).
 * - POST object, callback_url, verify_token, fields (comma-separated, a JSON array as text, or an
 *   array), include_values: first the verification GET against callback_url (hub.mode,
 *   hub.challenge, hub.verify_token), failing with (#2200) like subscribed_apps; then the
 *   object's callback URL is set (replacing the previous one) and the fields are added to those
 *   already subscribed.
 * - GET lists {object, callback_url, active, fields: [{name, version}]}.
 * - DELETE object [fields]: removes those fields (the whole object subscription when no field
 *   is given or none is left); without object, every subscription of the app.
 */
import { invalidTokenError, noTokenError } from '../auth';
import { APPS, GRAPH_VERSION } from '../fixtures';
import { GraphError, invalidParameter, unsupportedRequest } from '../graphError';
import type { RequestContext, Route } from '../router';
import type { SimAppSubscription } from '../state';
import { wabaWebhookFields } from '../../contract/validate';
import { checkCallbackUrl, verifyCallback } from './subscribedApps';

/**
 * The webhook fields of the whatsapp_business_account object: the contract's WebhookField (Meta's
 * Webhooks reference, tools/contract/generator/patches/webhooks.ts R7r).
 */
export const WABA_WEBHOOK_FIELDS: readonly string[] = wabaWebhookFields();

const OBJECTS = ['whatsapp_business_account', 'page', 'user', 'instagram', 'permissions', 'application'];

/** The app whose edge is called, after checking that the caller holds that app's token. */
function appOf(ctx: RequestContext): string {
	const appId = ctx.params['App-ID'];
	const app = APPS.find((a) => a.id === appId);
	const caller = ctx.caller;
	if (caller.kind === 'none') throw noTokenError();
	if (caller.kind === 'invalid') throw invalidTokenError();
	if (caller.kind === 'user') {
		throw new GraphError(400, { message: '(#15) This method must be called with an app access_token.', code: 15 });
	}
	if (!app || caller.appId !== app.id) throw unsupportedRequest(ctx.method, appId);
	return app.id;
}

function listOf(ctx: RequestContext, appId: string): SimAppSubscription[] {
	return (ctx.state.appSubscriptions[appId] ??= []);
}

/** A Graph list parameter: array, JSON array text or comma-separated text. */
function parseList(value: unknown): string[] {
	if (Array.isArray(value)) return value.map(String).map((v) => v.trim()).filter(Boolean);
	if (typeof value !== 'string') return [];
	const text = value.trim();
	if (text.startsWith('[')) {
		try {
			const parsed = JSON.parse(text) as unknown;
			if (Array.isArray(parsed)) return parseList(parsed);
		} catch {
			throw invalidParameter(`fields "${text}" is not a JSON array`, '(#100) Param fields must be an array');
		}
	}
	return text.split(',').map((v) => v.trim()).filter(Boolean);
}

/** Parameters from the body (JSON or form) with the query as fallback, as Graph reads them. */
function params(ctx: RequestContext): Record<string, unknown> {
	const body = ctx.body && typeof ctx.body === 'object' && !Array.isArray(ctx.body) ? (ctx.body as Record<string, unknown>) : {};
	return { ...ctx.query, ...body };
}

function copy(sub: SimAppSubscription): SimAppSubscription {
	return { ...sub, fields: sub.fields.map((f) => ({ ...f })) };
}

export const listAppSubscriptions: Route = {
	method: 'GET',
	path: '/{App-ID}/subscriptions',
	auth: 'custom',
	handle(ctx) {
		return { body: { data: listOf(ctx, appOf(ctx)).map(copy) } };
	},
};

export const createAppSubscription: Route = {
	method: 'POST',
	path: '/{App-ID}/subscriptions',
	auth: 'custom',
	async handle(ctx) {
		const appId = appOf(ctx);
		const p = params(ctx);
		const object = typeof p.object === 'string' ? p.object : '';
		if (!OBJECTS.includes(object)) throw invalidParameter(`object must be one of ${OBJECTS.join(', ')}`, '(#100) Param object must be one of {' + OBJECTS.join(', ') + '}');
		const callbackUrl = typeof p.callback_url === 'string' ? p.callback_url : '';
		if (!callbackUrl) throw invalidParameter('callback_url is required', '(#100) The parameter callback_url is required');
		checkCallbackUrl(callbackUrl, 'callback_url', 2000);
		const verifyToken = typeof p.verify_token === 'string' ? p.verify_token : '';
		if (!verifyToken) throw invalidParameter('verify_token is required', '(#100) The parameter verify_token is required');
		const fields = parseList(p.fields);
		if (fields.length === 0) throw invalidParameter('fields is required', '(#100) The parameter fields is required');
		if (object === 'whatsapp_business_account') {
			const unknown = fields.filter((f) => !WABA_WEBHOOK_FIELDS.includes(f));
			if (unknown.length) throw invalidParameter(`unknown field(s) ${unknown.join(', ')} of whatsapp_business_account`, `(#100) Invalid field: ${unknown[0]}`);
		}
		await verifyCallback(callbackUrl, verifyToken);
		const list = listOf(ctx, appId);
		let sub = list.find((s) => s.object === object);
		if (!sub) {
			sub = { object, callback_url: callbackUrl, active: true, fields: [] };
			list.push(sub);
		}
		sub.callback_url = callbackUrl;
		sub.active = true;
		const version = ctx.version ?? GRAPH_VERSION;
		for (const name of fields) if (!sub.fields.some((f) => f.name === name)) sub.fields.push({ name, version });
		return { body: { success: true } };
	},
};

export const deleteAppSubscription: Route = {
	method: 'DELETE',
	path: '/{App-ID}/subscriptions',
	auth: 'custom',
	handle(ctx) {
		const appId = appOf(ctx);
		const p = params(ctx);
		const object = typeof p.object === 'string' && p.object !== '' ? p.object : undefined;
		const fields = parseList(p.fields);
		const list = listOf(ctx, appId);
		if (object === undefined) {
			ctx.state.appSubscriptions[appId] = [];
			return { body: { success: true } };
		}
		const sub = list.find((s) => s.object === object);
		if (sub && fields.length > 0) sub.fields = sub.fields.filter((f) => !fields.includes(f.name));
		if (sub && (fields.length === 0 || sub.fields.length === 0)) {
			ctx.state.appSubscriptions[appId] = list.filter((s) => s !== sub);
		}
		return { body: { success: true } };
	},
};
