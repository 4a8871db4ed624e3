/**
 * Bulk sending through the real n8n execution engine (test/harness/runNode.ts) against a
 * small scripted Graph server: order, pairedItem, continueOnFail, retries and pacing.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { WhatsAppCloudApi } from '../../../../credentials/WhatsAppCloudApi.credentials';
import { WhatsAppCloud } from '../../../../nodes/WhatsAppCloud/WhatsAppCloud.node';
import { runNode } from '../../../harness/runNode';

interface Received {
	to: string;
	body: string;
	at: number;
}

type Answer = { status: number; body: unknown; headers?: Record<string, string>; delayMs?: number; destroy?: boolean };

/** A Graph stand-in: records every message request and answers what `script` says. */
async function startServer(script: (request: Received, attempt: number) => Answer) {
	const received: Received[] = [];
	const attempts = new Map<string, number>();
	let inFlight = 0;
	let peakInFlight = 0;
	const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			inFlight++;
			peakInFlight = Math.max(peakInFlight, inFlight);
			const json = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { to: string; text: { body: string } };
			const request = { to: json.to, body: json.text?.body, at: Date.now() };
			received.push(request);
			const attempt = (attempts.get(json.text?.body) ?? 0) + 1;
			attempts.set(json.text?.body, attempt);
			const answer = script(request, attempt);
			const send = () => {
				inFlight--;
				// The request arrived, but the connection drops before any answer.
				if (answer.destroy) return void req.socket.destroy();
				res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
				res.end(JSON.stringify(answer.body));
			};
			if (answer.delayMs) void new Promise((r) => setTimeout(r, answer.delayMs)).then(send);
			else send();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		url,
		received,
		peak: () => peakInFlight,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

const ok = (request: Received, delayMs = 0): Answer => ({
	status: 200,
	delayMs,
	body: {
		messaging_product: 'whatsapp',
		contacts: [{ input: request.to, wa_id: request.to }],
		messages: [{ id: `wamid.${request.body}` }],
	},
});

const metaFailure = (status: number, code: number, headers?: Record<string, string>): Answer => ({
	status,
	headers,
	body: { error: { message: `failure ${code}`, type: 'OAuthException', code, fbtrace_id: `trace-${code}` } },
});

/** Input items: recipients 4915112345000 + i, text "item-i". */
function inputItems(count: number): INodeExecutionData[] {
	return Array.from({ length: count }, (_, i) => ({ json: { to: `+49 151 1234${String(5000 + i)}`, text: `item-${i}` } }));
}

async function send(
	url: string,
	count: number,
	sending: INodeParameters,
	continueOnFail = false,
) {
	return await runNode({
		nodeType: new WhatsAppCloud(),
		credentialTypes: [new WhatsAppCloudApi()],
		credentials: { whatsAppCloudApi: { accessToken: 'token', graphBaseUrl: url, apiVersion: 'v23.0' } },
		parameters: {
			resource: 'message',
			operation: 'sendText',
			phoneNumberId: { __rl: true, mode: 'id', value: '1234567890' },
			to: '={{ $json.to }}',
			body: '={{ $json.text }}',
			sending,
		},
		input: inputItems(count),
		continueOnFail,
	});
}

const indexOf = (body: string) => Number(body.replace('item-', ''));

describe('Message sends run in bulk through the n8n engine', () => {
	let server: Awaited<ReturnType<typeof startServer>> | undefined;
	afterEach(async () => {
		await server?.close();
		server = undefined;
	});

	it('sends in parallel and returns items in input order, each paired with its input', async () => {
		// Earlier items answer later, so completion order is the reverse of input order.
		server = await startServer((request) => ok(request, 200 - indexOf(request.body) * 4));
		const result = await send(server.url, 40, { ratePerSecond: 1000, maxInFlight: 50 });
		expect(result.error).toBeUndefined();
		const items = result.items[0];
		expect(items).toHaveLength(40);
		items.forEach((item, i) => {
			expect(item.json.messageId).toBe(`wamid.item-${i}`);
			expect(item.json.waId).toBe(String(4915112345000 + i));
			expect(item.pairedItem).toEqual({ item: i });
		});
		expect(server.peak()).toBeGreaterThan(10);
		expect(server.received).toHaveLength(40);
	});

	it('with continueOnFail, failed items keep their place, pairedItem and Meta details', async () => {
		server = await startServer((request) =>
			indexOf(request.body) % 7 === 3 ? metaFailure(400, 131026) : ok(request, (indexOf(request.body) * 13) % 50),
		);
		const result = await send(server.url, 30, { ratePerSecond: 1000, maxInFlight: 20 }, true);
		expect(result.error).toBeUndefined();
		const items = result.items[0];
		expect(items).toHaveLength(30);
		items.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			if (i % 7 === 3) {
				expect(item.json).toMatchObject({ code: 131026, httpStatus: 400, fbtraceId: 'trace-131026' });
				expect(String(item.json.hint)).toContain('undeliverable');
				expect(item.json.messageId).toBeUndefined();
			} else {
				expect(item.json.messageId).toBe(`wamid.item-${i}`);
			}
		});
		// 131026 is never retried: one request per item.
		expect(server.received).toHaveLength(30);
	});

	it('without continueOnFail, fails with the first failed item and starts no new items', async () => {
		server = await startServer((request) =>
			indexOf(request.body) === 5 ? metaFailure(400, 131047) : ok(request, 30),
		);
		const result = await send(server.url, 500, { ratePerSecond: 1000, maxInFlight: 4 });
		expect(result.error?.message).toContain('131047');
		expect((result.error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(5);
		// Only requests already in flight when item 5 failed were sent (at most 4 more).
		expect(server.received.length).toBeLessThanOrEqual(5 + 1 + 4);
		expect(result.items).toEqual([]);
	});

	it('retries 130429 after Retry-After and delivers every message exactly once', async () => {
		server = await startServer((request, attempt) =>
			indexOf(request.body) % 5 === 0 && attempt === 1
				? metaFailure(429, 130429, { 'retry-after': '2' })
				: ok(request, 5),
		);
		const started = Date.now();
		const result = await send(server.url, 25, { ratePerSecond: 1000, maxInFlight: 25 });
		expect(result.error).toBeUndefined();
		expect(result.items[0].map((item) => item.json.messageId)).toEqual(
			Array.from({ length: 25 }, (_, i) => `wamid.item-${i}`),
		);
		// 5 items failed once: 30 requests, and the run waited for Retry-After (2 s; the
		// backoff alone would be 0.5–1 s).
		expect(server.received).toHaveLength(30);
		expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
		for (const i of [0, 5, 10, 15, 20]) {
			const times = server.received.filter((r) => r.body === `item-${i}`).map((r) => r.at);
			expect(times).toHaveLength(2);
			// 2 s apart at the sender; 250 ms allowed for arrival jitter (the backoff alone would be ≤ 1 s).
			expect(times[1] - times[0]).toBeGreaterThanOrEqual(1750);
		}
	});

	it('gives up after Max Retries and tells the user in the error item', async () => {
		server = await startServer(() => metaFailure(503, 2));
		const result = await send(server.url, 1, { maxRetries: 1 }, true);
		expect(server.received).toHaveLength(2);
		expect(result.items[0][0].json).toMatchObject({ code: 2, attempts: 2, httpStatus: 503 });
		expect(String(result.items[0][0].json.description)).toContain('Gave up after 2 attempts');
	});

	it('keeps to Messages Per Second', async () => {
		server = await startServer((request) => ok(request));
		const result = await send(server.url, 31, { ratePerSecond: 20, maxInFlight: 10 });
		expect(result.error).toBeUndefined();
		const times = server.received.map((r) => r.at).sort((a, b) => a - b);
		// Never more than 20 in any second: any 21 consecutive requests span a second, so 31 take more
		// than one. Times are taken where the requests arrive, so a request the loaded machine delayed
		// on its way shortens a window: 250 ms are allowed for that. Unpaced, 31 requests with 10 in
		// flight arrive within a few tens of milliseconds, far below the bound.
		for (let i = 0; i + 20 < times.length; i++) expect(times[i + 20] - times[i]).toBeGreaterThanOrEqual(750);
		expect(times[times.length - 1] - times[0]).toBeGreaterThanOrEqual(750);
	});

	it('with Max Requests In Flight 1 sends strictly one at a time, in order', async () => {
		server = await startServer((request) => ok(request, 20));
		const result = await send(server.url, 10, { maxInFlight: 1 });
		expect(result.error).toBeUndefined();
		expect(server.peak()).toBe(1);
		expect(server.received.map((r) => r.body)).toEqual(Array.from({ length: 10 }, (_, i) => `item-${i}`));
	});

	it('retries when the API cannot be reached, then reports it', async () => {
		// Nothing listens on this port: ECONNREFUSED means the request was never sent.
		const closed = await startServer((request) => ok(request));
		const url = closed.url;
		await closed.close();
		const result = await send(url, 1, { maxRetries: 1 }, true);
		expect(result.items[0][0].json.error).toMatch(/ECONNREFUSED|refused the connection/);
		expect(String(result.items[0][0].json.description)).toContain('Gave up after 2 attempts');
	});

	it('does not resend a request whose connection dropped after it was sent, unless opted in', async () => {
		server = await startServer((request, attempt) =>
			attempt === 1 ? { status: 0, body: null, destroy: true } : ok(request),
		);
		const off = await send(server.url, 1, {}, true);
		expect(server.received).toHaveLength(1);
		expect(off.items[0][0].json.messageId).toBeUndefined();
		expect(String(off.items[0][0].json.description)).toContain('Meta may have delivered it');
		expect(String(off.items[0][0].json.description)).toContain('Retry Timed-Out Requests');
		expect(off.items[0][0].pairedItem).toEqual({ item: 0 });

		server.received.length = 0;
		await server.close();
		server = await startServer((request, attempt) =>
			attempt === 1 ? { status: 0, body: null, destroy: true } : ok(request),
		);
		const on = await send(server.url, 1, { retryTimedOut: true }, true);
		expect(server.received).toHaveLength(2);
		expect(on.items[0][0].json.messageId).toBe('wamid.item-0');
	});

	it('rejects an out-of-range Sending option before sending anything', async () => {
		server = await startServer((request) => ok(request));
		const result = await send(server.url, 3, { ratePerSecond: '={{ 5000 }}' });
		expect(result.error?.message).toMatch(/"Messages Per Second" must be at most 1000/);
		expect(server.received).toHaveLength(0);
	});
});
