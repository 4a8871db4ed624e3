/**
 * graphRequest itself, called from a test-only node through n8n-core's real HTTP stack (the
 * credential's authenticate applied by n8n) against a loopback server that answers what each test
 * says: the URL it builds, how it asks for JSON, bytes or a stream, which token and form go along,
 * how it reads error answers of each kind, and when it goes around the bulk sending session.
 */
import { describe, expect, it } from '@jest/globals';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { Readable } from 'node:stream';

import { WhatsAppCloudApi } from '../../../credentials/WhatsAppCloudApi.credentials';
import { CREDENTIAL_TYPE } from '../../../nodes/shared/credentials';
import { graphRequest, type GraphRequest } from '../../../nodes/shared/transport/graphRequest';
import { runNode } from '../../harness/runNode';
import { useRawServer } from './rawGraph';

const TOKEN = 'answers-token';
const graph = useRawServer();
const bystander = useRawServer();

/** How many attempts went through the bulk sending session of the last run. */
let scheduled = 0;

/** Test only: sends the `request` parameter through graphRequest and returns what it gave back. */
class GraphProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Graph Probe',
		name: 'graphProbe',
		group: ['output'],
		version: 1,
		description: 'Test only',
		defaults: { name: 'Graph Probe' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [
			{ displayName: 'Request', name: 'request', type: 'json', default: '{}' },
			{ displayName: 'Body Kind', name: 'bodyKind', type: 'string', default: '' },
			{ displayName: 'Through Session', name: 'session', type: 'boolean', default: false },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const request = JSON.parse(this.getNodeParameter('request', 0) as string) as GraphRequest;
		if (this.getNodeParameter('bodyKind', 0) === 'stream') request.body = Readable.from([Buffer.from('{"a":1}')]);
		if (this.getNodeParameter('session', 0)) {
			request.sending = {
				send: async (attempt) => {
					scheduled++;
					return await attempt();
				},
			};
		}
		const answer: unknown = await graphRequest.call(this, { ...request, itemIndex: 0 });
		const shown = Buffer.isBuffer(answer)
			? { bytes: answer.toString('utf8') }
			: answer instanceof Readable
				? { streamed: Buffer.concat(await answer.toArray()).toString('utf8') }
				: (answer as IDataObject);
		return [[{ json: shown }]];
	}
}

const probe = async (request: Partial<GraphRequest>, extra: IDataObject = {}, credentials: IDataObject = {}) => {
	scheduled = 0;
	return await runNode({
		nodeType: new GraphProbe(),
		parameters: { request: JSON.stringify({ method: 'GET', ...request }), ...extra },
		credentialTypes: [new WhatsAppCloudApi()],
		credentials: { [CREDENTIAL_TYPE]: { accessToken: TOKEN, apiVersion: 'v23.0', graphBaseUrl: graph.url, ...credentials } },
	});
};
const json = (result: Awaited<ReturnType<typeof probe>>) => result.items[0]?.[0]?.json;
const context = (result: Awaited<ReturnType<typeof probe>>) => (result.error as unknown as { context: IDataObject }).context;

describe('the request it builds', () => {
	it('base URL + version + path, leading slashes dropped, the query kept, JSON parsed, the token as Bearer', async () => {
		graph.answer('/v23.0/me', { body: { id: '1' } });
		const result = await probe({ path: '//me', qs: { fields: 'id' } });
		expect(json(result)).toEqual({ id: '1' });
		expect(graph.requests.map((r) => [r.path, r.headers.authorization])).toEqual([['/v23.0/me?fields=id', `Bearer ${TOKEN}`]]);
	});

	it('bytes for a binary request, a stream for a streamed one (no JSON parsing of either)', async () => {
		graph.answer('/v23.0/file', { body: '{"not":"parsed"}' });
		expect(json(await probe({ path: 'file', binary: true }))).toEqual({ bytes: '{"not":"parsed"}' });
		expect(json(await probe({ path: 'file', stream: true }))).toEqual({ streamed: '{"not":"parsed"}' });
	});

	it('another token in the same header (the app token), or the OAuth form an upload session asks for', async () => {
		graph.answer('/v23.0/me', { body: {} });
		await probe({ path: 'me', accessToken: 'app|secret' });
		await probe({ path: 'me', authScheme: 'OAuth', headers: { Accept: 'application/json' } });
		expect(graph.requests.map((r) => r.headers.authorization)).toEqual(['Bearer app|secret', `OAuth ${TOKEN}`]);
		expect(graph.requests[1].headers.accept).toBe('application/json');
		expect(graph.requests[1].headers['x-wa-auth-scheme']).toBeUndefined();
	});

	it("an absolute URL goes as is; one the token may not go to is refused when it needs the token, fetched without it otherwise", async () => {
		bystander.answer('/cdn.png', { body: 'png' });
		expect(json(await probe({ path: '', absoluteUrl: `${bystander.url}/cdn.png`, binary: true }))).toEqual({ bytes: 'png' });
		expect(bystander.requests[0].headers.authorization).toBeUndefined();
		const refused = await probe({ path: '', absoluteUrl: `${bystander.url}/cdn.png`, tokenHostOnly: true });
		expect(refused.error?.message).toMatch(/^Refused to send the access token to http:\/\/127\.0\.0\.1:\d+: /);
		expect(bystander.requests).toHaveLength(1);
	});

	it('a wrong credential fails the item before any request, naming what to fix', async () => {
		const result = await probe({ path: 'me' }, {}, { graphBaseUrl: 'ftp://graph.example.com' });
		expect(result.error?.message).toBe(
			'The credential\'s Graph API Base URL "ftp://graph.example.com" is not an http(s) URL: leave it at https://graph.facebook.com unless you use a proxy or simulator',
		);
		expect(context(result).itemIndex).toBe(0);
		expect(graph.requests).toEqual([]);
	});

	it('gives up after the request timeout (60 s unless the request says otherwise)', async () => {
		graph.answer('/v23.0/slow', { body: {}, delayMs: 1_500 });
		const result = await probe({ path: 'slow', timeout: 300 });
		expect(result.error?.message).toMatch(/^Could not reach the WhatsApp Cloud API \(ECONNABORTED\): timeout of 300ms exceeded/);
	});
});

