/**
 * An AI agent calls the human-review tool twice in one execution (n8n 2.x `whatsAppCloudHitlTool`
 * gating a Send Text tool; the chat model is the local stand-in). The manager approves the first
 * request; while the second waits, a new tap on the first question's Approve and Meta's
 * redelivery of the first tap must not approve it — the gated tool does not run again. The
 * second question's own Decline ends the run. n8n 1.x: skipped (no HITL tools there).
 */
import assert from 'node:assert/strict';

import { buttonReply } from '../../simulator/customer';
import { sentMessage } from '../cases';
import { deployAnswerTrigger } from '../kit/trigger';
import { waitForExecution } from '../kit/executions';
import { sleep } from '../kit/workflows';
import { messageText, toolMessages } from '../../lab/openaiStandIn';
import { defineSuite, type E2EContext } from '../runner';
import { APPROVER_WA_ID, sends, SKIP_1X, type State } from '../themes/agentNodes';
import { deployReviewWorkflow, setUpAgents } from './hitlTool';

const MANAGER = { waId: APPROVER_WA_ID, name: 'Maria Manager' };

export const sendAndWaitAgentTwice = defineSuite<State | null>({
	name: 'send and wait agent twice',
	setup: (ctx) => setUpAgents(ctx, 'WhatsApp (sim, agent twice)'),
	async teardown(_ctx, s) {
		await s?.model.close();
	},
	cases: [
		{
			name: 'the agent asks twice: the first question’s tap and its redelivery do not approve the second request',
			async run(ctx: E2EContext, s: State | null) {
				if (!s) return ctx.note(SKIP_1X);
				s.model.reset();
				// Two tool calls, one after the other, then a final answer.
				s.model.setScript((body) => {
					const results = toolMessages(body);
					if (results.length >= 2) return { text: `Final: ${messageText(results[1].content)}` };
					const names = (body.tools ?? []).map((t) => t.function.name);
					const n = results.length + 1;
					return {
						toolCalls: [
							{ id: `call_twice_${n}`, name: names[0], arguments: { toolParameters: { body: `Refund ${n} is on its way.` }, hitlParameters: {} } },
						],
					};
				});
				const trigger = await deployAnswerTrigger(s.n8n, s.cred);
				const { wf } = await deployReviewWorkflow(s, 'e2e: agent asks the manager twice');
				try {
					const before = sends(s.sim).length;
					const questions = () => sends(s.sim).slice(before).filter((r) => r.body.type === 'interactive');
					const texts = () => sends(s.sim).slice(before).filter((r) => r.body.type === 'text');
					const res = await wf.call({ body: { question: 'Refund orders #1 and #2, one at a time.' } });
					assert.equal(res.status, 200, JSON.stringify(res.body));
					const waiting = await waitForExecution(s.n8n, wf.workflowId, (e) => e.status === 'waiting', 'the first review waits');
					assert.equal(questions().length, 1);
					const q1 = sentMessage(questions()[0]);

					const firstTap = JSON.stringify(buttonReply(q1, 0, MANAGER));
					assert.equal((await s.sim.postWebhook(trigger.url, JSON.parse(firstTap), { rawBody: firstTap })).status, 200);
					for (const t0 = Date.now(); questions().length < 2; await sleep(250)) {
						if (Date.now() - t0 > 90_000) throw new Error(`no second question; sends: ${JSON.stringify(sends(s.sim).slice(before).map((r) => r.body))}`);
					}
					await waitForExecution(s.n8n, wf.workflowId, (e) => e.id === waiting.id && e.status === 'waiting', 'the second review waits');
					assert.equal(texts().length, 1, 'the first request ran once approved');
					const q2 = sentMessage(questions()[1]);
					assert.notEqual(q2.id, q1.id);

					// The manager taps the first question's Approve again; Meta redelivers the first tap.
					assert.equal((await s.sim.postWebhook(trigger.url, buttonReply(q1, 0, MANAGER))).status, 200);
					assert.equal((await s.sim.postWebhook(trigger.url, JSON.parse(firstTap), { rawBody: firstTap })).status, 200);
					await sleep(3_000);
					const still = await waitForExecution(s.n8n, wf.workflowId, (e) => e.id === waiting.id, 'the execution');
					assert.equal(still.status, 'waiting', 'an earlier tap approved the second request');
					assert.equal(texts().length, 1, 'the gated tool ran for the second request without approval');

					assert.equal((await s.sim.postWebhook(trigger.url, buttonReply(q2, 1, MANAGER))).status, 200);
					const done = await waitForExecution(
						s.n8n,
						wf.workflowId,
						(e) => e.id === waiting.id && (e.status === 'success' || e.status === 'error'),
						'the execution finishes',
					);
					assert.equal(done.status, 'success', JSON.stringify(done.data?.resultData?.error ?? {}));
					assert.equal(texts().length, 1, 'the declined request ran');
					const results = s.model.toolResults();
					assert.deepEqual(results.map((r) => r.toolCallId), ['call_twice_1', 'call_twice_2']);
					assert.match(results[0].content, /wamid\./);
					assert.match(results[1].content, /User rejected the tool call/);
					ctx.log(`execution ${waiting.id}: request 1 approved and sent; Q1 re-tap and redelivery → still waiting; request 2 declined`);
				} finally {
					await wf.deactivate();
					await trigger.deactivate();
				}
			},
		},
	],
});
