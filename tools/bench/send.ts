/**
 * `npm run bench:send` — bulk sending throughput of the WhatsApp Cloud node.
 *
 * 10,000 "Send Text" items go through the node in-process, with n8n-core's real execution
 * engine (test/harness/runNode.ts), to the Graph API simulator (tools/simulator) running in a
 * child process with 100 ms latency: at 80 msg/s, at 1,000 msg/s, and one at a time (the
 * sequential baseline — what n8n's built-in node does — measured on a smaller sample and
 * labelled so); then all of it again with 10 % of requests answered by 130429 + Retry-After.
 *
 * Printed per run: messages/s achieved, ratio to the configured rate (requests/s too, since
 * retries use the same budget), ratio to the sequential baseline, p50/p99 request latency
 * (measured at the HTTP client), CPU time per message of this process (node + n8n engine +
 * HTTP client; the simulator runs elsewhere), peak RSS, and lost / duplicated messages counted
 * from the simulator's recorded requests against the input items and the node's output.
 * The last line is one JSON object with every figure.
 *
 *   npm run bench:send             # full run (about 5.5 min on 2 idle cores)
 *   npm run bench:send -- --quick  # 1,000 items per run (~1 min)
 *   npm run bench:send:n8n         # the same inside a real n8n, over http and https (sendN8n.ts)
 */
import '../../test/harness/setup';

import { subscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { INodeExecutionData } from 'n8n-workflow';

import { WhatsAppCloudApi } from '../../credentials/WhatsAppCloudApi.credentials';
import { runNode } from '../../test/harness/runNode';
import { PHONE_NUMBER_ID } from '../simulator/fixtures';
import { simulatorCredentialData } from '../e2e/kit/credential';
import { admin, startSimulatorProcess, type Recorded } from './simProcess';

const ROOT = join(__dirname, '..', '..');

// With an extension-less path tsx would load WhatsAppCloud.node.json (the codex file) instead.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { WhatsAppCloud } = require(join(ROOT, 'nodes/WhatsAppCloud/WhatsAppCloud.node.ts')) as typeof import('../../nodes/WhatsAppCloud/WhatsAppCloud.node');
const LATENCY_MS = 100;
const FAULT_PROBABILITY = 0.1;
const RETRY_AFTER_SECONDS = 1;

interface Scenario {
	name: string;
	items: number;
	/** Messages Per Second configured on the node (sequential runs: not the limit). */
	rate: number;
	maxInFlight: number;
	faults: boolean;
	sequential: boolean;
}

interface Result {
	scenario: string;
	items: number;
	configuredRate: number | null;
	maxInFlight: number;
	faults: number;
	seconds: number;
	msgPerSec: number;
	reqPerSec: number;
	ratioToRate: number | null;
	reqRatioToRate: number | null;
	ratioToSequential: number | null;
	latencyP50Ms: number;
	latencyP99Ms: number;
	cpuMsPerMsg: number;
	peakRssMb: number;
	requests: number;
	injected130429: number;
	delivered: number;
	lost: number;
	duplicated: number;
	failedItems: number;
	outputMismatches: number;
	contractInvalid: number;
	sequentialSample: boolean;
}

// ---------------------------------------------------------------------------------------------
// Request latency, measured at the HTTP client n8n uses (axios over node:http).

const requestStarts = new WeakMap<object, number>();
let latencies: number[] = [];
subscribe('http.client.request.start', (message) => {
	requestStarts.set((message as { request: ClientRequest }).request, performance.now());
});
subscribe('http.client.response.finish', (message) => {
	const started = requestStarts.get((message as { request: ClientRequest }).request);
	if (started !== undefined) latencies.push(performance.now() - started);
});

function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return 0;
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

// ---------------------------------------------------------------------------------------------

function inputItems(count: number): INodeExecutionData[] {
	return Array.from({ length: count }, (_, i) => ({
		json: { to: `+1 555 ${String(2000000 + i).padStart(7, '0')}`, text: `bench item ${i}` },
	}));
}

async function runScenario(simUrl: string, scenario: Scenario): Promise<Result> {
	await admin(simUrl, 'POST', '/__sim/reset');
	await admin(simUrl, 'POST', '/__sim/latency', { ms: LATENCY_MS });
	if (scenario.faults) {
		await admin(simUrl, 'POST', '/__sim/faults', {
			pathIncludes: '/messages',
			probability: FAULT_PROBABILITY,
			status: 429,
			retryAfterSeconds: RETRY_AFTER_SECONDS,
			error: {
				message: '(#130429) Rate limit hit',
				type: 'OAuthException',
				code: 130429,
				error_data: { details: 'Cloud API message throughput has been reached.' },
			},
		});
	}
	const input = inputItems(scenario.items);
	latencies = [];
	global.gc?.();

	let peakRss = process.memoryUsage.rss();
	const sampler = setInterval(() => {
		peakRss = Math.max(peakRss, process.memoryUsage.rss());
	}, 50);
	const cpuBefore = process.cpuUsage();
	const started = performance.now();
	const run = await runNode({
		nodeType: new WhatsAppCloud(),
		credentialTypes: [new WhatsAppCloudApi()],
		credentials: { whatsAppCloudApi: simulatorCredentialData(simUrl) },
		parameters: {
			resource: 'message',
			operation: 'sendText',
			phoneNumberId: { __rl: true, mode: 'id', value: PHONE_NUMBER_ID },
			to: '={{ $json.to }}',
			body: '={{ $json.text }}',
			sending: { ratePerSecond: scenario.rate, maxInFlight: scenario.maxInFlight, maxRetries: 5 },
		},
		input,
		continueOnFail: true,
	});
	const seconds = (performance.now() - started) / 1000;
	const cpu = process.cpuUsage(cpuBefore);
	clearInterval(sampler);
	peakRss = Math.max(peakRss, process.memoryUsage.rss());
	if (run.error) throw new Error(`${scenario.name}: the node failed: ${run.error.message}`);

	// Count what the simulator accepted, per input item, and compare with the node's output.
	const recorded = (await admin(simUrl, 'GET', '/__sim/requests?pathIncludes=/messages')) as Recorded[];
	const accepted = new Map<string, string[]>();
	let injected = 0;
	let contractInvalid = 0;
	for (const r of recorded) {
		if (r.method !== 'POST') continue;
		if (r.contract.checked && !r.contract.valid) contractInvalid++;
		if (r.response.body?.error?.code === 130429) injected++;
		const text = r.body?.text?.body;
		const id = r.response.body?.messages?.[0]?.id;
		if (r.response.status === 200 && text && id) accepted.set(text, [...(accepted.get(text) ?? []), id]);
	}
	let lost = 0;
	let duplicated = 0;
	let delivered = 0;
	input.forEach((item) => {
		const ids = accepted.get(String(item.json.text)) ?? [];
		if (ids.length === 0) lost++;
		else delivered++;
		if (ids.length > 1) duplicated += ids.length - 1;
	});
	const output = run.items[0] ?? [];
	let failedItems = 0;
	let outputMismatches = output.length === input.length ? 0 : Math.abs(output.length - input.length);
	output.forEach((item, i) => {
		const paired = (item.pairedItem as { item: number } | undefined)?.item;
		if (item.json.error !== undefined) failedItems++;
		const ids = accepted.get(String(input[i]?.json.text)) ?? [];
		const ok = paired === i && (item.json.error !== undefined ? ids.length === 0 : ids[0] === item.json.messageId);
		if (!ok) outputMismatches++;
	});

	const sorted = [...latencies].sort((a, b) => a - b);
	const msgPerSec = delivered / seconds;
	const reqPerSec = recorded.length / seconds;
	return {
		scenario: scenario.name,
		items: scenario.items,
		configuredRate: scenario.sequential ? null : scenario.rate,
		maxInFlight: scenario.maxInFlight,
		faults: scenario.faults ? FAULT_PROBABILITY : 0,
		seconds: round(seconds, 2),
		msgPerSec: round(msgPerSec, 1),
		reqPerSec: round(reqPerSec, 1),
		ratioToRate: scenario.sequential ? null : round(msgPerSec / scenario.rate, 3),
		reqRatioToRate: scenario.sequential ? null : round(reqPerSec / scenario.rate, 3),
		ratioToSequential: null,
		latencyP50Ms: round(percentile(sorted, 50), 1),
		latencyP99Ms: round(percentile(sorted, 99), 1),
		cpuMsPerMsg: round((cpu.user + cpu.system) / 1000 / scenario.items, 3),
		peakRssMb: round(peakRss / 1024 / 1024, 0),
		requests: recorded.length,
		injected130429: injected,
		delivered,
		lost,
		duplicated,
		failedItems,
		outputMismatches,
		contractInvalid,
		sequentialSample: scenario.sequential,
	};
}

function round(value: number, digits: number): number {
	const f = 10 ** digits;
	return Math.round(value * f) / f;
}

function table(results: Result[]): string {
	const header = [
		'run',
		'items',
		'msg/s',
		'× rate',
		'req/s × rate',
		'× sequential',
		'p50 ms',
		'p99 ms',
		'CPU ms/msg',
		'peak RSS MB',
		'130429 injected',
		'lost',
		'dup',
		'failed',
	];
	const rows = results.map((r) => [
		r.scenario,
		String(r.items),
		r.msgPerSec.toFixed(1),
		r.ratioToRate === null ? '–' : r.ratioToRate.toFixed(3),
		r.reqRatioToRate === null ? '–' : r.reqRatioToRate.toFixed(3),
		r.ratioToSequential === null ? '1.0' : r.ratioToSequential.toFixed(1),
		r.latencyP50Ms.toFixed(1),
		r.latencyP99Ms.toFixed(1),
		r.cpuMsPerMsg.toFixed(3),
		String(r.peakRssMb),
		String(r.injected130429),
		String(r.lost),
		String(r.duplicated),
		String(r.failedItems),
	]);
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
	const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
	return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
	const quick = process.argv.includes('--quick');
	const bulkItems = quick ? 1000 : 10_000;
	const sequentialItems = quick ? 100 : 150;
	const sequentialFaultItems = quick ? 60 : 80;

	const scenarios: Scenario[] = [];
	for (const faults of [false, true]) {
		const suffix = faults ? ' + 10% 130429' : '';
		const seqItems = faults ? sequentialFaultItems : sequentialItems;
		scenarios.push(
			{ name: `sequential (sample)${suffix}`, items: seqItems, rate: 1000, maxInFlight: 1, faults, sequential: true },
			{ name: `80 msg/s${suffix}`, items: bulkItems, rate: 80, maxInFlight: 100, faults, sequential: false },
			{ name: `1000 msg/s${suffix}`, items: bulkItems, rate: 1000, maxInFlight: 200, faults, sequential: false },
		);
	}

	const loadBefore = loadavg().map((l) => round(l, 2));
	const { url, child } = await startSimulatorProcess(LATENCY_MS);
	const results: Result[] = [];
	const benchStarted = performance.now();
	try {
		// Warm-up: load the engine and open the code paths once (not measured).
		await runScenario(url, { name: 'warm-up', items: 50, rate: 1000, maxInFlight: 50, faults: false, sequential: false });
		for (const scenario of scenarios) {
			process.stderr.write(`bench: ${scenario.name}, ${scenario.items} items…\n`);
			const result = await runScenario(url, scenario);
			process.stderr.write(`bench:   ${result.seconds} s, ${result.msgPerSec} msg/s, lost ${result.lost}, dup ${result.duplicated}\n`);
			results.push(result);
		}
	} finally {
		child.kill('SIGTERM');
	}
	for (const faults of [0, FAULT_PROBABILITY]) {
		const group = results.filter((r) => r.faults === faults);
		const baseline = group.find((r) => r.sequentialSample);
		for (const r of group) {
			if (!r.sequentialSample && baseline) r.ratioToSequential = round(r.msgPerSec / baseline.msgPerSec, 1);
		}
	}

	const totalSeconds = round((performance.now() - benchStarted) / 1000, 1);
	const loadAfter = loadavg().map((l) => round(l, 2));
	const machine = `${cpus().length} cores, load average ${loadBefore[0]} before / ${loadAfter[0]} after`;
	console.log('');
	console.log(
		`WhatsApp Cloud node — bulk Send Text through n8n-core, simulator latency ${LATENCY_MS} ms, ${bulkItems} items per bulk run` +
			`${quick ? ' (--quick)' : ''}; sequential = Max Requests In Flight 1, measured on ${sequentialItems} items (${sequentialFaultItems} with faults)`,
	);
	console.log(table(results));
	console.log(
		`msg/s = messages the simulator accepted / wall time; × rate = msg/s ÷ configured Messages Per Second (target ≥ 0.95; with 10% 130429 the retries share the same budget, so req/s × rate is the pacing figure); ` +
			`latency = HTTP request at the client; CPU = this process (node + n8n engine), simulator excluded; lost/dup = input items accepted 0 / >1 times; failed = error items. ` +
			`Output mismatches: ${results.reduce((n, r) => n + r.outputMismatches, 0)}, contract-invalid requests: ${results.reduce((n, r) => n + r.contractInvalid, 0)}. Node ${process.version}, ${machine}, total ${totalSeconds} s.`,
	);
	console.log(
		JSON.stringify({
			bench: 'send',
			quick,
			node: process.version,
			latencyMs: LATENCY_MS,
			faultProbability: FAULT_PROBABILITY,
			retryAfterSeconds: RETRY_AFTER_SECONDS,
			totalSeconds,
			cores: cpus().length,
			loadAverageBefore: loadBefore,
			loadAverageAfter: loadAfter,
			results,
		}),
	);
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
