/**
 * PostgreSQL and Redis for the queue-mode e2e run, started by the harness itself: each in its
 * own temp folder, on 127.0.0.1 and a free port, as a child process of this run (never a system
 * service), stopped and its folder removed at the end — also on failure and Ctrl-C.
 *
 * Debian's packages provide them (`postgresql`, `redis-server`); when they are missing and this
 * runs as root with apt-get, they are installed with service start-up denied (policy-rc.d), so
 * the install leaves nothing running. PostgreSQL refuses to run as root: then its processes run
 * as the `postgres` user the package creates (spawn uid/gid), and its folder belongs to it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, onCleanup, sleep } from './processes';


export interface Service {
	name: string;
	host: string;
	port: number;
	/** everything it printed */
	logs(): string;
	stop(): Promise<void>;
}

export interface Postgres extends Service {
	user: string;
	database: string;
	/** major version that runs, e.g. "15" */
	version: string;
}

export interface Redis extends Service {
	version: string;
}

const PG_ROOT = '/usr/lib/postgresql';

function log(msg: string): void {
	process.stdout.write(`[e2e:services] ${msg}\n`);
}

/** The newest PostgreSQL ≥ 15 under /usr/lib/postgresql (Debian's layout), or undefined. */
export function findPostgres(): { bin: string; version: string } | undefined {
	if (!fs.existsSync(PG_ROOT)) return undefined;
	const versions = fs
		.readdirSync(PG_ROOT)
		.filter((v) => /^\d+$/.test(v) && Number(v) >= 15 && fs.existsSync(path.join(PG_ROOT, v, 'bin', 'postgres')))
		.sort((a, b) => Number(a) - Number(b));
	// 15 is what Debian 12 ships and what the suite is measured on; take it when present
	const version = versions.includes('15') ? '15' : versions.at(-1);
	return version ? { bin: path.join(PG_ROOT, version, 'bin'), version } : undefined;
}

function which(cmd: string): string | undefined {
	const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
	return r.status === 0 ? r.stdout.trim() : undefined;
}

/**
 * Installs Debian's postgresql / redis-server when missing (root + apt-get only), with service
 * start-up denied for the install so no system service is left running.
 */
export function ensureServicePackages(): void {
	const missing: string[] = [];
	if (!findPostgres()) missing.push('postgresql');
	if (!which('redis-server')) missing.push('redis-server');
	if (missing.length === 0) return;
	const isRoot = process.getuid?.() === 0;
	if (!isRoot || !which('apt-get')) {
		throw new Error(
			`queue mode needs ${missing.join(' and ')} (PostgreSQL ≥ 15 under ${PG_ROOT}, redis-server on PATH): install them, e.g. \`sudo apt-get install -y ${missing.join(' ')}\``,
		);
	}
	const policy = '/usr/sbin/policy-rc.d';
	const ownPolicy = !fs.existsSync(policy);
	if (ownPolicy)
		fs.writeFileSync(
			policy,
			'#!/bin/sh\n# written by the e2e harness for one apt-get install: start no services\nexit 101\n',
			{ mode: 0o755 },
		);
	try {
		log(`installing ${missing.join(', ')} (apt-get; services not started)`);
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		let r = spawnSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env });
		if (r.status !== 0) {
			spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
			r = spawnSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env });
		}
		if (r.status !== 0) throw new Error(`apt-get install ${missing.join(' ')} failed (${r.status})`);
	} finally {
		if (ownPolicy) fs.rmSync(policy, { force: true });
	}
	if (!findPostgres() || !which('redis-server'))
		throw new Error(`installed ${missing.join(', ')} but cannot find them`);
}

/** uid/gid PostgreSQL runs as: this user unless root, then the `postgres` user. */
function postgresIdentity(): { uid?: number; gid?: number; name: string } {
	if (process.getuid?.() !== 0) return { name: os.userInfo().username };
	const r = spawnSync('getent', ['passwd', 'postgres'], { encoding: 'utf8' });
	if (r.status !== 0) {
		throw new Error(
			"PostgreSQL refuses to run as root and there is no `postgres` user (Debian's postgresql package creates it)",
		);
	}
	const [, , uid, gid] = r.stdout.trim().split(':');
	return { uid: Number(uid), gid: Number(gid), name: 'postgres' };
}

interface Child {
	child: ChildProcess;
	output: () => string;
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
	isExited: () => boolean;
}

const liveChildren = new Set<number>();
const liveDirs = new Set<string>();
let exitHook = false;

function track(pid: number | undefined, dir: string): void {
	if (pid) liveChildren.add(pid);
	liveDirs.add(dir);
	if (exitHook) return;
	exitHook = true;
	// Last resort when the run dies without its cleanups: kill, then remove.
	process.on('exit', () => {
		for (const p of liveChildren) {
			try {
				process.kill(-p, 'SIGKILL');
			} catch {
				/* gone */
			}
		}
		for (const d of liveDirs) fs.rmSync(d, { recursive: true, force: true });
	});
}

function run(cmd: string, args: string[], opts: { uid?: number; gid?: number; cwd: string; logFile: string }): Child {
	const out = fs.createWriteStream(opts.logFile, { flags: 'a' });
	let text = '';
	const child = spawn(cmd, args, {
		cwd: opts.cwd,
		uid: opts.uid,
		gid: opts.gid,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let done = false;
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
		child.on('exit', (code, signal) => {
			done = true;
			resolve({ code, signal });
		});
		child.on('error', (e) => {
			text += `\n${e.message}\n`;
			done = true;
			resolve({ code: null, signal: null });
		});
	});
	const onData = (d: Buffer) => {
		text += d.toString();
		out.write(d);
	};
	child.stdout!.on('data', onData);
	child.stderr!.on('data', onData);
	void exited.then(() => out.end());
	return { child, output: () => text, exited, isExited: () => done };
}

