/**
 * `npm run test:e2e` — end-to-end tests against a real n8n with this package installed.
 *
 *   npm run test:e2e                      build, then run every suite in tools/e2e/suites/
 *   npm run test:e2e -- --no-build        use the existing dist/
 *   npm run test:e2e -- --only skeleton   only cases whose "suite › case" contains the text
 *   npm run test:e2e -- --n8n 1           n8n 1.123.x on Node 20 instead of 2.41.1
 *   npm run test:e2e -- --bare            n8n without the package (debug the harness while dist/ is broken)
 *   npm run test:e2e -- --record <dir>    write every output item of the package's nodes to <dir> (tools/e2e/record.ts)
 *   npm run test:e2e -- --queue           queue mode: PostgreSQL + Redis, main, 2 workers, 2 webhook processes (suites with queue: true)
 *   WA_E2E_KEEP=1                         keep n8n's temp user folders (logs, DB) afterwards
 *   WA_E2E_CACHE=<dir>                    where n8n and Node 24 are cached (~/.cache/wa-cloud-e2e)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { ensureN8n, REPO_DIR, startN8n, type N8nInstance, type N8nMajor, type StartOptions } from '../lab/n8n';
import { RECORD_ENV, recordInstance, recordingDir } from './record';
import { startQueueTopology, type QueueTopology } from '../lab/queue';
import { isSuite, type E2EContext, type E2ESuite } from './runner';
import { startSimulator, type Simulator } from '../lab/simulator';
import { runCleanups } from '../lab/processes';

interface Args {
	build: boolean;
	only: string[];
	major: N8nMajor;
	bare: boolean;
	record?: string;
	queue: boolean;
}

function parseArgs(argv: string[]): Args {
	const args: Args = { build: true, only: [], major: 2, bare: false, queue: false };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--no-build') args.build = false;
		else if (a === '--only') args.only.push(argv[++i] ?? '');
		else if (a.startsWith('--only=')) args.only.push(a.slice('--only='.length));
		else if (a === '--bare') args.bare = true;
		else if (a === '--queue') args.queue = true;
		else if (a === '--record') args.record = argv[++i];
		else if (a.startsWith('--record=')) args.record = a.slice('--record='.length);
		else if (a === '--n8n') args.major = Number(argv[++i]) as N8nMajor;
		else if (a.startsWith('--n8n=')) args.major = Number(a.slice('--n8n='.length)) as N8nMajor;
		else if (a === '--help' || a === '-h') {
			console.log('usage: tsx tools/e2e/run.ts [--no-build] [--only <text>]… [--n8n 2|1] [--bare] [--record <dir>] [--queue]');
			process.exit(0);
		} else throw new Error(`unknown argument ${a}`);
	}
	if (args.major !== 1 && args.major !== 2) throw new Error('--n8n must be 1 or 2');
	if (args.record === '') throw new Error('--record needs a folder');
	if (args.queue && args.major !== 2) throw new Error('--queue runs on n8n 2.41.1 only');
	return args;
}

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Every suite exported by tools/e2e/suites/*.ts; a file that fails to load is reported, not fatal. */
async function loadSuites(): Promise<{ suites: Array<{ file: string; suite: E2ESuite<unknown> }>; broken: Array<{ file: string; error: Error }> }> {
	const dir = path.join(__dirname, 'suites');
	const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts')).sort() : [];
	const suites: Array<{ file: string; suite: E2ESuite<unknown> }> = [];
	const broken: Array<{ file: string; error: Error }> = [];
	for (const f of files) {
		try {
			const mod = (await import(path.join(dir, f))) as Record<string, unknown>;
			const found = Object.values(mod).filter(isSuite);
			if (found.length === 0) throw new Error(`exports no suite (use defineSuite)`);
			for (const suite of found) suites.push({ file: f, suite });
		} catch (e) {
			broken.push({ file: f, error: e as Error });
		}
	}
	return { suites, broken };
}

async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	try {
		return await Promise.race([
			p,
			new Promise<never>((_, reject) => {
				timer = setTimeout(() => reject(new Error(`${what} timed out after ${secs(ms)}`)), ms);
			}),
		]);
	} finally {
		clearTimeout(timer);
	}
}

/** Passed and failed cases, and what runs now (named in a harness error). */
interface Tally {
	passed: number;
	failed: number;
	failures: string[];
	current: string;
}

/** The n8n instances, simulator and queue topology a run starts on demand, and the suites' context. */
interface Lab {
	ctx: E2EContext;
	notes: string[];
	instances: N8nInstance[];
	exited: Set<N8nInstance>;
	sim(): Promise<Simulator> | undefined;
	queue(): Promise<QueueTopology> | undefined;
}

