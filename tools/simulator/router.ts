/**
 * Routes of the simulated Graph API. A route is one small object (usually in its own file under
 * handlers/) registered in handlers/routes.ts:
 *
 *   export const getThing: Route = {
 *     method: 'GET',
 *     path: '/{WABA-ID}/things',        // after the optional /vNN.N prefix; placeholders as in the contract
 *     scope: SCOPE_MANAGEMENT,          // permission the token needs (omit: any valid token)
 *     handle: (ctx) => ({ body: { data: [] } }),
 *   };
 *
 * The server does the rest: token check, object lookup for the placeholders below (unknown ids get
 * Meta's "Unsupported get request. Object with ID … does not exist" error), the permission check,
 * and contract validation of the body when the contract has a request schema for
 * "<METHOD> /{Version}<path>" (an invalid body gets "(#100) Invalid parameter" and the handler is not
 * called). Handlers return {status?, body?, headers?, raw?} or throw a GraphError.
 */
import type { Caller } from './auth';
import { APPS } from './fixtures';
import type { UploadedFile } from './body';
import type { Scope } from './fixtures';
import { flowState } from './flowState';
import { groupState } from './groupState';
import type { SimState } from './state';

export interface RequestContext {
	method: string;
	/** Path without query, as received (e.g. "/v23.0/100000000000001/messages"). */
	path: string;
	/** Version prefix ("v23.0"), undefined when the path had none. */
	version: string | undefined;
	/** Values of the route's placeholders, by name (e.g. params['Phone-Number-ID']). */
	params: Record<string, string>;
	query: Record<string, string>;
	headers: Record<string, string>;
	/** Parsed body: JSON / form fields / multipart fields (files as {filename, contentType, size}). */
	body: unknown;
	files: UploadedFile[];
	rawBody: Buffer;
	state: SimState;
	caller: Caller;
	/** The access token used, if any. */
	token: string | undefined;
	/** "http://127.0.0.1:PORT" */
	baseUrl: string;
}

export interface RouteResult {
	status?: number;
	/** JSON body. */
	body?: unknown;
	/** Raw bytes instead of JSON (e.g. media download). */
	raw?: Buffer;
	headers?: Record<string, string>;
}

export interface Route {
	method: 'GET' | 'POST' | 'DELETE';
	path: string;
	/** Permission the token must have; omit for any valid token. */
	scope?: Scope;
	/** 'token' (default): the server rejects missing/invalid/expired tokens. 'custom': the handler checks the caller itself. */
	auth?: 'token' | 'custom';
	handle(ctx: RequestContext): RouteResult | Promise<RouteResult>;
}

/** Placeholders whose value must name an existing object; the route only matches if it does. */
export const ID_RESOLVERS: Record<string, (state: SimState, id: string) => boolean> = {
	'Phone-Number-ID': (state, id) => state.phoneNumbers.some((p) => p.id === id),
	'WABA-ID': (state, id) => state.waba.id === id,
	'Media-ID': (state, id) => id in state.media,
	TEMPLATE_ID: (state, id) => state.templates.some((t) => t.id === id),
	'App-ID': (_state, id) => APPS.some((app) => app.id === id),
	'Upload-Session-ID': (state, id) => id in state.uploadSessions,
	group_id: (state, id) => groupState(state).groups.some((g) => g.id === id),
	'Flow-ID': (state, id) => flowState(state).flows.some((f) => f.id === id),
};

const VERSION = /^v[0-9]+(\.[0-9]+)?$/;

export function splitGraphPath(pathname: string): { version: string | undefined; segments: string[] } {
	const decode = (s: string) => {
		try {
			return decodeURIComponent(s);
		} catch {
			return s;
		}
	};
	const segments = pathname.split('/').filter((s) => s.length > 0).map(decode);
	const version = segments.length > 0 && VERSION.test(segments[0]) ? segments.shift() : undefined;
	return { version, segments };
}

export interface RouteMatch {
	route: Route;
	params: Record<string, string>;
	/** Placeholder values that name no existing object. */
	missing: string[];
}

/**
 * Routes whose path has the same shape as `segments` (literal parts equal), with their params.
 * Only the most specific shape counts: /debug_token beats /{Phone-Number-ID}.
 */
export function matchRoutes(routes: Route[], segments: string[], state: SimState): RouteMatch[] {
	const matches: RouteMatch[] = [];
	for (const route of routes) {
		const parts = route.path.split('/').filter((s) => s.length > 0);
		if (parts.length !== segments.length) continue;
		const params: Record<string, string> = {};
		const missing: string[] = [];
		const same = parts.every((part, i) => {
			if (!part.startsWith('{')) return part === segments[i];
			const name = part.slice(1, -1);
			params[name] = segments[i];
			const resolve = ID_RESOLVERS[name];
			if (resolve && !resolve(state, segments[i])) missing.push(segments[i]);
			return true;
		});
		if (same) matches.push({ route, params, missing });
	}
	const fewest = Math.min(...matches.map((m) => Object.keys(m.params).length));
	return matches.filter((m) => Object.keys(m.params).length === fewest);
}

/** Contract operation key of a route, e.g. "POST /{Version}/{Phone-Number-ID}/messages". */
export function operationKey(route: Route): string {
	return `${route.method} /{Version}${route.path}`;
}
