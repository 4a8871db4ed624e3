/**
 * Local simulator of Meta's Graph API (WhatsApp Cloud API, v23.0) on 127.0.0.1, built on node:http.
 *
 *   const sim = await startSimulator({ port: 0 });
 *   // point the node at sim.url (e.g. http://127.0.0.1:41234/v23.0/...) with token TOKENS.valid
 *   sim.requests({ pathIncludes: '/messages' })   // what was sent, with the contract check result
 *   sim.addFault({ pathIncludes: '/messages', status: 429, retryAfterSeconds: 1 })
 *   await sim.close();
 *
 * Every request outside /__sim/ is recorded, then delayed by the latency, then answered by the
 * first matching fault if any, else routed (see router.ts and handlers/routes.ts). The same controls
 * exist over HTTP under /__sim/ (JSON), for processes that did not start the simulator themselves.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AdminTarget, answerAdmin } from './admin';
import { parseBody } from './body';
import { type Fault, FaultTable } from './faults';
import { type CustomerRequest, customerPayload } from './customerRequest';
import { APP_SECRET } from './fixtures';
import { GraphError, defaultFaultError, graphError } from './graphError';
import { graphAnswer, routeGraphRequest } from './graphRequest';
import { answerPhone } from './phone/routes';
import { type RouteResult, splitGraphPath } from './router';
import { type SimState, createState } from './state';
import { type ThroughputLimit, type ThroughputStats, ThroughputLimiter, messageSender } from './throughput';
import { type SignMode, handshake, postWebhook } from './webhook-client';

export type { CustomerRequest } from './customerRequest';
export type { Fault } from './faults';
export type { SimState } from './state';
export type { ThroughputLimit, ThroughputStats } from './throughput';

export interface SimulatorOptions {
	/** 0 (default) = pick a free port. */
	port?: number;
	/** Delay before every answer, in ms (default 0). */
	latencyMs?: number;
	/** Secret for webhook signatures (default APP_SECRET from fixtures). */
	appSecret?: string;
	/** Print one line per request. */
	log?: boolean;
	/**
	 * Names the client of a request while its connection is open (e.g. which of several local
	 * processes sent it), from the client's TCP port; stored as `client`.
	 */
	tagRequest?: (request: { remotePort: number; method: string; path: string }) => string | undefined;
}

export interface RecordedRequest {
	seq: number;
	at: string;
	method: string;
	/** Path without query. */
	path: string;
	query: Record<string, string>;
	/** Lower-case header names. */
	headers: Record<string, string>;
	/** Parsed body (JSON, form fields, or multipart fields with files as {filename, contentType, size}). */
	body: unknown;
	rawBody: string;
	contract: { checked: boolean; valid: boolean; schema?: string; errors: string[] };
	/** status 0 = connection dropped by a fault. */
	response: { status: number; body: unknown };
	/** who sent it, when the simulator was given `tagRequest` and it answered */
	client?: string;
}

export interface Simulator {
	/** http://127.0.0.1:PORT */
	url: string;
	port: number;
	requests(filter?: { method?: string; pathIncludes?: string }): RecordedRequest[];
	/** Clears recorded requests and faults, restores the initial latency and state. */
	reset(): void;
	setLatency(ms: number): void;
	addFault(f: Fault): void;
	clearFaults(): void;
	/** Requests waiting on a `hold` fault right now. */
	heldCount(): number;
	/** Lets every request waiting on a `hold` fault go on; returns how many. */
	releaseHeld(): number;
	/**
	 * Meta's per-number throughput: above `perSecond` messages in the trailing second from one
	 * phone number, sends are answered 130429 (undefined = no limit, the default). Resets its counts.
	 */
	setThroughputLimit(limit: ThroughputLimit | undefined): void;
	/** Message sends let through and refused with 130429, per phone number, since the limit was set. */
	throughputCounts(): ThroughputStats;
	/** The live state (a new object after reset()). */
	state: SimState;
	postWebhook(
		targetUrl: string,
		payload: unknown,
		opts?: { sign?: SignMode; secret?: string; rawBody?: string },
	): Promise<{ status: number; body: string }>;
	handshake(targetUrl: string, verifyToken: string, challenge?: string): Promise<{ status: number; body: string }>;
	/** Plays the phone or username customer (customerRequest.ts): the webhook, posted signed to `targetUrl` if given. */
	customer(request: CustomerRequest, targetUrl?: string, opts?: { sign?: SignMode; secret?: string }): Promise<{ payload: unknown; delivery?: { status: number; body: string } }>;
	close(): Promise<void>;
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
	}
	return out;
}

