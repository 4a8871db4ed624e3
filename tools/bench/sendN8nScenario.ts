/**
 * One run of `npm run bench:send:n8n`: the Webhook → Split Out → Send Text workflow deployed
 * against a front, one webhook call with every item, the wait until every item was answered and
 * the execution finished, and the figures from the simulator's records.
 */
import { randomUUID } from 'node:crypto';

import { PHONE_NUMBER_ID } from '../simulator/fixtures';
import { createCredential, simulatorCredentialData } from '../e2e/kit/credential';
import type { BenchTarget } from './n8nTarget';
import { admin, type Recorded } from './simProcess';
import { round } from './figures';
import type { Front } from './sendN8nFront';

export const LATENCY_MS = 100;
const PATIENCE_MS = 30 * 60_000;

export interface Scenario {
	name: string;
	tls: boolean;
	items: number;
	rate: number;
	maxInFlight: number;
	/** Send Text's Mapping Mode: `{{ $json.to }}` / `{{ $json.text }}` (default) or Fields From Input */
	mapping?: 'expressions' | 'fields';
	/** another node sends instead of ours (bench:anchors): its type, parameters and credential */
	sender?: Sender;
	/** recipients as bare digits (what the other nodes send as given) instead of `+1 555 …` */
	digitsOnly?: boolean;
}

export interface Sender {
	type: string;
	typeVersion: number;
	/** the node's parameters, given the Graph base URL it talks to (the front) */
	parameters: (graphUrl: string) => Record<string, unknown>;
	/** its credential (type and data), if it has one */
	credential?: { type: string; data: (graphUrl: string) => Record<string, unknown> };
}

export interface Result {
	scenario: string;
	tls: boolean;
	items: number;
	configuredRate: number;
	maxInFlight: number;
	executionSeconds: number;
	sendingSeconds: number;
	msgPerSec: number;
	msgPerSecWhileSending: number;
	ratioToRate: number;
	n8nCpuMsPerMsg: number | null;
	/** highest resident memory of the n8n processes during the run, sampled every 250 ms */
	peakRssMb: number | null;
	/** resident memory just before the webhook call */
	startRssMb: number | null;
	simulatorRequests: number;
	delivered: number;
	lost: number;
	duplicated: number;
	contractInvalid: number;
	executionStatus: string;
}


function ourSender(s: Scenario, cred: { id: string; name: string }) {
	return {
		type: 'n8n-nodes-whatsapp-cloud.whatsAppCloud',
		typeVersion: 1,
		parameters: {
			resource: 'message',
			operation: 'sendText',
			phoneNumberId: { __rl: true, mode: 'id', value: PHONE_NUMBER_ID },
			...(s.mapping === 'fields'
				? { mappingMode: 'fieldsFromInput', toField: 'to', bodyField: 'text' }
				: { to: '={{ $json.to }}', body: '={{ $json.text }}' }),
			sending: { ratePerSecond: s.rate, maxInFlight: s.maxInFlight, maxRetries: 5 },
		},
		credentials: { whatsAppCloudApi: cred },
	};
}

function otherSender(sender: Sender, graphUrl: string, cred?: { id: string; name: string }) {
	return {
		type: sender.type,
		typeVersion: sender.typeVersion,
		parameters: sender.parameters(graphUrl),
		// A failed item must not stop the others: lost messages are counted, not fatal.
		onError: 'continueRegularOutput',
		...(cred && sender.credential ? { credentials: { [sender.credential.type]: cred } } : {}),
	};
}

