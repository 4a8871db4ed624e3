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
import fs from 'node:fs';
import { loadavg } from 'node:os';
import { Pool } from 'undici';

import { startSimulator, type Simulator } from '../lab/simulator';
import { argValue, hasFlag, openTarget, type BenchTarget } from './n8nTarget';

import { deploy, LABEL, SIZES, VARIANTS, type Deployed, type Phase, type Variant } from './triggerWorkflows';
import { runPhase, savedSizes, summarise } from './triggerPhases';
import { writeMinimalTrigger } from './minimalTrigger';
import { profileVariant } from './triggerProfile';
import { printReport, ratiosOf, type Profile } from './triggerReport';
import { round } from './figures';

interface Settings {
	rounds: number;
	seconds: number;
	concurrency: number;
}

/** Every workflow and payload once (not measured), then the rounds; the order rotates every round. */
async function runRounds(target: BenchTarget, pools: Pool[], deployed: Record<Variant, Deployed>, o: Settings): Promise<Phase[]> {
	for (const variant of VARIANTS)
		for (const size of SIZES) await runPhase(target, pools, deployed[variant], size, 1, o.concurrency, 0);

	const phases: Phase[] = [];
	for (let r = 1; r <= o.rounds; r++) {
		for (const size of SIZES) {
			const order = VARIANTS.map((_, i) => VARIANTS[(i + r) % VARIANTS.length]);
			if (r % 2 === 0) order.reverse();
			for (const variant of order) {
				const p = await runPhase(target, pools, deployed[variant], size, o.seconds, o.concurrency, r);
				phases.push(p);
				process.stderr.write(
					`bench: round ${r} ${size} msg ${LABEL[variant]}: ${p.ok} ok (${JSON.stringify(p.statuses)}), ${round(p.ok / p.sendSeconds, 1)} req/s, drain ${round(p.drainSeconds, 1)} s, load ${round(loadavg()[0], 2)}\n`,
				);
			}
		}
	}
	return phases;
}

async function profileAll(target: BenchTarget, pools: Pool[], deployed: Record<Variant, Deployed>, o: Settings): Promise<Profile[]> {
	const profiles: Profile[] = [];
	for (const v of ['trigger', 'headerAuth', 'bare'] as Variant[])
		profiles.push(await profileVariant(target, pools, deployed[v], o.seconds, o.concurrency));
	return profiles;
}

async function main(): Promise<void> {
	const settings: Settings = {
		rounds: Number(argValue('--rounds') ?? 4),
		seconds: Number(argValue('--seconds') ?? 6),
		concurrency: Number(argValue('--concurrency') ?? 10),
	};
	const wantProfile = hasFlag('--profile');
	const loadBefore = loadavg().map((l) => round(l, 2));
	const benchStart = performance.now();

	const sim: Simulator = await startSimulator();
	// --engine legacy|vm: n8n's expression engine (N8N_EXPRESSION_ENGINE; 2.41.1 defaults to vm, isolated-vm)
	const engine = argValue('--engine');
	// The floor's test-only trigger, loaded as a custom extension (an n8n given by --n8n-url needs N8N_CUSTOM_EXTENSIONS itself).
	const minimalDir = writeMinimalTrigger();
	const target = await openTarget({
		profile: wantProfile,
		extraEnv: { N8N_CUSTOM_EXTENSIONS: minimalDir, ...(engine ? { N8N_EXPRESSION_ENGINE: engine } : {}) },
	});
	const pools = target.webhookBases.map((b) => new Pool(b, { connections: settings.concurrency, pipelining: 1 }));
	try {
		const deployed = await deploy(target, sim.url);
		process.stderr.write(`bench: ${target.describe}; workflows live\n`);
		const phases = await runRounds(target, pools, deployed, settings);
		const sizes = await savedSizes(target, deployed); // the newest executions: 50-message payloads
		const summaries = SIZES.flatMap((size) => VARIANTS.map((v) => summarise(phases, v, size)));
		const ratios = ratiosOf(summaries);
		const profiles = wantProfile && target.profiler ? await profileAll(target, pools, deployed, settings) : undefined;
		const loadAfter = loadavg().map((l) => round(l, 2));
		const totalSeconds = round((performance.now() - benchStart) / 1000, 1);
		printReport({ target, engine, ...settings, loadBefore, loadAfter, totalSeconds, summaries, ratios, sizes, profiles });
	} finally {
		await Promise.all(pools.map((p) => p.close()));
		await target.stop();
		await sim.close();
		fs.rmSync(minimalDir, { recursive: true, force: true });
	}
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