class GraphSimulator implements AdminTarget {
	url = '';
	port = 0;
	private readonly server: http.Server;
	private readonly appSecret: string;
	private readonly initialLatency: number;
	private latency: number;
	readonly faults = new FaultTable();
	private held: Array<() => void> = [];
	private recorded: RecordedRequest[] = [];
	private seq = 0;
	private currentState: SimState = createState();
	private readonly throughput = new ThroughputLimiter();

	constructor(private readonly options: SimulatorOptions) {
		this.appSecret = options.appSecret ?? APP_SECRET;
		this.initialLatency = options.latencyMs ?? 0;
		this.latency = this.initialLatency;
		this.server = http.createServer((req, res) => {
			this.onRequest(req, res).catch((error: unknown) => {
				console.error('simulator: unexpected error', error);
				if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
				res.end(JSON.stringify(graphError({ message: 'An unknown error occurred', code: 1, is_transient: true })));
			});
		});
	}

	async listen(): Promise<void> {
		await new Promise<void>((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(this.options.port ?? 0, '127.0.0.1', () => resolve());
		});
		this.port = (this.server.address() as AddressInfo).port;
		this.url = `http://127.0.0.1:${this.port}`;
	}

	get state(): SimState {
		return this.currentState;
	}

	requests(filter: { method?: string; pathIncludes?: string } = {}): RecordedRequest[] {
		return this.recorded.filter(
			(r) =>
				(filter.method === undefined || r.method === filter.method.toUpperCase()) &&
				(filter.pathIncludes === undefined || r.path.includes(filter.pathIncludes)),
		);
	}

	reset(): void {
		this.recorded = [];
		this.seq = 0;
		this.faults.clear();
		this.releaseHeld();
		this.latency = this.initialLatency;
		this.currentState = createState();
		this.throughput.set(undefined);
	}

	clearRequests(): void {
		this.recorded = [];
	}

	setThroughputLimit(limit: ThroughputLimit | undefined): void {
		this.throughput.set(limit);
	}

	throughputCounts(): ThroughputStats {
		return this.throughput.counts();
	}

	throughputLimit(): ThroughputLimit | undefined {
		return this.throughput.current;
	}

	latencyMs(): number {
		return this.latency;
	}

	setLatency(ms: number): void {
		if (!Number.isFinite(ms) || ms < 0) throw new Error('latency must be a number >= 0');
		this.latency = ms;
	}

	addFault(f: Fault): void {
		this.faults.add(f);
	}

	clearFaults(): void {
		this.faults.clear();
	}

	heldCount(): number {
		return this.held.length;
	}

	releaseHeld(): number {
		const waiting = this.held;
		this.held = [];
		for (const release of waiting) release();
		return waiting.length;
	}

	postWebhook(targetUrl: string, payload: unknown, opts: { sign?: SignMode; secret?: string; rawBody?: string } = {}) {
		return postWebhook(targetUrl, payload, this.appSecret, opts);
	}

	handshake(targetUrl: string, verifyToken: string, challenge?: string) {
		return handshake(targetUrl, verifyToken, challenge);
	}

	async customer(request: CustomerRequest, targetUrl?: string, opts: { sign?: SignMode; secret?: string } = {}) {
		const payload = customerPayload(this.currentState, request);
		return targetUrl ? { payload, delivery: await this.postWebhook(targetUrl, payload, opts) } : { payload };
	}

	close(): Promise<void> {
		this.releaseHeld();
		return new Promise((resolve, reject) => {
			this.server.close((error) => (error ? reject(error) : resolve()));
			this.server.closeAllConnections();
		});
	}

