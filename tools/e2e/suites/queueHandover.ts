/**
 * Human handover (issue 19) in n8n's queue mode (tools/lab/queue.ts): the example's pauses live
 * in a data table, i.e. in n8n's PostgreSQL database, so a pause written by the execution of the
 * business's echo on one worker holds for the customer's message arriving on the other webhook
 * process and run by any worker. The scenario is kit/handover.ts; each step logs its worker.
 */
import { deployHandover, handoverScenario, type HandoverEnv } from '../kit/handover';
import { countBy, fmt, queueSetup, queueTeardown, type QueueState } from '../kit/queue';
import { waitLive } from '../kit/workflows';
import { defineSuite } from '../runner';

const PAUSE_MINUTES = 0.5;

export const queueHandover = defineSuite<QueueState>({
	name: 'queue mode',
	queue: true,
	setup: (ctx) => queueSetup(ctx, 'WhatsApp (sim, queue handover)'),
	teardown: (_ctx, s) => queueTeardown(s),
	cases: [
		{
			name: 'human handover: the pause written on a worker holds on every webhook process and worker (data table in PostgreSQL)',
			timeoutMs: 5 * 60_000,
			async run(ctx, s) {
				const q = s.q;
				const workers = new Set<string>();
				const env: HandoverEnv = {
					n8n: q.main,
					sim: q.sim,
					cred: s.cred,
					webhookBase: q.proxy.url,
					waitLive: async (path) => {
						for (const w of q.webhooks) await waitLive(w.url, path);
					},
					describe: (execution) => {
						const worker = q.workerOf(execution.id) ?? 'no worker';
						workers.add(worker);
						return worker;
					},
				};
				const t0 = Date.now();
				const wf = await deployHandover(env, PAUSE_MINUTES);
				s.workflows.push(wf.workflowId);
				const proxied = q.proxy.requests().length;
				const lines = await handoverScenario(env, wf);
				ctx.log(lines.join('\n'));
				const ran = [...workers].sort();
				if (!ran.every((w) => w.startsWith('worker '))) throw new Error(`an execution ran outside the workers: ${ran.join(', ')}`);
				const served = countBy(
					q.proxy
						.requests()
						.slice(proxied)
						.filter((r) => r.method === 'POST' && r.path.includes(wf.path)),
					(r) => q.webhookName(r.backend),
				);
				if (Object.keys(served).length !== q.webhooks.length) throw new Error(`deliveries did not reach every webhook process: ${fmt(served)}`);
				ctx.note(
					`queue mode, human handover: ${lines.length} steps in ${Math.round((Date.now() - t0) / 1000)} s; executions on ${ran.join(' and ')}; deliveries ${fmt(served)}`,
				);
			},
		},
	],
});
