/**
 * Send and Wait runs for the e2e suites: workflow A (an active WhatsApp Cloud Trigger that
 * receives the person's answer from Meta) and workflow B (Webhook → WhatsApp Cloud Send and Wait
 * → Set); B asked, its question as the simulator recorded it, B's status as it waits and resumes.
 */
import assert from 'node:assert/strict';

import { type SentMessage } from '../../simulator/customer';
import { GRAPH_VERSION, PHONE_NUMBER_ID } from '../../simulator/fixtures';
import { assertContractValid, byId, waNode } from '../cases';
import { deactivateWorkflow, deployWebhookWorkflow, setNode, sleep, uniquePath, webhookTrigger, type WebhookWorkflow } from './workflows';
import type { N8nInstance } from '../../lab/n8n';
import type { Simulator } from '../../lab/simulator';
import { simulatorCredentialData, createCredential, type CredentialRef } from './credential';
import type { E2EContext } from '../runner';
import { deployTrigger, triggerNode } from './trigger';
import type { Execution, ItemJson } from './executions';

/** An item Send and Wait emits once answered (other nodes' items read as loosely). */
export interface AnswerItem extends ItemJson {
	answeredAt?: string;
	option?: { index: number; value: string; title: string };
	answeredBy?: { waId: string | null; userId?: string | null; name?: string };
	message?: { type?: string; from?: string };
}

/** Workflow A and the B workflows a suite deployed. */
export interface State {
	n8n: N8nInstance;
	sim: Simulator;
	cred: CredentialRef;
	triggerUrl: string;
	triggerWorkflowId: string;
	deployed: WebhookWorkflow[];
	/** Approval flow shared by the first cases. */
	approval?: {
		wf: WebhookWorkflow;
		sent: SentMessage;
		executionId: string;
		relayed?: { body: string; signature: string };
	};
}

export const WAIT_NODE = 'Ask';
export const OTHER = { waId: '15550001111', name: 'Someone Else' };

export function askNode(cred: CredentialRef, parameters: Record<string, unknown>) {
	return waNode(
		cred,
		{
			resource: 'message',
			operation: 'sendAndWait',
			phoneNumberId: byId(PHONE_NUMBER_ID),
			to: '+1 555 000 9999',
			...parameters,
		},
		WAIT_NODE,
	);
}

export async function deployQuestion(s: State, name: string, parameters: Record<string, unknown>): Promise<WebhookWorkflow> {
	const path = uniquePath('saw');
	const wf = await deployWebhookWorkflow(s.n8n, {
		name,
		nodes: [
			webhookTrigger(path, { responseMode: 'onReceived' }),
			askNode(s.cred, parameters),
			setNode('After', { continued: 'yes' }),
		],
	});
	s.deployed.push(wf);
	return wf;
}

/** Starts B and returns the question the simulator received, once B is waiting. */
export async function ask(s: State, wf: WebhookWorkflow): Promise<{ sent: SentMessage; executionId: string }> {
	const since = s.sim.requests({ pathIncludes: '/messages' }).length;
	const res = await wf.call({ body: { order: 42 } });
	assert.equal(res.status, 200, `B's webhook answered ${res.status}: ${JSON.stringify(res.body)}`);
	const execution = await waitForStatus(s, wf, (e) => e.status === 'waiting', 'waiting');
	const sent = s.sim.requests({ pathIncludes: '/messages' }).slice(since);
	assert.equal(sent.length, 1, `expected one question sent, got ${sent.length}`);
	assertContractValid(sent[0], `/${GRAPH_VERSION}/${PHONE_NUMBER_ID}/messages`);
	const response = sent[0].response.body as { messages: Array<{ id: string }> };
	return {
		sent: { id: response.messages[0].id, phoneNumberId: PHONE_NUMBER_ID, body: sent[0].body },
		executionId: String(execution.id),
	};
}

