/**
 * The package in n8n's queue mode (`npm run test:e2e -- --queue`, topology in tools/lab/queue.ts):
 * PostgreSQL, Redis, one main, two workers, two webhook processes behind a round-robin proxy
 * (WEBHOOK_URL). Each case says which process served each step: the proxy records which webhook
 * process answered every delivery, the workers' logs which worker ran each execution ("Worker
 * started execution N"), and the simulator which process sent each Graph request (tools/lab/peer.ts).
 * This file: activation, deliveries over both webhook processes, the reply from the worker, a
 * redelivery on the other webhook process; bulk sending and Send and Wait have files of their own.
 */
import assert from 'node:assert/strict';

import { CUSTOMER_WA_ID, GRAPH_VERSION, PHONE_NUMBER_ID, WABA_ID } from '../../simulator/fixtures';
import { waNode } from '../cases';
import { noOp, sleep, type WorkflowNode } from '../kit/workflows';
import { defineSuite } from '../runner';
import { executions, runItems, waitForExecutions } from '../kit/executions';
import { TRIGGER } from '../kit/trigger';
import { countBy, deliver, deploy, fmt, incoming, queueSetup, queueTeardown, queueTrigger, type QueueDeployed, type QueueState } from '../kit/queue';

interface State extends QueueState {
	/** Trigger (WABA Override) → Reply */
	replying?: QueueDeployed;
}

const REPLY = 'Reply';
const DEDUPE = 'Remove Duplicates';
const DOWNSTREAM = 'Downstream';
const DISCARDED = 'Discarded';

