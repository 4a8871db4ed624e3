/**
 * Starts a real n8n (the pinned version from install.ts) with this package installed the way
 * users get it (npm pack + npm install into <N8N_USER_FOLDER>/.n8n/nodes), sets up the owner
 * and an API key, and hands back small clients for the public API, the editor's REST API and
 * the n8n CLI.
 *
 * Every start picks its own free ports (n8n and task broker), so several instances can run on
 * one machine at once. Everything listens on 127.0.0.1 only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { ensureN8n, runLogged, type N8nInstall, type N8nMajor } from './install';

export { ensureN8n, cacheDir, pinnedVersion, type N8nInstall, type N8nMajor } from './install';

export const REPO_DIR = path.resolve(__dirname, '..', '..');
export const TEST_ENCRYPTION_KEY = 'wa-cloud-e2e-encryption-key-0123456789';
const BROWSER_ID = 'wa-cloud-e2e-browser';

export interface Owner {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

export const DEFAULT_OWNER: Owner = {
	email: 'e2e@example.com',
	password: 'E2e-Passw0rd!',
	firstName: 'E2E',
	lastName: 'Owner',
};

export interface StartOptions {
	/** repo to `npm pack` and install as a community package; omit for a bare n8n */
	packageDir?: string;
	/** extra env for n8n (and its CLI runs); wins over the defaults */
	extraEnv?: Record<string, string>;
	/** n8n major (2 = 2.41.1 on Node 24, the default; 1 = 1.123.x on Node 20) */
	major?: N8nMajor;
	/** fixed port (dev); default: a free one */
	port?: number;
	/** persistent user folder (dev); default: a fresh temp folder, removed on stop */
	userFolder?: string;
	/** host used in WEBHOOK_URL / the printed URL; default 127.0.0.1 */
	publicHost?: string;
	encryptionKey?: string;
	/** owner to create on first start, or to log in as when it exists */
	owner?: Owner;
	/** ms to wait for "Editor is now accessible" */
	readyTimeoutMs?: number;
	/** print n8n's output live */
	echo?: boolean;
	/** called with every chunk n8n prints (dev streams it after start-up) */
	onOutput?: (chunk: string) => void;
	/** disable n8n modules a test never uses (default true; dev runs the full editor) */
	trimModules?: boolean;
	/**
	 * what to run: `start` (default: main, with the editor, owner and API key), or queue mode's
	 * `worker` / `webhook` processes (no owner setup; api/rest are not available on them)
	 */
	command?: N8nCommand;
	/** extra CLI arguments after the command, e.g. `--concurrency=1` for a worker */
	commandArgs?: string[];
}

export type N8nCommand = 'start' | 'worker' | 'webhook';

/** The line each command prints once it serves. */
const READY_LINE: Record<N8nCommand, string> = {
	start: 'Editor is now accessible',
	worker: 'n8n worker is now ready',
	webhook: 'Webhook listener waiting for requests.',
};

export interface InstalledPackage {
	name: string;
	version: string;
	tgz: string;
	/** <N8N_USER_FOLDER>/.n8n/nodes */
	nodesDir: string;
	/** <nodesDir>/node_modules/<name> */
	dir: string;
}

export interface CliResult {
	stdout: string;
	stderr: string;
	code: number | null;
	signal: NodeJS.Signals | null;
}

export class HttpError extends Error {
	constructor(
		readonly method: string,
		readonly url: string,
		readonly status: number,
		readonly body: unknown,
	) {
		super(`${method} ${url} → ${status}: ${typeof body === 'string' ? body : JSON.stringify(body)}`.slice(0, 2000));
	}
}

