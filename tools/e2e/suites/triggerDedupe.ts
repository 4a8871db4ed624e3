/**
 * The README's recipe for a redelivery check that survives restarts and is shared by every n8n
 * process, in a real n8n: WhatsApp Cloud Trigger → Remove Duplicates ("Remove Items Processed in
 * Previous Executions", Keep Items Where "Value Is New", Value to Dedupe On `{{ $json.dedupeKey }}`)
 * → a downstream node. After an n8n restart the trigger's own (in-memory) dedupe is empty and emits
 * a redelivered payload again; Remove Duplicates, which keeps the keys in n8n's database, drops it.
 * And what the README says about History Size: n8n's node refuses every execution once its history
 * is full, until the history is cleared (here by a second branch of the same workflow, Scope Workflow).
 *
 * Uses its own n8n (a user folder of its own, so it can be restarted with its database).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { messagesChange, payload, PHONE_A, status, statusesChange, textMessage } from '../../../test/fixtures/webhookPayloads';
import { WABA_ID } from '../../simulator/fixtures';
import { callWebhook, deactivateWorkflow, noOp, sleep, uniquePath, waitForWebhook, webhookTrigger, type WorkflowNode } from '../kit/workflows';
import { restartN8n, type N8nInstance } from '../../lab/n8n';
import { defineSuite } from '../runner';
import { executions, runItems, waitForExecutions, type Execution, type ItemJson } from '../kit/executions';
import { deployTrigger, TRIGGER, triggerNode, type DeployedTrigger } from '../kit/trigger';
import type { Simulator } from '../../lab/simulator';
import { createCredential, simulatorCredentialData, type CredentialRef } from '../kit/credential';
import { onCleanup } from '../../lab/processes';

const DEDUPE = 'Remove Duplicates';
const DOWNSTREAM = 'Downstream';
const DISCARDED = 'Discarded';
const CLEAR = 'Clear History';
const HISTORY_FULL =
	'The number of items to be processed exceeds the maximum history size. Please increase the history size or reduce the number of items to be processed.';

interface State {
	n8n: N8nInstance;
	sim: Simulator;
	cred: CredentialRef;
	workflows: string[];
}

/** The README's recipe; `options` as a user would set them (none: Scope Node, History Size 10,000). */
function removeDuplicates(options: Record<string, unknown> = {}): WorkflowNode {
	return {
		name: DEDUPE,
		type: 'n8n-nodes-base.removeDuplicates',
		typeVersion: 2,
		parameters: {
			operation: 'removeItemsSeenInPreviousExecutions',
			logic: 'removeItemsWithAlreadySeenKeyValues',
			dedupeValue: '={{ $json.dedupeKey }}',
			options,
		},
	};
}

/** Trigger → Remove Duplicates → Kept: Downstream, Discarded: Discarded. */
function recipe(cred: CredentialRef, options: Record<string, unknown> = {}) {
	const trigger = triggerNode(cred, { events: ['messages', 'statuses'] }, { typeVersion: 1.1 });
	return {
		trigger,
		nodes: [trigger, removeDuplicates(options), noOp(DOWNSTREAM), noOp(DISCARDED)],
		connections: {
			[TRIGGER]: { main: [[{ node: DEDUPE, type: 'main', index: 0 }]] },
			[DEDUPE]: {
				main: [[{ node: DOWNSTREAM, type: 'main', index: 0 }], [{ node: DISCARDED, type: 'main', index: 0 }]],
			},
		} as Record<string, unknown>,
	};
}

async function deploy(s: State, name: string, nodes: WorkflowNode[], connections: Record<string, unknown>): Promise<DeployedTrigger> {
	const wf = await deployTrigger(s.n8n, { name, nodes, connections });
	s.workflows.push(wf.workflowId);
	return wf;
}


const describeItem = (i: ItemJson) =>
	i.event === 'message' ? `message ${i.messageId}` : `status ${i.statusId} ${i.status}`;

