/**
 * A tiny round-robin HTTP proxy on 127.0.0.1 in front of queue mode's webhook processes: the
 * "load balancer" WEBHOOK_URL points to, so Meta's deliveries (the simulator's POSTs, and its
 * verification GET) are spread over both processes. Requests alternate over the backends; every
 * request is recorded with the backend that served it. `pinNext(i)` sends the next request to
 * backend i (a redelivery that lands on the other process).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedRequest {
	seq: number;
	at: string;
	method: string;
	path: string;
	/** index into the backends */
	backend: number;
	status: number;
}

export interface RoundRobinProxy {
	url: string;
	port: number;
	/** every request, oldest first */
	requests(): ProxiedRequest[];
	/** the next request goes to backend `index` (then alternation goes on from there) */
	pinNext(index: number): void;
	close(): Promise<void>;
}

export async function startRoundRobinProxy(backends: Array<{ port: number }>): Promise<RoundRobinProxy> {
	if (backends.length === 0) throw new Error('startRoundRobinProxy: no backends');
	const recorded: ProxiedRequest[] = [];
	let next = 0;
	let seq = 0;
	const server = http.createServer((req, res) => {
		const backend = next;
		next = (next + 1) % backends.length;
		const entry: ProxiedRequest = {
			seq: ++seq,
			at: new Date().toISOString(),
			method: req.method ?? 'GET',
			path: req.url ?? '/',
			backend,
			status: 0,
		};
		recorded.push(entry);
		const upstream = http.request(
			{ host: '127.0.0.1', port: backends[backend].port, method: req.method, path: req.url, headers: req.headers },
			(up) => {
				entry.status = up.statusCode ?? 0;
				res.writeHead(up.statusCode ?? 502, up.headers);
				up.pipe(res);
			},
		);
		upstream.on('error', (e) => {
			entry.status = 502;
			if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
			res.end(`proxy: backend ${backend} failed: ${e.message}`);
		});
		req.pipe(upstream);
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const port = (server.address() as AddressInfo).port;
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		requests: () => [...recorded],
		pinNext(index) {
			if (index < 0 || index >= backends.length) throw new Error(`no backend ${index}`);
			next = index;
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