export interface N8nInstance {
	/** `start` (main), `worker` or `webhook` */
	command: N8nCommand;
	/** the n8n process (its task runner is a child in the same process group) */
	pid: number;
	url: string;
	port: number;
	brokerPort: number;
	apiKey: string;
	/** `n8n-auth=…` cookie of the owner */
	cookie: string;
	owner: Owner;
	userFolder: string;
	encryptionKey: string;
	install: N8nInstall;
	pkg?: InstalledPackage;
	/** ms from spawn to "Editor is now accessible" */
	startMs: number;
	/** public API, /api/v1 + path; returns the parsed body, throws HttpError on non-2xx */
	api<T = any>(method: string, apiPath: string, body?: unknown): Promise<T>;
	/** editor REST API, /rest + path, as the owner; returns the parsed body ({data: …}) */
	rest<T = any>(method: string, restPath: string, body?: unknown): Promise<T>;
	/** runs `n8n <args>` against the same user folder, DB and encryption key */
	cli(args: string[], opts?: { timeoutMs?: number; env?: Record<string, string> }): Promise<CliResult>;
	/** everything n8n printed so far */
	logs(): string;
	/** settles when the n8n process exits (for whatever reason) */
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
	logFile: string;
	stop(): Promise<void>;
}

// ---------------------------------------------------------------- cleanup registry

type Cleanup = () => Promise<void> | void;
const cleanups = new Set<Cleanup>();
const liveGroups = new Set<number>();
const exitDirs = new Set<string>();
let handlersInstalled = false;
let signalled = false;

/** true once SIGINT/SIGTERM/SIGHUP started the cleanup (n8n exiting then is expected) */
export function shuttingDown(): boolean {
	return signalled;
}

/** Registers a cleanup that also runs on SIGINT/SIGTERM; returns an unregister function. */
export function onCleanup(fn: Cleanup): () => void {
	installHandlers();
	cleanups.add(fn);
	return () => cleanups.delete(fn);
}

export async function runCleanups(): Promise<void> {
	const fns = [...cleanups].reverse();
	cleanups.clear();
	for (const fn of fns) {
		try {
			await fn();
		} catch (e) {
			process.stderr.write(`cleanup failed: ${(e as Error).message}\n`);
		}
	}
}

function installHandlers(): void {
	if (handlersInstalled) return;
	handlersInstalled = true;
	for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		// `on`, not `once`: Ctrl-C reaches this process twice (the terminal's process group, and tsx
		// relaying it), and a second signal without a handler would kill it before the cleanup ran.
		process.on(sig, () => {
			if (signalled) return;
			signalled = true;
			process.stderr.write(`\n${sig}: stopping n8n and the simulator…\n`);
			const hardExit = setTimeout(() => process.exit(130), 15_000);
			hardExit.unref();
			void runCleanups().finally(() => process.exit(130));
		});
	}
	// Last resort: never leave an n8n process group or a temp folder behind.
	process.on('exit', () => {
		for (const dir of exitDirs) fs.rmSync(dir, { recursive: true, force: true });
		for (const pgid of liveGroups) {
			try {
				process.kill(-pgid, 'SIGKILL');
			} catch {
				/* gone */
			}
		}
	});
}

// ---------------------------------------------------------------- small utils

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as net.AddressInfo;
			srv.close(() => resolve(port));
		});
	});
}

export function portInUse(port: number, host = '127.0.0.1'): Promise<boolean> {
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.once('error', () => resolve(true));
		srv.listen(port, host, () => srv.close(() => resolve(false)));
	});
}

export function sleep(ms: number): Promise<void> {
	return new Promise((r) => setTimeout(r, ms));
}

function cleanEnv(): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [k, v] of Object.entries(process.env)) {
		const lk = k.toLowerCase();
		if (lk.startsWith('npm_') || k === 'NODE_OPTIONS' || lk.startsWith('n8n_') || k === 'WEBHOOK_URL' || k.startsWith('DB_')) {
			continue;
		}
		env[k] = v;
	}
	return env;
}

function tail(text: string, lines = 60): string {
	return text.split('\n').slice(-lines).join('\n');
}

// ---------------------------------------------------------------- package

const packCache = new Map<string, Promise<{ tgz: string; name: string; version: string }>>();