/** One line per execution, as n8n recorded it: items out of each node. */
function summary(execution: Execution | undefined): string {
	const run = execution?.data?.resultData?.runData ?? {};
	if (run[CLEAR]) return `Clear webhook → ${CLEAR}: ran (${execution?.status})`;
	const emitted = runItems(execution, TRIGGER) ?? [];
	const parts = [`trigger ${emitted.length} [${emitted.map(describeItem).join(', ')}]`];
	const dedupeError = run[DEDUPE]?.[0]?.error?.message;
	if (dedupeError) parts.push(`${DEDUPE} error "${dedupeError}"`);
	else
		parts.push(
			`${DEDUPE} kept ${runItems(execution, DEDUPE, 0)?.length ?? '-'}, discarded ${runItems(execution, DEDUPE, 1)?.length ?? '-'}`,
		);
	const downstream = runItems(execution, DOWNSTREAM);
	parts.push(
		`${DOWNSTREAM} ${downstream === undefined ? 'did not run' : `${downstream.length} [${downstream.map(describeItem).join(', ')}]`}`,
	);
	return `${parts.join(' → ')} (${execution?.status})`;
}

/** Posts one signed payload and waits for the execution it starts (or, `expectRun: false`, that none starts). */
async function deliver(s: State, wf: DeployedTrigger, body: unknown, expectRun = true): Promise<Execution | undefined> {
	const before = (await executions(s.n8n, wf.workflowId)).length;
	const res = await s.sim.postWebhook(`${s.n8n.url}/webhook/${wf.path}`, body);
	assert.equal(res.status, 200, `the trigger answered ${res.status} ${res.body}`);
	if (!expectRun) {
		await sleep(2000);
		const after = await executions(s.n8n, wf.workflowId);
		assert.equal(after.length, before, `expected no execution, got ${after.slice(before).map(summary).join('; ')}`);
		return undefined;
	}
	const all = await waitForExecutions(s.n8n, wf.workflowId, before + 1);
	assert.equal(all.length, before + 1, `expected one execution, got ${all.slice(before).map(summary).join('; ')}`);
	return all[all.length - 1];
}

const messageAndSent = (tag: string) =>
	payload([
		{
			id: WABA_ID,
			changes: [
				messagesChange(PHONE_A, [textMessage(`wamid.${tag}.in`, `hello ${tag}`)]),
				statusesChange(PHONE_A, [status(`wamid.${tag}.out`, 'sent')]),
			],
		},
	]);
const statusOnly = (tag: string, value: 'delivered' | 'read') =>
	payload([{ id: WABA_ID, changes: [statusesChange(PHONE_A, [status(`wamid.${tag}.out`, value)])] }]);
const messages = (...ids: string[]) =>
	payload([
		{
			id: WABA_ID,
			changes: [
				messagesChange(
					PHONE_A,
					ids.map((id) => textMessage(`wamid.${id}`, id)),
				),
			],
		},
	]);

