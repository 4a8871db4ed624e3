/**
 * A workflow's executions through the public API: list them, wait until a number of them
 * finished, wait for one that satisfies a condition, read a node's items in one.
 */
import { type N8nInstance } from '../../lab/n8n';
import { PATIENCE_MS } from './workflows';
import { sleep } from '../../lab/processes';

type PublicApi = Pick<N8nInstance, 'api'>;

const FINISHED = ['success', 'error', 'crashed', 'canceled'];

/** One item's json, as the suites read it: loose, pinned down by the assertions that read it. */
export type ItemJson = Record<string, unknown>;

/** What an execution stores about a binary (2.x keeps `bytes`; 1.x only the pretty `fileSize`). */
export interface StoredBinary {
	mimeType?: string;
	fileName?: string;
	fileExtension?: string;
	fileType?: string;
	fileSize?: string;
	bytes?: number;
	[key: string]: unknown;
}

/** An item a node emitted: its json and, for files, its binary properties. */
export interface RunItem {
	json: ItemJson;
	binary?: Record<string, StoredBinary>;
}

/** An error n8n recorded on an execution or a node's run. */
export interface ExecutionError {
	message?: string;
	description?: string;
	node?: { name?: string };
	[key: string]: unknown;
}

/** One run of a node in an execution's run data. */
export interface NodeRun {
	/** items per connection type (`main`, `ai_tool` …), per output */
	data?: Record<string, Array<RunItem[] | null>>;
	error?: ExecutionError;
	[key: string]: unknown;
}

/** What the suites read of an n8n execution (public API, or the editor's REST list without data). */
export interface Execution {
	id: string;
	status: string;
	finished?: boolean;
	mode?: string;
	workflowId?: string;
	startedAt: string;
	stoppedAt?: string | null;
	/** there when read with includeData, as every reader of it does; absent in plain lists */
	data: {
		resultData: {
			runData: Record<string, NodeRun[]>;
			error?: ExecutionError;
			lastNodeExecuted?: string;
		};
		[key: string]: unknown;
	};
	[key: string]: unknown;
}

/** The workflow's executions (the latest 250), oldest first. */
export async function executions(n8n: PublicApi, workflowId: string, includeData = true): Promise<Execution[]> {
	const res = await n8n.api<{ data: Execution[] }>('GET', `/executions?workflowId=${workflowId}&includeData=${includeData}&limit=250`);
	return res.data.sort((a, b) => Number(a.id) - Number(b.id));
}

export interface WaitOptions {
	/** how long to keep looking after `count` finished, to catch extra executions (1.5 s) */
	settleMs?: number;
	timeoutMs?: number;
	includeData?: boolean;
}

/**
 * Waits until the workflow has at least `count` executions, all finished, then `settleMs` more to
 * catch extra ones; returns them all, oldest first. A number is `settleMs`.
 */
export async function waitForExecutions(n8n: PublicApi, workflowId: string, count: number, options: WaitOptions | number = {}): Promise<Execution[]> {
	const opts = typeof options === 'number' ? { settleMs: options } : options;
	const timeoutMs = opts.timeoutMs ?? PATIENCE_MS;
	const t0 = Date.now();
	for (;;) {
		const all = await executions(n8n, workflowId, false);
		const done = all.filter((e) => e.finished || FINISHED.includes(e.status));
		if (done.length >= count && done.length === all.length) {
			await sleep(opts.settleMs ?? 1500);
			return await executions(n8n, workflowId, opts.includeData ?? true);
		}
		if (Date.now() - t0 > timeoutMs) {
			throw new Error(`expected ${count} executions of ${workflowId}, have ${all.length} (${done.length} finished) after ${timeoutMs / 1000} s`);
		}
		await sleep(150);
	}
}

/** Polls the workflow's executions until one satisfies `until`; `what` names it in the error. */
export async function waitForExecution(n8n: PublicApi, workflowId: string, until: (execution: Execution) => boolean, what: string): Promise<Execution> {
	for (const t0 = Date.now(); ; ) {
		const { data } = await n8n.api<{ data: Execution[] }>('GET', `/executions?workflowId=${workflowId}&includeData=true&limit=10`);
		const found = data.find(until);
		if (found) return found;
		if (Date.now() - t0 > PATIENCE_MS) {
			throw new Error(`${what}: not reached; executions: ${JSON.stringify(data.map((e) => [e.id, e.status]))}`);
		}
		await sleep(200);
	}
}

/** Items (json) of a node's first run in an execution, output `index`; undefined if it did not run. */
export function runItems(execution: Execution | undefined, node: string, index = 0): ItemJson[] | undefined {
	const run = execution?.data?.resultData?.runData?.[node]?.[0];
	return run ? (run.data?.main?.[index] ?? []).map((i) => i.json) : undefined;
}
