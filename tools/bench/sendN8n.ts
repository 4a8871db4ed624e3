/**
 * `npm run bench:send:n8n` — the bulk send inside a real n8n 2.41.1: one execution of
 * 10,000 items started by a webhook (Webhook → Split Out → WhatsApp Cloud "Send Text" with
 * `{{ $json.to }}` / `{{ $json.text }}`), against the Graph API simulator in its own process
 * (100 ms latency), over plain HTTP and over HTTPS. For HTTPS a self-signed certificate for
 * 127.0.0.1 is made at run time (openssl), n8n trusts it through NODE_EXTRA_CA_CERTS, and the
 * credential's Graph API Base URL is https://127.0.0.1:<port>: a TLS front (in this process)
 * forwards to the simulator over kept-alive connections (the HTTP runs go through a plain front
 * the same way). n8n's HTTP client opens a new
 * connection for every request (@n8n/backend-network builds new agents per request), so every
 * message pays a TCP + TLS handshake, as it does against graph.facebook.com.
 *
 * Figures per run: msg/s over the whole execution and over the sending window (first to last
 * request the simulator saw), × the configured rate, n8n CPU ms per message (n8n + task runner,
 * from /proc), peak in-flight, lost / duplicated messages from the simulator's records.
 * The last line is one JSON object with every figure.
 *
 *   npm run bench:send:n8n                       # build, start n8n, 10,000 items per bulk run
 *   npm run bench:send:n8n -- --quick            # 1,000
 *   npm run bench:send:n8n -- --n8n-url … --webhook-url …   # an n8n already running (queue mode)
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';

import { PHONE_NUMBER_ID } from '../simulator/fixtures';
import { createCredential, simulatorCredentialData } from '../e2e/kit/credential';
import { hasFlag, openTarget, type BenchTarget } from './n8nTarget';
import { admin, startSimulatorProcess, type Recorded } from './simProcess';
import { round, table } from './figures';

const LATENCY_MS = 100;

interface Scenario {
	name: string;
	tls: boolean;
	items: number;
	rate: number;
	maxInFlight: number;
}

interface Result {
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
	simulatorRequests: number;
	delivered: number;
	lost: number;
	duplicated: number;
	contractInvalid: number;
	executionStatus: string;
}

// ---------------------------------------------------------------- TLS front

function selfSignedCertificate(dir: string): { key: string; cert: string; certFile: string } {
	const keyFile = path.join(dir, 'key.pem');
	const certFile = path.join(dir, 'cert.pem');
	execFileSync(
		'openssl',
		[
			'req',
			'-x509',
			'-newkey',
			'ec',
			'-pkeyopt',
			'ec_paramgen_curve:prime256v1',
			'-nodes',
			'-keyout',
			keyFile,
			'-out',
			certFile,
			'-days',
			'1',
			'-subj',
			'/CN=127.0.0.1',
			'-addext',
			'subjectAltName=IP:127.0.0.1',
		],
		{ stdio: 'ignore' },
	);
	return { key: fs.readFileSync(keyFile, 'utf8'), cert: fs.readFileSync(certFile, 'utf8'), certFile };
}

/**
 * A front for the simulator: http(s)://127.0.0.1:<port> → the simulator, over a kept-alive pool.
 * Counts TLS handshakes and answered POSTs (so the bench knows when the sending is done without
 * asking a busy n8n). Both the HTTP and the HTTPS runs go through one, so they differ only in TLS.
 */
async function startFront(simUrl: string, tls?: { key: string; cert: string }) {
	const pool = new Pool(simUrl, { connections: 256 });
	let handshakes = 0;
	let posts = 0;
	const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const headers = { ...req.headers };
			delete headers.host;
			delete headers.connection;
			pool
				.request({
					method: req.method as 'POST',
					path: req.url ?? '/',
					headers,
					body: chunks.length ? Buffer.concat(chunks) : undefined,
				})
				.then(async (up) => {
					const body = Buffer.from(await up.body.arrayBuffer());
					const out: Record<string, string> = {};
					for (const [k, v] of Object.entries(up.headers))
						if (typeof v === 'string' && !['connection', 'keep-alive', 'transfer-encoding'].includes(k)) out[k] = v;
					res.writeHead(up.statusCode, out).end(body);
					if (req.method === 'POST' && (req.url ?? '').includes('/messages')) posts++;
				})
				.catch((e: Error) => res.writeHead(502).end(e.message));
		});
	};
	const server = tls
		? https.createServer({ key: tls.key, cert: tls.cert, keepAlive: true }, handler)
		: http.createServer({ keepAlive: true }, handler);
	server.on('secureConnection', () => handshakes++);
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
	return {
		url: `${tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`,
		handshakes: () => handshakes,
		posts: () => posts,
		async close() {
			server.closeAllConnections();
			await new Promise((r) => server.close(() => r(undefined)));
			await pool.close();
		},
	};
}

