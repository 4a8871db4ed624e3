/**
 * PostgreSQL and Redis for the queue-mode e2e run, started by the harness itself: each in its
 * own temp folder, on 127.0.0.1 and a free port, as a child process of this run (never a system
 * service), stopped and its folder removed at the end — also on failure and Ctrl-C.
 *
 * Debian's packages provide them (`postgresql`, `redis-server`); when they are missing and this
 * runs as root with apt-get, they are installed with service start-up denied (policy-rc.d), so
 * the install leaves nothing running. PostgreSQL refuses to run as root: then its processes run
 * as the `postgres` user the package creates (spawn uid/gid), and its folder belongs to it.
 * This file: the packages and the child-process plumbing; postgres.ts and redis.ts start them.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sleep } from './processes';


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

export const PG_ROOT = '/usr/lib/postgresql';

export function log(msg: string): void {
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

export function which(cmd: string): string | undefined {
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
export function postgresIdentity(): { uid?: number; gid?: number; name: string } {
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

export interface Child {
	child: ChildProcess;
	output: () => string;
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
	isExited: () => boolean;
}

const liveChildren = new Set<number>();
export const liveDirs = new Set<string>();
let exitHook = false;

/** Kills `pid`'s group and removes `dir` if the run dies without its cleanups. */
export function track(pid: number | undefined, dir: string): void {
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

export function run(cmd: string, args: string[], opts: { uid?: number; gid?: number; cwd: string; logFile: string }): Child {
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

export async function waitFor(c: Child, line: string | RegExp, what: string, timeoutMs = 60_000): Promise<void> {
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
export async function stopChild(c: Child, signal: NodeJS.Signals): Promise<void> {
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

export function tempDir(prefix: string): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	fs.chmodSync(dir, 0o755);
	return dir;
}

/** A throw-away PostgreSQL cluster (initdb into a temp folder) on 127.0.0.1:<free port>, database `n8n`. */
