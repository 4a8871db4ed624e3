/**
 * Where the credential's secrets go in a real n8n: an HTTP Request node using the WhatsApp Cloud
 * credential (which any user the credential is shared with can build) and redirects. Two loopback
 * servers stand in: "graph" is the credential's Graph API Base URL, "elsewhere" another origin.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { waNode } from '../cases';
import { createCredential, testCredential, simulatorCredentialData, type CredentialRef } from '../kit/credential';
import { deployWebhookWorkflow, uniquePath, webhookTrigger, type WorkflowNode } from '../kit/workflows';
import { defineSuite, type E2EContext } from '../runner';
import { APP_ID, APP_SECRET, APP_TOKEN, TOKENS } from '../../simulator/fixtures';

const ACCESS_TOKEN = 'scope-access-token';
const SECRET = 'scope-app-secret-0123456789';
const FILE = Buffer.from('media bytes');

interface Seen {
	path: string;
	headers: IncomingHttpHeaders;
}

interface Stand {
	url: string;
	seen: Seen[];
	close(): Promise<void>;
}

/** A loopback server answering by path; records what it saw. */
async function stand(answer: (path: string, self: string) => { status: number; headers?: Record<string, string>; body: string | Buffer }): Promise<Stand> {
	const seen: Seen[] = [];
	let url = '';
	const server: Server = createServer((req, res) => {
		req.resume();
		req.on('end', () => {
			seen.push({ path: req.url ?? '', headers: req.headers });
			const out = answer(new URL(req.url ?? '/', url).pathname, url);
			res.writeHead(out.status, { 'content-type': 'application/json', ...out.headers });
			res.end(out.body);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return { url, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** "elsewhere": echoes, serves a file. "graph": media info, a redirect to elsewhere, a debug_token answer. */
async function stands(): Promise<{ graph: Stand; elsewhere: Stand }> {
	const elsewhere = await stand((path) =>
		path === '/file' ? { status: 200, headers: { 'content-type': 'image/jpeg' }, body: FILE } : { status: 200, body: '{"echo":true}' },
	);
	const graph = await stand((path, self) => {
		if (path === '/v23.0/M1') return { status: 200, body: JSON.stringify({ id: 'M1', url: `${self}/media`, mime_type: 'image/jpeg', file_size: FILE.length }) };
		if (path === '/media') return { status: 302, headers: { location: `${elsewhere.url}/file` }, body: '' };
		if (path === '/redirect') return { status: 302, headers: { location: `${elsewhere.url}/landed` }, body: '' };
		return { status: 200, body: '{"data":{"is_valid":true}}' };
	});
	return { graph, elsewhere };
}

/** What an eavesdropper must never find in any header or URL it received. */
function assertNoSecret(seen: Seen[], where: string): void {
	for (const request of seen) {
		const text = `${request.path} ${JSON.stringify(request.headers)}`;
		assert.ok(!text.includes(ACCESS_TOKEN), `${where} received the access token: ${text}`);
		assert.ok(!text.includes(SECRET), `${where} received the App Secret: ${text}`);
		assert.equal(request.headers.authorization, undefined, `${where} received an Authorization header`);
	}
}

/** HTTP Request node (4.2) with this package's credential as "predefined credential type". */
function httpRequest(cred: CredentialRef, url: string, headers: Record<string, string> = {}): WorkflowNode {
	const names = Object.entries(headers);
	return {
		name: 'HTTP Request',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'GET',
			url,
			authentication: 'predefinedCredentialType',
			nodeCredentialType: 'whatsAppCloudApi',
			sendHeaders: names.length > 0,
			...(names.length > 0 ? { headerParameters: { parameters: names.map(([name, value]) => ({ name, value })) } } : {}),
			options: {},
		},
		credentials: { whatsAppCloudApi: cred },
	};
}

async function scoped(ctx: E2EContext, graphUrl: string): Promise<CredentialRef> {
	const n8n = await ctx.n8n();
	return await createCredential(n8n, `scope ${uniquePath('c')}`, {
		accessToken: ACCESS_TOKEN,
		appId: '4242',
		appSecret: SECRET,
		apiVersion: 'v23.0',
		graphBaseUrl: graphUrl,
		businessAccountId: '1',
		verifyToken: 'v',
	});
}

/** Deploys Webhook → `node`, calls it once, returns the run's status and body. */
async function runOnce(ctx: E2EContext, name: string, node: WorkflowNode): Promise<{ status: number; body: unknown }> {
	const n8n = await ctx.n8n();
	const wf = await deployWebhookWorkflow(n8n, { name, nodes: [webhookTrigger(uniquePath('scope'), { responseMode: 'lastNode' }), node] });
	try {
		const res = await wf.call({ body: {} });
		return { status: res.status, body: res.body };
	} finally {
		await wf.deactivate();
	}
}

async function withStands(body: (s: { graph: Stand; elsewhere: Stand }) => Promise<void>): Promise<void> {
	const s = await stands();
	try {
		await body(s);
	} finally {
		await s.graph.close();
		await s.elsewhere.close();
	}
}

export const credentialScope = defineSuite({
	name: 'credential scope',
	cases: [
		{
			name: 'HTTP Request with the credential to another origin: no Authorization, no App Secret (the old test marker changes nothing)',
			async run(ctx) {
				await withStands(async ({ graph, elsewhere }) => {
					const cred = await scoped(ctx, graph.url);
					const res = await runOnce(ctx, 'scope other origin', httpRequest(cred, `${elsewhere.url}/v23.0/debug_token?input_token=x`, { 'x-wa-credential-test': '1' }));
					assert.equal(res.status, 200, JSON.stringify(res.body));
					assert.equal(elsewhere.seen.length, 1);
					assertNoSecret(elsewhere.seen, 'the other origin');
					assert.equal(graph.seen.length, 0);
				});
			},
		},
		{
			name: "HTTP Request to the Graph origin's debug_token with the old marker: the access token, never the app token",
			async run(ctx) {
				await withStands(async ({ graph }) => {
					const cred = await scoped(ctx, graph.url);
					const res = await runOnce(ctx, 'scope debug_token', httpRequest(cred, `${graph.url}/v23.0/debug_token?input_token=x`, { 'x-wa-credential-test': '1' }));
					assert.equal(res.status, 200, JSON.stringify(res.body));
					assert.equal(graph.seen.length, 1);
					assert.equal(graph.seen[0].headers.authorization, `Bearer ${ACCESS_TOKEN}`);
					assert.ok(!JSON.stringify(graph.seen).includes(SECRET), 'the App Secret reached the Graph stand-in');
				});
			},
		},
		{
			name: 'HTTP Request: a redirect from the Graph origin to another origin does not carry the token',
			async run(ctx) {
				await withStands(async ({ graph, elsewhere }) => {
					const cred = await scoped(ctx, graph.url);
					const res = await runOnce(ctx, 'scope redirect', httpRequest(cred, `${graph.url}/redirect`));
					assert.equal(res.status, 200, JSON.stringify(res.body));
					assert.equal(graph.seen[0]?.headers.authorization, `Bearer ${ACCESS_TOKEN}`);
					assert.deepEqual(elsewhere.seen.map((s) => s.path), ['/landed']);
					assertNoSecret(elsewhere.seen, 'the redirect target');
				});
			},
		},
		{
			name: 'Media → Download: a redirect of the media URL to another origin does not carry the token',
			async run(ctx) {
				await withStands(async ({ graph, elsewhere }) => {
					const cred = await scoped(ctx, graph.url);
					const res = await runOnce(ctx, 'scope media', waNode(cred, { resource: 'media', operation: 'download', mediaId: 'M1', binaryPropertyName: 'file', options: {} }));
					assert.equal(res.status, 200, JSON.stringify(res.body));
					assert.deepEqual(graph.seen.map((s) => [s.path, s.headers.authorization]), [
						['/v23.0/M1', `Bearer ${ACCESS_TOKEN}`],
						['/media', `Bearer ${ACCESS_TOKEN}`],
					]);
					assert.deepEqual(elsewhere.seen.map((s) => s.path), ['/file']);
					assertNoSecret(elsewhere.seen, 'the redirect target');
				});
			},
		},
		{
			name: 'the credential test still asks debug_token with the app token it builds itself',
			async run(ctx) {
				const n8n = await ctx.n8n();
				const sim = await ctx.simulator();
				const cred = await createCredential(n8n, `scope test ${uniquePath('c')}`, { ...simulatorCredentialData(sim.url, TOKENS.valid), appId: APP_ID, appSecret: APP_SECRET });
				assert.deepEqual(await testCredential(n8n, cred), { status: 'OK', message: 'Connection successful!' });
				const asked = sim.requests({ pathIncludes: '/debug_token' }).at(-1);
				assert.equal(asked?.headers.authorization, `Bearer ${APP_TOKEN}`);
			},
		},
	],
});