// ---------------------------------------------------------------- workflow

function workflow(cred: { id: string; name: string }, hookPath: string, s: Scenario) {
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
			{
				id: randomUUID(),
				name: 'Send',
				type: 'n8n-nodes-whatsapp-cloud.whatsAppCloud',
				typeVersion: 1,
				position: [440, 0],
				parameters: {
					resource: 'message',
					operation: 'sendText',
					phoneNumberId: { __rl: true, mode: 'id', value: PHONE_NUMBER_ID },
					to: '={{ $json.to }}',
					body: '={{ $json.text }}',
					sending: { ratePerSecond: s.rate, maxInFlight: s.maxInFlight, maxRetries: 5 },
				},
				credentials: { whatsAppCloudApi: cred },
			},
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

type Front = Awaited<ReturnType<typeof startFront>>;

async function runScenario(target: BenchTarget, simUrl: string, front: Front, s: Scenario): Promise<Result> {
	const graphUrl = front.url;
	await admin(simUrl, 'POST', '/__sim/reset');
	await admin(simUrl, 'POST', '/__sim/latency', { ms: LATENCY_MS });
	const cred = await createCredential(target, `bench send ${s.name}`, simulatorCredentialData(graphUrl));
	const hookPath = `bench-send-${randomUUID().slice(0, 8)}`;
	const { id: workflowId } = await target.api<{ id: string }>('POST', '/workflows', workflow(cred, hookPath, s));
	await target.api('POST', `/workflows/${workflowId}/activate`);
	const base = target.webhookBases[0];
	await waitLive(base, hookPath);

	const items = Array.from({ length: s.items }, (_, i) => ({
		to: `+1 555 ${String(2000000 + i).padStart(7, '0')}`,
		text: `bench item ${i}`,
	}));
	const cpu0 = target.cpuMs();
	const t0 = performance.now();
	const res = await fetch(`${base}/webhook/${hookPath}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ items }),
	});
	await res.text();
	if (res.status !== 200) throw new Error(`${s.name}: webhook answered ${res.status}`);
	// every item answered at the front (retries included), then ask n8n — which may be too busy to answer for a while
	const postsBefore = front.posts();
	while (front.posts() - postsBefore < s.items) {
		if (performance.now() - t0 > 30 * 60_000)
			throw new Error(`${s.name}: ${front.posts() - postsBefore} of ${s.items} sent after 30 min`);
		await new Promise((r) => setTimeout(r, 100));
	}
	let status = 'unknown';
	for (;;) {
		try {
			const list = await target.api<{ data: Array<{ id: string; status: string }> }>(
				'GET',
				`/executions?workflowId=${workflowId}&limit=1`,
			);
			const e = list.data[0];
			if (e && e.status !== 'running' && e.status !== 'new') {
				status = e.status;
				break;
			}
		} catch (error) {
			process.stderr.write(`bench:   n8n did not answer (${(error as Error).message.slice(0, 80)}); asking again\n`);
		}
		if (performance.now() - t0 > 30 * 60_000) throw new Error(`${s.name}: execution still running after 30 min`);
		await new Promise((r) => setTimeout(r, 250));
	}
	const executionSeconds = (performance.now() - t0) / 1000;
	const cpu1 = target.cpuMs();
	await target.api('POST', `/workflows/${workflowId}/deactivate`);

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
	const sendingSeconds = times.length > 1 ? (times[times.length - 1] - times[0]) / 1000 : executionSeconds;
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
		simulatorRequests: posts.length,
		delivered,
		lost: s.items - delivered,
		duplicated,
		contractInvalid,
		executionStatus: status,
	};
}

async function main(): Promise<void> {
	const quick = hasFlag('--quick');
	const bulk = quick ? 1000 : 10_000;
	const scenarios: Scenario[] = [
		{ name: '80 msg/s, http', tls: false, items: quick ? 400 : 1000, rate: 80, maxInFlight: 100 },
		{ name: '1000 msg/s, http', tls: false, items: bulk, rate: 1000, maxInFlight: 200 },
		{ name: '1000 msg/s, https', tls: true, items: bulk, rate: 1000, maxInFlight: 200 },
	];
	const loadBefore = os.loadavg().map((l) => round(l, 2));
	const benchStart = performance.now();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-bench-tls-'));
	const tls = selfSignedCertificate(dir);
	const { url: simUrl, child } = await startSimulatorProcess(LATENCY_MS);
	const plainFront = await startFront(simUrl);
	const front = await startFront(simUrl, tls);
	const target = await openTarget({ extraEnv: { NODE_EXTRA_CA_CERTS: tls.certFile } });
	const results: Result[] = [];
	let handshakes = 0;
	try {
		process.stderr.write(`bench: ${target.describe}; simulator ${simUrl}, TLS front ${front.url}\n`);
		await runScenario(target, simUrl, plainFront, {
			name: 'warm-up',
			tls: false,
			items: 50,
			rate: 1000,
			maxInFlight: 50,
		});
		for (const s of scenarios) {
			process.stderr.write(`bench: ${s.name}, ${s.items} items…\n`);
			const before = front.handshakes();
			const r = await runScenario(target, simUrl, s.tls ? front : plainFront, s);
			if (s.tls) handshakes += front.handshakes() - before;
			process.stderr.write(
				`bench:   ${r.executionSeconds} s, ${r.msgPerSecWhileSending} msg/s while sending, lost ${r.lost}, dup ${r.duplicated}, load ${round(os.loadavg()[0], 2)}\n`,
			);
			results.push(r);
		}
	} catch (error) {
		process.stderr.write(`bench: failed; n8n's log tail:\n${target.logTail()}\n`);
		throw error;
	} finally {
		await target.stop();
		await front.close();
		await plainFront.close();
		child.kill('SIGTERM');
		fs.rmSync(dir, { recursive: true, force: true });
	}
	const tlsItems = results.filter((r) => r.tls).reduce((n, r) => n + r.items, 0);
	const loadAfter = os.loadavg().map((l) => round(l, 2));
	const totalSeconds = round((performance.now() - benchStart) / 1000, 1);
	console.log('');
	console.log(
		`WhatsApp Cloud node — bulk Send Text inside ${target.describe}: Webhook → Split Out → Send Text, one execution per run, simulator latency ${LATENCY_MS} ms${quick ? ' (--quick)' : ''}`,
	);
	console.log(
		table(
			['run', 'items', 'msg/s (execution)', 'msg/s (sending)', '× rate', 'n8n CPU ms/msg', 'lost', 'dup', 'status'],
			results.map((r) => [
				r.scenario,
				String(r.items),
				r.msgPerSec.toFixed(1),
				r.msgPerSecWhileSending.toFixed(1),
				r.ratioToRate.toFixed(3),
				r.n8nCpuMsPerMsg === null ? '–' : r.n8nCpuMsPerMsg.toFixed(2),
				String(r.lost),
				String(r.duplicated),
				r.executionStatus,
			]),
		),
	);
	console.log(
		`msg/s (execution) = accepted messages ÷ webhook call to finished execution; (sending) = ÷ first to last request at the simulator; × rate uses the sending figure. ` +
			`CPU = n8n main + task runner (/proc), simulator and fronts excluded. TLS handshakes at the front: ${handshakes} for ${tlsItems} messages. ` +
			`Contract-invalid requests: ${results.reduce((n, r) => n + r.contractInvalid, 0)}. ${os.cpus().length} cores, load average ${loadBefore[0]} before / ${loadAfter[0]} after, total ${totalSeconds} s.`,
	);
	console.log(
		JSON.stringify({
			bench: 'send-n8n',
			quick,
			target: target.describe,
			latencyMs: LATENCY_MS,
			tlsHandshakes: handshakes,
			tlsMessages: tlsItems,
			cores: os.cpus().length,
			loadAverageBefore: loadBefore,
			loadAverageAfter: loadAfter,
			totalSeconds,
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
