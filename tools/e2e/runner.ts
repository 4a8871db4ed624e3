/**
 * The tiny e2e runner's vocabulary. A suite file in tools/e2e/suites/ exports one suite:
 *
 *   export const sendText = defineSuite({
 *     name: 'send text',
 *     async setup(ctx) { const n8n = await ctx.n8n(); … return state },
 *     cases: [{ name: 'sends', async run(ctx, state) { … } }],
 *   });
 *
 * Shared resources (one n8n with the package installed, one Graph API simulator) start on
 * first use and stop at the end of the run, pass or fail.
 */
import type { N8nInstance, N8nMajor, StartOptions } from '../lab/n8n';
import type { QueueTopology } from '../lab/queue';
import type { Simulator } from '../lab/simulator';

export interface E2EContext {
	/** the shared n8n with this package installed (started on first call) */
	n8n(): Promise<N8nInstance>;
	/** an extra n8n (own env/ports), stopped at the end of the run */
	startN8n(opts?: Partial<StartOptions>): Promise<N8nInstance>;
	/** the shared Graph API simulator (started on first call) */
	simulator(): Promise<Simulator>;
	/**
	 * queue mode (`--queue` runs only): PostgreSQL, Redis, main, two workers, two webhook processes
	 * behind a round-robin proxy, and its own simulator; started on first call, stopped at the end
	 */
	queue(): Promise<QueueTopology>;
	/** a line for the closing notes printed after the summary */
	note(text: string): void;
	/** indented progress output under the current case */
	log(text: string): void;
	readonly repoDir: string;
	readonly major: N8nMajor;
}

export interface E2ECase<S> {
	name: string;
	run(ctx: E2EContext, state: S): Promise<void>;
	timeoutMs?: number;
}

export interface E2ESuite<S = unknown> {
	name: string;
	/** runs only with `--queue` (and a `--queue` run runs only these) */
	queue?: boolean;
	/** runs once before the suite's (selected) cases; its result is passed to every case */
	setup?(ctx: E2EContext): Promise<S>;
	teardown?(ctx: E2EContext, state: S): Promise<void>;
	cases: Array<E2ECase<S>>;
}

export function defineSuite<S>(suite: E2ESuite<S>): E2ESuite<S> {
	return suite;
}

export function isSuite(x: unknown): x is E2ESuite<unknown> {
	return !!x && typeof x === 'object' && typeof (x as E2ESuite).name === 'string' && Array.isArray((x as E2ESuite).cases);
}