describe('redirects it follows', () => {
	it('a GET hop by hop, without the query on the next hop', async () => {
		graph.answer('/v23.0/a', { status: 302, headers: { location: '/v23.0/b' } });
		graph.answer('/v23.0/b', { body: { ok: true } });
		expect(json(await probe({ path: 'a', qs: { x: '1' } }))).toEqual({ ok: true });
		expect(graph.requests.map((r) => r.path)).toEqual(['/v23.0/a?x=1', '/v23.0/b']);
	});
	it('a refused hop fails the item with the HTTP code of the redirect', async () => {
		graph.answer('/v23.0/a', { status: 307, headers: { location: '/v23.0/b' } });
		const result = await probe({ method: 'POST', path: 'a', body: { a: 1 } });
		expect(result.error?.message).toMatch(/answered a POST with a redirect \(HTTP 307\), which is not followed$/);
		expect(context(result).itemIndex).toBe(0);
		expect((result.error as unknown as { httpCode: string }).httpCode).toBe('307');
		expect((result.error as unknown as { node?: { name?: string } }).node?.name).toBe('Graph Probe');
	});
});

describe('error answers', () => {
	const metaError = { error: { message: 'Invalid parameter', type: 'OAuthException', code: 100, fbtrace_id: 'T1' } };

	it("Meta's JSON error, whether the request wanted JSON, bytes or a stream", async () => {
		graph.answer('/v23.0/x', { status: 400, body: metaError });
		for (const kind of [{}, { binary: true }, { stream: true }]) {
			const result = await probe({ path: 'x', ...kind });
			expect(result.error?.message).toBe('WhatsApp Cloud API error (code 100): Invalid parameter');
			expect(context(result).meta).toMatchObject({ code: 100, fbtraceId: 'T1' });
			expect(context(result).responseBody).toEqual(metaError);
		}
	});

	it('an error body that is not JSON: its first 500 characters as the message', async () => {
		graph.answer('/v23.0/x', { status: 502, body: `Bad gateway ${'z'.repeat(600)}` });
		const result = await probe({ path: 'x', binary: true });
		expect(context(result).responseBody).toEqual({ error: { message: `Bad gateway ${'z'.repeat(488)}` } });
	});

	it("Retry-After is kept for the retry policy only when Graph sent it", async () => {
		graph.answer('/v23.0/x', { status: 429, headers: { 'retry-after': '7' }, body: { error: { message: 'slow down', code: 4 } } });
		expect(context(await probe({ path: 'x' })).retryAfter).toBe('7');
		graph.answer('/v23.0/x', { status: 429, body: { error: { message: 'slow down', code: 4 } } });
		expect(context(await probe({ path: 'x' }))).not.toHaveProperty('retryAfter');
	});
});

describe('the bulk sending session', () => {
	it('paces a request through the session, but sends a stream body once, around it', async () => {
		graph.answer('/v23.0/up', { body: { id: 'u1' } });
		await probe({ method: 'POST', path: 'up', body: { a: 1 } }, { session: true });
		expect(scheduled).toBe(1);
		await probe({ method: 'POST', path: 'up', headers: { 'content-type': 'application/json' } }, { session: true, bodyKind: 'stream' });
		expect(scheduled).toBe(0);
		expect(graph.requests.map((r) => r.body)).toEqual(['{"a":1}', '{"a":1}']);
	});
});
