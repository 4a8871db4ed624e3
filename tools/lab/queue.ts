/**
 * n8n's queue mode, the way users run it when one process is not enough (`--queue`):
 *
 *   simulator ──POST/GET──▶ round-robin proxy (WEBHOOK_URL) ──▶ webhook 1 | webhook 2   (`n8n webhook`)
 *                                                                   │ enqueue (Bull on Redis)
 *   main (`n8n start`: editor, API, activation) ◀── PostgreSQL ──▶ worker 1 | worker 2  (`n8n worker`)
 *
 * PostgreSQL and Redis come from services.ts (temp folders, loopback, free ports), every n8n process
 * has its own user folder with the package installed as users install it (npm pack + npm install,
 * the harness's installPackage), its own port and task-broker port. Main does not serve production
 * webhooks (N8N_DISABLE_PRODUCTION_MAIN_PROCESS), so every delivery goes through a webhook process.
 * Workers run one job at a time (--concurrency=1), so two executions at once are on two workers,
 * with more database slack than n8n's defaults: every authenticated Graph request makes n8n read
 * the credential from the database, and on this loaded machine (load 15–25 on 2 cores) bulk sends
 * with the defaults (pool 2, 20 s to get a connection, 5 s ping) failed with "timeout exceeded when
 * trying to connect" (README → Queue mode tells users). Workers: pool 10, 60 s, 30 s.
 *
 * The topology's own simulator tags each Graph request with the process that sent it (peer.ts,
 * while the connection is open): every request, or only every n-th message send (`sampleSends(n)`:
 * finding the process costs a /proc scan, too much at bulk rates).
 */
import { clientProcess } from './peer';
import { startRoundRobinProxy, type RoundRobinProxy } from './proxy';
import { ensureServicePackages, type Postgres, type Redis } from './services';
import { startSimulator, type Simulator } from './simulator';
import { type N8nInstance, type StartOptions } from './n8n';
import { freePort } from './processes';
import { startPostgres } from './postgres';
import { startRedis } from './redis';

export interface QueueTopology {
	main: N8nInstance;
	workers: N8nInstance[];
	webhooks: N8nInstance[];
	/** WEBHOOK_URL of every process: the proxy in front of the webhook processes */
	proxy: RoundRobinProxy;
	/** the topology's own simulator (requests carry `client`: which process sent them, when tagged) */
	sim: Simulator;
	postgres: Postgres;
	redis: Redis;
	/** "main", "worker 1", "worker 2", "webhook 1", "webhook 2" */
	nameOf(instance: N8nInstance): string;
	/** the worker whose log says it started execution `executionId` ("Worker started execution 12 (job 3)") */
	workerOf(executionId: string | number): string | undefined;
	/** "webhook 1" / "webhook 2" for a proxy backend index */
	webhookName(backend: number): string;
	/** tag only every n-th message send from now on (1 = every one, the default) */
	sampleSends(n: number): void;
	/** ms to bring everything up */
	startMs: number;
	stop(): Promise<void>;
}

export interface QueueOptions {
	/** starts one n8n process (the run's tracked startN8n: logged, stopped at the end) */
	startN8n(opts: Partial<StartOptions>): Promise<N8nInstance>;
	workers?: number;
	webhooks?: number;
	/** jobs one worker runs at once (default 1) */
	workerConcurrency?: number;
	log?: (text: string) => void;
}

/** see the top of the file */
const WORKER_DB = {
	DB_POSTGRESDB_POOL_SIZE: '10',
	DB_POSTGRESDB_CONNECTION_TIMEOUT: '60000',
	DB_PING_TIMEOUT_MS: '30000',
};

/** Which process sent a Graph request: the topology's named processes, every n-th message send only. */
class RequestTagger {
	readonly named: Array<{ name: string; pid: number }> = [];
	simPort = 0;
	private sends = 0;
	private every = 1;

	readonly tag = ({ remotePort, path }: { remotePort: number; method: string; path: string }) => {
		if (path.endsWith('/messages') && this.sends++ % this.every !== 0) return undefined;
		return clientProcess(remotePort, this.simPort, this.named) ?? 'other';
	};

