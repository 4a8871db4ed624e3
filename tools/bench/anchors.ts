/**
 * `npm run bench:anchors` — our Send Text against the anchors a user would compare it with, in one
 * real n8n 2.41.1 (single process, SQLite), alternating rounds (the order rotates every round):
 * our node with `{{ }}` expressions and with Fields From Input, n8n's built-in WhatsApp Business
 * Cloud node (HTTPS only: n8n runs with HTTPS_PROXY = the bench's proxy, which tunnels
 * graph.facebook.com:443 to a TLS front on this machine — never to Meta), and the HTTP Request
 * node (defaults, and with Batching), over HTTP and HTTPS. All send the same items to the
 * simulator (100 ms latency) through the same fronts.
 *
 * Prints per anchor: msg/s while sending, n8n CPU ms/msg, lost/dup, and the ratios the issue
 * targets (ours ÷ built-in, ours ÷ HTTP Request), with load averages; last line: one JSON object.
 *
 *   npm run bench:anchors                       # 2 rounds of 1,000 items per anchor
 *   npm run bench:anchors -- --quick            # 1 round of 300
 *   npm run bench:anchors -- --rounds 3 --items 2000
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { round, table } from './figures';
import { META_GRAPH_HOST, startMetaProxy } from './metaProxy';
import { argValue, hasFlag, openTarget } from './n8nTarget';
import { selfSignedCertificate, startFront } from './sendN8nFront';
import { LATENCY_MS, runScenario, type Result } from './sendN8nScenario';
import { startSimulatorProcess } from './simProcess';
import { variants, type Variant } from './anchorsVariants';

interface Totals {
	variant: Variant;
	delivered: number;
	items: number;
	sendingSeconds: number;
	executionSeconds: number;
	cpuMs: number;
	lost: number;
	duplicated: number;
	contractInvalid: number;
	perRound: number[];
}

function rotate<T>(list: T[], by: number): T[] {
	const k = by % list.length;
	return [...list.slice(k), ...list.slice(0, k)];
}

async function main(): Promise<void> {
	const quick = hasFlag('--quick');
	const rounds = Number(argValue('--rounds') ?? (quick ? 1 : 2));
	const items = Number(argValue('--items') ?? (quick ? 300 : 1000));
	const loadBefore = os.loadavg().map((l) => round(l, 2));
	const benchStart = performance.now();

	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-bench-anchors-'));
	const tls = selfSignedCertificate(dir, [META_GRAPH_HOST]);
	const { url: simUrl, child } = await startSimulatorProcess(LATENCY_MS);
	const plainFront = await startFront(simUrl);
	const front = await startFront(simUrl, tls);
	const proxy = await startMetaProxy(Number(new URL(front.url).port));
	const target = await openTarget({
		extraEnv: { NODE_EXTRA_CA_CERTS: tls.certFile, HTTPS_PROXY: proxy.url, NO_PROXY: '127.0.0.1,localhost,::1' },
	});
	const list = variants(items);
	const totals = new Map<string, Totals>(
		list.map((v) => [v.name, { variant: v, delivered: 0, items: 0, sendingSeconds: 0, executionSeconds: 0, cpuMs: 0, lost: 0, duplicated: 0, contractInvalid: 0, perRound: [] }]),
	);
	const loads: number[] = [];
	try {
		process.stderr.write(`bench: ${target.describe}; simulator ${simUrl}, proxy ${proxy.url} → ${front.url}\n`);
		await runScenario(target, simUrl, plainFront, { name: 'warm-up', tls: false, items: 50, rate: 1000, maxInFlight: 50 });
		for (let r = 0; r < rounds; r++) {
			for (const v of rotate(list, r * 3)) {
				const result: Result = await runScenario(target, simUrl, v.tls ? front : plainFront, v);
				const t = totals.get(v.name) as Totals;
				t.delivered += result.delivered;
				t.items += result.items;
				t.sendingSeconds += result.sendingSeconds;
				t.executionSeconds += result.executionSeconds;
				t.cpuMs += (result.n8nCpuMsPerMsg ?? 0) * result.items;
				t.lost += result.lost;
				t.duplicated += result.duplicated;
				t.contractInvalid += result.contractInvalid;
				t.perRound.push(result.msgPerSecWhileSending);
				loads.push(round(os.loadavg()[0], 2));
				process.stderr.write(
					`bench: round ${r + 1} ${v.name}: ${result.msgPerSecWhileSending} msg/s, ${result.n8nCpuMsPerMsg} CPU ms/msg, lost ${result.lost}, load ${round(os.loadavg()[0], 2)}\n`,
				);
			}
		}
	} catch (error) {
		process.stderr.write(`bench: failed; n8n's log tail:\n${target.logTail()}\n`);
		throw error;
	} finally {
		await target.stop();
		await proxy.close();
		await front.close();
		await plainFront.close();
		child.kill('SIGTERM');
		fs.rmSync(dir, { recursive: true, force: true });
	}
	report([...totals.values()], { rounds, items, loadBefore, loads, refused: proxy.refused(), tunnels: proxy.tunnels(), benchStart, describe: target.describe });
}

interface Figures {
	anchor: string;
	transport: string;
	msgPerSec: number;
	msgPerSecExecution: number;
	cpuMsPerMsg: number;
	lost: number;
	duplicated: number;
	contractInvalid: number;
	perRound: number[];
}

function figuresOf(t: Totals): Figures {
	return {
		anchor: t.variant.anchor,
		transport: t.variant.transport,
		msgPerSec: round(t.delivered / Math.max(t.sendingSeconds, 0.001), 1),
		msgPerSecExecution: round(t.delivered / Math.max(t.executionSeconds, 0.001), 1),
		cpuMsPerMsg: round(t.cpuMs / Math.max(t.items, 1), 2),
		lost: t.lost,
		duplicated: t.duplicated,
		contractInvalid: t.contractInvalid,
		perRound: t.perRound,
	};
}

function report(
	totals: Totals[],
	o: { rounds: number; items: number; loadBefore: number[]; loads: number[]; refused: string[]; tunnels: number; benchStart: number; describe: string },
): void {
	const figures = totals.map(figuresOf);
	const find = (anchor: string, transport: string) => figures.find((f) => f.anchor === anchor && f.transport === transport);
	const ratios: Array<{ ours: string; against: string; transport: string; msgPerSec: number; msgPerSecExecution: number; cpu: number }> = [];
	for (const ours of ['ours, expressions', 'ours, fields']) {
		for (const [against, transport] of [
			['built-in WhatsApp node', 'https'],
			['HTTP Request', 'http'],
			['HTTP Request', 'https'],
			['HTTP Request, batching', 'http'],
			['HTTP Request, batching', 'https'],
		]) {
			const a = find(ours, transport);
			const b = find(against, transport);
			if (!a || !b) continue;
			ratios.push({
				ours,
				against,
				transport,
				msgPerSec: round(a.msgPerSec / b.msgPerSec, 2),
				msgPerSecExecution: round(a.msgPerSecExecution / b.msgPerSecExecution, 2),
				cpu: round(a.cpuMsPerMsg / b.cpuMsPerMsg, 2),
			});
		}
	}
	const loadAfter = os.loadavg().map((l) => round(l, 2));
	const totalSeconds = round((performance.now() - o.benchStart) / 1000, 1);
	console.log('');
	console.log(`Send Text anchors inside ${o.describe}: ${o.rounds} alternating round(s) of ${o.items} items per anchor, simulator latency ${LATENCY_MS} ms`);
	console.log(
		table(
			['anchor', 'transport', 'msg/s (execution)', 'msg/s (sending)', 'n8n CPU ms/msg', 'lost', 'dup', 'contract-invalid', 'msg/s (sending) per round'],
			figures.map((f) => [f.anchor, f.transport, f.msgPerSecExecution.toFixed(1), f.msgPerSec.toFixed(1), f.cpuMsPerMsg.toFixed(2), String(f.lost), String(f.duplicated), String(f.contractInvalid), f.perRound.join(' / ')]),
		),
	);
	console.log('');
	console.log(
		table(
			['ours', 'against', 'transport', 'msg/s ratio (execution)', 'msg/s ratio (sending)', 'CPU ratio'],
			ratios.map((r) => [r.ours, r.against, r.transport, r.msgPerSecExecution.toFixed(2), r.msgPerSec.toFixed(2), r.cpu.toFixed(2)]),
		),
	);
	console.log(
		`msg/s (execution) = accepted messages ÷ webhook call to finished execution; (sending) = ÷ first to last request at the simulator (a node that builds every request before sending any, like HTTP Request, looks fast here); both summed over the rounds; CPU = n8n main + task runner (/proc) ÷ items; ratio > 1 (msg/s) and < 1 (CPU) favour ours. ` +
			`Ours and HTTP Request at 1,000 msg/s configured (ours: Max Requests In Flight 200; batching: 50 items / 50 ms). The built-in node reaches the simulator through ${o.tunnels} CONNECT tunnels to ${META_GRAPH_HOST}; refused by the proxy: ${o.refused.length}${o.refused.length ? ` (${o.refused.slice(0, 3).join(', ')})` : ''}. ` +
			`${os.cpus().length} cores, load average ${o.loadBefore[0]} before / ${o.loads.length ? `${Math.min(...o.loads)}–${Math.max(...o.loads)} during / ` : ''}${loadAfter[0]} after, total ${totalSeconds} s.`,
	);
	console.log(
		JSON.stringify({
			bench: 'anchors',
			target: o.describe,
			rounds: o.rounds,
			items: o.items,
			latencyMs: LATENCY_MS,
			cores: os.cpus().length,
			loadAverageBefore: o.loadBefore,
			loadDuring: o.loads,
			loadAverageAfter: loadAfter,
			proxyTunnels: o.tunnels,
			proxyRefused: o.refused,
			totalSeconds,
			figures,
			ratios,
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