/** `npm pack` the repo once per process (after `npm run build`; scripts off so prepack does not rebuild). */
export function packPackage(packageDir: string): Promise<{ tgz: string; name: string; version: string }> {
	const key = path.resolve(packageDir);
	let p = packCache.get(key);
	if (!p) {
		p = (async () => {
			const pkg = JSON.parse(fs.readFileSync(path.join(key, 'package.json'), 'utf8')) as { name: string; version: string; n8n?: { nodes?: string[]; credentials?: string[] } };
			for (const f of [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])]) {
				if (!fs.existsSync(path.join(key, f))) throw new Error(`${f} is missing: run \`npm run build\` first`);
			}
			const dest = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-e2e-pack-'));
			installHandlers();
			exitDirs.add(dest);
			const logFile = path.join(dest, 'pack.log');
			await runLogged('npm', ['pack', '--ignore-scripts', '--pack-destination', dest], { cwd: key, env: npmEnv(), logFile });
			const tgz = fs.readdirSync(dest).find((f) => f.endsWith('.tgz'));
			if (!tgz) throw new Error(`npm pack produced no .tgz (see ${logFile})`);
			return { tgz: path.join(dest, tgz), name: pkg.name, version: pkg.version };
		})();
		packCache.set(key, p);
	}
	return p;
}

function npmEnv(): NodeJS.ProcessEnv {
	const env = cleanEnv();
	if (process.env.npm_config_registry) env.npm_config_registry = process.env.npm_config_registry;
	if (process.env.npm_config_cache) env.npm_config_cache = process.env.npm_config_cache;
	return env;
}

/** Installs the packed package into <userFolder>/.n8n/nodes like n8n's community-package installer would. */
export async function installPackage(userFolder: string, packageDir: string): Promise<InstalledPackage> {
	const packed = await packPackage(packageDir);
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	const manifest = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(manifest)) {
		fs.writeFileSync(manifest, JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2) + '\n');
	}
	// a reused folder (dev) may hold an older build of the same version: replace it outright
	fs.rmSync(path.join(nodesDir, 'node_modules', packed.name), { recursive: true, force: true });
	await runLogged(
		'npm',
		['install', packed.tgz, '--omit=dev', '--omit=peer', '--legacy-peer-deps', '--ignore-scripts', '--no-audit', '--no-fund'],
		{ cwd: nodesDir, env: npmEnv(), logFile: path.join(userFolder, 'npm-install.log') },
	);
	return { ...packed, nodesDir, dir: path.join(nodesDir, 'node_modules', packed.name) };
}

/**
 * What users get must resolve `n8n-workflow` and `zod` from n8n itself: a private copy would
 * break `instanceof` checks (NodeApiError…) and double the code. Returns the offending paths.
 */
export function privateCopiesOfHostDeps(pkg: InstalledPackage): string[] {
	const found: string[] = [];
	for (const base of [path.join(pkg.dir, 'node_modules'), path.join(pkg.nodesDir, 'node_modules')]) {
		for (const dep of ['n8n-workflow', 'zod', 'n8n-core']) {
			const p = path.join(base, dep);
			if (fs.existsSync(p)) found.push(p);
		}
	}
	return found;
}

// ---------------------------------------------------------------- start

