/**
 * `npm run bench:trigger` — webhook intake inside a real n8n 2.41.1: n8n's bare Webhook node,
 * the Webhook node with a Header Auth credential, and the WhatsApp Cloud Trigger (signed
 * X-Hub-Signature-256, the App Secret in the credential), side by side in one n8n. Each
 * workflow is the webhook node → one NoOp; all answer "on received".
 *
 * Rounds alternate the three (the order rotates every round) with 1-message and 50-message
 * payloads at concurrency 10 (undici). A phase sends for --seconds, then waits until every
 * execution it started has finished (n8n answers "on received" before the execution runs, so
 * a backlog would otherwise be billed to the next phase). Figures per workflow and payload:
 * req/s (HTTP answers / send time), done/s (requests / send + drain time), items/s, p50/p99 of
 * the HTTP answer, n8n CPU ms per request (the n8n processes, from /proc: the figure least
 * disturbed by other load on the machine), and the ratios of the trigger to both baselines.
 * The machine's load average is printed; the last line is one JSON object with every figure.
 *
 *   npm run bench:trigger                               # build, start n8n, 4 rounds of 6 s phases
 *   npm run bench:trigger -- --rounds 2 --seconds 4     # shorter
 *   npm run bench:trigger -- --profile [--profile-dir d] # then CPU profiles of n8n (trigger, Header Auth, bare; saved as .cpuprofile)
 *   npm run bench:trigger -- --engine legacy            # n8n's legacy expression engine (no isolate per request)
 *   npm run bench:trigger -- --queue [--worker-concurrency 10] [--via-proxy]
 *                                                      # queue mode started here: main + 2 workers + 2 webhook processes
 *   npm run bench:trigger -- --n8n-url http://127.0.0.1:5678 --webhook-url http://127.0.0.1:5679 …
 *                                                      # an n8n already running (e.g. queue mode)
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { cpus, loadavg } from 'node:os';
import { Pool } from 'undici';

import { signBody } from '../../nodes/WhatsAppCloudTrigger/signature';
import { APP_SECRET, WABA_ID } from '../simulator/fixtures';
import { startSimulator, type Simulator } from '../lab/simulator';
import { createCredential, simulatorCredentialData } from '../e2e/kit/credential';
import { waitLive } from '../e2e/kit/workflows';
import {
	argValue,
	hasFlag,
	inclusiveTimes,
	openTarget,
	percentile,
	round,
	table,
	topSelf,
	type BenchTarget,
	type CpuProfile,
} from './n8nTarget';

type Variant = 'bare' | 'headerAuth' | 'trigger';
const VARIANTS: Variant[] = ['bare', 'headerAuth', 'trigger'];
const LABEL: Record<Variant, string> = {
	bare: 'Webhook (bare)',
	headerAuth: 'Webhook + Header Auth',
	trigger: 'WhatsApp Cloud Trigger (signed)',
};
const SIZES = [1, 50];
const HEADER_NAME = 'x-bench-token';
const HEADER_VALUE = 'bench-header-secret-0123456789';

interface Deployed {
	variant: Variant;
	workflowId: string;
	path: string;
}

interface Phase {
	variant: Variant;
	size: number;
	round: number;
	ok: number;
	failed: number;
	statuses: Record<string, number>;
	sendSeconds: number;
	drainSeconds: number;
	cpuMs: number | null;
	latencies: number[];
}

// ---------------------------------------------------------------- workflows

function noOp() {
	return {
		id: randomUUID(),
		name: 'Done',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [220, 0],
		parameters: {},
	};
}

function workflowOf(
	variant: Variant,
	path: string,
	creds: { header: { id: string; name: string }; wa: { id: string; name: string } },
) {
	const webhookId = randomUUID();
	const first =
		variant === 'trigger'
			? {
					id: randomUUID(),
					name: 'Receive',
					type: 'n8n-nodes-whatsapp-cloud.whatsAppCloudTrigger',
					typeVersion: 1,
					position: [0, 0],
					webhookId,
					parameters: {
						events: ['messages', 'statuses', 'other'],
						outputMode: 'single',
						autoSubscribe: false,
						options: {},
					},
					credentials: { whatsAppCloudApi: creds.wa },
				}
			: {
					id: randomUUID(),
					name: 'Receive',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: [0, 0],
					webhookId,
					parameters: {
						httpMethod: 'POST',
						path,
						responseMode: 'onReceived',
						options: {},
						...(variant === 'headerAuth' ? { authentication: 'headerAuth' } : {}),
					},
					...(variant === 'headerAuth' ? { credentials: { httpHeaderAuth: creds.header } } : {}),
				};
	return {
		def: {
			name: `bench ${LABEL[variant]}`,
			nodes: [first, noOp()],
			connections: { Receive: { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1' },
		},
		path: variant === 'trigger' ? `${webhookId}/webhook` : path,
	};
}

async function deploy(target: BenchTarget, simUrl: string): Promise<Record<Variant, Deployed>> {
	const header = await createCredential(target, 'bench header auth', { name: HEADER_NAME, value: HEADER_VALUE }, 'httpHeaderAuth');
	const wa = await createCredential(target, 'bench WhatsApp', simulatorCredentialData(simUrl));
	const out = {} as Record<Variant, Deployed>;
	for (const variant of VARIANTS) {
		const { def, path } = workflowOf(variant, `bench-${variant}-${randomUUID().slice(0, 8)}`, { header, wa });
		const { id } = await target.api<{ id: string }>('POST', '/workflows', def);
		await target.api('POST', `/workflows/${id}/activate`);
		out[variant] = { variant, workflowId: id, path };
	}
	for (const d of Object.values(out)) for (const base of target.webhookBases) await waitLive(base, d.path);
	return out;
}

// ---------------------------------------------------------------- payloads

let counter = 0;

/** Meta's shape: one entry, one change, `size` text messages with unique ids (the trigger drops redeliveries). */
function body(size: number): string {
	const n = ++counter;
	const messages = Array.from({ length: size }, (_, i) => ({
		from: '16505551234',
		id: `wamid.bench.${process.pid}.${n}.${i}`,
		timestamp: String(1750000000 + n),
		type: 'text',
		text: { body: `bench message ${n}.${i}` },
	}));
	return JSON.stringify({
		object: 'whatsapp_business_account',
		entry: [
			{
				id: WABA_ID,
				changes: [
					{
						field: 'messages',
						value: {
							messaging_product: 'whatsapp',
							metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
							contacts: [{ profile: { name: 'Sheena Nelson' }, wa_id: '16505551234' }],
							messages,
						},
					},
				],
			},
		],
	});
}

