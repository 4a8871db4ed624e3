/**
 * The Graph API simulator (tools/simulator) in a child process, so its CPU stays out of the
 * figures of whatever is measured, driven over its /__sim/ admin endpoints.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { request as httpRequest } from 'undici';

const ROOT = join(__dirname, '..', '..');

export async function startSimulatorProcess(latencyMs: number): Promise<{ url: string; child: ChildProcess }> {
	const tsxCli = require.resolve('tsx/cli');
	const child = spawn(
		process.execPath,
		[tsxCli, join(ROOT, 'tools/simulator/cli.ts'), '--port', '0', '--latency', String(latencyMs), '--quiet'],
		{
			cwd: ROOT,
			stdio: ['ignore', 'pipe', 'inherit'],
		},
	);
	const url = await new Promise<string>((resolve, reject) => {
		let output = '';
		const onData = (chunk: Buffer) => {
			output += chunk.toString('utf8');
			const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
			if (match) {
				child.stdout?.off('data', onData);
				child.stdout?.resume();
				resolve(match[1]);
			}
		};
		child.stdout?.on('data', onData);
		child.once('exit', (code) => reject(new Error(`simulator exited early (code ${code}): ${output}`)));
	});
	return { url, child };
}

export async function admin(
	base: string,
	method: 'GET' | 'POST' | 'DELETE',
	path: string,
	body?: unknown,
): Promise<unknown> {
	const response = await httpRequest(`${base}${path}`, {
		method,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.body.text();
	if (response.statusCode >= 400) throw new Error(`simulator ${method} ${path}: ${response.statusCode} ${text}`);
	return JSON.parse(text) as unknown;
}

export interface Recorded {
	at: string;
	path: string;
	method: string;
	body: { text?: { body?: string } } | null;
	contract: { checked: boolean; valid: boolean };
	response: { status: number; body: { messages?: Array<{ id: string }>; error?: { code?: number } } | null };
}