	// -------------------------------------------------------------------------------------------

	private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const raw = Buffer.concat(chunks);
		const url = new URL(req.url ?? '/', this.url);
		// the customer phone: its page at the root, its state and actions under /__sim/phone
		if (await answerPhone(this, req.method ?? 'GET', url, raw, res)) return;
		if (url.pathname.startsWith('/__sim/') || url.pathname === '/__sim') {
			await answerAdmin(this, req.method ?? 'GET', url, raw, res);
			return;
		}
		await this.graph(req, url, raw, res);
	}

	/** The record of a Graph request, before it is answered. */
	private newRecord(
		req: http.IncomingMessage,
		url: URL,
		raw: Buffer,
		parsed: ReturnType<typeof parseBody>,
		headers: Record<string, string>,
	): RecordedRequest {
		const method = (req.method ?? 'GET').toUpperCase();
		const record: RecordedRequest = {
			seq: ++this.seq,
			at: new Date().toISOString(),
			method,
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			headers,
			body: parsed.value,
			rawBody: raw.toString('utf8'),
			contract: { checked: false, valid: true, errors: [] },
			response: { status: 0, body: null },
		};
		if (this.options.tagRequest && req.socket.remotePort) {
			const client = this.options.tagRequest({ remotePort: req.socket.remotePort, method, path: url.pathname });
			if (client !== undefined) record.client = client;
		}
		return record;
	}

	private async graph(req: http.IncomingMessage, url: URL, raw: Buffer, res: http.ServerResponse): Promise<void> {
		const headers = flattenHeaders(req.headers);
		const parsed = parseBody(raw, headers['content-type']);
		const record = this.newRecord(req, url, raw, parsed, headers);
		const { method, query } = record;

		if (this.latency > 0) await sleep(this.latency);

		let fault = this.faults.take(method, url.pathname);
		if (fault?.delayMs) await sleep(fault.delayMs);
		if (fault?.hold) await new Promise<void>((resolve) => this.held.push(resolve));
		// A fault that only waits: the request is then answered as usual.
		if (fault && fault.status === undefined && !fault.dropConnection) fault = undefined;
		if (fault?.dropConnection) {
			this.recorded.push(record);
			this.logLine(record, 'dropped by fault');
			req.socket.destroy();
			return;
		}
		let result: RouteResult;
		const { version, segments } = splitGraphPath(url.pathname);
		const sender = messageSender(method, url.pathname);
		const isMessage =
			sender !== undefined && typeof parsed.value === 'object' && parsed.value !== null && !('status' in parsed.value);
		const throttled = !fault && isMessage ? this.throughput.check(sender, Date.now()) : undefined;
		if (fault) {
			const status = fault.status ?? 500;
			const error = { ...(fault.error ?? defaultFaultError(status)) };
			result = { status, body: graphError(error) };
			if (fault.retryAfterSeconds !== undefined) result.headers = { 'retry-after': String(fault.retryAfterSeconds) };
		} else if (throttled) {
			result = throttled;
		} else {
			try {
				const state = this.currentState;
				const request = { method, url, version, segments, query, headers, raw, parsed, record, state, baseUrl: this.url };
				result = await routeGraphRequest(request);
			} catch (error) {
				if (!(error instanceof GraphError)) throw error;
				result = { status: error.status, body: error.body() };
			}
		}
		this.send(res, record, result, version);
	}

	private send(res: http.ServerResponse, record: RecordedRequest, result: RouteResult, version: string | undefined): void {
		const { status, headers, payload } = graphAnswer(record, result, version);
		this.recorded.push(record);
		this.logLine(record, record.contract.checked ? `contract ${record.contract.valid ? 'ok' : 'INVALID'}` : '');
		res.writeHead(status, headers);
		res.end(payload);
	}

	private logLine(record: RecordedRequest, note: string): void {
		if (!this.options.log) return;
		console.log(
			`[sim] ${record.method} ${record.path} -> ${record.response.status || 'dropped'}${note ? ` (${note})` : ''}`,
		);
	}
}

export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
	const simulator = new GraphSimulator(opts);
	await simulator.listen();
	return simulator;
}
