/**
 * Groups in the e2e suites (issue 22): a trigger workflow whose three outputs end in No Operation
 * nodes (messages, statuses, other fields: the group webhooks land on "other"), and the simulator
 * playing Meta and the customers — a customer follows a group's invite link or writes in it
 * (tools/simulator/groupAdmin.ts), and the group webhooks Meta would have posted since the last
 * delivery go to the trigger, each checked against the webhook contract first.
 */
import assert from 'node:assert/strict';

import { validateWebhook } from '../../contract/validate';
import type { Simulator } from '../../lab/simulator';
import type { Customer } from '../../simulator/customer';
import { deliverGroupWebhooks, joinGroup, writeInGroup } from '../../simulator/groupAdmin';
import { groupState, type SimGroup } from '../../simulator/groupState';
import type { CredentialRef } from './credential';
import { executions, runItems, waitForExecutions, type Execution, type ItemJson } from './executions';
import { deployTrigger, TRIGGER, triggerNode, type DeployedTrigger } from './trigger';
import { type N8nInstance } from '../../lab/n8n';
import { noOp } from './workflows';

export const OUTPUTS = ['Group Messages', 'Group Statuses', 'Group Events'] as const;

/** Trigger (every event, separate outputs) → a No Operation node per output. */
export async function deployGroupTrigger(n8n: N8nInstance, cred: CredentialRef, typeVersion: number): Promise<DeployedTrigger> {
	const trigger = triggerNode(cred, { events: ['messages', 'statuses', 'other'], outputMode: 'separate' }, { typeVersion });
	return deployTrigger(n8n, {
		name: 'e2e groups: trigger → messages / statuses / group events',
		nodes: [trigger, ...OUTPUTS.map((name) => noOp(name))],
		connections: { [TRIGGER]: { main: OUTPUTS.map((node) => [{ node, type: 'main', index: 0 }]) } },
	});
}

/** The simulator's groups (what Meta knows), newest last. */
export const simGroups = (sim: Simulator): SimGroup[] => groupState(sim.state).groups;

/** The customer opens the group's invite link: joins, or asks to join when the group wants approval. */
export const customerJoins = (sim: Simulator, groupId: string, who: Customer = 'phone') => joinGroup(sim as never, groupId, who);

/** A participant writes `text` in the group. */
export const customerWrites = (sim: Simulator, groupId: string, text: string, who: Customer = 'phone') => writeInGroup(sim as never, groupId, text, who);

/**
 * Posts every group webhook Meta would have sent by now to the trigger (each contract-valid, each
 * answered 200) and waits for one execution per delivery; returns those executions, oldest first.
 */
export async function deliverToTrigger(n8n: N8nInstance, sim: Simulator, trigger: DeployedTrigger, expected: number): Promise<Execution[]> {
	const queued = groupState(sim.state).outbox;
	assert.equal(queued.length, expected, `expected ${expected} queued group webhooks, found ${queued.length}: ${JSON.stringify(queued)}`);
	for (const payload of queued) {
		const check = validateWebhook(payload);
		assert.ok(check.valid, `the simulator's group webhook breaks the contract: ${check.errors.join('; ')}`);
	}
	const before = (await executions(n8n, trigger.workflowId, false)).length;
	const answers = await deliverGroupWebhooks(sim as never, trigger.url);
	assert.deepEqual(answers.map((a) => a.status), answers.map(() => 200), 'the trigger answered');
	const all = (await waitForExecutions(n8n, trigger.workflowId, before + expected, 800)).sort((a, b) => Number(a.id) - Number(b.id));
	assert.equal(all.length, before + expected, `${expected} deliveries started ${all.length - before} executions`);
	return all.slice(before);
}

/** The trigger's items on output `index` (0 messages, 1 statuses, 2 other fields). */
export function triggerItems(execution: Execution, index: number): ItemJson[] {
	const items = runItems(execution, TRIGGER, index);
	assert.ok(items, `the trigger did not run in execution ${execution.id}`);
	return items;
}
