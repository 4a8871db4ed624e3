/**
 * n8n's editor REST API (/rest) as the owner: JSON over fetch, the session cookie, and the first
 * start's owner setup (or login) and API key for the public API.
 */
import type { Owner } from './n8n';
import { HttpError } from './n8n';
import { sleep } from './processes';

const BROWSER_ID = 'wa-cloud-e2e-browser';

export interface Http {
	(method: string, url: string, init: { headers?: Record<string, string>; body?: unknown }): Promise<{ status: number; body: unknown; headers: Headers }>;
}

export const http: Http = async (method, url, init) => {
	const headers: Record<string, string> = { accept: 'application/json', ...(init.headers ?? {}) };
	let body: string | undefined;
	if (init.body !== undefined) {
		headers['content-type'] = 'application/json';
		body = JSON.stringify(init.body);
	}
	const res = await fetch(url, { method, headers, body, signal: AbortSignal.timeout(120_000) });
	const text = await res.text();
	let parsed: unknown = text;
	try {
		parsed = text ? JSON.parse(text) : undefined;
	} catch {
		/* keep text */
	}
	return { status: res.status, body: parsed, headers: res.headers };
};

export interface RestSession {
	/** `n8n-auth=…` once signed in */
	cookie: string;
	raw(method: string, restPath: string, body?: unknown): ReturnType<Http>;
}

export function restSession(url: string): RestSession {
	const session: RestSession = {
		cookie: '',
		raw: (method, restPath, body) =>
			http(method, `${url}/rest${restPath}`, { headers: { 'browser-id': BROWSER_ID, ...(session.cookie ? { cookie: session.cookie } : {}) }, body }),
	};
	return session;
}

function grabCookie(session: RestSession, headers: Headers): void {
	for (const c of headers.getSetCookie()) {
		const m = /^(n8n-auth=[^;]+)/.exec(c);
		if (m) session.cookie = m[1];
	}
}

/**
 * Under load n8n may answer 503 "Database is not ready!" for a while after it printed that the
 * editor is accessible (1.x logs "Database connection timed out"): wait that out.
 */
async function patientRest(session: RestSession, method: string, restPath: string, body?: unknown) {
	const t1 = Date.now();
	for (;;) {
		const r = await session.raw(method, restPath, body);
		if (r.status !== 503 || Date.now() - t1 > 60_000) return r;
		await sleep(500);
	}
}

interface ApiKey {
	id: string;
	label: string;
}
/** The API keys, as n8n versions list them: an array, or under `items` / `data`. */
type ApiKeyList = ApiKey[] | { items?: ApiKey[]; data?: ApiKey[] };

/** Sets the owner up (first start) or logs in (a restart), then makes a fresh API key; returns it. */
export async function setUpOwner(session: RestSession, owner: Owner): Promise<string> {
	const setupRest = (method: string, restPath: string, body?: unknown) => patientRest(session, method, restPath, body);
	const settings = await setupRest('GET', '/settings');
	const needsSetup =
		(settings.body as { data?: { userManagement?: { showSetupOnFirstLoad?: boolean } } } | undefined)?.data?.userManagement
			?.showSetupOnFirstLoad !== false;
	if (needsSetup) {
		const r = await setupRest('POST', '/owner/setup', owner);
		if (r.status !== 200) throw new HttpError('POST', '/rest/owner/setup', r.status, r.body);
		grabCookie(session, r.headers);
	} else {
		const r = await setupRest('POST', '/login', { emailOrLdapLoginId: owner.email, password: owner.password });
		if (r.status !== 200) throw new HttpError('POST', '/rest/login', r.status, r.body);
		grabCookie(session, r.headers);
	}
	if (!session.cookie) throw new Error('no n8n-auth cookie after owner setup/login');

	const label = 'wa-cloud-e2e';
	const existing = await setupRest('GET', '/api-keys');
	const listed = (existing.body as { data?: unknown } | undefined)?.data as ApiKeyList | undefined;
	const keys = Array.isArray(listed) ? listed : (listed?.items ?? listed?.data ?? []);
	for (const k of keys) {
		if (k.label === label) await setupRest('DELETE', `/api-keys/${k.id}`);
	}
	const scopes = await setupRest('GET', '/api-keys/scopes');
	if (scopes.status !== 200) throw new HttpError('GET', '/rest/api-keys/scopes', scopes.status, scopes.body);
	const created = await setupRest('POST', '/api-keys', { label, scopes: (scopes.body as { data: unknown }).data, expiresAt: null });
	if (created.status !== 200) throw new HttpError('POST', '/rest/api-keys', created.status, created.body);
	const apiKey = (created.body as { data: { rawApiKey?: string } }).data.rawApiKey;
	if (!apiKey) throw new Error(`no rawApiKey in ${JSON.stringify(created.body)}`);
	return apiKey;
}