type Selected = Array<{ file: string; suite: E2ESuite<unknown>; cases: E2ESuite<unknown>['cases'] }>;

function build(): boolean {
	console.log('e2e: npm run build');
	const t = Date.now();
	const r = spawnSync('npm', ['run', 'build'], { cwd: REPO_DIR, stdio: 'inherit' });
	if (r.status !== 0) {
		console.error('e2e: build failed');
		return false;
	}
	console.log(`e2e: built in ${secs(Date.now() - t)}`);
	return true;
}

/** The suites and cases the run's mode and `--only` filters pick, and the broken suite files they name. */
async function selectSuites(args: Args): Promise<{ selected: Selected; brokenSelected: Array<{ file: string; error: Error }> }> {
	const { suites: all, broken } = await loadSuites();
	const matches = (suite: string, name: string) => args.only.length === 0 || args.only.some((o) => `${suite} › ${name}`.toLowerCase().includes(o.toLowerCase()));
	const selected = all
		.filter(({ suite }) => !!suite.queue === args.queue)
		.map(({ file, suite }) => ({ file, suite, cases: suite.cases.filter((c) => matches(suite.name, c.name)) }))
		.filter((s) => s.cases.length > 0);
	const brokenSelected = broken.filter((b) => args.only.length === 0 || args.only.some((o) => b.file.toLowerCase().includes(o.toLowerCase())));
	return { selected, brokenSelected };
}

function openLab(args: Args): Lab {
	const notes: string[] = [];
	const instances: N8nInstance[] = [];
	const exited = new Set<N8nInstance>();
	let shared: Promise<N8nInstance> | undefined;
	let sim: Promise<Simulator> | undefined;
	let queue: Promise<QueueTopology> | undefined;

	const startTracked = async (opts: Partial<StartOptions> = {}) => {
		const t = Date.now();
		const inst = await startN8n({ packageDir: args.bare ? undefined : REPO_DIR, major: args.major, ...opts });
		instances.push(inst);
		void inst.exited.then(() => exited.add(inst));
		console.log(`    · n8n ${inst.install.version}${inst.command === 'start' ? '' : ` ${inst.command}`} up on ${inst.url} (ready after ${secs(inst.startMs)}, incl. package install ${secs(Date.now() - t)})`);
		return inst;
	};
	const ctx: E2EContext = {
		n8n: () => (shared ??= startTracked()),
		startN8n: (opts) => startTracked(opts),
		simulator: () => (sim ??= startSimulator({ port: 0 })),
		queue: () => {
			if (!args.queue) return Promise.reject(new Error('queue mode runs only with --queue'));
			return (queue ??= startQueueTopology({ startN8n: startTracked, log: ctx.log }).then((q) => {
				console.log(`    · queue mode up in ${secs(q.startMs)}: main ${q.main.url}, workers, webhook processes ${q.webhooks.map((w) => w.url).join(' + ')} behind ${q.proxy.url}`);
				return q;
			}));
		},
		note: (text) => notes.push(text),
		log: (text) => console.log(`    · ${text.split('\n').join('\n      ')}`),
		repoDir: REPO_DIR,
		major: args.major,
	};
	return { ctx, notes, instances, exited, sim: () => sim, queue: () => queue };
}

/** Setup, every selected case, teardown (skipped when the setup failed). */
async function runSuite(ctx: E2EContext, suite: E2ESuite<unknown>, cases: Selected[number]['cases'], tally: Tally): Promise<void> {
	console.log(`\n${suite.name}`);
	let state: unknown;
	let setupError: Error | undefined;
	if (suite.setup) {
		const t0 = Date.now();
		tally.current = `${suite.name} › setup`;
		try {
			state = await withTimeout(suite.setup(ctx), 10 * 60_000, tally.current);
			console.log(`  setup (${secs(Date.now() - t0)})`);
		} catch (e) {
			setupError = e as Error;
			console.log(`  ✗ setup (${secs(Date.now() - t0)})\n${indent(describeError(setupError))}`);
		}
	}
	for (const c of cases) {
		const label = `${suite.name} › ${c.name}`;
		tally.current = label;
		const t0 = Date.now();
		try {
			if (setupError) throw new Error(`setup failed: ${setupError.message.split('\n')[0]}`);
			await withTimeout(c.run(ctx, state), c.timeoutMs ?? 5 * 60_000, label);
			tally.passed++;
			console.log(`  ✓ ${c.name} (${secs(Date.now() - t0)})`);
		} catch (e) {
			tally.failed++;
			tally.failures.push(label);
			console.log(`  ✗ ${c.name} (${secs(Date.now() - t0)})\n${indent(describeError(e as Error))}`);
		}
	}
	if (suite.teardown && !setupError) {
		try {
			await suite.teardown(ctx, state);
		} catch (e) {
			console.log(`  teardown failed: ${(e as Error).message}`);
		}
	}
}

