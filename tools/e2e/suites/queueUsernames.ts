/**
 * Usernames and business-scoped user IDs (issue 18) in n8n's queue mode (tools/lab/queue.ts): a
 * username customer's message reaches a webhook process through the proxy and becomes one item on
 * a worker, whose Send Text to `{{ $json.recipient }}` sends `recipient` (a phone customer: `to`);
 * Send and Wait to a BSUID asks from a worker and the username customer's tap resumes it.
 */
import assert from 'node:assert/strict';

import { assertContractValid, messagesSent, sentMessage } from '../cases';
import { executions, runItems, waitForExecution, waitForExecutions, type Execution } from '../kit/executions';
import { deploy, queueSetup, queueTeardown, queueTrigger, type QueueDeployed, type QueueState } from '../kit/queue';
import { askNode, outputOf, WAIT_NODE } from '../kit/sendAndWait';
import type { CustomerRequest } from '../../lab/simulator';
import {
	checkBsuidStatus,
	checkGroupStatuses,
	expectedReply,
	graphSend,
	GROUP,
	identity,
	identityOf,
	MEMBERS,
	OTHER_USERNAME_CUSTOMER,
	PHONE_CUSTOMER,
	play,
	type Played,
	replyWorkflow,
	REPLY,
	triggerOutput,
	USERNAME_CUSTOMER,
} from '../kit/usernames';
import { setNode, sleep, uniquePath, webhookTrigger } from '../kit/workflows';
import { defineSuite } from '../runner';

interface State extends QueueState {
	replying?: QueueDeployed;
}

const BSUID = String(USERNAME_CUSTOMER.userId);

/** Trigger (separate outputs) → Send Text to {{ $json.recipient }}, deployed once. */
async function replying(s: State): Promise<QueueDeployed> {
	if (!s.replying) {
		const { nodes, connections } = replyWorkflow(s.cred, { typeVersion: 1.1 });
		s.replying = await deploy(s, 'e2e queue: usernames trigger → reply to {{ $json.recipient }}', nodes, connections);
	}
	return s.replying;
}

/** The simulator plays the customer through the proxy; returns the execution it started and the worker that ran it. */
async function deliverQueued(s: State, request: CustomerRequest): Promise<{ played: Played; execution: Execution; worker: string }> {
	const wf = await replying(s);
	const before = (await executions(s.q.main, wf.workflowId, false)).length;
	const played = await play(s.q.sim, wf.url, request);
	const fresh = (await waitForExecutions(s.q.main, wf.workflowId, before + 1)).slice(before);
	assert.equal(fresh.length, 1, `one delivery started ${fresh.length} executions`);
	const worker = s.q.workerOf(fresh[0].id);
	assert.ok(worker?.startsWith('worker '), `execution ${fresh[0].id} not run by a worker`);
	return { played, execution: fresh[0], worker: String(worker) };
}

