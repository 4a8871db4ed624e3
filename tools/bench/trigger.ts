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
import { cpus, loadavg } from 'node:os';
import { Pool } from 'undici';

import { startSimulator, type Simulator } from '../lab/simulator';
import { argValue, hasFlag, openTarget } from './n8nTarget';

import { deploy, LABEL, SIZES, VARIANTS, type Phase, type Variant } from './triggerWorkflows';
import { runPhase, savedSizes, summarise, type Summary } from './triggerPhases';
import { profileVariant } from './triggerProfile';
import { round, table } from './figures';

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