async function waitFor(c: Child, line: string | RegExp, what: string, timeoutMs = 60_000): Promise<void> {
	const t0 = Date.now();
	const seen = () => (typeof line === 'string' ? c.output().includes(line) : line.test(c.output()));
	while (!seen()) {
		if (c.isExited())
			throw new Error(`${what} exited before it was ready:\n${c.output().split('\n').slice(-30).join('\n')}`);
		if (Date.now() - t0 > timeoutMs)
			throw new Error(
				`${what} not ready after ${timeoutMs / 1000} s:\n${c.output().split('\n').slice(-30).join('\n')}`,
			);
		await sleep(50);
	}
}

/** Stops a detached child (its process group) with `signal`, SIGKILL after 10 s. */
async function stopChild(c: Child, signal: NodeJS.Signals): Promise<void> {
	const pid = c.child.pid;
	if (!pid) return;
	if (!c.isExited()) {
		try {
			process.kill(-pid, signal);
		} catch {
			/* gone */
		}
		const t = setTimeout(() => {
			try {
				process.kill(-pid, 'SIGKILL');
			} catch {
				/* gone */
			}
		}, 10_000);
		await c.exited;
		clearTimeout(t);
	}
	liveChildren.delete(pid);
}

function tempDir(prefix: string): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	fs.chmodSync(dir, 0o755);
	return dir;
}

/** A throw-away PostgreSQL cluster (initdb into a temp folder) on 127.0.0.1:<free port>, database `n8n`. */
export async function startPostgres(): Promise<Postgres> {
	const pg = findPostgres();
	if (!pg) throw new Error(`no PostgreSQL ≥ 15 under ${PG_ROOT}`);
	const who = postgresIdentity();
	const dir = tempDir('wa-e2e-pg-');
	const data = path.join(dir, 'data');
	const logFile = path.join(dir, 'postgres.log');
	fs.mkdirSync(data, { mode: 0o700 });
	if (who.uid !== undefined) {
		fs.chownSync(dir, who.uid, who.gid!);
		fs.chownSync(data, who.uid, who.gid!);
	}
	track(undefined, dir);
	const remove = () => {
		if (!process.env.WA_E2E_KEEP) fs.rmSync(dir, { recursive: true, force: true });
		liveDirs.delete(dir);
	};
	const init = run(
		path.join(pg.bin, 'initdb'),
		['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'],
		{ ...who, cwd: dir, logFile },
	);
	const initExit = await init.exited;
	if (initExit.code !== 0) {
		remove();
		throw new Error(
			`initdb failed (${initExit.code}, as ${who.name}):\n${init.output().split('\n').slice(-20).join('\n')}`,
		);
	}
	const port = await freePort();
	const server = run(
		path.join(pg.bin, 'postgres'),
		[
			'-D',
			data,
			'-p',
			String(port),
			'-k',
			dir,
			'-c',
			'listen_addresses=127.0.0.1',
			// a test database: durability off, enough connections for five n8n processes
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
			'-c',
			'max_connections=100',
		],
		{ ...who, cwd: dir, logFile },
	);
	track(server.child.pid!, dir);
	const stop = async () => {
		unregister();
		await stopChild(server, 'SIGINT'); // fast shutdown
		remove();
	};
	const unregister = onCleanup(stop);
	try {
		await waitFor(server, 'database system is ready to accept connections', 'postgres');
		const created = spawnSync(
			path.join(pg.bin, 'psql'),
			[
				'-h',
				'127.0.0.1',
				'-p',
				String(port),
				'-U',
				'postgres',
				'-d',
				'postgres',
				'-v',
				'ON_ERROR_STOP=1',
				'-c',
				'CREATE DATABASE n8n',
			],
			{
				encoding: 'utf8',
			},
		);
		if (created.status !== 0) throw new Error(`CREATE DATABASE n8n failed: ${created.stderr}`);
	} catch (e) {
		await stop();
		throw e;
	}
	return {
		name: `postgres ${pg.version}`,
		host: '127.0.0.1',
		port,
		user: 'postgres',
		database: 'n8n',
		version: pg.version,
		logs: server.output,
		stop,
	};
}

/** A throw-away Redis on 127.0.0.1:<free port>: no persistence, working folder in a temp folder. */
export async function startRedis(): Promise<Redis> {
	const bin = which('redis-server');
	if (!bin) throw new Error('redis-server is not on PATH');
	const version = /v=(\S+)/.exec(spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout)?.[1] ?? '?';
	const dir = tempDir('wa-e2e-redis-');
	const port = await freePort();
	const server = run(
		bin,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
			'--daemonize',
			'no',
		],
		{
			cwd: dir,
			logFile: path.join(dir, 'redis.log'),
		},
	);
	track(server.child.pid!, dir);
	const stop = async () => {
		unregister();
		await stopChild(server, 'SIGTERM');
		if (!process.env.WA_E2E_KEEP) fs.rmSync(dir, { recursive: true, force: true });
		liveDirs.delete(dir);
	};
	const unregister = onCleanup(stop);
	try {
		await waitFor(server, 'Ready to accept connections', 'redis-server');
	} catch (e) {
		await stop();
		throw e;
	}
	return { name: `redis ${version}`, host: '127.0.0.1', port, version, logs: server.output, stop };
}
