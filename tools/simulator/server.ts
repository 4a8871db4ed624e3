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
import { validateOperation, validateParameters } from '../contract/validate';
import { findToken, identify, requireScope, requireValidToken } from './auth';
import { parseBody } from './body';
import { APP_SECRET, GRAPH_VERSION } from './fixtures';
import {
	GraphError,
	defaultFaultError,
	fbtraceId,
	graphError,
	invalidParameter,
	unsupportedRequest,
} from './graphError';
import { routes } from './handlers/routes';
import { type RouteResult, matchRoutes, operationKey, splitGraphPath } from './router';
import { type SimState, createState, stateForJson } from './state';
import { type ThroughputLimit, type ThroughputStats, ThroughputLimiter, messageSender } from './throughput';
import { type SignMode, handshake, postWebhook } from './webhook-client';

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

export interface Fault {
	method?: string;
	pathIncludes?: string;
	/** How many requests it answers (default 1; Infinity allowed; over HTTP send "Infinity"). */
	times?: number;
	/** 0..1: answer each matching request with this probability (instead of times; not consumed unless times is set). */
	probability?: number;
	/**
	 * The HTTP status to answer with. Omitted (only with `delayMs` or `hold`): after the wait the
	 * request is answered as usual, e.g. a slow or held media download.
	 */
	status?: number;
	/** Wait this long before answering (latency for matching requests only). */
	delayMs?: number;
	/** Keep the request waiting until `releaseHeld()` (POST /__sim/release). */
	hold?: boolean;
	/** Graph error fields; default depends on status (e.g. 429 -> code 80007, 500 -> code 1). */
	error?: { message: string; type?: string; code: number; error_subcode?: number; error_data?: { details: string } };
	/** Sends a Retry-After header. */
	retryAfterSeconds?: number;
	/** Destroys the socket without answering. */
	dropConnection?: boolean;
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
	close(): Promise<void>;
}

interface ActiveFault {
	fault: Fault;
	remaining: number;
}

const MAX_DETAILS = 600;

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

function parseFault(input: unknown): Fault {
	if (typeof input !== 'object' || input === null) throw new Error('a fault must be an object');
	const fields = { ...(input as Record<string, unknown>) };
	if (fields.times === 'Infinity' || fields.times === null) fields.times = Infinity;
	const fault = fields as unknown as Fault;
	const waits = fault.delayMs !== undefined || fault.hold === true;
	if (fault.delayMs !== undefined && (typeof fault.delayMs !== 'number' || !Number.isFinite(fault.delayMs) || fault.delayMs < 0)) {
		throw new Error('fault.delayMs must be a number >= 0');
	}
	if (fault.status === undefined ? !waits : typeof fault.status !== 'number' || fault.status < 100 || fault.status > 599) {
		throw new Error('fault.status must be an HTTP status (it may be left out only with delayMs or hold)');
	}
	if (fault.times !== undefined && (typeof fault.times !== 'number' || fault.times < 1)) throw new Error('fault.times must be >= 1');
	if (fault.probability !== undefined && (typeof fault.probability !== 'number' || fault.probability < 0 || fault.probability > 1)) {
		throw new Error('fault.probability must be between 0 and 1');
	}
	return fault as Fault;
}