export const queue = defineSuite<State>({
	name: 'queue mode',
	queue: true,
	setup: (ctx) => queueSetup(ctx, 'WhatsApp (sim, queue)'),
	teardown: (_ctx, s) => queueTeardown(s),
	cases: [
		{
			name: 'activation runs on main: it subscribes the WABA to the proxy URL; the handshake reaches a webhook process',
			async run(ctx, s) {
				const trig = queueTrigger(s.cred, 'wabaOverride');
				const reply = waNode(
					s.cred,
					{
						resource: 'message',
						operation: 'sendText',
						phoneNumberId: { __rl: true, mode: 'id', value: '={{ $json.phoneNumberId }}' },
						to: '={{ $json.waId }}',
						body: '=You said: {{ $json.text }}',
						options: { replyTo: '={{ $json.messageId }}' },
					},
					REPLY,
				);
				const proxied = s.q.proxy.requests().length;
				s.replying = await deploy(s, 'e2e queue: trigger → reply', [trig, reply]);
				const graph = s.q.sim.requests({ pathIncludes: `/${WABA_ID}/subscribed_apps` });
				const post = graph.find((r) => r.method === 'POST');
				assert.ok(post, 'no POST /subscribed_apps on activation');
				assert.equal(post.response.status, 200, JSON.stringify(post.response.body));
				assert.ok(post.contract.valid, JSON.stringify(post.contract.errors));
				assert.equal(
					post.body.override_callback_uri,
					s.replying.url,
					'Meta must be given the URL behind the proxy (WEBHOOK_URL)',
				);
				const callers = graph.map(
					(r) => `${r.method} ${r.path.replace(`/${GRAPH_VERSION}`, '')} → ${r.response.status} from ${r.client}`,
				);
				ctx.log(`Graph calls on activation: ${callers.join('; ')}`);
				assert.deepEqual(
					[...new Set(graph.map((r) => r.client))],
					['main'],
					'activation Graph calls must come from main',
				);
				const handshake = s.q.proxy
					.requests()
					.slice(proxied)
					.filter((r) => r.method === 'GET' && r.path.startsWith(`/webhook/${s.replying!.path}?`));
				assert.equal(
					handshake.length,
					1,
					`expected the simulator's one verification GET through the proxy, got ${handshake.length}`,
				);
				assert.equal(handshake[0].status, 200);
				ctx.note(
					`queue · activation: on main (${callers.join('; ')}); override_callback_uri = ${post.body.override_callback_uri} (the proxy); Meta's verification GET → ${s.q.webhookName(handshake[0].backend)} → 200`,
				);
			},
		},
		{
			name: "Meta's signed POSTs alternate over both webhook processes; every execution runs on a worker",
			timeoutMs: 3 * 60_000,
			async run(ctx, s) {
				assert.ok(s.replying, 'needs the activated trigger');
				const wf = s.replying;
				const before = (await executions(s.q.main, wf.workflowId, false)).length;
				const tag = `q-spread-${Date.now()}`;
				const served = [];
				for (let i = 1; i <= 6; i++) served.push(await deliver(s, wf, incoming(`wamid.${tag}.${i}`, `message ${i}`)));
				const execs = (await waitForExecutions(s.q.main, wf.workflowId, before + 6)).slice(before);
				assert.equal(execs.length, 6, `6 deliveries → ${execs.length} executions`);
				const byWebhook = countBy(served, (r) => s.q.webhookName(r.backend));
				const runs = execs.map((e) => ({
					id: e.id,
					worker: s.q.workerOf(e.id) ?? 'not a worker',
					status: e.status,
					text: runItems(e, TRIGGER)?.[0]?.text,
				}));
				ctx.log(`deliveries: ${served.map((r, i) => `#${i + 1} → ${s.q.webhookName(r.backend)}`).join(', ')}`);
				ctx.log(`executions: ${runs.map((r) => `${r.id} "${r.text}" on ${r.worker} (${r.status})`).join('; ')}`);
				assert.deepEqual(byWebhook, { 'webhook 1': 3, 'webhook 2': 3 });
				assert.deepEqual(
					runs.map((r) => r.text).sort(),
					[1, 2, 3, 4, 5, 6].map((i) => `message ${i}`),
				);
				assert.ok(
					runs.every((r) => r.status === 'success'),
					JSON.stringify(runs),
				);
				assert.ok(
					runs.every((r) => r.worker.startsWith('worker ')),
					`executions not started by a worker: ${JSON.stringify(runs)}`,
				);
				assert.ok(!s.q.main.logs().includes('Worker started execution'), 'main ran a job');
				ctx.note(
					`queue · 6 signed deliveries through the proxy → ${fmt(byWebhook)}; 6 executions → ${fmt(countBy(runs, (r) => r.worker))} (from the workers' "Worker started execution" lines), all success`,
				);
			},
		},
		{
			name: 'Trigger → Send Text: the reply leaves from the worker that ran the execution',
			async run(ctx, s) {
				assert.ok(s.replying, 'needs the activated trigger');
				const wf = s.replying;
				const before = (await executions(s.q.main, wf.workflowId, false)).length;
				const sent = s.q.sim.requests({ method: 'POST', pathIncludes: '/messages' }).length;
				const served = await deliver(s, wf, incoming('wamid.q-reply.1', 'Hola, ¿tienen envío? 🚚'));
				const [execution] = (await waitForExecutions(s.q.main, wf.workflowId, before + 1)).slice(before);
				assert.equal(execution.status, 'success', JSON.stringify(execution.data?.resultData?.error ?? {}));
				const replies = s.q.sim.requests({ method: 'POST', pathIncludes: '/messages' }).slice(sent);
				assert.equal(replies.length, 1, `${replies.length} /messages requests`);
				const [req] = replies;
				assert.equal(req.path, `/${GRAPH_VERSION}/${PHONE_NUMBER_ID}/messages`);
				assert.ok(req.contract.valid, JSON.stringify(req.contract.errors));
				assert.deepEqual(req.body, {
					messaging_product: 'whatsapp',
					recipient_type: 'individual',
					to: CUSTOMER_WA_ID,
					type: 'text',
					text: { body: 'You said: Hola, ¿tienen envío? 🚚', preview_url: false },
					context: { message_id: 'wamid.q-reply.1' },
				});
				const worker = s.q.workerOf(execution.id);
				assert.ok(worker, `execution ${execution.id} not started by a worker`);
				assert.equal(req.client, worker, 'the reply was not sent by the worker that ran the execution');
				assert.equal(
					runItems(execution, REPLY)?.[0]?.messageId,
					(req.response.body as { messages: Array<{ id: string }> }).messages[0].id,
				);
				ctx.note(
					`queue · Trigger → Send Text: delivery → ${s.q.webhookName(served.backend)}, execution ${execution.id} on ${worker}, reply POST /${PHONE_NUMBER_ID}/messages sent by ${req.client} → 200 (contract-valid)`,
				);
			},
		},
		{
			name: 'a redelivery landing on the other webhook process: the trigger emits it again (2 executions), Remove Duplicates on dedupeKey discards it',
			timeoutMs: 3 * 60_000,
			async run(ctx, s) {
				const trig = queueTrigger(s.cred, 'none');
				const dedupe: WorkflowNode = {
					name: DEDUPE,
					type: 'n8n-nodes-base.removeDuplicates',
					typeVersion: 2,
					parameters: {
						operation: 'removeItemsSeenInPreviousExecutions',
						logic: 'removeItemsWithAlreadySeenKeyValues',
						dedupeValue: '={{ $json.dedupeKey }}',
						options: {},
					},
				};
				const wf = await deploy(
					s,
					'e2e queue: redelivery + Remove Duplicates',
					[trig, dedupe, noOp(DOWNSTREAM), noOp(DISCARDED)],
					{
						[TRIGGER]: { main: [[{ node: DEDUPE, type: 'main', index: 0 }]] },
						[DEDUPE]: {
							main: [[{ node: DOWNSTREAM, type: 'main', index: 0 }], [{ node: DISCARDED, type: 'main', index: 0 }]],
						},
					},
				);
				const messageId = `wamid.q-redeliver-${Date.now()}`;
				const event = incoming(messageId, 'once only');
				const first = await deliver(s, wf, event, 0);
				await waitForExecutions(s.q.main, wf.workflowId, 1);
				const sameProcess = await deliver(s, wf, event, 0);
				await sleep(2000);
				assert.equal(
					(await executions(s.q.main, wf.workflowId, false)).length,
					1,
					'the same webhook process should drop its own repeat',
				);
				const otherProcess = await deliver(s, wf, event, 1);
				const execs = await waitForExecutions(s.q.main, wf.workflowId, 2, { settleMs: 2500 });
				const lines = execs.map(
					(e) =>
						`trigger ${runItems(e, TRIGGER)?.length ?? '-'} → ${DEDUPE} kept ${runItems(e, DEDUPE, 0)?.length ?? '-'}, discarded ${runItems(e, DEDUPE, 1)?.length ?? '-'} → ${DOWNSTREAM} ${runItems(e, DOWNSTREAM) === undefined ? 'did not run' : runItems(e, DOWNSTREAM)!.length} (${e.status})`,
				);
				const where = [first, sameProcess, otherProcess].map((r) => s.q.webhookName(r.backend));
				ctx.log(
					`deliveries → ${where.join(', ')}; executions: ${execs.map((e, i) => `${e.id} on ${s.q.workerOf(e.id)}: ${lines[i]}`).join('; ')}`,
				);
				assert.deepEqual(where, ['webhook 1', 'webhook 1', 'webhook 2']);
				assert.deepEqual(lines, [
					`trigger 1 → ${DEDUPE} kept 1, discarded 0 → ${DOWNSTREAM} 1 (success)`,
					`trigger 1 → ${DEDUPE} kept 0, discarded 1 → ${DOWNSTREAM} did not run (success)`,
				]);
				assert.deepEqual(
					execs.map((e) => runItems(e, TRIGGER)?.[0]?.dedupeKey),
					[0, 1].map(() => `message|["${PHONE_NUMBER_ID}","${messageId}","text"]`),
				);
				ctx.note(
					`queue · redelivery: #1 → ${where[0]} (execution: kept 1); the same event again → ${where[1]}: dropped by that process's memory (no execution); again → ${where[2]}: the trigger emits it (2nd execution), Remove Duplicates (dedupeKey, in PostgreSQL) discards it, ${DOWNSTREAM} did not run`,
				);
			},
		},
	],
});
