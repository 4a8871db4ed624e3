/**
 * Usernames and business-scoped user IDs (issue 18) in a real n8n, the simulator playing Meta and
 * two customers: one who adopted a username (Meta withholds the phone number: `user_id`,
 * `from_user_id`, no `wa_id`/`from`) and one known by phone (both). The trigger's items name the
 * user (`userId`, `username`, `waId`, `recipient`), Trigger → Send Text to `{{ $json.recipient }}`
 * sends `recipient` for the first and `to` for the second, the username customer answers Send and
 * Wait, statuses of a BSUID send carry the user, and group statuses in Meta's layout give one item
 * per member.
 */
import assert from 'node:assert/strict';

import type { CustomerRequest } from '../../lab/simulator';
import type { Contact } from '../../simulator/customer';
import { assertContractValid, messagesSent } from '../cases';
import { executions, runItems, waitForExecutions, type Execution } from '../kit/executions';
import { ask, deployQuestion, outputOf, setUpSendAndWait, statusOf, tearDownSendAndWait, waitForStatus, WAIT_NODE, type State as SawState } from '../kit/sendAndWait';
import { deactivate, deployTrigger, type DeployedTrigger } from '../kit/trigger';
import {
	expectedReply,
	GROUP,
	graphSend,
	checkBsuidStatus,
	checkGroupStatuses,
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
import { sleep } from '../kit/workflows';
import { defineSuite } from '../runner';

interface State extends SawState {
	/** Trigger (separate outputs) → Send Text to {{ $json.recipient }} */
	replying: DeployedTrigger;
	/** a message the workflow sent to the username customer's BSUID */
	bsuidMessageId?: string;
}

const BSUID = String(USERNAME_CUSTOMER.userId);

/** The simulator plays the customer towards the reply workflow; returns the one execution it started. */
async function deliver(s: State, request: CustomerRequest): Promise<{ played: Played; execution: Execution }> {
	const before = (await executions(s.n8n, s.replying.workflowId, false)).length;
	const played = await play(s.sim, s.replying.url, request);
	const fresh = (await waitForExecutions(s.n8n, s.replying.workflowId, before + 1, 800)).slice(before);
	assert.equal(fresh.length, 1, `one delivery started ${fresh.length} executions`);
	return { played, execution: fresh[0] };
}

/** A text from `who`, answered by the workflow: the trigger items, the recorded send and the Reply's output. */
async function converse(s: State, who: Contact, text: string) {
	const since = messagesSent(s.sim).length;
	const { played, execution } = await deliver(s, { kind: 'text', customer: who, text });
	const messageId = String(played.messageId);
	const sends = messagesSent(s.sim, since);
	return { messageId, execution, items: triggerOutput(execution, 0), sends, output: runItems(execution, REPLY) ?? [] };
}

/** A message sent to the username customer's BSUID: case 2's reply, else one sent straight to the simulator. */
async function bsuidSend(s: State): Promise<string> {
	s.bsuidMessageId ??= await graphSend(s.sim, { recipient: BSUID });
	return s.bsuidMessageId;
}

export const usernames = defineSuite<State>({
	name: 'usernames',
	async setup(ctx) {
		const saw = await setUpSendAndWait(ctx, 'WhatsApp (sim, usernames)');
		const { nodes, connections } = replyWorkflow(saw.cred);
		const replying = await deployTrigger(saw.n8n, { name: 'e2e usernames: trigger → reply to {{ $json.recipient }}', nodes, connections });
		return { ...saw, replying };
	},
	async teardown(_ctx, s) {
		await deactivate(s.n8n, s.replying.workflowId).catch(() => undefined);
		await tearDownSendAndWait(s);
	},
	cases: [
		{
			name: "a username customer's message → one item: userId = BSUID, username, waId null, recipient = BSUID",
			async run(ctx, s) {
				const t0 = Date.now();
				const { messageId, execution, items } = await converse(s, USERNAME_CUSTOMER, 'Olá, do you ship to Lisbon?');
				assert.equal(items.length, 1, `expected one message item, got ${JSON.stringify(items)}`);
				const [item] = items;
				assert.deepEqual(identity(item), { waId: null, userId: BSUID, parentUserId: null, username: USERNAME_CUSTOMER.username, recipient: BSUID });
				assert.equal(item.message && (item.message as Record<string, unknown>).from, undefined, 'the delivery carried `from`');
				assert.deepEqual(
					{ event: item.event, messageId: item.messageId, type: item.type, text: item.text, contactName: item.contactName },
					{ event: 'message', messageId, type: 'text', text: 'Olá, do you ship to Lisbon?', contactName: USERNAME_CUSTOMER.name },
				);
				assert.deepEqual([triggerOutput(execution, 1).length, triggerOutput(execution, 2).length], [0, 0], 'statuses / other outputs');
				const fields = JSON.stringify({ ...identity(item), contactName: item.contactName });
				ctx.log(`1 delivery → execution ${execution.id}, 1 item ${fields}`);
				ctx.note(`usernames · n8n ${ctx.major}: username customer's message → 1 execution, 1 item ${fields} (${Date.now() - t0} ms)`);
			},
		},
		{
			name: 'Trigger → Send Text to {{ $json.recipient }}: `recipient` = BSUID (no `to`) for the username customer, `to` = digits (no `recipient`) for the phone customer; contract-valid',
			async run(ctx, s) {
				const lines: string[] = [];
				for (const who of [USERNAME_CUSTOMER, PHONE_CUSTOMER]) {
					const t0 = Date.now();
					const text = who.waId ? 'Hola, ¿tienen envío? 🚚' : 'Hi from a username 👋';
					const { messageId, execution, items, sends, output } = await converse(s, who, text);
					assert.equal(items.length, 1, JSON.stringify(items));
					assert.deepEqual(identity(items[0]), identityOf(who));
					assert.equal(execution.status, 'success', `execution ${execution.id}: ${JSON.stringify(execution.data?.resultData?.error ?? {})}`);
					assert.equal(sends.length, 1, `expected one send, got ${JSON.stringify(sends.map((r) => r.body))}`);
					const [sent] = sends;
					assertContractValid(sent);
					assert.deepEqual(sent.body, expectedReply(who, messageId, text));
					assert.ok(!('to' in sent.body && 'recipient' in sent.body), 'both `to` and `recipient` sent');
					const answered = (sent.response.body as { messages: Array<{ id: string }>; contacts?: unknown[] }).messages[0].id;
					assert.equal(output.length, 1, JSON.stringify(output));
					assert.equal(output[0].messageId, answered);
					if (who.waId) assert.equal(output[0].waId, who.waId);
					else {
						assert.equal(output[0].userId, who.userId, `the send output should name the BSUID: ${JSON.stringify(output[0])}`);
						s.bsuidMessageId = answered;
					}
					const body = JSON.stringify({ to: sent.body.to, recipient: sent.body.recipient });
					lines.push(`${who.waId ? 'phone' : 'username'} customer → ${body}, contract-valid, Meta answered contacts ${JSON.stringify((sent.response.body as { contacts?: unknown }).contacts)} (${Date.now() - t0} ms)`);
				}
				ctx.log(lines.join('\n'));
				ctx.note(`usernames · n8n ${ctx.major}: Trigger → Send Text to {{ $json.recipient }}:\n${lines.map((l) => `  ${l}`).join('\n')}`);
			},
		},
		{
			name: 'Send and Wait to a BSUID: the question goes to `recipient`; another user\'s tap changes nothing; the username customer\'s tap (from_user_id only) resumes it',
			timeoutMs: 3 * 60_000,
			async run(ctx, s) {
				const t0 = Date.now();
				const wf = await deployQuestion(s, 'e2e usernames: send and wait to a BSUID', {
					to: BSUID,
					message: 'Confirm the pickup at 10:00?',
					responseType: 'approval',
					approvalOptions: { values: { approvalType: 'double', approveLabel: 'Confirm', disapproveLabel: 'Cancel' } },
				});
				const { sent, executionId } = await ask(s, wf);
				assert.equal(sent.body.recipient, BSUID, JSON.stringify(sent.body));
				assert.ok(!('to' in sent.body), `the question carries \`to\`: ${JSON.stringify(sent.body)}`);
				assert.equal(sent.body.interactive?.action?.buttons?.length, 2, JSON.stringify(sent.body));

				await play(s.sim, s.triggerUrl, { kind: 'buttonReply', messageId: sent.id, index: 0, customer: OTHER_USERNAME_CUSTOMER });
				await sleep(1500);
				assert.equal(await statusOf(s, executionId), 'waiting', "another user's tap resumed the execution");

				const tap = await play(s.sim, s.triggerUrl, { kind: 'buttonReply', messageId: sent.id, index: 0, customer: 'username' });
				const tapped = tap.payload.entry[0].changes[0].value.messages?.[0] as Record<string, unknown> | undefined;
				assert.deepEqual([tapped?.from, tapped?.from_user_id], [undefined, BSUID], 'the tap should name the user by BSUID only');
				const done = await waitForStatus(s, wf, (e) => e.status === 'success', 'finished');
				assert.equal(String(done.id), executionId, 'the tap must resume the waiting execution');
				const answer = outputOf(done, WAIT_NODE);
				assert.equal(answer.length, 1, JSON.stringify(answer));
				const item = answer[0] as Record<string, unknown> & { answeredBy?: Record<string, unknown> };
				assert.deepEqual(
					{ approved: item.approved, option: item.option, timedOut: item.timedOut },
					{ approved: true, option: { index: 0, value: 'approve', title: 'Confirm' }, timedOut: false },
				);
				assert.deepEqual([item.answeredBy?.userId, item.answeredBy?.waId], [BSUID, null], `answeredBy: ${JSON.stringify(item.answeredBy)}`);
				assert.deepEqual(outputOf(done, 'After').map((j) => j.continued), ['yes']);
				ctx.log(`question ${JSON.stringify({ recipient: sent.body.recipient, to: sent.body.to })}; other user's tap → still waiting; answer → ${JSON.stringify({ approved: item.approved, answeredBy: item.answeredBy })}`);
				ctx.note(
					`usernames · n8n ${ctx.major}: Send and Wait to ${BSUID}: question with recipient (no to, contract-valid); ${OTHER_USERNAME_CUSTOMER.userId}'s tap → still waiting; ${BSUID}'s tap (from_user_id, no from) → execution ${executionId} resumed: approved ${item.approved}, answeredBy ${JSON.stringify(item.answeredBy)} (${Date.now() - t0} ms)`,
				);
			},
		},
		{
			name: "Send and Wait to a phone customer's BSUID: their tap, which names them by phone number and BSUID, resumes it",
			timeoutMs: 3 * 60_000,
			async run(ctx, s) {
				const t0 = Date.now();
				const userId = String(PHONE_CUSTOMER.userId);
				const wf = await deployQuestion(s, "e2e usernames: send and wait to a phone customer's BSUID", { to: userId, message: 'Keep the 10:00 slot?', responseType: 'approval', approvalOptions: { values: { approvalType: 'single', approveLabel: 'Keep' } } });
				const { sent, executionId } = await ask(s, wf);
				assert.deepEqual([sent.body.recipient, sent.body.to], [userId, undefined], JSON.stringify(sent.body));
				const tap = await play(s.sim, s.triggerUrl, { kind: 'buttonReply', messageId: sent.id, index: 0, customer: 'phone' });
				const tapped = tap.payload.entry[0].changes[0].value.messages?.[0] as Record<string, unknown> | undefined;
				assert.deepEqual([tapped?.from, tapped?.from_user_id], [PHONE_CUSTOMER.waId, userId]);
				const done = await waitForStatus(s, wf, (e) => e.status === 'success', 'finished');
				assert.equal(String(done.id), executionId, 'the tap must resume the waiting execution');
				const [item] = outputOf(done, WAIT_NODE) as Array<Record<string, unknown> & { answeredBy?: Record<string, unknown> }>;
				assert.deepEqual([item?.approved, item?.answeredBy?.waId, item?.answeredBy?.userId], [true, PHONE_CUSTOMER.waId, userId], JSON.stringify(item));
				ctx.note(`usernames · n8n ${ctx.major}: Send and Wait to ${userId} (a phone customer's BSUID): their tap (from ${tapped?.from}, from_user_id ${tapped?.from_user_id}) → execution ${executionId} resumed, answeredBy ${JSON.stringify(item.answeredBy)} (${Date.now() - t0} ms)`);
			},
		},
		{
			name: 'statuses of a BSUID send (recipient_user_id, contacts[] with the username on delivered/read, failed without) → items carry userId, username, recipient',
			async run(ctx, s) {
				const t0 = Date.now();
				const messageId = await bsuidSend(s);
				const got: string[] = [];
				for (const status of ['sent', 'delivered', 'read', 'failed'] as const) {
					const { played, execution } = await deliver(s, { kind: 'status', messageId, status });
					got.push(checkBsuidStatus(played, execution, messageId, status));
				}
				ctx.log(got.join('\n'));
				ctx.note(`usernames · n8n ${ctx.major}: 4 statuses of ${messageId} (sent to ${BSUID}) → 4 items:\n${got.map((l) => `  ${l}`).join('\n')} (${Date.now() - t0} ms)`);
			},
		},
		{
			name: "group statuses in Meta's layout (recipient_type group, recipient_id = group, recipient_participant_id = member): 3 members' delivered → 3 items, groupId = group, recipientId = member",
			async run(ctx, s) {
				const t0 = Date.now();
				const messageId = await graphSend(s.sim, { recipient_type: 'group', to: GROUP });
				const { played, execution } = await deliver(s, { kind: 'groupStatuses', messageId, members: MEMBERS, status: 'delivered' });
				const summary = checkGroupStatuses(played, execution, messageId);
				// The same bytes again are a redelivery: no new execution.
				const before = (await executions(s.n8n, s.replying.workflowId, false)).length;
				const again = await s.sim.postWebhook(s.replying.url, played.payload);
				assert.equal(again.status, 200, again.body);
				await sleep(2000);
				const after = (await executions(s.n8n, s.replying.workflowId, false)).length;
				assert.equal(after, before, 'a redelivery of the group statuses started an execution');
				ctx.log(`1 delivery, 3 statuses → ${summary}; redelivery → no execution`);
				ctx.note(`usernames · n8n ${ctx.major}: group statuses (Meta's layout), 3 members delivered → ${summary}; the same delivery again → no execution (${Date.now() - t0} ms)`);
			},
		},
	],
});
