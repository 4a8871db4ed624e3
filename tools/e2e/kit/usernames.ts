/**
 * Usernames and business-scoped user IDs (BSUIDs) in the e2e suites. The simulator plays the two
 * customers (tools/simulator/customer.ts): the username customer, whose webhooks carry `user_id`,
 * `from_user_id` and `profile.username` and no phone number, and the phone customer (`wa_id`/`from`
 * and the BSUID). `play` has the simulator build the delivery (Simulator.customer), checks it
 * against Meta's webhook contract as extended for usernames, and posts it signed. Also here: the
 * Trigger → Send Text workflow that answers `{{ $json.recipient }}` and what its items must say.
 */
import assert from 'node:assert/strict';

import { validateWebhook } from '../../contract/validate';
import type { Contact } from '../../simulator/customer';
import type { CustomerRequest, Simulator } from '../../lab/simulator';
import { waNode } from '../cases';
import { GRAPH_VERSION, PHONE_NUMBER_ID, TOKENS } from '../../simulator/fixtures';
import type { CredentialRef } from './credential';
import { runItems, type Execution, type ItemJson } from './executions';
import { TRIGGER, triggerNode } from './trigger';
import { noOp, type WorkflowNode } from './workflows';

import { USERNAME_CUSTOMER } from '../../simulator/customer';

export { CUSTOMER as PHONE_CUSTOMER, USERNAME_CUSTOMER } from '../../simulator/customer';

/** Another username customer: their taps must not answer the first one's question. */
export const OTHER_USERNAME_CUSTOMER: Contact = { name: 'Bo Chen', userId: 'US.99001122334455667788', username: 'bo.c' };

/** A group the business posted to, and three members known by phone (Meta: `recipient_participant_id`). */
export const GROUP = 'Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD';
export const MEMBERS: Contact[] = ['15550004001', '15550004002', '15550004003'].map((waId, i) => ({ name: `Member ${i + 1}`, waId, userId: `US.4000${waId}` }));

export const REPLY = 'Reply';
export const STATUSES = 'Statuses';
export const OTHER = 'Other';

/** A delivery the simulator built, with the one message in it (for its id). */
export interface Played {
	payload: { entry: Array<{ changes: Array<{ value: { messages?: Array<{ id: string }> } }> }> };
	messageId?: string;
}

/**
 * The simulator plays the customer: builds Meta's delivery for `request`, which must be valid
 * under the webhook contract, and posts it signed to `url`; the trigger must answer 200.
 */
export async function play(sim: Pick<Simulator, 'customer' | 'postWebhook'>, url: string, request: CustomerRequest): Promise<Played> {
	const { payload } = (await sim.customer(request)) as { payload: Played['payload'] };
	const check = validateWebhook(payload);
	assert.ok(check.valid, `the simulator's ${request.kind} delivery breaks the webhook contract: ${check.errors.join('; ')}\n${JSON.stringify(payload)}`);
	const res = await sim.postWebhook(url, payload);
	assert.equal(res.status, 200, `the trigger answered ${res.status} ${res.body}`);
	return { payload, messageId: payload.entry[0]?.changes[0]?.value.messages?.[0]?.id };
}

/**
 * A message sent straight to the simulator's Graph API, as any API client would (`to` a group with
 * `recipient_type: "group"`, or `recipient` a BSUID): the sent message statuses can then report on.
 */
export async function graphSend(sim: Pick<Simulator, 'url'>, addressee: Record<string, string>): Promise<string> {
	const res = await fetch(`${sim.url}/${GRAPH_VERSION}/${PHONE_NUMBER_ID}/messages`, {
		method: 'POST',
		headers: { authorization: `Bearer ${TOKENS.valid}`, 'content-type': 'application/json' },
		body: JSON.stringify({ messaging_product: 'whatsapp', recipient_type: 'individual', ...addressee, type: 'text', text: { body: 'Your order shipped.' } }),
	});
	const body = (await res.json()) as { messages?: Array<{ id: string }> };
	assert.equal(res.status, 200, `the simulator refused the send: ${JSON.stringify(body)}`);
	return String(body.messages?.[0]?.id);
}

/** The identifier to answer `who` with: the phone number when Meta gives one, else the BSUID. */
export const recipientOf = (who: Contact): string => who.waId ?? String(who.userId);

/**
 * Trigger (separate outputs) → messages: Send Text to `{{ $json.recipient }}` quoting the text;
 * statuses and other events land in No Operation nodes.
 */