export const triggerDedupe = defineSuite<State>({
	name: 'trigger dedupe',
	async setup(ctx) {
		const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-e2e-dedupe-'));
		onCleanup(() => {
			if (!process.env.WA_E2E_KEEP) fs.rmSync(userFolder, { recursive: true, force: true });
		});
		const [sim, n8n] = await Promise.all([ctx.simulator(), ctx.startN8n({ userFolder })]);
		const cred = await createCredential(n8n, 'WhatsApp (dedupe)', simulatorCredentialData(sim.url));
		return { n8n, sim, cred, workflows: [] };
	},
	async teardown(_ctx, s) {
		for (const id of s.workflows) await deactivateWorkflow(s.n8n, id).catch(() => undefined);
	},
	cases: [
		{
			name: 'restart: the trigger emits the redelivery again, Remove Duplicates on dedupeKey drops it; a new status passes',
			timeoutMs: 5 * 60_000,
			async run(ctx, s) {
				const tag = `restart-${Date.now()}`;
				const { nodes, connections } = recipe(s.cred);
				const wf = await deploy(s, 'e2e trigger dedupe (restart)', nodes, connections);
				const first = await deliver(s, wf, messageAndSent(tag));
				await deliver(s, wf, messageAndSent(tag), false); // same process: the trigger's own memory drops it

				s.n8n = await restartN8n(s.n8n, { start: ctx.startN8n });
				await waitForWebhook(s.n8n, wf.path, 'POST');
				const again = await deliver(s, wf, messageAndSent(tag));
				const delivered = await deliver(s, wf, statusOnly(tag, 'delivered'));

				const lines = [first, again, delivered].map(summary);
				ctx.log(lines.map((l, i) => `execution ${i + 1}: ${l}`).join('\n'));
				const m = `message wamid.${tag}.in`;
				const sent = `status wamid.${tag}.out sent`;
				assert.deepEqual(lines, [
					`trigger 2 [${m}, ${sent}] → ${DEDUPE} kept 2, discarded 0 → ${DOWNSTREAM} 2 [${m}, ${sent}] (success)`,
					`trigger 2 [${m}, ${sent}] → ${DEDUPE} kept 0, discarded 2 → ${DOWNSTREAM} did not run (success)`,
					`trigger 1 [status wamid.${tag}.out delivered] → ${DEDUPE} kept 1, discarded 0 → ${DOWNSTREAM} 1 [status wamid.${tag}.out delivered] (success)`,
				]);
				// The items after the restart carry the same keys as the first time.
				const keys = (e: Execution | undefined) => (runItems(e, TRIGGER) ?? []).map((i) => i.dedupeKey);
				assert.deepEqual(keys(again), keys(first));
				assert.deepEqual(keys(first), [
					`message|["${PHONE_A.phone_number_id}","wamid.${tag}.in","text"]`,
					`status|["${PHONE_A.phone_number_id}","wamid.${tag}.out","sent","16505551234",null]`,
				]);
				ctx.note(
					`dedupe recipe (Scope Node, History Size 10,000) across a restart: ${lines.map((l, i) => `#${i + 1} ${l.replace(/ \[[^\]]*\]/g, '')}`).join('; ')}; the same payload before the restart → no execution (trigger's memory)`,
				);
			},
		},
		{
			name: 'History Size full: Remove Duplicates fails every execution until its history is cleared (Scope Workflow, second branch)',
			timeoutMs: 3 * 60_000,
			async run(ctx, s) {
				const tag = `full-${Date.now()}`;
				const { nodes, connections } = recipe(s.cred, { scope: 'workflow', historySize: 3 });
				const clearPath = uniquePath('e2e-dedupe-clear');
				const clearHook = { ...webhookTrigger(clearPath, { name: 'Clear Webhook', responseMode: 'lastNode' }) };
				const clear: WorkflowNode = {
					name: CLEAR,
					type: 'n8n-nodes-base.removeDuplicates',
					typeVersion: 2,
					parameters: { operation: 'clearDeduplicationHistory', mode: 'cleanDatabase', options: { scope: 'workflow' } },
				};
				const wf = await deploy(
					s,
					'e2e trigger dedupe (history full)',
					[...nodes, clearHook, clear],
					{ ...connections, [clearHook.name]: { main: [[{ node: CLEAR, type: 'main', index: 0 }]] } },
				);

				const runs = [
					await deliver(s, wf, messages(`${tag}.1`, `${tag}.2`)),
					await deliver(s, wf, messages(`${tag}.3`)),
					await deliver(s, wf, messages(`${tag}.4`)),
					await deliver(s, wf, messages(`${tag}.5`)),
				];
				const cleared = await callWebhook(s.n8n, clearPath, { body: {} });
				assert.equal(cleared.status, 200, `clear webhook answered ${cleared.status} ${JSON.stringify(cleared.body)}`);
				const afterClear = (await waitForExecutions(s.n8n, wf.workflowId, 5)).at(-1);
				runs.push(afterClear, await deliver(s, wf, messages(`${tag}.6`)));

				const lines = runs.map(summary);
				ctx.log(lines.map((l, i) => `execution ${i + 1}: ${l}`).join('\n'));
				const m = (n: number) => `message wamid.${tag}.${n}`;
				assert.deepEqual(lines, [
					`trigger 2 [${m(1)}, ${m(2)}] → ${DEDUPE} kept 2, discarded 0 → ${DOWNSTREAM} 2 [${m(1)}, ${m(2)}] (success)`,
					`trigger 1 [${m(3)}] → ${DEDUPE} kept 1, discarded 0 → ${DOWNSTREAM} 1 [${m(3)}] (success)`,
					`trigger 1 [${m(4)}] → ${DEDUPE} error "${HISTORY_FULL}" → ${DOWNSTREAM} did not run (error)`,
					`trigger 1 [${m(5)}] → ${DEDUPE} error "${HISTORY_FULL}" → ${DOWNSTREAM} did not run (error)`,
					`Clear webhook → ${CLEAR}: ran (success)`,
					`trigger 1 [${m(6)}] → ${DEDUPE} kept 1, discarded 0 → ${DOWNSTREAM} 1 [${m(6)}] (success)`,
				]);
				ctx.note(
					`History Size 3 (Scope Workflow): 2 keys ok, 1 more ok (full), each next new key → execution error "${HISTORY_FULL}"; after Clear Deduplication History (Scope Workflow, other branch) a new key passes again`,
				);
			},
		},
	],
});
