/**
 * WhatsApp Flows in the e2e suites (issue 23): a trigger workflow whose "other fields" output gets
 * the `flows` webhooks, the booking Flow JSON example, and the flows webhooks Meta would have
 * posted since the last delivery (tools/simulator/flowAdmin.ts) sent to the trigger, each checked
 * against the webhook contract first.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { validateWebhook } from '../../contract/validate';
import type { N8nInstance } from '../../lab/n8n';
import type { Simulator } from '../../lab/simulator';
import { deliverFlowWebhooks } from '../../simulator/flowAdmin';
import { flowState, type SimFlow } from '../../simulator/flowState';
import type { CredentialRef } from './credential';
import { executions, waitForExecutions, type Execution } from './executions';
import { deployTrigger, TRIGGER, triggerNode, type DeployedTrigger } from './trigger';
import { noOp } from './workflows';

/** examples/flows/booking.flow.json: pick a date → pick a slot → confirm, with data_exchange. */
export const BOOKING_FLOW_JSON = readFileSync(join(__dirname, '../../../examples/flows/booking.flow.json'), 'utf8');

const OUTPUTS = ['Flow Messages', 'Flow Statuses', 'Flow Events'] as const;

/** Trigger (every event, separate outputs) → a No Operation node per output; flows items land on the third. */
export async function deployFlowTrigger(n8n: N8nInstance, cred: CredentialRef): Promise<DeployedTrigger> {
	const trigger = triggerNode(cred, { events: ['messages', 'statuses', 'other'], outputMode: 'separate' }, { typeVersion: 1 });
	return deployTrigger(n8n, {
		name: 'e2e flows: trigger → messages / statuses / flow events',
		nodes: [trigger, ...OUTPUTS.map((name) => noOp(name))],
		connections: { [TRIGGER]: { main: OUTPUTS.map((node) => [{ node, type: 'main', index: 0 }]) } },
	});
}

/** The simulator's Flows (what Meta knows), newest last. */
export const simFlows = (sim: Simulator): SimFlow[] => flowState(sim.state).flows;

/**
 * Posts every flows webhook Meta would have sent by now to the trigger (each contract-valid, each
 * answered 200) and waits for one execution per delivery; returns those executions, oldest first.
 */
export async function deliverFlowsToTrigger(n8n: N8nInstance, sim: Simulator, trigger: DeployedTrigger, expected: number): Promise<Execution[]> {
	const queued = flowState(sim.state).outbox;
	assert.equal(queued.length, expected, `expected ${expected} queued flows webhooks, found ${queued.length}`);
	for (const payload of queued) {
		const check = validateWebhook(payload);
		assert.ok(check.valid, `the simulator's flows webhook breaks the contract: ${check.errors.join('; ')}`);
	}
	const before = (await executions(n8n, trigger.workflowId, false)).length;
	const answers = await deliverFlowWebhooks(sim as never, trigger.url);
	assert.deepEqual(answers.map((a) => a.status), answers.map(() => 200), 'the trigger answered');
	const all = (await waitForExecutions(n8n, trigger.workflowId, before + expected, 800)).sort((a, b) => Number(a.id) - Number(b.id));
	assert.equal(all.length, before + expected, `${expected} deliveries started ${all.length - before} executions`);
	return all.slice(before);
}
