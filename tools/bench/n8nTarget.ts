/**
 * The n8n a benchmark runs against: one started here through the e2e harness (tools/lab/n8n.ts,
 * the package installed the way users get it), or an n8n already running elsewhere, e.g. a
 * queue-mode setup: `--n8n-url <main>` for the API, `--webhook-url <base>` (repeatable) for the
 * processes that take webhook traffic (requests are spread over them in turn).
 *
 * Or `--queue`: the queue-mode topology of the e2e harness (tools/lab/queue.ts: PostgreSQL, Redis,
 * main + 2 workers + 2 webhook processes), started here; webhook requests alternate over the two
 * webhook processes directly (`--via-proxy`: through the harness's round-robin proxy instead).
 *
 * Also: CPU time of the n8n processes (from /proc, by their N8N_USER_FOLDER), and a CPU profile
 * of the main process through the inspector (`--profile`: n8n starts with --inspect on a free
 * loopback port; Profiler.start/stop over the DevTools protocol around the measured phase).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { DEFAULT_OWNER, HttpError, REPO_DIR, startN8n } from '../lab/n8n';
import { startQueueTopology } from '../lab/queue';
import { freePort, runCleanups } from '../lab/processes';
import { Profiler } from './cpuProfile';

export interface BenchTarget {
	/** public API (/api/v1) of the main process */
	api<T = unknown>(method: string, apiPath: string, body?: unknown): Promise<T>;
	/** editor REST API (/rest) of the main process, as the owner */
	rest<T = unknown>(method: string, restPath: string, body?: unknown): Promise<T>;
	/** base URLs (http://host:port) that webhook requests go to, in turn */
	webhookBases: string[];
	/** "n8n 2.41.1 started here (single process)" or the URLs given */
	describe: string;
	/** CPU ms (user + system) used so far by the n8n processes, when they run on this machine; null otherwise */
	cpuMs(): number | null;
	/** resident memory (MB) of the same processes now, summed; null when not on this machine */
	rssMb(): number | null;
	/** which processes cpuMs() sums, for the printed note */
	cpuNote: string;
	/** the tail of what n8n printed, when it runs here (for errors) */
	logTail(): string;
	/** inspector of the main process (started with --profile) */
	profiler?: Profiler;
	stop(): Promise<void>;
}

export interface TargetOptions {
	/** extra env for an n8n started here */
	extraEnv?: Record<string, string>;
	/** start n8n with the inspector on, for CPU profiles of the main process */
	profile?: boolean;
	/** npm run build first (when n8n is started here) */
	build?: boolean;
}

/** `--name value` options, repeatable. */
export function argValues(name: string): string[] {
	const out: string[] = [];
	const argv = process.argv;
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === name && argv[i + 1] !== undefined) out.push(argv[++i]);
		else if (argv[i].startsWith(`${name}=`)) out.push(argv[i].slice(name.length + 1));
	}
	return out;
}

export function argValue(name: string): string | undefined {
	return argValues(name).at(-1);
}

export function hasFlag(name: string): boolean {
	return process.argv.includes(name);
}

export async function openTarget(opts: TargetOptions = {}): Promise<BenchTarget> {
	const external = argValue('--n8n-url');
	if (external) return connect(external.replace(/\/$/, ''), argValues('--webhook-url'));
	if (opts.build !== false && !hasFlag('--no-build')) {
		process.stderr.write('bench: npm run build…\n');
		execFileSync('npm', ['run', 'build'], { cwd: REPO_DIR, stdio: ['ignore', 'ignore', 'inherit'] });
	}
	if (hasFlag('--queue')) return queueTarget(opts);
	const inspectPort = opts.profile ? await freePort() : undefined;
	const extraEnv = { ...(opts.extraEnv ?? {}) };
	if (inspectPort) extraEnv.NODE_OPTIONS = `${extraEnv.NODE_OPTIONS ?? ''} --inspect=127.0.0.1:${inspectPort}`.trim();
	const n8n = await startN8n({ packageDir: REPO_DIR, extraEnv });
	const pids = () => processesOf(n8n.userFolder);
	return {
		api: (m, p, b) => staleSocketRetry(() => n8n.api(m, p, b)),
		rest: (m, p, b) => staleSocketRetry(() => n8n.rest(m, p, b)),
		webhookBases: [n8n.url],
		describe: `n8n ${n8n.install.version} started here (single process, SQLite)`,
		cpuMs: () => cpuOf(pids()),
		rssMb: () => rssOf(pids()),
		cpuNote: 'n8n main + its task runner',
		logTail: () => n8n.logs().split('\n').slice(-40).join('\n'),
		profiler: inspectPort ? await Profiler.connect(inspectPort) : undefined,
		async stop() {
			await n8n.stop();
			await runCleanups();
		},
	};
}

/**
 * Queue mode started here: main (API, activation; no production webhooks), 2 workers, 2 webhook
 * processes, PostgreSQL + Redis. Workers run `--worker-concurrency` jobs at once (default 10,
 * n8n's own default; the e2e suite runs 1). CPU is summed over the webhook processes and the
 * workers (with their task runners); main is left out: during a phase it mostly answers the
 * bench's own polling of the execution count.
 */
