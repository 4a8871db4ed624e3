/**
 * A workflow's executions through the public API: list them, wait until a number of them
 * finished, wait for one that satisfies a condition, read a node's items in one.
 */
import { type N8nInstance } from '../../lab/n8n';
import { PATIENCE_MS } from './workflows';
import { sleep } from '../../lab/processes';

type PublicApi = Pick<N8nInstance, 'api'>;

const FINISHED = ['success', 'error', 'crashed', 'canceled'];

/** The workflow's executions (the latest 250), oldest first. */
export async function executions(n8n: PublicApi, workflowId: string, includeData = true): Promise<any[]> {
	const res = await n8n.api<{ data: any[] }>('GET', `/executions?workflowId=${workflowId}&includeData=${includeData}&limit=250`);
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
export async function waitForExecutions(n8n: PublicApi, workflowId: string, count: number, options: WaitOptions | number = {}): Promise<any[]> {
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
export async function waitForExecution(n8n: PublicApi, workflowId: string, until: (execution: any) => boolean, what: string): Promise<any> {
	for (const t0 = Date.now(); ; ) {
		const { data } = await n8n.api<{ data: any[] }>('GET', `/executions?workflowId=${workflowId}&includeData=true&limit=10`);
		const found = data.find(until);
		if (found) return found;
		if (Date.now() - t0 > PATIENCE_MS) {
			throw new Error(`${what}: not reached; executions: ${JSON.stringify(data.map((e) => [e.id, e.status]))}`);
		}
		await sleep(200);
	}
}

/** Items (json) of a node's first run in an execution, output `index`; undefined if it did not run. */
export function runItems(execution: any, node: string, index = 0): any[] | undefined {
	const run = execution?.data?.resultData?.runData?.[node]?.[0];
	return run ? ((run.data?.main?.[index] ?? []) as Array<{ json: any }>).map((i) => i.json) : undefined;
}