export function replyWorkflow(cred: CredentialRef, trigger: Partial<WorkflowNode> = {}) {
	const trig = triggerNode(cred, { events: ['messages', 'statuses', 'other'], outputMode: 'separate' }, trigger);
	const reply = waNode(
		cred,
		{
			resource: 'message',
			operation: 'sendText',
			phoneNumberId: { __rl: true, mode: 'id', value: '={{ $json.phoneNumberId }}' },
			to: '={{ $json.recipient }}',
			body: '=You said: {{ $json.text }}',
			options: { replyTo: '={{ $json.messageId }}' },
		},
		REPLY,
	);
	const nodes = [trig, reply, noOp(STATUSES), noOp(OTHER)];
	const connections = {
		[TRIGGER]: {
			main: [[{ node: REPLY, type: 'main', index: 0 }], [{ node: STATUSES, type: 'main', index: 0 }], [{ node: OTHER, type: 'main', index: 0 }]],
		},
	};
	return { nodes, connections };
}

/** The exact body Send Text must record for the reply to message `messageId` (text `text`) from `who`. */
export function expectedReply(who: Contact, messageId: string, text: string): Record<string, unknown> {
	return {
		messaging_product: 'whatsapp',
		recipient_type: 'individual',
		...(who.waId ? { to: who.waId } : { recipient: who.userId }),
		type: 'text',
		text: { body: `You said: ${text}`, preview_url: false },
		context: { message_id: messageId },
	};
}

/** The trigger's items on output `index` (0 messages, 1 statuses, 2 other) of an execution. */
export function triggerOutput(execution: Execution | undefined, index: number): ItemJson[] {
	const items = runItems(execution, TRIGGER, index);
	assert.ok(items, `the trigger did not run in execution ${execution?.id}`);
	return items;
}

/** The identity fields of an item, for one deepEqual per item. */
export const identity = (item: ItemJson) => ({
	waId: item.waId,
	userId: item.userId,
	parentUserId: item.parentUserId,
	username: item.username,
	recipient: item.recipient,
});

/** What identity() must give for a message from `who` (or a status with the username shown). */
export const identityOf = (who: Contact, withUsername = true) => ({
	waId: who.waId ?? null,
	userId: who.userId,
	parentUserId: who.parentUserId ?? null,
	username: (withUsername && who.username) || null,
	recipient: recipientOf(who),
});

type StatusValue = { statuses: Array<Record<string, unknown>>; contacts?: unknown[] };
const statusValue = (played: Played) => played.payload.entry[0].changes[0].value as unknown as StatusValue;

/**
 * One status of a message sent to the username customer's BSUID: the simulator sent it as Meta
 * does (`recipient_user_id`, no `recipient_id`, `contacts[]` except when failed) and the trigger
 * made one status item naming the user (the username on delivered and read). Returns a line.
 */
export function checkBsuidStatus(played: Played, execution: Execution, messageId: string, status: 'sent' | 'delivered' | 'read' | 'failed'): string {
	const value = statusValue(played);
	assert.deepEqual(
		[value.statuses[0].recipient_user_id, value.statuses[0].recipient_id, value.contacts?.length ?? 0],
		[USERNAME_CUSTOMER.userId, undefined, status === 'failed' ? 0 : 1],
		`the simulator's ${status} status of a BSUID send`,
	);
	assert.equal(triggerOutput(execution, 0).length, 0, 'a status became a message item');
	const items = triggerOutput(execution, 1);
	assert.equal(items.length, 1, `${status}: ${JSON.stringify(items)}`);
	const [item] = items;
	assert.deepEqual(
		{ statusId: item.statusId, status: item.status, ...identity(item) },
		{ statusId: messageId, status, ...identityOf(USERNAME_CUSTOMER, status === 'delivered' || status === 'read') },
		`${status} status item`,
	);
	return `${item.status}: ${JSON.stringify(identity(item))}`;
}

/**
 * The statuses of one group message for MEMBERS: the simulator sent them in Meta's layout and the
 * trigger made one item per member (groupId = the group, recipientId = the member, own dedupe key).
 * Returns a summary.
 */
export function checkGroupStatuses(played: Played, execution: Execution, messageId: string): string {
	assert.deepEqual(
		statusValue(played).statuses.map((st) => [st.recipient_type, st.recipient_id, st.recipient_participant_id, st.group_id]),
		MEMBERS.map((m) => ['group', GROUP, m.waId, undefined]),
		"the simulator's group statuses are not in Meta's layout",
	);
	const items = triggerOutput(execution, 1);
	assert.deepEqual(
		items.map((i) => ({ statusId: i.statusId, status: i.status, groupId: i.groupId, recipientId: i.recipientId })),
		MEMBERS.map((member) => ({ statusId: messageId, status: 'delivered', groupId: GROUP, recipientId: member.waId })),
	);
	assert.equal(new Set(items.map((i) => i.dedupeKey)).size, MEMBERS.length, `dedupe keys: ${JSON.stringify(items.map((i) => i.dedupeKey))}`);
	return `${items.length} items: ${items.map((i) => `${i.recipientId} in ${String(i.groupId).slice(0, 12)}…`).join(', ')}, ${MEMBERS.length} distinct dedupe keys`;
}