export const queueUsernames = defineSuite<State>({
	name: 'queue mode',
	queue: true,
	setup: (ctx) => queueSetup(ctx, 'WhatsApp (sim, queue usernames)'),
	teardown: (_ctx, s) => queueTeardown(s),
	cases: [
		{
			name: "usernames: a username customer's message → one item on a worker (userId, username, waId null, recipient = BSUID); its Send Text to {{ $json.recipient }} sends `recipient`, a phone customer's `to`",
			timeoutMs: 4 * 60_000,
			async run(ctx, s) {
				const q = s.q;
				q.sampleSends(1);
				const lines: string[] = [];
				for (const who of [USERNAME_CUSTOMER, PHONE_CUSTOMER]) {
					const t0 = Date.now();
					const text = who.waId ? 'Hola, ¿tienen envío? 🚚' : 'Hi from a username 👋';
					const since = messagesSent(q.sim).length;
					const proxied = q.proxy.requests().length;
					const { played, execution, worker } = await deliverQueued(s, { kind: 'text', customer: who, text });
					const messageId = String(played.messageId);
					const served = q.proxy.requests().slice(proxied).filter((r) => r.method === 'POST');
					assert.equal(served.length, 1, `proxied POSTs: ${served.length}`);
					const items = triggerOutput(execution, 0);
					assert.equal(items.length, 1, JSON.stringify(items));
					assert.deepEqual(identity(items[0]), identityOf(who));
					assert.equal(execution.status, 'success', `execution ${execution.id}: ${JSON.stringify(execution.data?.resultData?.error ?? {})}`);
					const sends = messagesSent(q.sim, since);
					assert.equal(sends.length, 1, `expected one send, got ${JSON.stringify(sends.map((r) => r.body))}`);
					const [sent] = sends;
					assertContractValid(sent);
					assert.deepEqual(sent.body, expectedReply(who, messageId, text));
					assert.equal(sent.client, worker, 'the reply was not sent by the worker that ran the execution');
					const output = runItems(execution, REPLY) ?? [];
					assert.equal(output[0]?.messageId, (sent.response.body as { messages: Array<{ id: string }> }).messages[0].id);
					lines.push(
						`${who.waId ? 'phone' : 'username'} customer: delivery → ${q.webhookName(served[0].backend)}, execution ${execution.id} on ${worker}, item ${JSON.stringify(identity(items[0]))}, send ${JSON.stringify({ to: sent.body.to, recipient: sent.body.recipient })} from ${sent.client} (contract-valid) (${Date.now() - t0} ms)`,
					);
				}
				ctx.log(lines.join('\n'));
				ctx.note(`queue · usernames, Trigger → Send Text to {{ $json.recipient }}:\n${lines.map((l) => `  ${l}`).join('\n')}`);
			},
		},
		{
			name: "usernames: Send and Wait to a BSUID: the question (`recipient`) leaves from a worker; another user's tap changes nothing; the username customer's tap through the proxy resumes it on a worker",
			timeoutMs: 4 * 60_000,
			async run(ctx, s) {
				const q = s.q;
				q.sampleSends(1);
				const t0 = Date.now();
				const answers = await deploy(s, 'e2e queue: usernames send and wait A (trigger)', [queueTrigger(s.cred, 'none')]);
				const ask = askNode(s.cred, {
					to: BSUID,
					message: 'Confirm the pickup at 10:00?',
					responseType: 'approval',
					approvalOptions: { values: { approvalType: 'double', approveLabel: 'Confirm', disapproveLabel: 'Cancel' } },
				});
				const wf = await deploy(s, 'e2e queue: usernames send and wait B', [webhookTrigger(uniquePath('queue-saw-bsuid'), { responseMode: 'onReceived' }), ask, setNode('After', { continued: 'yes' })]);
				const since = messagesSent(q.sim).length;
				const started = await fetch(wf.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
				assert.equal(started.status, 200, await started.text());
				const waiting = await waitForExecution(q.main, wf.workflowId, (e) => e.status === 'waiting', 'B waiting');
				const executionId = String(waiting.id);
				const asked = messagesSent(q.sim, since);
				assert.equal(asked.length, 1, `expected one question, got ${asked.length}`);
				const [question] = asked;
				assertContractValid(question);
				assert.equal(question.body.recipient, BSUID, JSON.stringify(question.body));
				assert.ok(!('to' in question.body), `the question carries \`to\`: ${JSON.stringify(question.body)}`);
				const askedBy = question.client;
				assert.ok(askedBy?.startsWith('worker '), `the question was sent by ${askedBy}`);
				const sent = sentMessage(question);

				await play(q.sim, answers.url, { kind: 'buttonReply', messageId: sent.id, index: 0, customer: OTHER_USERNAME_CUSTOMER });
				await sleep(2000);
				const still = await q.main.api<{ status: string }>('GET', `/executions/${executionId}`);
				assert.equal(still.status, 'waiting', "another user's tap resumed the execution");

				const proxied = q.proxy.requests().length;
				await play(q.sim, answers.url, { kind: 'buttonReply', messageId: sent.id, index: 0, customer: 'username' });
				const done = await waitForExecution(q.main, wf.workflowId, (e) => String(e.id) === executionId && e.status === 'success', 'B resumed');
				const hops = q.proxy
					.requests()
					.slice(proxied)
					.map((r) => `${r.method} ${r.path.split('?')[0].replace(/\/[^/]{20,}$/, '/…')} → ${q.webhookName(r.backend)} → ${r.status}`);
				const answer = outputOf(done, WAIT_NODE);
				assert.equal(answer.length, 1, JSON.stringify(answer));
				const item = answer[0] as Record<string, unknown> & { answeredBy?: Record<string, unknown> };
				assert.deepEqual(
					{ approved: item.approved, option: item.option },
					{ approved: true, option: { index: 0, value: 'approve', title: 'Confirm' } },
				);
				assert.deepEqual([item.answeredBy?.userId, item.answeredBy?.waId], [BSUID, null], `answeredBy: ${JSON.stringify(item.answeredBy)}`);
				assert.deepEqual(outputOf(done, 'After').map((j) => j.continued), ['yes']);
				const jobs = q.workers
					.flatMap((w) => [...w.logs().matchAll(new RegExp(`Worker started execution ${executionId} \\(job (\\d+)\\)`, 'g'))].map((m) => ({ job: Number(m[1]), worker: q.nameOf(w) })))
					.sort((a, b) => a.job - b.job)
					.map((j) => `${j.worker} (job ${j.job})`);
				assert.equal(jobs.length, 2, `jobs of execution ${executionId}: ${jobs.join(', ')}`);
				const line = `question to ${BSUID} (recipient, contract-valid) sent by ${askedBy}; ${OTHER_USERNAME_CUSTOMER.userId}'s tap → still waiting; ${BSUID}'s tap: ${hops.join('; ')}; execution ${executionId} ran as ${jobs.join(' then ')}, answeredBy ${JSON.stringify(item.answeredBy)} (${Date.now() - t0} ms)`;
				ctx.log(line);
				ctx.note(`queue · usernames, Send and Wait to a BSUID: ${line}`);
			},
		},
		{
			name: "usernames: statuses of a BSUID send name the user, group statuses in Meta's layout give one item per member, on workers",
			timeoutMs: 4 * 60_000,
			async run(ctx, s) {
				const t0 = Date.now();
				const messageId = await graphSend(s.q.sim, { recipient: BSUID });
				const lines: string[] = [];
				for (const status of ['sent', 'delivered', 'read', 'failed'] as const) {
					const { played, execution, worker } = await deliverQueued(s, { kind: 'status', messageId, status });
					lines.push(`${checkBsuidStatus(played, execution, messageId, status)} (execution ${execution.id} on ${worker})`);
				}
				const groupMessage = await graphSend(s.q.sim, { recipient_type: 'group', to: GROUP });
				const group = await deliverQueued(s, { kind: 'groupStatuses', messageId: groupMessage, members: MEMBERS, status: 'delivered' });
				lines.push(`group statuses, 3 members delivered → ${checkGroupStatuses(group.played, group.execution, groupMessage)} (execution ${group.execution.id} on ${group.worker})`);
				ctx.log(lines.join('\n'));
				ctx.note(`queue · usernames, statuses (${Date.now() - t0} ms):\n${lines.map((l) => `  ${l}`).join('\n')}`);
			},
		},
	],
});
