/**
 * What every lab process shares: the cleanup registry (also on SIGINT/SIGTERM, and a last-resort
 * kill of n8n's process groups on exit), free ports, and the environment a child starts from.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

import type { N8nInstall } from './install';

type Cleanup = () => Promise<void> | void;
const cleanups = new Set<Cleanup>();
/** process groups of running n8n processes: killed on exit whatever happens */
export const liveGroups = new Set<number>();
const exitDirs = new Set<string>();

/** Removes `dir` when this process exits, whatever happens. */
export function removeOnExit(dir: string): void {
	installHandlers();
	exitDirs.add(dir);
}
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

/** This process's environment without npm's, n8n's and database settings (a child n8n sets its own). */
export function cleanEnv(): NodeJS.ProcessEnv {
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

export function tail(text: string, lines = 60): string {
	return text.split('\n').slice(-lines).join('\n');
}

/** The environment of an n8n process: cleanEnv, n8n's Node first on PATH, then n8n's settings. */
export function baseEnv(install: N8nInstall, n8nEnv: Record<string, string>): NodeJS.ProcessEnv {
	const env = cleanEnv();
	// n8n's task runner is spawned as `node`: make that the same Node as n8n's.
	env.PATH = `${path.dirname(install.nodeBin)}${path.delimiter}${process.env.PATH ?? ''}`;
	return { ...env, ...n8nEnv };
}