/** Records the instances' output items (with --record); prints log tails after a failure; stops everything. */
async function closeLab(lab: Lab, recordTo: string | undefined, tally: Tally): Promise<void> {
	if (recordTo) {
		for (const inst of lab.instances) {
			if (lab.exited.has(inst)) continue; // restarted: its successor holds the same database
			try {
				const r = await recordInstance(recordTo, inst);
				console.log(`e2e: recorded ${r.items} output items of ${r.executions} executions (${inst.url}) into ${recordTo}`);
			} catch (e) {
				tally.failed++;
				tally.failures.push(`recording ${inst.url}`);
				console.log(`\n✗ recording ${inst.url} failed\n${indent(describeError(e as Error))}`);
			}
		}
	}
	if (tally.failed > 0) {
		for (const inst of lab.instances) {
			console.log(`\n--- n8n log tail (${inst.logFile}) ---\n${inst.logs().split('\n').slice(-40).join('\n')}`);
		}
	}
	for (const inst of lab.instances) await inst.stop().catch(() => undefined);
	const queue = lab.queue();
	if (queue) await queue.then((q) => q.stop()).catch(() => undefined);
	const sim = lab.sim();
	if (sim) await sim.then((s) => s.close()).catch(() => undefined);
	await runCleanups();
}

async function main(): Promise<number> {
	const args = parseArgs(process.argv.slice(2));
	const tStart = Date.now();
	// runWorkflowViaCli (helpers.ts) records through the same switch.
	if (args.record) process.env[RECORD_ENV] = path.resolve(args.record);
	const recordTo = recordingDir();

	if (args.build && !build()) return 1;

	const { selected, brokenSelected } = await selectSuites(args);
	if (selected.length === 0 && brokenSelected.length === 0) {
		console.error(`e2e: no case matches ${args.only.map((o) => JSON.stringify(o)).join(', ')}`);
		return 1;
	}

	const lab = openLab(args);
	const tally: Tally = { passed: 0, failed: 0, failures: [], current: '' };
	for (const b of brokenSelected) {
		tally.failed++;
		tally.failures.push(`tools/e2e/suites/${b.file} (did not load)`);
		console.log(`\n✗ tools/e2e/suites/${b.file} did not load\n${indent(describeError(b.error))}`);
	}
	try {
		const t = Date.now();
		const install = await ensureN8n({ major: args.major });
		console.log(`e2e: n8n ${install.version} (${install.dir}) ready in ${secs(Date.now() - t)}`);
		for (const { suite, cases } of selected) await runSuite(lab.ctx, suite, cases, tally);
	} catch (e) {
		tally.failed++;
		tally.failures.push(tally.current || 'harness');
		console.log(`\n✗ harness error${tally.current ? ` during ${tally.current}` : ''}\n${indent(describeError(e as Error))}`);
	} finally {
		await closeLab(lab, recordTo, tally);
	}

	if (lab.notes.length) console.log(`\nnotes:\n${lab.notes.map((n) => indent(n)).join('\n')}`);
	if (tally.failures.length) console.log(`\nfailed:\n${tally.failures.map((f) => `  ${f}`).join('\n')}`);
	console.log(`\ntotal ${secs(Date.now() - tStart)}`);
	console.log(`e2e: ${tally.passed} passed, ${tally.failed} failed`);
	return tally.failed > 0 ? 1 : 0;
}

function indent(text: string, by = '    '): string {
	return text
		.split('\n')
		.map((l) => by + l)
		.join('\n');
}

function describeError(e: Error): string {
	if (!e) return String(e);
	const stack = e.stack ?? String(e);
	// assert errors already carry a diff in the message; keep the first frames only
	const lines = stack.split('\n');
	const firstFrame = lines.findIndex((l) => /^\s+at /.test(l));
	return firstFrame === -1 ? stack : [...lines.slice(0, firstFrame), ...lines.slice(firstFrame, firstFrame + 3)].join('\n');
}

main().then(
	(code) => process.exit(code),
	async (e) => {
		console.error(e);
		await runCleanups();
		console.log('e2e: 0 passed, 1 failed');
		process.exit(1);
	},
);
