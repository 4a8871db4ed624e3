/** /__sim/ control endpoints (JSON): the Simulator interface over HTTP, for processes that did not start it. */
import type * as http from 'node:http';

import { CUSTOMER, USERNAME_CUSTOMER } from './customer';
import type { CustomerRequest } from './customerRequest';
import type { Fault, FaultTable } from './faults';
import { CALLING_ADMIN_ENDPOINTS } from './callingAdmin';
import { FLOW_ENDPOINTS } from './flowAdmin';
import { FLOW_CLIENT_ENDPOINTS } from './flowEndpoint';
import { GROUP_ENDPOINTS } from './groupAdmin';
import { MARKETING_ENDPOINTS } from './marketingState';
import type { Simulator } from './server';
import { stateForJson } from './state';
import type { ThroughputLimit } from './throughput';
import type { SignMode } from './webhook-client';

/** What the endpoints reach beyond the Simulator interface. */
export interface AdminTarget extends Simulator {
	readonly faults: FaultTable;
	clearRequests(): void;
	latencyMs(): number;
	throughputLimit(): ThroughputLimit | undefined;
}

type Endpoint = (sim: AdminTarget, input: Record<string, unknown>, url: URL) => unknown;

const done = { success: true } as const;

function webhookOptions(input: Record<string, unknown>): { sign?: SignMode; secret?: string; rawBody?: string } {
	const opts: { sign?: SignMode; secret?: string; rawBody?: string } = {};
	if (input.sign !== undefined) opts.sign = input.sign as SignMode;
	if (typeof input.secret === 'string') opts.secret = input.secret;
	if (typeof input.rawBody === 'string') opts.rawBody = input.rawBody;
	return opts;
}

const ENDPOINTS: Record<string, Endpoint> = {
	'GET /__sim/requests': (sim, _input, url) =>
		sim.requests({
			method: url.searchParams.get('method') ?? undefined,
			pathIncludes: url.searchParams.get('pathIncludes') ?? undefined,
		}),
	'DELETE /__sim/requests': (sim) => {
		sim.clearRequests();
		return done;
	},
	'GET /__sim/faults': (sim) => sim.faults.toJson(),
	'POST /__sim/faults': (sim, input) => {
		const list = Array.isArray(input) ? (input as unknown[]) : [input];
		for (const f of list) sim.addFault(f as Fault);
		return { success: true, faults: sim.faults.size };
	},
	'DELETE /__sim/faults': (sim) => {
		sim.clearFaults();
		return done;
	},
	'POST /__sim/release': (sim) => ({ success: true, released: sim.releaseHeld() }),
	'POST /__sim/latency': (sim, input) => {
		sim.setLatency(Number(input.ms));
		return { success: true, ms: sim.latencyMs() };
	},
	'POST /__sim/webhook': (sim, input) => {
		if (typeof input.url !== 'string') throw new Error('url is required');
		return sim.postWebhook(input.url, input.payload, webhookOptions(input));
	},
	'POST /__sim/handshake': (sim, input) => {
		if (typeof input.url !== 'string' || typeof input.verifyToken !== 'string') throw new Error('url and verifyToken are required');
		return sim.handshake(input.url, input.verifyToken, typeof input.challenge === 'string' ? input.challenge : undefined);
	},
	'POST /__sim/throughput': (sim, input) => {
		sim.setThroughputLimit(input as unknown as ThroughputLimit);
		return done;
	},
	'DELETE /__sim/throughput': (sim) => {
		sim.setThroughputLimit(undefined);
		return done;
	},
	'GET /__sim/throughput': (sim) => ({ limit: sim.throughputLimit() ?? null, ...sim.throughputCounts() }),
	// the customers, and playing one of them (Simulator.customer; the body is a CustomerRequest + url/sign/secret)
	'GET /__sim/customers': () => ({ phone: CUSTOMER, username: USERNAME_CUSTOMER }),
	'POST /__sim/customer': (sim, input) =>
		sim.customer(input as unknown as CustomerRequest, typeof input.url === 'string' ? input.url : undefined, webhookOptions(input)),
	'GET /__sim/state': (sim) => stateForJson(sim.state),
	'POST /__sim/reset': (sim) => {
		sim.reset();
		return done;
	},
	...FLOW_ENDPOINTS,
	...GROUP_ENDPOINTS,
	...CALLING_ADMIN_ENDPOINTS,
	...MARKETING_ENDPOINTS,
	...FLOW_CLIENT_ENDPOINTS,
};

/** Answers one /__sim/ request: 200 with the result, 400 with {error} when it fails, 404 when unknown. */
export async function answerAdmin(sim: AdminTarget, method: string, url: URL, raw: Buffer, res: http.ServerResponse): Promise<void> {
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
	const endpoint = ENDPOINTS[key];
	if (!endpoint) {
		reply(404, { error: `unknown admin endpoint ${key}` });
		return;
	}
	try {
		reply(200, await endpoint(sim, input, url));
	} catch (error) {
		reply(400, { error: error instanceof Error ? error.message : String(error) });
	}
}
