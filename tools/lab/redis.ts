/**
 * Redis for queue mode: Debian's redis-server on loopback, a free port, no persistence; stopped
 * with the run.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { freePort, onCleanup } from './processes';
import { liveDirs, track, which, run, stopChild, tempDir, waitFor, type Redis } from './services';

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
