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
 *   npm run bench:send:n8n -- --sizes 1000,10000,50000   # flat cost: expressions and Fields From Input at each size
 *   npm run bench:send:n8n -- --n8n-url … --webhook-url …   # an n8n already running (queue mode)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { argValue, hasFlag, openTarget, type BenchTarget } from './n8nTarget';
import { startSimulatorProcess } from './simProcess';
import { round, table } from './figures';
import { selfSignedCertificate, startFront } from './sendN8nFront';
import { LATENCY_MS, runScenario, type Result, type Scenario } from './sendN8nScenario';

interface Run {
	target: BenchTarget;
	results: Result[];
	handshakes: number;
}

/** `--mapping expressions` or `--mapping fields`: only those runs (e.g. on a build without Fields From Input). */
function scenarios(quick: boolean): Scenario[] {
	const only = argValue('--mapping');
	return allScenarios(quick).filter((s) => !only || (s.mapping ?? 'expressions') === only);
}

function allScenarios(quick: boolean): Scenario[] {
	const sizes = argValue('--sizes');
	if (sizes) {
		// Flat cost: the same send at growing item counts, expressions and Fields From Input alternating.
		return sizes.split(',').map(Number).filter((n) => n > 0).flatMap((items) =>
			(['expressions', 'fields'] as const).map((mapping) => ({
				name: `${items} items, ${mapping}, http`,
				tls: false,
				items,
				rate: 1000,
				maxInFlight: 200,
				mapping,
			})),
		);
	}
	const bulk = quick ? 1000 : 10_000;
	return [
		{ name: '80 msg/s, http', tls: false, items: quick ? 400 : 1000, rate: 80, maxInFlight: 100 },
		{ name: '1000 msg/s, http', tls: false, items: bulk, rate: 1000, maxInFlight: 200 },
		{ name: '1000 msg/s, http, fields', tls: false, items: bulk, rate: 1000, maxInFlight: 200, mapping: 'fields' },
		{ name: '1000 msg/s, https', tls: true, items: bulk, rate: 1000, maxInFlight: 200 },
		{ name: '1000 msg/s, https, fields', tls: true, items: bulk, rate: 1000, maxInFlight: 200, mapping: 'fields' },
	];
}

/** The simulator, both fronts and n8n up; a warm-up run, then every scenario; everything stopped. */
async function runAll(quick: boolean): Promise<Run> {
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
		for (const s of scenarios(quick)) {
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
	return { target, results, handshakes };
}

function printReport({ target, results, handshakes }: Run, quick: boolean, loadBefore: number[], benchStart: number): void {
	const tlsItems = results.filter((r) => r.tls).reduce((n, r) => n + r.items, 0);
	const loadAfter = os.loadavg().map((l) => round(l, 2));
	const totalSeconds = round((performance.now() - benchStart) / 1000, 1);
	console.log('');
	console.log(
		`WhatsApp Cloud node — bulk Send Text inside ${target.describe}: Webhook → Split Out → Send Text, one execution per run, simulator latency ${LATENCY_MS} ms${quick ? ' (--quick)' : ''}`,
	);
	console.log(
		table(
			['run', 'items', 'msg/s (execution)', 'msg/s (sending)', '× rate', 'n8n CPU ms/msg', 'n8n RSS MB start → peak', 'lost', 'dup', 'status'],
			results.map((r) => [
				r.scenario,
				String(r.items),
				r.msgPerSec.toFixed(1),
				r.msgPerSecWhileSending.toFixed(1),
				r.ratioToRate.toFixed(3),
				r.n8nCpuMsPerMsg === null ? '–' : r.n8nCpuMsPerMsg.toFixed(2),
				r.peakRssMb === null ? '–' : `${r.startRssMb} → ${r.peakRssMb}`,
				String(r.lost),
				String(r.duplicated),
				r.executionStatus,
			]),
		),
	);
	console.log(
		`msg/s (execution) = accepted messages ÷ webhook call to finished execution; (sending) = ÷ first to last request at the simulator; × rate uses the sending figure. ` +
			`CPU = n8n main + task runner (/proc), simulator and fronts excluded; RSS = their resident memory before the webhook call and its peak during the run (250 ms samples); fields = Mapping Mode "Fields From Input", else {{ $json.to }} / {{ $json.text }}. TLS handshakes at the front: ${handshakes} for ${tlsItems} messages. ` +
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

async function main(): Promise<void> {
	const quick = hasFlag('--quick');
	const loadBefore = os.loadavg().map((l) => round(l, 2));
	const benchStart = performance.now();
	const run = await runAll(quick);
	printReport(run, quick, loadBefore, benchStart);
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