function headersFor(variant: Variant, raw: string): Record<string, string> {
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	if (variant === 'headerAuth') headers[HEADER_NAME] = HEADER_VALUE;
	if (variant === 'trigger') headers['x-hub-signature-256'] = signBody(APP_SECRET, raw);
	return headers;
}

// ---------------------------------------------------------------- phases

async function finishedExecutions(target: BenchTarget, workflowId: string): Promise<number> {
	const filter = encodeURIComponent(
		JSON.stringify({ workflowId, status: ['success', 'error', 'crashed', 'canceled'] }),
	);
	const res = await target.rest<{ data: { count: number } }>('GET', `/executions?filter=${filter}&limit=1`);
	return res.data.count;
}

async function runPhase(
	target: BenchTarget,
	pools: Pool[],
	d: Deployed,
	size: number,
	seconds: number,
	concurrency: number,
	round: number,
): Promise<Phase> {
	const before = await finishedExecutions(target, d.workflowId);
	const cpu0 = target.cpuMs();
	const phase: Phase = {
		variant: d.variant,
		size,
		round,
		ok: 0,
		failed: 0,
		statuses: {},
		sendSeconds: 0,
		drainSeconds: 0,
		cpuMs: null,
		latencies: [],
	};
	const t0 = performance.now();
	const until = t0 + seconds * 1000;
	let turn = 0;
	const worker = async () => {
		while (performance.now() < until) {
			const raw = body(size);
			const pool = pools[turn++ % pools.length];
			const started = performance.now();
			try {
				const res = await pool.request({
					method: 'POST',
					path: `/webhook/${d.path}`,
					headers: headersFor(d.variant, raw),
					body: raw,
				});
				await res.body.text();
				phase.statuses[res.statusCode] = (phase.statuses[res.statusCode] ?? 0) + 1;
				if (res.statusCode === 200) phase.ok++;
				else phase.failed++;
			} catch {
				phase.failed++;
				phase.statuses.error = (phase.statuses.error ?? 0) + 1;
			}
			phase.latencies.push(performance.now() - started);
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	const t1 = performance.now();
	phase.sendSeconds = (t1 - t0) / 1000;
	// every answered request started one execution: wait for them all
	for (;;) {
		const done = (await finishedExecutions(target, d.workflowId)) - before;
		if (done >= phase.ok) break;
		if (performance.now() - t1 > 120_000)
			throw new Error(`${LABEL[d.variant]}: ${done} of ${phase.ok} executions finished after 120 s`);
		await new Promise((r) => setTimeout(r, 100));
	}
	phase.drainSeconds = (performance.now() - t1) / 1000;
	const cpu1 = target.cpuMs();
	phase.cpuMs = cpu0 === null || cpu1 === null ? null : cpu1 - cpu0;
	return phase;
}

interface Summary {
	variant: Variant;
	size: number;
	requests: number;
	failed: number;
	reqPerSec: number;
	donePerSec: number;
	itemsPerSec: number;
	p50Ms: number;
	p99Ms: number;
	cpuMsPerReq: number | null;
	roundsReqPerSec: number[];
}

function summarise(phases: Phase[], variant: Variant, size: number): Summary {
	const mine = phases.filter((p) => p.variant === variant && p.size === size);
	const ok = mine.reduce((n, p) => n + p.ok, 0);
	const send = mine.reduce((n, p) => n + p.sendSeconds, 0);
	const all = mine.reduce((n, p) => n + p.sendSeconds + p.drainSeconds, 0);
	const cpu = mine.every((p) => p.cpuMs !== null) ? mine.reduce((n, p) => n + (p.cpuMs ?? 0), 0) : null;
	const lat = mine.flatMap((p) => p.latencies).sort((a, b) => a - b);
	// the bare and Header Auth webhooks emit one item per request (the whole body); the trigger one per message
	const itemsPerReq = variant === 'trigger' ? size : 1;
	return {
		variant,
		size,
		requests: ok,
		failed: mine.reduce((n, p) => n + p.failed, 0),
		reqPerSec: round(ok / send, 1),
		donePerSec: round(ok / all, 1),
		itemsPerSec: round((ok * itemsPerReq) / all, 1),
		p50Ms: round(percentile(lat, 50), 1),
		p99Ms: round(percentile(lat, 99), 1),
		cpuMsPerReq: cpu === null ? null : round(cpu / ok, 2),
		roundsReqPerSec: mine.map((p) => round(p.ok / p.sendSeconds, 1)),
	};
}

// ---------------------------------------------------------------- execution data size

async function savedSizes(target: BenchTarget, deployed: Record<Variant, Deployed>): Promise<Record<string, number>> {
	const out: Record<string, number> = {};
	for (const variant of VARIANTS) {
		const res = await target.api<{ data: Array<{ data?: unknown }> }>(
			'GET',
			`/executions?workflowId=${deployed[variant].workflowId}&includeData=true&limit=1`,
		);
		out[variant] = res.data[0]?.data === undefined ? 0 : Buffer.byteLength(JSON.stringify(res.data[0].data));
	}
	return out;
}

// ---------------------------------------------------------------- profile

const SPANS: Array<{ label: string; match: (fn: string, url: string) => boolean }> = [
	{
		label: 'webhook request handling (executeWebhook)',
		match: (fn, url) => fn === 'executeWebhook' && url.includes('webhook-helpers'),
	},
	{ label: "the node's webhook() (runWebhook)", match: (fn, url) => fn === 'runWebhook' },
	{
		label: 'getCredentials → getDecrypted (credentials-helper)',
		match: (fn, url) => fn === 'getDecrypted' && url.includes('credentials-helper'),
	},
	{ label: '  credential row from the DB (getCredentialsEntity)', match: (fn, url) => fn === 'getCredentialsEntity' },
	{
		label: '  decryption (Credentials.getData)',
		match: (fn, url) => fn === 'getData' && url.includes('n8n-core') && url.includes('credentials'),
	},
	{
		label: '  defaults + expressions (applyDefaultsAndOverwrites)',
		match: (fn) => fn === 'applyDefaultsAndOverwrites',
	},
	{
		label: 'credential permission check of the execution',
		match: (fn, url) => url.includes('credentials-permission-checker') && fn === 'check',
	},
	{ label: 'workflow run (WorkflowRunner.run)', match: (fn, url) => fn === 'run' && url.includes('workflow-runner') },
	{
		label: 'execution saved (ExecutionRepository)',
		match: (fn, url) =>
			url.includes('execution.repository') && /^(createNewExecution|updateExistingExecution)$/.test(fn),
	},
	{
		label: 'this package (every frame in n8n-nodes-whatsapp-cloud)',
		match: (_fn, url) => url.includes('n8n-nodes-whatsapp-cloud/dist'),
	},
	{
		label: '  our webhook() (receiveWebhook)',
		match: (fn, url) => fn === 'receiveWebhook' && url.includes('n8n-nodes-whatsapp-cloud'),
	},
	{
		label: '  signature (verifySignature)',
		match: (fn, url) => fn === 'verifySignature' && url.includes('n8n-nodes-whatsapp-cloud'),
	},
	{ label: '  fan-out (fanOut)', match: (fn, url) => fn === 'fanOut' && url.includes('n8n-nodes-whatsapp-cloud') },
	{ label: '  dedupe (claim)', match: (fn, url) => fn === 'claim' && url.includes('n8n-nodes-whatsapp-cloud') },
	{
		label: 'Webhook node webhook() (n8n-nodes-base)',
		match: (fn, url) => fn === 'webhook' && url.includes('nodes/Webhook/Webhook.node'),
	},
	{ label: 'SQLite (sqlite3 driver)', match: (_fn, url) => url.includes('/sqlite3/') },
	{ label: 'garbage collection', match: (fn) => fn === '(garbage collector)' },
];

async function profileVariant(target: BenchTarget, pools: Pool[], d: Deployed, seconds: number, concurrency: number) {
	const profiler = target.profiler!;
	await profiler.start();
	const phase = await runPhase(target, pools, d, 1, seconds, concurrency, -1);
	const profile: CpuProfile = await profiler.stop();
	const dir = argValue('--profile-dir');
	if (dir) {
		fs.mkdirSync(dir, { recursive: true });
		fs.writeFileSync(path.join(dir, `n8n-${d.variant}.cpuprofile`), JSON.stringify(profile));
	}
	const spans = inclusiveTimes(profile, SPANS);
	return {
		variant: d.variant,
		requests: phase.ok,
		busyMsPerReq: round(spans.busyMs / phase.ok, 2),
		spans: spans.spans.map((s) => ({ ...s, msPerReq: round(s.ms / phase.ok, 3) })),
		top: topSelf(profile, 15),
	};
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
	const rounds = Number(argValue('--rounds') ?? 4);
	const seconds = Number(argValue('--seconds') ?? 6);
	const concurrency = Number(argValue('--concurrency') ?? 10);
	const wantProfile = hasFlag('--profile');
	const loadBefore = loadavg().map((l) => round(l, 2));
	const benchStart = performance.now();

	const sim: Simulator = await startSimulator();
	// --engine legacy|vm: n8n's expression engine (N8N_EXPRESSION_ENGINE; 2.41.1 defaults to vm, isolated-vm)
	const engine = argValue('--engine');
	const target = await openTarget({ profile: wantProfile, extraEnv: engine ? { N8N_EXPRESSION_ENGINE: engine } : {} });
	const pools = target.webhookBases.map((b) => new Pool(b, { connections: concurrency, pipelining: 1 }));
	try {
		const deployed = await deploy(target, sim.url);
		process.stderr.write(`bench: ${target.describe}; workflows live\n`);
		// warm-up (not measured): every code path once
		for (const variant of VARIANTS)
			for (const size of SIZES) await runPhase(target, pools, deployed[variant], size, 1, concurrency, 0);

		const phases: Phase[] = [];
		for (let r = 1; r <= rounds; r++) {
			for (const size of SIZES) {
				const order = VARIANTS.map((_, i) => VARIANTS[(i + r) % VARIANTS.length]);
				if (r % 2 === 0) order.reverse();
				for (const variant of order) {
					const p = await runPhase(target, pools, deployed[variant], size, seconds, concurrency, r);
					phases.push(p);
					process.stderr.write(
						`bench: round ${r} ${size} msg ${LABEL[variant]}: ${p.ok} ok (${JSON.stringify(p.statuses)}), ${round(p.ok / p.sendSeconds, 1)} req/s, drain ${round(p.drainSeconds, 1)} s, load ${round(loadavg()[0], 2)}\n`,
					);
				}
			}
		}
		const sizes = await savedSizes(target, deployed); // the newest executions: 50-message payloads
		const summaries = SIZES.flatMap((size) => VARIANTS.map((v) => summarise(phases, v, size)));
		const ratios = SIZES.map((size) => {
			const get = (v: Variant) => summaries.find((s) => s.variant === v && s.size === size)!;
			const t = get('trigger');
			const cpuRatio = (b: Summary) =>
				t.cpuMsPerReq && b.cpuMsPerReq ? round(b.cpuMsPerReq / t.cpuMsPerReq, 3) : null;
			return {
				size,
				reqPerSecVsBare: round(t.reqPerSec / get('bare').reqPerSec, 3),
				reqPerSecVsHeaderAuth: round(t.reqPerSec / get('headerAuth').reqPerSec, 3),
				donePerSecVsBare: round(t.donePerSec / get('bare').donePerSec, 3),
				donePerSecVsHeaderAuth: round(t.donePerSec / get('headerAuth').donePerSec, 3),
				cpuEfficiencyVsBare: cpuRatio(get('bare')),
				cpuEfficiencyVsHeaderAuth: cpuRatio(get('headerAuth')),
			};
		});

		let profiles: Awaited<ReturnType<typeof profileVariant>>[] | undefined;
		if (wantProfile && target.profiler) {
			profiles = [];
			for (const v of ['trigger', 'headerAuth', 'bare'] as Variant[])
				profiles.push(await profileVariant(target, pools, deployed[v], seconds, concurrency));
		}

		const loadAfter = loadavg().map((l) => round(l, 2));
		const totalSeconds = round((performance.now() - benchStart) / 1000, 1);
		console.log('');
		console.log(
			`Webhook intake inside ${target.describe}: ${rounds} alternating rounds of ${seconds} s per workflow and payload, concurrency ${concurrency}`,
		);
		console.log(
			table(
				[
					'workflow',
					'msgs/POST',
					'requests',
					'req/s',
					'done/s',
					'items/s',
					'p50 ms',
					'p99 ms',
					'n8n CPU ms/req',
					'req/s per round',
				],
				summaries.map((s) => [
					LABEL[s.variant],
					String(s.size),
					String(s.requests) + (s.failed ? ` (+${s.failed} failed)` : ''),
					s.reqPerSec.toFixed(1),
					s.donePerSec.toFixed(1),
					s.itemsPerSec.toFixed(1),
					s.p50Ms.toFixed(1),
					s.p99Ms.toFixed(1),
					s.cpuMsPerReq === null ? '–' : s.cpuMsPerReq.toFixed(2),
					s.roundsReqPerSec.join(' / '),
				]),
			),
		);
		console.log('');
		console.log(
			table(
				[
					'msgs/POST',
					'trigger ÷ bare (req/s)',
					'trigger ÷ Header Auth (req/s)',
					'trigger ÷ bare (done/s)',
					'trigger ÷ Header Auth (done/s)',
					'CPU: bare ÷ trigger',
					'CPU: Header Auth ÷ trigger',
				],
				ratios.map((r) => [
					String(r.size),
					r.reqPerSecVsBare.toFixed(3),
					r.reqPerSecVsHeaderAuth.toFixed(3),
					r.donePerSecVsBare.toFixed(3),
					r.donePerSecVsHeaderAuth.toFixed(3),
					r.cpuEfficiencyVsBare === null ? '–' : r.cpuEfficiencyVsBare.toFixed(3),
					r.cpuEfficiencyVsHeaderAuth === null ? '–' : r.cpuEfficiencyVsHeaderAuth.toFixed(3),
				]),
			),
		);
		console.log(
			`req/s = answered requests ÷ send time; done/s = ÷ (send + wait until every execution finished); items/s from done/s (bare/Header Auth: 1 item per POST, the trigger: 1 per message); ` +
				`CPU = ${target.cpuNote}, from /proc (÷ trigger: > 1 means the trigger costs more). Saved execution data of a 50-message POST (JSON via the API): ` +
				`${VARIANTS.map((v) => `${LABEL[v]} ${sizes[v]} B`).join(', ')}. Node ${process.version} (client), ${cpus().length} cores, load average ${loadBefore[0]} before / ${loadAfter[0]} after, total ${totalSeconds} s.`,
		);
		if (profiles) {
			for (const p of profiles) {
				console.log('');
				console.log(
					`CPU profile of the n8n main process, ${LABEL[p.variant]}, 1 message per POST: ${p.requests} requests, ${p.busyMsPerReq} ms busy per request`,
				);
				console.log(
					table(
						['span (inclusive)', 'ms/req', 'share of busy'],
						p.spans.map((s) => [s.label, s.msPerReq.toFixed(3), `${(s.share * 100).toFixed(1)} %`]),
					),
				);
				console.log(
					table(
						['top self time', 'ms', 'share'],
						p.top.map((s) => [s.label.slice(0, 110), s.ms.toFixed(1), `${(s.share * 100).toFixed(1)} %`]),
					),
				);
			}
		}
		console.log(
			JSON.stringify({
				bench: 'trigger',
				target: target.describe,
				expressionEngine: engine ?? 'default',
				webhookBases: target.webhookBases.length,
				cpuMeasures: target.cpuNote,
				rounds,
				secondsPerPhase: seconds,
				concurrency,
				cores: cpus().length,
				loadAverageBefore: loadBefore,
				loadAverageAfter: loadAfter,
				totalSeconds,
				results: summaries,
				ratios,
				savedExecutionBytes50: sizes,
				profiles: profiles?.map((p) => ({
					variant: p.variant,
					requests: p.requests,
					busyMsPerReq: p.busyMsPerReq,
					spans: p.spans,
				})),
			}),
		);
	} finally {
		await Promise.all(pools.map((p) => p.close()));
		await target.stop();
		await sim.close();
	}
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