async function queueTarget(opts: TargetOptions): Promise<BenchTarget> {
	if (opts.profile) process.stderr.write('bench: --profile is for the single process; ignored with --queue\n');
	const workerConcurrency = Number(argValue('--worker-concurrency') ?? 10);
	const q = await startQueueTopology({
		startN8n: (o) =>
			startN8n({ packageDir: REPO_DIR, ...o, extraEnv: { ...(o.extraEnv ?? {}), ...(opts.extraEnv ?? {}) } }),
		workerConcurrency,
		log: (text) => process.stderr.write(`bench: ${text}\n`),
	});
	const viaProxy = hasFlag('--via-proxy');
	const measured = [...q.webhooks, ...q.workers];
	const pids = () => measured.flatMap((inst) => processesOf(inst.userFolder));
	return {
		api: (m, p, b) => staleSocketRetry(() => q.main.api(m, p, b)),
		rest: (m, p, b) => staleSocketRetry(() => q.main.rest(m, p, b)),
		webhookBases: viaProxy ? [q.proxy.url] : q.webhooks.map((w) => w.url),
		describe:
			`n8n ${q.main.install.version} started here in queue mode (main + ${q.workers.length} workers at concurrency ${workerConcurrency} + ` +
			`${q.webhooks.length} webhook processes, PostgreSQL ${q.postgres.version}, Redis ${q.redis.version}; requests alternate over the webhook processes ` +
			`${viaProxy ? 'through the round-robin proxy' : 'directly'})`,
		cpuMs: () => cpuOf(pids()),
		rssMb: () => rssOf(pids()),
		cpuNote: `the ${q.webhooks.length} webhook processes + ${q.workers.length} workers with their task runners (main left out)`,
		logTail: () =>
			[q.main, ...measured]
				.map((inst) => `--- ${q.nameOf(inst)}\n${inst.logs().split('\n').slice(-15).join('\n')}`)
				.join('\n'),
		async stop() {
			await q.stop();
			await runCleanups();
		},
	};
}

/**
 * Two passing failures of a loaded n8n, retried: fetch() reusing an idle keep-alive socket that
 * n8n closes at the same moment (ECONNRESET before n8n read the request), and 503 "Database is
 * not ready!" while n8n's database check times out under load (for up to a minute).
 */
async function staleSocketRetry<T>(call: () => Promise<T>): Promise<T> {
	const t0 = Date.now();
	for (let attempt = 1; ; attempt++) {
		try {
			return await call();
		} catch (error) {
			const reset = (error as { cause?: { code?: string } }).cause?.code === 'ECONNRESET' && attempt < 3;
			const notReady = error instanceof HttpError && error.status === 503 && Date.now() - t0 < 60_000;
			if (!reset && !notReady) throw error;
			await new Promise((r) => setTimeout(r, 500));
		}
	}
}

/** An n8n that runs already: log in as the owner (WA_BENCH_EMAIL / WA_BENCH_PASSWORD, else the e2e owner), make an API key. */
async function connect(url: string, webhookBases: string[]): Promise<BenchTarget> {
	const email = process.env.WA_BENCH_EMAIL ?? DEFAULT_OWNER.email;
	const password = process.env.WA_BENCH_PASSWORD ?? DEFAULT_OWNER.password;
	let cookie = '';
	const call = async (method: string, full: string, headers: Record<string, string>, body?: unknown) => {
		const res = await fetch(full, {
			method,
			headers: {
				accept: 'application/json',
				'browser-id': 'wa-cloud-bench',
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
				...headers,
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		let parsed: unknown = text;
		try {
			parsed = text ? JSON.parse(text) : undefined;
		} catch {
			/* text */
		}
		if (!res.ok) throw new HttpError(method, full, res.status, parsed);
		return { parsed, res };
	};
	const login = await call('POST', `${url}/rest/login`, {}, { emailOrLdapLoginId: email, password });
	for (const c of login.res.headers.getSetCookie()) {
		const m = /^(n8n-auth=[^;]+)/.exec(c);
		if (m) cookie = m[1];
	}
	const rest = async <T>(method: string, p: string, body?: unknown) =>
		(await call(method, `${url}/rest${p}`, { cookie }, body)).parsed as T;
	const scopes = (await rest<{ data: unknown }>('GET', '/api-keys/scopes')).data;
	const apiKey = (await rest<{ data: { rawApiKey: string } }>('POST', '/api-keys', { label: `wa-cloud-bench-${Date.now()}`, scopes, expiresAt: null }))
		.data.rawApiKey;
	const bases = webhookBases.length > 0 ? webhookBases.map((b) => b.replace(/\/$/, '')) : [url];
	return {
		api: async <T>(method: string, p: string, body?: unknown) =>
			(await call(method, `${url}/api/v1${p}`, { 'X-N8N-API-KEY': apiKey }, body)).parsed as T,
		rest,
		webhookBases: bases,
		describe: `n8n at ${url}, webhooks to ${bases.join(', ')}`,
		cpuMs: () => null,
		rssMb: () => null,
		cpuNote: 'not measured (n8n runs elsewhere)',
		logTail: () => '',
		async stop() {
			/* not ours */
		},
	};
}

// ---------------------------------------------------------------- CPU of the n8n processes

/** Processes (n8n and its task runner) whose environment holds N8N_USER_FOLDER=<folder>. */
function processesOf(userFolder: string): number[] {
	const needle = Buffer.from(`N8N_USER_FOLDER=${userFolder}\0`);
	const pids: number[] = [];
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			if (fs.readFileSync(path.join('/proc', entry, 'environ')).includes(needle)) pids.push(Number(entry));
		} catch {
			/* gone or not ours */
		}
	}
	return pids;
}

const TICKS_PER_SECOND = 100;

function cpuOf(pids: number[]): number {
	let ticks = 0;
	for (const pid of pids) {
		try {
			const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			ticks += Number(fields[11]) + Number(fields[12]);
		} catch {
			/* exited */
		}
	}
	return (ticks * 1000) / TICKS_PER_SECOND;
}

/** VmRSS of the processes, in MB. */
function rssOf(pids: number[]): number {
	let kb = 0;
	for (const pid of pids) {
		try {
			const match = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
			if (match) kb += Number(match[1]);
		} catch {
			/* exited */
		}
	}
	return kb / 1024;
}