class GraphSimulator implements Simulator {
	url = '';
	port = 0;
	private readonly server: http.Server;
	private readonly appSecret: string;
	private readonly initialLatency: number;
	private latency: number;
	private faults: ActiveFault[] = [];
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
		this.faults = [];
		this.releaseHeld();
		this.latency = this.initialLatency;
		this.currentState = createState();
		this.throughput.set(undefined);
	}

	setThroughputLimit(limit: ThroughputLimit | undefined): void {
		this.throughput.set(limit);
	}

	throughputCounts(): ThroughputStats {
		return this.throughput.counts();
	}

	setLatency(ms: number): void {
		if (!Number.isFinite(ms) || ms < 0) throw new Error('latency must be a number >= 0');
		this.latency = ms;
	}

	addFault(f: Fault): void {
		const fault = parseFault(f);
		const remaining = fault.times ?? (fault.probability !== undefined ? Infinity : 1);
		this.faults.push({ fault, remaining });
	}

	clearFaults(): void {
		this.faults = [];
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
		if (url.pathname.startsWith('/__sim/') || url.pathname === '/__sim') {
			await this.admin(req.method ?? 'GET', url, raw, res);
			return;
		}
		await this.graph(req, url, raw, res);
	}

	private takeFault(method: string, path: string): Fault | undefined {
		for (const entry of this.faults) {
			const { fault } = entry;
			if (fault.method !== undefined && fault.method.toUpperCase() !== method) continue;
			if (fault.pathIncludes !== undefined && !path.includes(fault.pathIncludes)) continue;
			if (fault.probability !== undefined && Math.random() >= fault.probability) continue;
			entry.remaining -= 1;
			if (entry.remaining <= 0) this.faults = this.faults.filter((e) => e !== entry);
			return fault;
		}
		return undefined;
	}

	private async graph(req: http.IncomingMessage, url: URL, raw: Buffer, res: http.ServerResponse): Promise<void> {
		const method = (req.method ?? 'GET').toUpperCase();
		const headers = flattenHeaders(req.headers);
		const query = Object.fromEntries(url.searchParams);
		const parsed = parseBody(raw, headers['content-type']);
		const record: RecordedRequest = {
			seq: ++this.seq,
			at: new Date().toISOString(),
			method,
			path: url.pathname,
			query,
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

		if (this.latency > 0) await sleep(this.latency);

		let fault = this.takeFault(method, url.pathname);
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
				result = await this.route(method, url, version, segments, query, headers, raw, parsed, record);
			} catch (error) {
				if (!(error instanceof GraphError)) throw error;
				result = { status: error.status, body: error.body() };
			}
		}
		this.send(res, record, result, version);
	}

	private async route(
		method: string,
		url: URL,
		version: string | undefined,
		segments: string[],
		query: Record<string, string>,
		headers: Record<string, string>,
		raw: Buffer,
		parsed: ReturnType<typeof parseBody>,
		record: RecordedRequest,
	): Promise<RouteResult> {
		const state = this.currentState;
		const token = findToken(headers.authorization, query.access_token ?? parsed.accessToken);
		const caller = identify(token);
		const candidates = matchRoutes(
			routes.filter((r) => r.method === method),
			segments,
			state,
		);
		const customAuth = candidates.length > 0 && candidates.every((m) => m.route.auth === 'custom');
		if (!customAuth) requireValidToken(caller);

		const match = candidates.find((m) => m.missing.length === 0);
		if (!match) {
			if (candidates.length > 0) throw unsupportedRequest(method, candidates[0].missing[0]);
			if (segments.length <= 1 || matchRoutes(routes, segments, state).length > 0)
				throw unsupportedRequest(method, segments[0] ?? '');
			throw new GraphError(400, { message: `Unknown path components: /${segments.slice(1).join('/')}`, code: 2500 });
		}
		if (match.route.scope) requireScope(caller, match.route.scope);
		if (parsed.error) throw invalidParameter(parsed.error, '(#100) The request body could not be parsed');

		// Contract check of the body, for every route the contract describes. No body = no parameters.
		const contentType = parsed.contentType === '' ? undefined : parsed.contentType;
		const bodyCheck = validateOperation(operationKey(match.route), parsed.contractValue ?? {}, contentType);
		// Operations the contract generator added (R8) also have their query and headers checked.
		const parameterCheck = validateParameters(operationKey(match.route), query, headers);
		const check = {
			...bodyCheck,
			checked: bodyCheck.checked || parameterCheck.checked,
			valid: bodyCheck.valid && parameterCheck.valid,
			errors: [...parameterCheck.errors, ...bodyCheck.errors],
		};
		record.contract = { checked: check.checked, valid: check.valid, errors: check.errors };
		if (check.schema) record.contract.schema = check.schema;
		if (check.checked && !check.valid) {
			const details = check.errors.join('; ');
			throw invalidParameter(details.length > MAX_DETAILS ? `${details.slice(0, MAX_DETAILS)}…` : details);
		}

		return match.route.handle({
			method,
			path: url.pathname,
			version,
			params: match.params,
			query,
			headers,
			body: parsed.value,
			files: parsed.files,
			rawBody: raw,
			state,
			caller,
			token,
			baseUrl: this.url,
		});
	}

	private send(
		res: http.ServerResponse,
		record: RecordedRequest,
		result: RouteResult,
		version: string | undefined,
	): void {
		const status = result.status ?? 200;
		const headers: Record<string, string | number> = {
			'facebook-api-version': version ?? GRAPH_VERSION,
			'x-fb-trace-id': fbtraceId(),
			...result.headers,
		};
		if (status === 401)
			headers['www-authenticate'] = 'OAuth "Facebook Platform" "invalid_token" "Invalid OAuth access token"';
		let payload: Buffer;
		if (result.raw) {
			payload = result.raw;
			record.response = { status, body: `<${payload.length} bytes>` };
		} else {
			const body = result.body ?? {};
			payload = Buffer.from(JSON.stringify(body));
			headers['content-type'] = 'application/json; charset=UTF-8';
			record.response = { status, body };
		}
		headers['content-length'] = payload.length;
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

	// -------------------------------------------------------------------------------------------
	// /__sim/ admin endpoints (JSON)

	private async admin(method: string, url: URL, raw: Buffer, res: http.ServerResponse): Promise<void> {
		const reply = (status: number, body: unknown) => {
			const text = JSON.stringify(body);
			res.writeHead(status, {
				'content-type': 'application/json; charset=UTF-8',
				'content-length': Buffer.byteLength(text),
			});
			res.end(text);
		};
		let input: Record<string, unknown> = {};
		try {
			if (raw.length > 0) input = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
		} catch {
			reply(400, { error: 'body must be JSON' });
			return;
		}
		const key = `${method.toUpperCase()} ${url.pathname.replace(/\/+$/, '')}`;
		try {
			switch (key) {
				case 'GET /__sim/requests': {
					const filter = {
						method: url.searchParams.get('method') ?? undefined,
						pathIncludes: url.searchParams.get('pathIncludes') ?? undefined,
					};
					reply(200, this.requests(filter));
					return;
				}
				case 'DELETE /__sim/requests':
					this.recorded = [];
					reply(200, { success: true });
					return;
				case 'GET /__sim/faults':
					reply(
						200,
						this.faults.map((f) => ({
							...f.fault,
							remaining: Number.isFinite(f.remaining) ? f.remaining : 'Infinity',
						})),
					);
					return;
				case 'POST /__sim/faults': {
					const list = Array.isArray(input) ? (input as unknown[]) : [input];
					for (const f of list) this.addFault(f as Fault);
					reply(200, { success: true, faults: this.faults.length });
					return;
				}
				case 'DELETE /__sim/faults':
					this.clearFaults();
					reply(200, { success: true });
					return;
				case 'POST /__sim/release':
					reply(200, { success: true, released: this.releaseHeld() });
					return;
				case 'POST /__sim/latency':
					this.setLatency(Number(input.ms));
					reply(200, { success: true, ms: this.latency });
					return;
				case 'POST /__sim/webhook': {
					if (typeof input.url !== 'string') throw new Error('url is required');
					const opts: { sign?: SignMode; secret?: string; rawBody?: string } = {};
					if (input.sign !== undefined) opts.sign = input.sign as SignMode;
					if (typeof input.secret === 'string') opts.secret = input.secret;
					if (typeof input.rawBody === 'string') opts.rawBody = input.rawBody;
					reply(200, await this.postWebhook(input.url, input.payload, opts));
					return;
				}
				case 'POST /__sim/handshake': {
					if (typeof input.url !== 'string' || typeof input.verifyToken !== 'string')
						throw new Error('url and verifyToken are required');
					reply(
						200,
						await this.handshake(
							input.url,
							input.verifyToken,
							typeof input.challenge === 'string' ? input.challenge : undefined,
						),
					);
					return;
				}
				case 'POST /__sim/throughput':
					this.setThroughputLimit(input as unknown as ThroughputLimit);
					reply(200, { success: true });
					return;
				case 'DELETE /__sim/throughput':
					this.setThroughputLimit(undefined);
					reply(200, { success: true });
					return;
				case 'GET /__sim/throughput':
					reply(200, { limit: this.throughput.current ?? null, ...this.throughputCounts() });
					return;
				case 'GET /__sim/state':
					reply(200, stateForJson(this.currentState));
					return;
				case 'POST /__sim/reset':
					this.reset();
					reply(200, { success: true });
					return;
				default:
					reply(404, { error: `unknown admin endpoint ${key}` });
			}
		} catch (error) {
			reply(400, { error: error instanceof Error ? error.message : String(error) });
		}
	}
}

export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
	const simulator = new GraphSimulator(opts);
	await simulator.listen();
	return simulator;
}
