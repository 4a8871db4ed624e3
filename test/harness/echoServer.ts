/**
 * The harness's own tests' HTTP server: echoes what it receives, plus a few canned endpoints
 * (a token check, a session token, options).
 */
import { afterAll, beforeAll, beforeEach } from '@jest/globals';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// ---------------------------------------------------------------------------
// Local HTTP server: echoes what it receives, plus a few canned endpoints.
// ---------------------------------------------------------------------------

export interface ReceivedRequest {
	method: string;
	path: string;
	headers: IncomingHttpHeaders;
	body: string;
}

export const VALID_TOKEN = 'tok-123';
let server: Server;
let baseUrl: string;

/** The echo server's base URL (set once it listens). */
export const echoUrl = (): string => baseUrl;
export const received: ReceivedRequest[] = [];

function send(res: import('node:http').ServerResponse, status: number, payload: unknown): void {
	res.writeHead(status, { 'content-type': 'application/json' });
	res.end(JSON.stringify(payload));
}

export const credentials = () => ({ testApi: { accessToken: VALID_TOKEN, baseUrl } });

/** Starts the echo server for the test file; what it received is cleared before each test. */
export function useEchoServer(): void {
	beforeAll(async () => {
		server = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				const raw = Buffer.concat(chunks);
				const request: ReceivedRequest = {
					method: req.method ?? '',
					path: req.url ?? '',
					headers: req.headers,
					body: raw.toString('utf8'),
				};
				received.push(request);
				const url = new URL(req.url ?? '/', 'http://127.0.0.1');
				const authorized = req.headers.authorization === `Bearer ${VALID_TOKEN}`;

				switch (url.pathname) {
					case '/echo':
					case '/v7/echo': {
						let body: unknown = request.body;
						try {
							body = JSON.parse(request.body);
						} catch {
							// not JSON
						}
						return send(res, 200, { method: request.method, path: request.path, headers: req.headers, body });
					}
					case '/upload':
						return send(res, 200, {
							bytes: raw.length,
							sha256: createHash('sha256').update(raw).digest('hex'),
							contentType: req.headers['content-type'],
						});
					case '/me':
						return authorized
							? send(res, 200, { id: 'me', name: 'Harness' })
							: send(res, 401, { error: { message: 'Invalid OAuth access token.', code: 190 } });
					case '/session':
						return send(res, 200, { sessionToken: 'session-abc' });
					case '/options':
						return send(res, 200, {
							data: [
								{ id: 'a', label: 'Alpha' },
								{ id: 'b', label: 'Beta' },
							],
							auth: req.headers.authorization ?? null,
						});
					default:
						return send(res, 404, { error: 'not found' });
				}
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});

	afterAll(async () => {
		await new Promise<void>((resolve) => server.close(() => resolve()));
	});

	beforeEach(() => {
		received.length = 0;
	});
}
