/**
 * PostgreSQL for queue mode: Debian's postgres binaries, a temp data folder, loopback, a free port
 * (as the `postgres` user when run as root); stopped and removed with the run.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { freePort, onCleanup } from './processes';
import { findPostgres, liveDirs, track, PG_ROOT, postgresIdentity, run, stopChild, tempDir, waitFor, type Postgres } from './services';

type PostgresInstall = NonNullable<ReturnType<typeof findPostgres>>;
type Identity = ReturnType<typeof postgresIdentity>;

/** A fresh cluster in a temp folder owned by `who`; `remove` deletes it (unless WA_E2E_KEEP). */
async function initCluster(pg: PostgresInstall, who: Identity) {
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
	return { dir, data, logFile, remove };
}

function serverArgs(data: string, port: number, dir: string): string[] {
	return [
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
	];
}

function createDatabase(pg: PostgresInstall, port: number): void {
	const created = spawnSync(
		path.join(pg.bin, 'psql'),
		['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-c', 'CREATE DATABASE n8n'],
		{
			encoding: 'utf8',
		},
	);
	if (created.status !== 0) throw new Error(`CREATE DATABASE n8n failed: ${created.stderr}`);
}

export async function startPostgres(): Promise<Postgres> {
	const pg = findPostgres();
	if (!pg) throw new Error(`no PostgreSQL ≥ 15 under ${PG_ROOT}`);
	const who = postgresIdentity();
	const { dir, data, logFile, remove } = await initCluster(pg, who);
	const port = await freePort();
	const server = run(path.join(pg.bin, 'postgres'), serverArgs(data, port, dir), { ...who, cwd: dir, logFile });
	track(server.child.pid!, dir);
	const stop = async () => {
		unregister();
		await stopChild(server, 'SIGINT'); // fast shutdown
		remove();
	};
	const unregister = onCleanup(stop);
	try {
		await waitFor(server, 'database system is ready to accept connections', 'postgres');
		createDatabase(pg, port);
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
