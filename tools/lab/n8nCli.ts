/**
 * One n8n CLI command (`import:workflow`, `execute` …) on an instance's user folder and settings,
 * with a broker port of its own; its output is appended to the instance's n8n.log.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';

import type { N8nInstall } from './install';
import type { CliResult } from './n8n';
import { baseEnv, freePort, liveGroups } from './processes';

export interface CliTarget {
	install: N8nInstall;
	n8nEnv: Record<string, string>;
	userFolder: string;
	logFile: string;
}

export async function runCli({ install, n8nEnv, userFolder, logFile }: CliTarget, args: string[], cliOpts: { timeoutMs?: number; env?: Record<string, string> } = {}): Promise<CliResult> {
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
}