function defaultEnv(install: N8nInstall, o: { userFolder: string; port: number; brokerPort: number; host: string; key: string; trimModules: boolean }): Record<string, string> {
	const env: Record<string, string> = {
		N8N_USER_FOLDER: o.userFolder,
		N8N_PORT: String(o.port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: o.host,
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://${o.host}:${o.port}/`,
		N8N_RUNNERS_BROKER_PORT: String(o.brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_ENCRYPTION_KEY: o.key,
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		DB_TYPE: 'sqlite',
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		...install.env,
	};
	// 2.x renamed WEBHOOK_URL (the old name still works but prints a deprecation notice)
	env[install.major === 2 ? 'N8N_WEBHOOK_URL' : 'WEBHOOK_URL'] = `http://${o.host}:${o.port}/`;
	if (install.major === 2 && o.trimModules) {
		// Modules a test instance never uses; fewer things to start, nothing that phones home.
		env.N8N_DISABLED_MODULES = 'insights,mcp,mcp-registry,chat-hub,workflow-builder,instance-ai,agents,otel,log-streaming';
	}
	return env;
}

function baseEnv(install: N8nInstall, n8nEnv: Record<string, string>): NodeJS.ProcessEnv {
	const env = cleanEnv();
	// n8n's task runner is spawned as `node`: make that the same Node as n8n's.
	env.PATH = `${path.dirname(install.nodeBin)}${path.delimiter}${process.env.PATH ?? ''}`;
	return { ...env, ...n8nEnv };
}

interface Http {
	(method: string, url: string, init: { headers?: Record<string, string>; body?: unknown }): Promise<{ status: number; body: unknown; headers: Headers }>;
}

const http: Http = async (method, url, init) => {
	const headers: Record<string, string> = { accept: 'application/json', ...(init.headers ?? {}) };
	let body: string | undefined;
	if (init.body !== undefined) {
		headers['content-type'] = 'application/json';
		body = JSON.stringify(init.body);
	}
	const res = await fetch(url, { method, headers, body, signal: AbortSignal.timeout(120_000) });
	const text = await res.text();
	let parsed: unknown = text;
	try {
		parsed = text ? JSON.parse(text) : undefined;
	} catch {
		/* keep text */
	}
	return { status: res.status, body: parsed, headers: res.headers };
};

export async function startN8n(opts: StartOptions = {}): Promise<N8nInstance> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await startOnce(opts);
		} catch (e) {
			// a free port picked by the OS can be taken by someone else before n8n binds it
			const raced = /EADDRINUSE|address already in use/i.test((e as Error).message);
			if (!raced || opts.port !== undefined || attempt >= 3) throw e;
			process.stdout.write(`[e2e] n8n lost a port race (EADDRINUSE); retrying with new ports\n`);
		}
	}
}

