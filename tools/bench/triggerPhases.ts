/**
 * bench:trigger's phases: send for a while at a fixed concurrency, wait until every execution it
 * started finished, and the figures of a phase; plus the saved execution data per workflow.
 */
import { Pool } from 'undici';

import { type BenchTarget } from './n8nTarget';

import { headersFor, body, LABEL, VARIANTS, type Deployed, type Phase, type Variant } from './triggerWorkflows';
import { percentile, round } from './figures';

// ---------------------------------------------------------------- phases

export async function finishedExecutions(target: BenchTarget, workflowId: string): Promise<number> {
	const filter = encodeURIComponent(
		JSON.stringify({ workflowId, status: ['success', 'error', 'crashed', 'canceled'] }),
	);
	const res = await target.rest<{ data: { count: number } }>('GET', `/executions?filter=${filter}&limit=1`);
	return res.data.count;
}

export async function runPhase(
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

export interface Summary {
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

export function summarise(phases: Phase[], variant: Variant, size: number): Summary {
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

export async function savedSizes(target: BenchTarget, deployed: Record<Variant, Deployed>): Promise<Record<string, number>> {
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