function workflow(send: Record<string, unknown>, hookPath: string, s: Scenario) {
	return {
		name: `bench send ${s.name}`,
		nodes: [
			{
				id: randomUUID(),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: { httpMethod: 'POST', path: hookPath, responseMode: 'onReceived', options: {} },
			},
			{
				id: randomUUID(),
				name: 'Split Out',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [220, 0],
				parameters: { fieldToSplitOut: 'body.items', options: {} },
			},
			{ id: randomUUID(), name: 'Send', position: [440, 0], ...send },
		],
		connections: {
			Webhook: { main: [[{ node: 'Split Out', type: 'main', index: 0 }]] },
			'Split Out': { main: [[{ node: 'Send', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}


async function waitLive(base: string, hookPath: string): Promise<void> {
	const t0 = Date.now();
	for (;;) {
		const res = await fetch(`${base}/webhook/${hookPath}`, {
			method: 'OPTIONS',
			headers: { origin: 'http://127.0.0.1', 'access-control-request-method': 'POST' },
		});
		await res.arrayBuffer();
		if (res.ok) return;
		if (Date.now() - t0 > 60_000) throw new Error(`${hookPath} not live after 60 s (${res.status})`);
		await new Promise((r) => setTimeout(r, 200));
	}
}

/** A fresh simulator state and credential, the workflow active and its webhook live. */
async function deployScenario(target: BenchTarget, simUrl: string, front: Front, s: Scenario) {
	const graphUrl = front.url;
	await admin(simUrl, 'POST', '/__sim/reset');
	await admin(simUrl, 'POST', '/__sim/latency', { ms: LATENCY_MS });
	const hookPath = `bench-send-${randomUUID().slice(0, 8)}`;
	let send: Record<string, unknown>;
	if (s.sender) {
		const c = s.sender.credential;
		const cred = c ? await createCredential(target, `bench send ${s.name}`, c.data(graphUrl), c.type) : undefined;
		send = otherSender(s.sender, graphUrl, cred);
	} else {
		send = ourSender(s, await createCredential(target, `bench send ${s.name}`, simulatorCredentialData(graphUrl)));
	}
	const { id: workflowId } = await target.api<{ id: string }>('POST', '/workflows', workflow(send, hookPath, s));
	await target.api('POST', `/workflows/${workflowId}/activate`);
	const base = target.webhookBases[0];
	await waitLive(base, hookPath);
	return { workflowId, hookPath, base };
}

/**
 * Every item answered at the front (retries included), or the execution over (a node that stops
 * early); n8n itself may be too busy to ask meanwhile, so it is asked only every 2 s.
 */
async function waitAllSent(target: BenchTarget, workflowId: string, front: Front, s: Scenario, postsBefore: number, t0: number): Promise<void> {
	for (let tick = 1; front.posts() - postsBefore < s.items; tick++) {
		if (performance.now() - t0 > PATIENCE_MS)
			throw new Error(`${s.name}: ${front.posts() - postsBefore} of ${s.items} sent after 30 min`);
		if (tick % 20 === 0 && (await executionStatus(target, workflowId)) !== undefined) return;
		await new Promise((r) => setTimeout(r, 100));
	}
}

/** The finished execution's status; undefined while it runs or n8n does not answer. */
async function executionStatus(target: BenchTarget, workflowId: string): Promise<string | undefined> {
	try {
		const list = await target.api<{ data: Array<{ id: string; status: string }> }>('GET', `/executions?workflowId=${workflowId}&limit=1`);
		const e = list.data[0];
		return e && e.status !== 'running' && e.status !== 'new' ? e.status : undefined;
	} catch {
		return undefined;
	}
}

/** The execution's final status, asking again while n8n does not answer. */
async function waitExecutionDone(target: BenchTarget, workflowId: string, s: Scenario, t0: number): Promise<string> {
	for (;;) {
		try {
			const list = await target.api<{ data: Array<{ id: string; status: string }> }>(
				'GET',
				`/executions?workflowId=${workflowId}&limit=1`,
			);
			const e = list.data[0];
			if (e && e.status !== 'running' && e.status !== 'new') return e.status;
		} catch (error) {
			process.stderr.write(`bench:   n8n did not answer (${(error as Error).message.slice(0, 80)}); asking again\n`);
		}
		if (performance.now() - t0 > PATIENCE_MS) throw new Error(`${s.name}: execution still running after 30 min`);
		await new Promise((r) => setTimeout(r, 250));
	}
}

/** Delivered, duplicated and contract-invalid messages and the sending window, from the simulator's records. */
async function countDeliveries(simUrl: string, items: Array<{ text: string }>) {
	const recorded = (await admin(simUrl, 'GET', '/__sim/requests?pathIncludes=/messages')) as Recorded[];
	const posts = recorded.filter((r) => r.method === 'POST');
	const accepted = new Map<string, number>();
	let contractInvalid = 0;
	for (const r of posts) {
		if (r.contract.checked && !r.contract.valid) contractInvalid++;
		const text = r.body?.text?.body;
		if (r.response.status === 200 && text) accepted.set(text, (accepted.get(text) ?? 0) + 1);
	}
	let delivered = 0;
	let duplicated = 0;
	for (const item of items) {
		const n = accepted.get(item.text) ?? 0;
		if (n > 0) delivered++;
		if (n > 1) duplicated += n - 1;
	}
	const times = posts.map((r) => Date.parse(r.at)).sort((a, b) => a - b);
	const sendingMs = times.length > 1 ? times[times.length - 1] - times[0] : undefined;
	return { posts: posts.length, delivered, duplicated, contractInvalid, sendingMs };
}

export async function runScenario(target: BenchTarget, simUrl: string, front: Front, s: Scenario): Promise<Result> {
	const { workflowId, hookPath, base } = await deployScenario(target, simUrl, front, s);
	const items = Array.from({ length: s.items }, (_, i) => ({
		to: `${s.digitsOnly ? '1555' : '+1 555 '}${String(2000000 + i).padStart(7, '0')}`,
		text: `bench item ${i}`,
	}));
	const postsBefore = front.posts();
	const startRssMb = target.rssMb();
	let peakRssMb = startRssMb;
	const sampler = setInterval(() => {
		const now = target.rssMb();
		if (now !== null && (peakRssMb === null || now > peakRssMb)) peakRssMb = now;
	}, 250);
	const cpu0 = target.cpuMs();
	const t0 = performance.now();
	const res = await fetch(`${base}/webhook/${hookPath}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ items }),
	});
	await res.text();
	if (res.status !== 200) throw new Error(`${s.name}: webhook answered ${res.status}`);
	await waitAllSent(target, workflowId, front, s, postsBefore, t0);
	const status = await waitExecutionDone(target, workflowId, s, t0);
	const executionSeconds = (performance.now() - t0) / 1000;
	const cpu1 = target.cpuMs();
	clearInterval(sampler);
	await target.api('POST', `/workflows/${workflowId}/deactivate`);

	const { posts, delivered, duplicated, contractInvalid, sendingMs } = await countDeliveries(simUrl, items);
	const sendingSeconds = sendingMs !== undefined ? sendingMs / 1000 : executionSeconds;
	return {
		scenario: s.name,
		tls: s.tls,
		items: s.items,
		configuredRate: s.rate,
		maxInFlight: s.maxInFlight,
		executionSeconds: round(executionSeconds, 2),
		sendingSeconds: round(sendingSeconds, 2),
		msgPerSec: round(delivered / executionSeconds, 1),
		msgPerSecWhileSending: round(delivered / sendingSeconds, 1),
		ratioToRate: round(delivered / sendingSeconds / s.rate, 3),
		n8nCpuMsPerMsg: cpu0 === null || cpu1 === null ? null : round((cpu1 - cpu0) / s.items, 2),
		peakRssMb: peakRssMb === null ? null : Math.round(peakRssMb),
		startRssMb: startRssMb === null ? null : Math.round(startRssMb),
		simulatorRequests: posts,
		delivered,
		lost: s.items - delivered,
		duplicated,
		contractInvalid,
		executionStatus: status,
	};
}