/** Every execution of B, oldest first (n8n 1.x lists waiting ones only when asked for them). */
export async function latest(wf: WebhookWorkflow, n8n?: N8nInstance): Promise<Execution[]> {
	const all = await wf.executions();
	if (n8n) {
		// The editor's REST list shows waiting executions on n8n 1.x too (without their data).
		const filter = encodeURIComponent(JSON.stringify({ workflowId: wf.workflowId }));
		const listed = await n8n.rest<{ data: { results: Execution[] } }>('GET', `/executions?filter=${filter}&limit=20`);
		for (const e of listed.data.results ?? [])
			if (!all.some((x) => String(x.id) === String(e.id))) all.push({ ...e, id: String(e.id) });
	}
	return all.sort((a, b) => Number(a.id) - Number(b.id));
}

export async function waitForStatus(
	s: State,
	wf: WebhookWorkflow,
	ok: (e: Execution) => boolean,
	what: string,
	timeoutMs = 90_000,
): Promise<Execution> {
	const t0 = Date.now();
	for (;;) {
		const all = await latest(wf, s.n8n);
		const last = all[all.length - 1];
		if (last && ok(last)) {
			// Entries from the REST list carry no run data: read the execution itself.
			return last.data ? last : await s.n8n.api<Execution>('GET', `/executions/${last.id}?includeData=true`);
		}
		if (Date.now() - t0 > timeoutMs)
			throw new Error(
				`B's execution is not ${what} after ${timeoutMs} ms: ${JSON.stringify(all.map((e) => [e.id, e.status]))}`,
			);
		await sleep(200);
	}
}

export function outputOf(execution: Execution | undefined, node: string): AnswerItem[] {
	const runs = execution?.data?.resultData?.runData?.[node] ?? [];
	const run = runs[runs.length - 1];
	return (run?.data?.main?.[0] ?? []).map((i) => i.json);
}

export async function statusOf(s: State, executionId: string): Promise<string> {
	const e = await s.n8n.api<Execution>('GET', `/executions/${executionId}`);
	return e.status;
}

/** Message IDs of every item trigger A emitted so far. */
export async function triggerMessageIds(s: State): Promise<string[]> {
	await sleep(500);
	const res = await s.n8n.api<{ data: Execution[] }>(
		'GET',
		`/executions?workflowId=${s.triggerWorkflowId}&includeData=true&limit=100`,
	);
	return res.data.flatMap((e) => outputOf(e, 'WhatsApp Cloud Trigger').map((j) => String(j.messageId)));
}

/** The answer item without the parts that change every run (times, message IDs). */
export function stable(item: AnswerItem): ItemJson {
	const { answeredAt, message, answeredBy, ...rest } = item;
	assert.match(String(answeredAt), /^\d{4}-\d\d-\d\dT/);
	// userId is the BSUID when the simulator sends one (Meta does for every customer since 2026).
	const by = answeredBy ? { answeredBy: { waId: answeredBy.waId, name: answeredBy.name } } : {};
	return { ...rest, ...by, message: { type: message?.type, from: message?.from } };
}

/** A's credential and A itself (every message and status, no subscription of its own). */
export async function setUpSendAndWait(ctx: E2EContext, credentialName: string): Promise<State> {
	const [n8n, sim] = await Promise.all([ctx.n8n(), ctx.simulator()]);
	const cred = await createCredential(n8n, credentialName, simulatorCredentialData(sim.url));
	const a = await deployTrigger(n8n, { name: 'e2e send and wait: A (trigger)', nodes: [triggerNode(cred, { events: ['messages', 'statuses'] })] });
	return { n8n, sim, cred, triggerUrl: a.url, triggerWorkflowId: a.workflowId, deployed: [] };
}

export async function tearDownSendAndWait(s: State): Promise<void> {
	for (const wf of s.deployed) await wf.deactivate().catch(() => undefined);
	await deactivateWorkflow(s.n8n, s.triggerWorkflowId).catch(() => undefined);
}