	sample(n: number): void {
		this.every = Math.max(1, Math.floor(n));
		this.sends = 0;
	}
}

async function distinctFreePorts(count: number): Promise<number[]> {
	const ports: number[] = [];
	while (ports.length < count) {
		const p = await freePort();
		if (!ports.includes(p)) ports.push(p);
	}
	return ports;
}

/** What every n8n process of the topology shares: queue mode on Redis, PostgreSQL, WEBHOOK_URL the proxy. */
function queueEnv(postgres: Postgres, redis: Redis, proxy: RoundRobinProxy): Record<string, string> {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: '',
		N8N_WEBHOOK_URL: `${proxy.url}/`,
		N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
	};
}

/** Main first (it runs the database migrations the others rely on), then the workers and the webhook processes. */
async function startProcesses(opts: QueueOptions, common: Record<string, string>, workerCount: number, webhookPorts: number[]) {
	const main = await opts.startN8n({ extraEnv: common });
	const workers = await Promise.all(
		Array.from({ length: workerCount }, async () =>
			opts.startN8n({
				command: 'worker',
				commandArgs: [`--concurrency=${opts.workerConcurrency ?? 1}`],
				extraEnv: {
					...common,
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(await freePort()),
					N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
					...WORKER_DB,
				},
			}),
		),
	);
	const webhooks = await Promise.all(
		webhookPorts.map((port) => opts.startN8n({ command: 'webhook', port, extraEnv: common })),
	);
	return { main, workers, webhooks };
}

export async function startQueueTopology(opts: QueueOptions): Promise<QueueTopology> {
	const t0 = Date.now();
	const log = opts.log ?? (() => undefined);
	const workerCount = opts.workers ?? 2;
	const webhookCount = opts.webhooks ?? 2;
	ensureServicePackages();

	const tagger = new RequestTagger();
	const [postgres, redis, sim] = await Promise.all([
		startPostgres(),
		startRedis(),
		startSimulator({ port: 0, tagRequest: tagger.tag }),
	]);
	tagger.simPort = sim.port;
	log(
		`${postgres.name} on ${postgres.host}:${postgres.port}, ${redis.name} on ${redis.host}:${redis.port}, simulator ${sim.url}`,
	);

	const webhookPorts = await distinctFreePorts(webhookCount);
	const proxy = await startRoundRobinProxy(webhookPorts.map((port) => ({ port })));
	const common = queueEnv(postgres, redis, proxy);

	const stopAll: Array<() => Promise<void>> = [
		() => proxy.close(),
		() => sim.close(),
		() => redis.stop(),
		() => postgres.stop(),
	];
	const stop = async () => {
		for (const fn of stopAll.splice(0).reverse()) await fn().catch(() => undefined);
	};
	try {
		const { main, workers, webhooks } = await startProcesses(opts, common, workerCount, webhookPorts);
		for (const inst of [main, ...workers, ...webhooks]) stopAll.unshift(() => inst.stop());

		const names = new Map<N8nInstance, string>([[main, 'main']]);
		workers.forEach((w, i) => names.set(w, `worker ${i + 1}`));
		webhooks.forEach((w, i) => names.set(w, `webhook ${i + 1}`));
		for (const [inst, name] of names) tagger.named.push({ name, pid: inst.pid });

		return {
			main,
			workers,
			webhooks,
			proxy,
			sim,
			postgres,
			redis,
			nameOf: (instance) => names.get(instance) ?? 'unknown',
			workerOf(executionId) {
				const line = `Worker started execution ${executionId} (`;
				const i = workers.findIndex((w) => w.logs().includes(line));
				return i === -1 ? undefined : `worker ${i + 1}`;
			},
			webhookName: (backend) => `webhook ${backend + 1}`,
			sampleSends: (n) => tagger.sample(n),
			startMs: Date.now() - t0,
			stop,
		};
	} catch (e) {
		await stop();
		throw e;
	}
}
