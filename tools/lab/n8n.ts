/**
 * Starts a real n8n (the pinned version from install.ts) with this package installed the way
 * users get it (npm pack + npm install into <N8N_USER_FOLDER>/.n8n/nodes), sets up the owner
 * and an API key, and hands back small clients for the public API, the editor's REST API and
 * the n8n CLI.
 *
 * Every start picks its own free ports (n8n and task broker), so several instances can run on
 * one machine at once. Everything listens on 127.0.0.1 only.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { ensureN8n, type N8nInstall, type N8nMajor } from './install';
import { runCli } from './n8nCli';
import { spawnN8n } from './n8nProcess';
import { http, restSession, setUpOwner } from './n8nRest';
import { installPackage, type InstalledPackage } from './package';
import { baseEnv, freePort, sleep, tail } from './processes';

export { ensureN8n, cacheDir, pinnedVersion, type N8nInstall, type N8nMajor } from './install';

export const REPO_DIR = path.resolve(__dirname, '..', '..');
export const TEST_ENCRYPTION_KEY = 'wa-cloud-e2e-encryption-key-0123456789';

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
	api<T = unknown>(method: string, apiPath: string, body?: unknown): Promise<T>;
	/** editor REST API, /rest + path, as the owner; returns the parsed body ({data: …}) */
	rest<T = unknown>(method: string, restPath: string, body?: unknown): Promise<T>;
	/** runs `n8n <args>` against the same user folder, DB and encryption key */
	cli(args: string[], opts?: { timeoutMs?: number; env?: Record<string, string> }): Promise<CliResult>;
	/** everything n8n printed so far */
	logs(): string;
	/** settles when the n8n process exits (for whatever reason) */
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
	logFile: string;
	stop(): Promise<void>;
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

	const t0 = Date.now();
	const command = opts.command ?? 'start';
	const readyLine = READY_LINE[command];
	const proc = spawnN8n({ install, command, commandArgs: opts.commandArgs, userFolder, env, logFile, removeFolder: tempFolder, echo: opts.echo, onOutput: opts.onOutput });
	const { pgid, stop, exitPromise } = proc;

	const failStart = async (why: string): Promise<never> => {
		const text = proc.output();
		await stop();
		throw new Error(`n8n did not start: ${why}\n--- n8n log tail (${logFile}) ---\n${tail(text)}`);
	};

	const readyTimeout = opts.readyTimeoutMs ?? 180_000;
	while (!proc.output().includes(readyLine)) {
		const exited = proc.exited();
		if (exited) await failStart(`process exited (code ${exited.code}, signal ${exited.signal})`);
		if (Date.now() - t0 > readyTimeout) await failStart(`no "${readyLine}" after ${readyTimeout / 1000} s`);
		await sleep(100);
	}
	const startMs = Date.now() - t0;

	const session = restSession(url);
	let apiKey = '';
	// workers and webhook processes have no editor: no owner, no API key
	if (command === 'start') {
		try {
			apiKey = await setUpOwner(session, owner);
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
		cookie: session.cookie,
		owner,
		userFolder,
		encryptionKey,
		install,
		pkg,
		startMs,
		logFile,
		async api<T>(method: string, apiPath: string, body?: unknown): Promise<T> {
			const r = await http(method, `${url}/api/v1${apiPath}`, { headers: { 'X-N8N-API-KEY': apiKey }, body });
			if (r.status < 200 || r.status >= 300) throw new HttpError(method, `/api/v1${apiPath}`, r.status, r.body);
			return r.body as T;
		},
		async rest<T>(method: string, restPath: string, body?: unknown): Promise<T> {
			const r = await session.raw(method, restPath, body);
			if (r.status < 200 || r.status >= 300) throw new HttpError(method, `/rest${restPath}`, r.status, r.body);
			return r.body as T;
		},
		cli: (args, cliOpts = {}) => runCli({ install, n8nEnv, userFolder, logFile }, args, cliOpts),
		logs: () => proc.output(),
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