async function startOnce(opts: StartOptions): Promise<N8nInstance> {
	const install = await ensureN8n({ major: opts.major });
	const tempFolder = !opts.userFolder;
	const userFolder = opts.userFolder ?? fs.mkdtempSync(path.join(os.tmpdir(), 'wa-e2e-n8n-'));
	fs.mkdirSync(userFolder, { recursive: true });
	const port = opts.port ?? (await freePort());
	let brokerPort = await freePort();
	while (brokerPort === port) brokerPort = await freePort();
	const host = opts.publicHost ?? '127.0.0.1';
	const encryptionKey = opts.encryptionKey ?? TEST_ENCRYPTION_KEY;
	const owner = opts.owner ?? DEFAULT_OWNER;
	const url = `http://127.0.0.1:${port}`;
	const logFile = path.join(userFolder, 'n8n.log');

	let pkg: InstalledPackage | undefined;
	try {
		if (opts.packageDir) pkg = await installPackage(userFolder, opts.packageDir);
	} catch (e) {
		if (tempFolder && !process.env.WA_E2E_KEEP) fs.rmSync(userFolder, { recursive: true, force: true });
		throw e;
	}

	const n8nEnv = { ...defaultEnv(install, { userFolder, port, brokerPort, host, key: encryptionKey, trimModules: opts.trimModules ?? true }), ...(opts.extraEnv ?? {}) };
	const env = baseEnv(install, n8nEnv);

	let output = '';
	const logStream = fs.createWriteStream(logFile, { flags: 'a' });
	const t0 = Date.now();
	const command = opts.command ?? 'start';
	const readyLine = READY_LINE[command];
	const child: ChildProcess = spawn(install.nodeBin, [install.n8nBin, command, ...(opts.commandArgs ?? [])], {
		cwd: userFolder,
		env,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const pgid = child.pid!;
	liveGroups.add(pgid);
	let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
	const exitPromise = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
		child.on('exit', (code, signal) => {
			exited = { code, signal };
			resolve(exited);
		});
	});
	const onData = (chunk: Buffer) => {
		const s = chunk.toString();
		output += s;
		logStream.write(s);
		if (opts.echo) process.stdout.write(s);
		opts.onOutput?.(s);
	};
	child.stdout!.on('data', onData);
	child.stderr!.on('data', onData);

	let stopped = false;
	const stop = async (): Promise<void> => {
		if (stopped) return;
		stopped = true;
		unregister();
		if (!exited) {
			try {
				process.kill(-pgid, 'SIGTERM');
			} catch {
				/* gone */
			}
			const t = setTimeout(() => {
				try {
					process.kill(-pgid, 'SIGKILL');
				} catch {
					/* gone */
				}
			}, 10_000);
			await exitPromise;
			clearTimeout(t);
		}
		// the task runner is in the same group; make sure nothing lingers
		try {
			process.kill(-pgid, 'SIGKILL');
		} catch {
			/* gone */
		}
		liveGroups.delete(pgid);
		await new Promise<void>((r) => logStream.end(r));
		if (tempFolder && !process.env.WA_E2E_KEEP) fs.rmSync(userFolder, { recursive: true, force: true });
	};
	const unregister = onCleanup(stop);

	const failStart = async (why: string): Promise<never> => {
		const text = output;
		await stop();
		throw new Error(`n8n did not start: ${why}\n--- n8n log tail (${logFile}) ---\n${tail(text)}`);
	};

	const readyTimeout = opts.readyTimeoutMs ?? 180_000;
	while (!output.includes(readyLine)) {
		if (exited) await failStart(`process exited (code ${exited.code}, signal ${exited.signal})`);
		if (Date.now() - t0 > readyTimeout) await failStart(`no "${readyLine}" after ${readyTimeout / 1000} s`);
		await sleep(100);
	}
	const startMs = Date.now() - t0;

	let cookie = '';
	const restRaw = async (method: string, restPath: string, body?: unknown) =>
		http(method, `${url}/rest${restPath}`, { headers: { 'browser-id': BROWSER_ID, ...(cookie ? { cookie } : {}) }, body });
	const grabCookie = (headers: Headers) => {
		for (const c of headers.getSetCookie()) {
			const m = /^(n8n-auth=[^;]+)/.exec(c);
			if (m) cookie = m[1];
		}
	};

	// Under load n8n may answer 503 "Database is not ready!" for a while after it printed that the
	// editor is accessible (1.x logs "Database connection timed out"): wait that out.
	const setupRest = async (method: string, restPath: string, body?: unknown) => {
		const t1 = Date.now();
		for (;;) {
			const r = await restRaw(method, restPath, body);
			if (r.status !== 503 || Date.now() - t1 > 60_000) return r;
			await sleep(500);
		}
	};

	let apiKey = '';
	// workers and webhook processes have no editor: no owner, no API key
	if (command === 'start') {
		try {
			const settings = await setupRest('GET', '/settings');
			const needsSetup = (settings.body as any)?.data?.userManagement?.showSetupOnFirstLoad !== false;
			if (needsSetup) {
				const r = await setupRest('POST', '/owner/setup', owner);
				if (r.status !== 200) throw new HttpError('POST', '/rest/owner/setup', r.status, r.body);
				grabCookie(r.headers);
			} else {
				const r = await setupRest('POST', '/login', { emailOrLdapLoginId: owner.email, password: owner.password });
				if (r.status !== 200) throw new HttpError('POST', '/rest/login', r.status, r.body);
				grabCookie(r.headers);
			}
			if (!cookie) throw new Error('no n8n-auth cookie after owner setup/login');

			const label = 'wa-cloud-e2e';
			const existing = await setupRest('GET', '/api-keys');
			const listed = (existing.body as any)?.data;
			const keys = (Array.isArray(listed) ? listed : (listed?.items ?? listed?.data ?? [])) as Array<{ id: string; label: string }>;
			for (const k of keys) {
				if (k.label === label) await setupRest('DELETE', `/api-keys/${k.id}`);
			}
			const scopes = await setupRest('GET', '/api-keys/scopes');
			if (scopes.status !== 200) throw new HttpError('GET', '/rest/api-keys/scopes', scopes.status, scopes.body);
			const created = await setupRest('POST', '/api-keys', { label, scopes: (scopes.body as any).data, expiresAt: null });
			if (created.status !== 200) throw new HttpError('POST', '/rest/api-keys', created.status, created.body);
			apiKey = (created.body as any).data.rawApiKey;
			if (!apiKey) throw new Error(`no rawApiKey in ${JSON.stringify(created.body)}`);
		} catch (e) {
			await failStart(`owner/API key setup failed: ${(e as Error).message}`);
		}
	}

	const instance: N8nInstance = {
		command,
		pid: pgid,
		url,
		port,
		brokerPort,
		apiKey,
		cookie,
		owner,
		userFolder,
		encryptionKey,
		install,
		pkg,
		startMs,
		logFile,
		async api(method, apiPath, body) {
			const r = await http(method, `${url}/api/v1${apiPath}`, { headers: { 'X-N8N-API-KEY': apiKey }, body });
			if (r.status < 200 || r.status >= 300) throw new HttpError(method, `/api/v1${apiPath}`, r.status, r.body);
			return r.body as any;
		},
		async rest(method, restPath, body) {
			const r = await restRaw(method, restPath, body);
			if (r.status < 200 || r.status >= 300) throw new HttpError(method, `/rest${restPath}`, r.status, r.body);
			return r.body as any;
		},
		async cli(args, cliOpts = {}) {
			const cliBroker = await freePort();
			const cliEnv = baseEnv(install, { ...n8nEnv, N8N_RUNNERS_BROKER_PORT: String(cliBroker), ...(cliOpts.env ?? {}) });
			return new Promise<CliResult>((resolve, reject) => {
				const c = spawn(install.nodeBin, [install.n8nBin, ...args], { cwd: userFolder, env: cliEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
				liveGroups.add(c.pid!);
				let stdout = '';
				let stderr = '';
				c.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
				c.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
				const timeoutMs = cliOpts.timeoutMs ?? 180_000;
				const timer = setTimeout(() => {
					try {
						process.kill(-c.pid!, 'SIGKILL');
					} catch {
						/* gone */
					}
				}, timeoutMs);
				c.on('error', reject);
				c.on('exit', (code, signal) => {
					clearTimeout(timer);
					// the CLI's task runner shares the group
					try {
						process.kill(-c.pid!, 'SIGKILL');
					} catch {
						/* gone */
					}
					liveGroups.delete(c.pid!);
					fs.appendFileSync(logFile, `\n--- cli: n8n ${args.join(' ')} (exit ${code}) ---\n${stdout}\n${stderr}\n--- end cli ---\n`);
					resolve({ stdout, stderr, code, signal });
				});
			});
		},
		logs: () => output,
		exited: exitPromise,
		stop,
	};
	return instance;
}

/**
 * Stops `instance` and starts n8n again on the same port (so webhook URLs stay the same), user
 * folder (database, static data, installed package) and encryption key — a restart as users
 * have it. The instance must have been started with its own `userFolder` (a temp folder is
 * removed on stop); the package is not installed again unless `packageDir` is given.
 * `whileStopped` runs between stop and start; `start` defaults to startN8n (pass the e2e
 * context's startN8n so the new instance is tracked, logged and stopped with the run).
 */
export async function restartN8n(
	instance: N8nInstance,
	opts: Partial<StartOptions> & { whileStopped?: () => Promise<void>; start?: (o: Partial<StartOptions>) => Promise<N8nInstance> } = {},
): Promise<N8nInstance> {
	const { whileStopped, start = startN8n, ...startOpts } = opts;
	await instance.stop();
	if (!fs.existsSync(path.join(instance.userFolder, '.n8n'))) {
		throw new Error(`restartN8n: ${instance.userFolder} is gone; start the instance with its own userFolder to restart it`);
	}
	await whileStopped?.();
	const again = {
		major: instance.install.major,
		userFolder: instance.userFolder,
		port: instance.port,
		encryptionKey: instance.encryptionKey,
		owner: instance.owner,
		packageDir: undefined,
		...startOpts,
	};
	try {
		return await start(again);
	} catch (e) {
		// One more try: a start on a loaded machine can fail on its own (database not ready in time).
		process.stdout.write(`[e2e] restart failed (${(e as Error).message.split('\n')[0]}); trying once more\n`);
		return await start(again);
	}
}
