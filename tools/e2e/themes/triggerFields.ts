/**
 * What the split suite "trigger fields" shares (issue 19): one table row per webhook field. Each row
 * posts Meta's documented example for its field (checked against the webhook contract first),
 * signed, to one trigger that takes every event, and checks the typed items of the one execution
 * it started. Rows live in the suite files by family (triggerFieldsUsers.ts, triggerFieldsBusiness.ts).
 */
import assert from 'node:assert/strict';

import { validateWebhook } from '../../contract/validate';
import type { N8nInstance } from '../../lab/n8n';
import type { Simulator } from '../../lab/simulator';
import { createCredential, simulatorCredentialData } from '../kit/credential';
import { executions, runItems, waitForExecutions, type ItemJson } from '../kit/executions';
import { deactivate, deployTrigger, TRIGGER, triggerNode, type DeployedTrigger } from '../kit/trigger';
import type { E2ECase, E2EContext } from '../runner';

export interface FieldsState {
	n8n: N8nInstance;
	sim: Simulator;
	trigger: DeployedTrigger;
}

/** One row: a field's documented example and what its items must say. */
export interface FieldRow {
	/** the webhook field (`changes[].field`) */
	field: string;
	/** what the row proves, for the case name */
	title: string;
	/** the whole webhook delivery (`{ object, entry: [...] }`) as Meta documents it */
	payload: unknown;
	/** checks the trigger's items of that delivery (assert, throw on a mismatch) */
	check(items: ItemJson[]): void;
}

/** A trigger (every event, one output, no subscription of its own) for the rows of one suite file. */
export async function setUpFieldsTrigger(ctx: E2EContext, label: string): Promise<FieldsState> {
	const [n8n, sim] = await Promise.all([ctx.n8n(), ctx.simulator()]);
	// n8n 1.x's public API schema wants the generic "allowed domains" fields on every credential.
	const hostFields: Record<string, string> = ctx.major === 1 ? { allowedHttpRequestDomains: 'all' } : {};
	const cred = await createCredential(n8n, `WhatsApp (sim, ${label})`, { ...simulatorCredentialData(sim.url), ...hostFields });
	const trigger = await deployTrigger(n8n, { name: `trigger fields: ${label}`, nodes: [triggerNode(cred, {}, { typeVersion: 1.1 })], connections: {} });
	return { n8n, sim, trigger };
}

export async function tearDownFieldsTrigger(s: FieldsState): Promise<void> {
	await deactivate(s.n8n, s.trigger.workflowId).catch(() => undefined);
}

/** Posts `payload` (contract-checked) and returns the trigger's items of the one execution it started. */
export async function itemsOfDelivery(s: FieldsState, payload: unknown): Promise<ItemJson[]> {
	const check = validateWebhook(payload);
	assert.ok(check.valid, `the example breaks the webhook contract: ${check.errors.join('; ')}`);
	const before = (await executions(s.n8n, s.trigger.workflowId, false)).length;
	const res = await s.sim.postWebhook(s.trigger.url, payload);
	assert.equal(res.status, 200, `the trigger answered ${res.status} ${res.body}`);
	const fresh = (await waitForExecutions(s.n8n, s.trigger.workflowId, before + 1, 800)).slice(before);
	assert.equal(fresh.length, 1, `one delivery started ${fresh.length} executions`);
	const items = runItems(fresh[0], TRIGGER);
	assert.ok(items, `the trigger did not run in execution ${fresh[0].id}`);
	return items;
}

/** The table's rows as cases: "<field>: <title>". */
export function fieldCases(rows: FieldRow[]): Array<E2ECase<FieldsState>> {
	return rows.map((row) => ({
		name: `${row.field}: ${row.title}`,
		async run(ctx, s) {
			const items = await itemsOfDelivery(s, row.payload);
			ctx.log(`${items.length} item(s); first: ${JSON.stringify(items[0]).slice(0, 300)}`);
			// Messages and statuses carry no `field`: they are the `messages` field's items.
			for (const item of items) assert.equal(item.field ?? (item.event === 'status' || item.event === 'message' ? 'messages' : undefined), row.field);
			row.check(items);
		},
	}));
}
