/**
 * A tap approves only the question it answers, in a real n8n: the same Send and Wait node asks
 * twice in one execution (B: Webhook → Ask → Again → back into Ask, a loop). After the first
 * answer the customer taps the first question's Approve again, and Meta redelivers the first tap
 * byte for byte: neither answers the second question (the execution keeps waiting, nothing else
 * is sent); the second question's own button does. Trigger A relays every tap (see sendAndWait.ts).
 */
import assert from 'node:assert/strict';

import { buttonReply, type SentMessage } from '../../simulator/customer';
import { GRAPH_VERSION, PHONE_NUMBER_ID } from '../../simulator/fixtures';
import { assertContractValid } from '../cases';
import { defineSuite } from '../runner';
import type { Execution } from '../kit/executions';
import { askNode, setUpSendAndWait, statusOf, tearDownSendAndWait, WAIT_NODE, waitForStatus, type State } from '../kit/sendAndWait';
import { deployWebhookWorkflow, setNode, sleep, uniquePath, webhookTrigger } from '../kit/workflows';

/** Every question the simulator received since `since` requests, as the customer sees it. */
function questions(s: State, since: number): SentMessage[] {
	return s.sim
		.requests({ pathIncludes: '/messages' })
		.slice(since)
		.map((r) => {
			assertContractValid(r, `/${GRAPH_VERSION}/${PHONE_NUMBER_ID}/messages`);
			return { id: (r.response.body as { messages: Array<{ id: string }> }).messages[0].id, phoneNumberId: PHONE_NUMBER_ID, body: r.body };
		});
}

/** Waits until the simulator has `count` questions since `since` and the execution waits again. */
async function waitForQuestion(s: State, since: number, count: number, executionId: string): Promise<SentMessage[]> {
	const t0 = Date.now();
	for (;;) {
		const sent = questions(s, since);
		if (sent.length >= count && (await statusOf(s, executionId)) === 'waiting') return sent;
		if (Date.now() - t0 > 90_000) throw new Error(`expected ${count} questions and a waiting execution, got ${sent.length}`);
		await sleep(250);
	}
}

/** The outputs of Ask's runs so far (answers; the run waiting now shows the sent question). */
async function askRuns(s: State, executionId: string): Promise<Array<Record<string, unknown> | undefined>> {
	const e = await s.n8n.api<Execution>('GET', `/executions/${executionId}?includeData=true`);
	return (e.data?.resultData?.runData?.[WAIT_NODE] ?? []).map((run) => run.data?.main?.[0]?.[0]?.json);
}

export const sendAndWaitLoop = defineSuite<State>({
	name: 'send and wait loop',
	setup: (ctx) => setUpSendAndWait(ctx, 'WhatsApp (sim, send and wait loop)'),
	teardown: (_ctx, s) => tearDownSendAndWait(s),
	cases: [
		{
			name: 'the same node waiting twice: an earlier question’s tap and Meta’s redelivery do not answer the second',
			async run(ctx, s) {
				const path = uniquePath('saw-loop');
				const ask = askNode(s.cred, {
					message: 'Refund order 42?',
					responseType: 'approval',
					approvalOptions: { values: { approvalType: 'double' } },
				});
				const again = setNode('Again', { round: 'next' });
				const wf = await deployWebhookWorkflow(s.n8n, {
					name: 'e2e send and wait: B (loop)',
					nodes: [webhookTrigger(path, { responseMode: 'onReceived' }), ask, again],
					connections: {
						Webhook: { main: [[{ node: WAIT_NODE, type: 'main', index: 0 }]] },
						[WAIT_NODE]: { main: [[{ node: 'Again', type: 'main', index: 0 }]] },
						Again: { main: [[{ node: WAIT_NODE, type: 'main', index: 0 }]] },
					},
				});
				s.deployed.push(wf);
				const since = s.sim.requests({ pathIncludes: '/messages' }).length;
				const started = await wf.call({ body: { order: 42 } });
				assert.equal(started.status, 200);
				// latest() also asks the editor's list, the only one that shows a waiting execution on n8n 1.x.
				const executionId = String((await waitForStatus(s, wf, (e) => e.status === 'waiting', 'waiting')).id);
				const [q1] = await waitForQuestion(s, since, 1, executionId);

				// First answer: Approve on question 1, kept to be redelivered later.
				const firstTap = JSON.stringify(buttonReply(q1, 0));
				assert.equal((await s.sim.postWebhook(s.triggerUrl, JSON.parse(firstTap), { rawBody: firstTap })).status, 200);
				const [, q2] = await waitForQuestion(s, since, 2, executionId);
				assert.notEqual(q2.id, q1.id);

				// A new tap on question 1's Approve, then Meta's redelivery of the first tap.
				assert.equal((await s.sim.postWebhook(s.triggerUrl, buttonReply(q1, 0))).status, 200);
				assert.equal((await s.sim.postWebhook(s.triggerUrl, JSON.parse(firstTap), { rawBody: firstTap })).status, 200);
				await sleep(3_000);
				assert.equal(await statusOf(s, executionId), 'waiting');
				assert.equal(questions(s, since).length, 2, 'no third question: the second one is still open');
				const before = await askRuns(s, executionId);
				assert.equal(before.length, 2, JSON.stringify(before));
				assert.equal(before[0]?.approved, true);

				// Question 2's own Decline answers it; the loop asks a third time.
				assert.equal((await s.sim.postWebhook(s.triggerUrl, buttonReply(q2, 1))).status, 200);
				await waitForQuestion(s, since, 3, executionId);
				const after = await askRuns(s, executionId);
				assert.deepEqual(
					after.slice(0, 2).map((j) => [j?.approved, (j?.option as { value?: string } | undefined)?.value]),
					[
						[true, 'approve'],
						[false, 'decline'],
					],
				);
				ctx.log(`execution ${executionId}: Q1 approved; Q1 re-tap and redelivery → still waiting on Q2; Q2 declined`);
			},
		},
	],
});
