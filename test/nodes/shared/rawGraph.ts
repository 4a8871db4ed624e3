/**
 * A loopback HTTP server that answers whatever a test tells it to — a Graph stand-in for answers
 * the contract-checking simulator never gives (redirects, hostile JSON) and a bystander that
 * records whether a token reached it. Tests only.
 */
import { afterAll, beforeAll, beforeEach } from '@jest/globals';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RawAnswer {
	status?: number;
	headers?: Record<string, string>;
	/** An object is sent as JSON, a string or Buffer as is. */
	body?: unknown;
	/** Milliseconds to wait before answering (a slow Graph, for timeouts). */
	delayMs?: number;
}

export interface RawRequest {
	method: string;
	path: string;
	headers: IncomingHttpHeaders;
	body: string;
}

export interface RawServer {
	url: string;
	requests: RawRequest[];
	/** Answer for a path (without the query); unknown paths get 404. */
	answer(path: string, answer: RawAnswer | ((request: RawRequest) => RawAnswer)): void;
}

/** Starts a raw server for the test file; its answers and records are cleared before each test. */
export function useRawServer(): RawServer {
	let server: Server;
	const answers = new Map<string, RawAnswer | ((request: RawRequest) => RawAnswer)>();
	const raw: RawServer = {
		url: '',
		requests: [],
		answer: (path, answer) => void answers.set(path, answer),
	};
	beforeAll(async () => {
		server = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				const request: RawRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
				raw.requests.push(request);
				const found = answers.get(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
				const answer = typeof found === 'function' ? found(request) : (found ?? { status: 404, body: { error: { message: 'not here' } } });
				const json = answer.body !== undefined && typeof answer.body !== 'string' && !Buffer.isBuffer(answer.body);
				const reply = () => {
					res.writeHead(answer.status ?? 200, { ...(json ? { 'content-type': 'application/json' } : {}), ...answer.headers });
					res.end(json ? JSON.stringify(answer.body) : (answer.body as string | Buffer | undefined));
				};
				if (answer.delayMs) setTimeout(reply, answer.delayMs);
				else reply();
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		raw.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(async () => {
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	});
	beforeEach(() => {
		answers.clear();
		raw.requests.length = 0;
	});
	return raw;
}
