/**
 * One n8n process (start, worker or webhook) in its own process group: its output kept and
 * written to n8n.log, and a stop that ends the whole group (n8n and its task runner) — also when
 * the run is cleaned up.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';

import type { N8nInstall } from './install';
import type { N8nCommand } from './n8n';
import { liveGroups, onCleanup } from './processes';

export type Exit = { code: number | null; signal: NodeJS.Signals | null };

export interface N8nProcess {
	pgid: number;
	/** everything it printed so far */
	output(): string;
	/** how it exited, once it did */
	exited(): Exit | undefined;
	exitPromise: Promise<Exit>;
	stop(): Promise<void>;
}

export interface SpawnOptions {
	install: N8nInstall;
	command: N8nCommand;
	commandArgs?: string[];
	userFolder: string;
	env: NodeJS.ProcessEnv;
	logFile: string;
	/** remove the user folder on stop (a temp one), unless WA_E2E_KEEP */
	removeFolder: boolean;
	echo?: boolean;
	onOutput?: (chunk: string) => void;
}

export function spawnN8n({ install, command, commandArgs, userFolder, env, logFile, removeFolder, echo, onOutput }: SpawnOptions): N8nProcess {
	let output = '';
	const logStream = fs.createWriteStream(logFile, { flags: 'a' });
	const child: ChildProcess = spawn(install.nodeBin, [install.n8nBin, command, ...(commandArgs ?? [])], {
		cwd: userFolder,
		env,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const pgid = child.pid!;
	liveGroups.add(pgid);
	let exited: Exit | undefined;
	const exitPromise = new Promise<Exit>((resolve) => {
		child.on('exit', (code, signal) => {
			exited = { code, signal };
			resolve(exited);
		});
	});
	const onData = (chunk: Buffer) => {
		const s = chunk.toString();
		output += s;
		logStream.write(s);
		if (echo) process.stdout.write(s);
		onOutput?.(s);
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
		if (removeFolder && !process.env.WA_E2E_KEEP) fs.rmSync(userFolder, { recursive: true, force: true });
	};
	const unregister = onCleanup(stop);
	return { pgid, output: () => output, exited: () => exited, exitPromise, stop };
}
