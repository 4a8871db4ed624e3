/**
 * The transport's edge rules one by one, without a server: where a request's URL points as n8n's
 * HTTP client reads it, which header carries the token in which form, where a redirect may lead,
 * what a network failure says. The same paths through n8n-core's HTTP stack are in tokenScope.test.ts.
 */
import { describe, expect, it } from '@jest/globals';
import type { IHttpRequestOptions, INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { Readable } from 'node:stream';

import { authenticateGraphRequest, headerValue, targetUrl } from '../../../nodes/shared/credentialTest';
import {
	AUTH_SCHEME_HEADER,
	discardBody,
	isLoopbackHost,
	isReadable,
	isRedirect,
	MAX_REDIRECTS,
	networkError,
	redirectTarget,
	refuseUntrustedUrl,
	resolveGraphSettings,
	tokenMayGoTo,
	type FullResponse,
} from '../../../nodes/shared/transport/graphRequest';

const NODE: INode = { id: 'n1', name: 'WhatsApp Cloud', type: 'whatsAppCloud', typeVersion: 1, position: [0, 0], parameters: {} };
const options = (o: Record<string, unknown>) => o as unknown as IHttpRequestOptions;

describe('targetUrl: the URL n8n will call', () => {
	const base = 'https://graph.facebook.com/v23.0';
	it.each([
		['an absolute url, whatever the baseURL', { url: 'https://other.example/x', baseURL: base }, 'https://other.example/x'],
		['an absolute url of another scheme with digits', { url: 'h2c://other.example/x', baseURL: base }, 'h2c://other.example/x'],
		['a relative url joined to the baseURL', { url: 'me/phone_numbers', baseURL: base }, `${base}/me/phone_numbers`],
		['slashes at the join collapse to one', { url: '//me', baseURL: `${base}//` }, `${base}/me`],
		['a colon later in a relative path', { url: 'me/x:y', baseURL: base }, `${base}/me/x:y`],
		['no url at all: the baseURL itself', { baseURL: base }, `${base}/`],
		['a legacy uri that is not text counts as none', { uri: 5, baseURL: base }, `${base}/`],
		["the HTTP Request node's legacy uri", { uri: 'https://graph.facebook.com/v23.0/me' }, 'https://graph.facebook.com/v23.0/me'],
	])('%s', (_, given, expected) => {
		expect(targetUrl(options(given))?.href).toBe(expected);
	});
	it('nothing it can read as a URL: undefined', () => {
		expect(targetUrl(options({ url: 'me' }))).toBeUndefined();
		expect(targetUrl(options({ url: 'https://exa mple.com/' }))).toBeUndefined();
	});
});

describe('headerValue', () => {
	it('finds a header whatever its case, and only that one', () => {
		const headers = { Accept: 'json', 'X-WA-Auth-Scheme': 'OAuth' };
		expect(headerValue(headers, 'x-wa-auth-scheme')).toBe('OAuth');
		expect(headerValue(headers, 'authorization')).toBeUndefined();
	});
});

describe('authenticateGraphRequest: the token and its form', () => {
	const credentials = { accessToken: ' user-token ', appId: ' 42 ', appSecret: ' shh ', apiVersion: 'v23.0', graphBaseUrl: 'https://graph.facebook.com' };
	const debugToken = (headers: Record<string, string>) => options({ baseURL: 'https://graph.facebook.com/v23.0', url: '/debug_token', headers });
	const authorization = (out: IHttpRequestOptions) =>
		Object.entries(out.headers ?? {}).filter(([name]) => name.toLowerCase() === 'authorization').map(([, value]) => value);

	it("an upload session's OAuth form, asked for by a header in any case that never leaves", async () => {
		const out = await authenticateGraphRequest(
			credentials,
			options({ url: 'https://graph.facebook.com/v23.0/upload:1', headers: { Accept: 'x', 'X-Wa-Auth-Scheme': 'OAuth' } }),
		);
		expect(out.headers).toEqual({ Accept: 'x', Authorization: 'OAuth user-token' });
	});
	it('any other value of that header: Bearer', async () => {
		const out = await authenticateGraphRequest(credentials, options({ url: 'https://graph.facebook.com/v23.0/me', headers: { [AUTH_SCHEME_HEADER]: 'Basic' } }));
		expect(out.headers).toEqual({ Authorization: 'Bearer user-token' });
	});
	it("the credential test's app token matches the trimmed App ID and App Secret", async () => {
		expect(authorization(await authenticateGraphRequest(credentials, debugToken({ Authorization: 'Bearer 42|shh' })))).toEqual(['Bearer 42|shh']);
	});
	it.each([
		['no App ID', { appId: '' }, 'Bearer |shh'],
		['no App Secret', { appSecret: '' }, 'Bearer 42|'],
		['an App ID that is not text', { appId: 42 }, 'Bearer 42|shh'],
		['an App Secret that is not text', { appSecret: 7 }, 'Bearer 42|7'],
	])('%s: whatever the request carries, the access token goes', async (_, change, presented) => {
		const out = await authenticateGraphRequest({ ...credentials, ...change }, debugToken({ Authorization: presented }));
		expect(authorization(out)).toEqual(['Bearer user-token']);
	});
});

describe('where the token may go', () => {
	it('isLoopbackHost reads the whole host name', () => {
		expect(['a127.0.0.1', '1127.0.0.1'].map(isLoopbackHost)).toEqual([false, false]);
	});
	it('tokenMayGoTo: never with a Base URL that is not a URL', () => {
		expect(tokenMayGoTo(new URL('https://graph.facebook.com/v23.0/me'), 'not a url')).toBe(false);
	});
	it('resolveGraphSettings trims spaces and every trailing slash, and refuses what is not a URL', () => {
		expect(resolveGraphSettings({ apiVersion: ' v23.0 ' })).toEqual({ baseUrl: 'https://graph.facebook.com', version: 'v23.0' });
		expect(resolveGraphSettings({ graphBaseUrl: ' https://graph.example.com// ' })).toEqual({ baseUrl: 'https://graph.example.com', version: 'v25.0' });
		expect(resolveGraphSettings({ graphBaseUrl: 'xhttps://graph.example.com' })).toEqual({ problem: expect.stringContaining('is not an http(s) URL') });
		expect(resolveGraphSettings({ graphBaseUrl: 'https://exa mple.com' })).toEqual({ problem: expect.stringContaining('is not an http(s) URL') });
	});
	it('refuseUntrustedUrl: passes the Base URL and the media host, names the refused origin and marks the error', () => {
		const base = 'http://127.0.0.1:4545';
		expect(() => refuseUntrustedUrl(NODE, `${base}/__media/1`, base, 0)).not.toThrow();
		expect(() => refuseUntrustedUrl(NODE, 'https://lookaside.fbsbx.com/x', base, 0)).not.toThrow();
		const refused = (url: string) => {
			try {
				refuseUntrustedUrl(NODE, url, base, 3);
			} catch (error) {
				return error as NodeApiError;
			}
			throw new Error('not refused');
		};
		const error = refused('https://cdn.example.com/x?token=1');
		expect(error.message).toBe(
			"Refused to send the access token to https://cdn.example.com: it goes only to the Graph API Base URL (http://127.0.0.1:4545) and Meta's media host (lookaside.fbsbx.com)",
		);
		expect(error.description).toBe('The URL came from a Graph answer. Check the Graph API Base URL in the credential (a proxy must hand out its own URLs).');
		expect(error.context).toMatchObject({ untrustedHost: true, itemIndex: 3 });
		expect(refused('not a url').message).toMatch(/^Refused to send the access token to a value that is not a URL: /);
	});
});

describe('redirects', () => {
	const from = 'https://graph.facebook.com/v23.0/M1';
	const answer = (statusCode: number, location?: unknown): FullResponse => ({ statusCode, headers: location === undefined ? {} : { location: location as string }, body: undefined });
	const target = (location: unknown, method = 'GET', hops = 0, status = 302) => {
		const next = redirectTarget(options({ url: from, method }), answer(status, location), hops);
		return typeof next === 'string' ? next : next.href;
	};

	it('isRedirect: the five redirect codes, nothing else', () => {
		const codes = [301, 302, 303, 307, 308, 300, 304, 200, 404];
		expect(codes.filter((statusCode) => isRedirect({ statusCode, headers: {}, body: undefined }))).toEqual([301, 302, 303, 307, 308]);
	});
	it('follows a GET to https, relative or absolute, and to http on this machine', () => {
		expect(target('/v23.0/M2')).toBe('https://graph.facebook.com/v23.0/M2');
		expect(target('https://lookaside.fbsbx.com/x')).toBe('https://lookaside.fbsbx.com/x');
		expect(target('http://127.0.0.1:4545/file')).toBe('http://127.0.0.1:4545/file');
		expect(redirectTarget(options({ url: from }), answer(301, 'M3'), 0)).toEqual(new URL('https://graph.facebook.com/v23.0/M3'));
	});
	it(`stops at hop ${MAX_REDIRECTS}, not before`, () => {
		expect(target('/x', 'GET', MAX_REDIRECTS - 1)).toBe('https://graph.facebook.com/x');
		expect(target('/x', 'GET', MAX_REDIRECTS)).toBe('Stopped after 5 redirects from graph.facebook.com');
	});
	it('never follows another method', () => {
		expect(target('/x', 'POST', 0, 307)).toBe('graph.facebook.com answered a POST with a redirect (HTTP 307), which is not followed');
	});
	it('says what is missing or wrong in the Location', () => {
		expect(target(undefined)).toBe('graph.facebook.com answered HTTP 302 without a Location to follow');
		expect(target('')).toBe('graph.facebook.com answered HTTP 302 without a Location to follow');
		expect(target(['/a', '/b'])).toBe('graph.facebook.com answered HTTP 302 without a Location to follow');
		expect(target('https://exa mple.com/')).toBe('graph.facebook.com redirected to something that is not a URL');
	});
	it('refuses plain http to another machine and any other scheme', () => {
		expect(target('http://cdn.example.com/file')).toBe('Refused to follow a redirect from graph.facebook.com to http://cdn.example.com: only https, or http to this machine');
		expect(target('ftp://127.0.0.1/file')).toBe('Refused to follow a redirect from graph.facebook.com to ftp://127.0.0.1: only https, or http to this machine');
	});
	it('a response without headers: no Location', () => {
		const next = redirectTarget(options({ url: from }), { statusCode: 302, body: undefined } as unknown as FullResponse, 0);
		expect(next).toBe('graph.facebook.com answered HTTP 302 without a Location to follow');
	});
});

describe('bodies left unread', () => {
	it('isReadable: a stream, not a buffer, text or an object with a pipe only', () => {
		expect(isReadable(Readable.from(['x']))).toBe(true);
		expect([Buffer.from('x'), 'x', null, undefined, { pipe: () => undefined }, { [Symbol.asyncIterator]: () => undefined }].filter(isReadable)).toEqual([]);
	});
	it('discardBody destroys a stream and leaves anything else alone', () => {
		const stream = Readable.from(['x']);
		discardBody(stream);
		expect(stream.destroyed).toBe(true);
		const notAStream = { pipe: () => undefined, destroyed: false, destroy() { this.destroyed = true; } };
		discardBody(notAStream);
		expect(notAStream.destroyed).toBe(false);
		expect(() => discardBody(null)).not.toThrow();
	});
});

describe('networkError', () => {
	it("names the cause's code and its first line, and never more than 200 characters of it", () => {
		const cause = Object.assign(new Error(`connect ECONNREFUSED 127.0.0.1:1\nAuthorization: Bearer secret ${'x'.repeat(300)}`), { code: 'ECONNREFUSED' });
		const error = networkError(NODE, Object.assign(new Error('outer'), { cause }), 2);
		expect(error.message).toBe('Could not reach the WhatsApp Cloud API (ECONNREFUSED): connect ECONNREFUSED 127.0.0.1:1');
		expect(error.context).toMatchObject({ networkError: 'ECONNREFUSED', itemIndex: 2 });
		expect(error.description).toBe(
			"Check the credential's Graph API Base URL and your network. If the request timed out after it was sent, the message may still have been delivered.",
		);
		const long = networkError(NODE, { code: 'ETIMEDOUT', message: 'y'.repeat(300) });
		expect(long.message).toBe(`Could not reach the WhatsApp Cloud API (ETIMEDOUT): ${'y'.repeat(200)}`);
	});
	it("the error's own code and message when it has no cause; a generic code and reason when it has neither", () => {
		expect(networkError(NODE, Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })).message).toBe(
			'Could not reach the WhatsApp Cloud API (ECONNRESET): socket hang up',
		);
		expect(networkError(NODE, { cause: { message: 'aborted' } }).message).toBe('Could not reach the WhatsApp Cloud API (NETWORK_ERROR): aborted');
		const bare = networkError(NODE, undefined);
		expect(bare.message).toBe('Could not reach the WhatsApp Cloud API (NETWORK_ERROR): no answer');
		expect(bare.context.networkError).toBe('NETWORK_ERROR');
		expect(networkError(NODE, null).message).toBe('Could not reach the WhatsApp Cloud API (NETWORK_ERROR): no answer');
	});
	it("a Graph error already made from Meta's answer passes through; any other NodeApiError is wrapped", () => {
		const meta = new NodeApiError(NODE, { message: 'x' }, { message: 'Meta said no' });
		meta.context.meta = { code: 100 };
		expect(networkError(NODE, meta)).toBe(meta);
		const plain = new NodeApiError(NODE, { message: 'x' }, { message: 'plain' });
		expect(networkError(NODE, plain)).not.toBe(plain);
	});
});
