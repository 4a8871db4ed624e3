/**
 * Queue-mode workflows (tools/lab/queue.ts: main, workers, webhook processes behind a proxy):
 * deployed on main, live on every webhook process, called through the proxy as Meta would.
 */
import assert from 'node:assert/strict';

import { messagesChange, payload, textMessage } from '../../../test/fixtures/webhookPayloads';
import { CUSTOMER_WA_ID, PHONE_NUMBERS, PHONE_NUMBER_ID, WABA_ID } from '../../simulator/fixtures';
import type { QueueTopology } from '../../lab/queue';
import type { E2EContext } from '../runner';
import { createCredential, simulatorCredentialData, type CredentialRef } from './credential';
import { activate, triggerNode } from './trigger';
import { createWorkflow, deactivateWorkflow, TRIGGER_TYPE, waitLive, type WorkflowNode } from './workflows';

export interface QueueDeployed {
	workflowId: string;
	/** the production URL through the proxy (what Meta is given) */
	url: string;
	path: string;
}

export interface QueueState {
	q: QueueTopology;
	cred: CredentialRef;
	workflows: string[];
}

const SENDER_DIGITS = PHONE_NUMBERS[0].displayPhoneNumber.replace(/\D/g, '');
const SENDER = { phone_number_id: PHONE_NUMBER_ID, display_phone_number: SENDER_DIGITS };

/** The topology (started once per run) and a simulator credential on its main. */
export async function queueSetup(ctx: E2EContext, credentialName: string): Promise<QueueState> {
	const q = await ctx.queue();
	ctx.log(
		`processes: main pid ${q.main.pid} (${q.main.url}); ${[...q.workers, ...q.webhooks].map((i) => `${q.nameOf(i)} pid ${i.pid}${i.command === 'webhook' ? ` (${i.url})` : ''}`).join('; ')}; proxy ${q.proxy.url}`,
	);
	const cred = await createCredential(q.main, credentialName, simulatorCredentialData(q.sim.url));
	return { q, cred, workflows: [] };
}

export async function queueTeardown(s: QueueState): Promise<void> {
	for (const id of s.workflows) await deactivateWorkflow(s.q.main, id).catch(() => undefined);
}

/** Version 1.1, messages and statuses, the given Subscription Mode. */
export const queueTrigger = (cred: CredentialRef, subscriptionMode: 'wabaOverride' | 'none') =>
	triggerNode(cred, { events: ['messages', 'statuses'], subscriptionMode }, { typeVersion: 1.1 });

/** Creates and activates (on main) a workflow; returns its production URL through the proxy. */
export async function deploy(s: QueueState, name: string, nodes: WorkflowNode[], connections?: Record<string, unknown>): Promise<QueueDeployed> {
	const workflowId = await createWorkflow(s.q.main, { name, nodes, connections });
	s.workflows.push(workflowId);
	await activate(s.q.main, workflowId);
	const trigger = nodes.find((n) => n.type === TRIGGER_TYPE);
	const path = trigger ? `${trigger.webhookId}/webhook` : String(nodes[0].parameters.path);
	// every webhook process must serve it
	for (const w of s.q.webhooks) await waitLive(w.url, path);
	return { workflowId, path, url: throughProxy(s.q, `/webhook/${path}`) };
}

/** A URL on the proxy (WEBHOOK_URL), as Meta or a user's browser would call it. */
export function throughProxy(q: QueueTopology, path: string): string {
	return `${q.proxy.url}${path}`;
}

/** "webhook 1: 3, webhook 2: 3" */
export function countBy<T>(items: T[], key: (t: T) => string): Record<string, number> {
	const out: Record<string, number> = {};
	for (const i of items) out[key(i)] = (out[key(i)] ?? 0) + 1;
	return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}
export const fmt = (counts: Record<string, number>) =>
	Object.entries(counts)
		.map(([k, v]) => `${k}: ${v}`)
		.join(', ');

/** A signed text message from `from` to the first simulator number. */
export const incoming = (id: string, text: string, from = CUSTOMER_WA_ID) =>
	payload([
		{
			id: WABA_ID,
			changes: [messagesChange(SENDER, [textMessage(id, text, from)], [{ profile: { name: 'Ana' }, wa_id: from }])],
		},
	]);

/** Posts one signed delivery through the proxy; returns the proxy's record of it. */
export async function deliver(s: QueueState, wf: QueueDeployed, body: unknown, pin?: number) {
	if (pin !== undefined) s.q.proxy.pinNext(pin);
	const before = s.q.proxy.requests().length;
	const res = await s.q.sim.postWebhook(wf.url, body);
	assert.equal(res.status, 200, `the trigger answered ${res.status} ${res.body}`);
	const served = s.q.proxy
		.requests()
		.slice(before)
		.filter((r) => r.method === 'POST');
	assert.equal(served.length, 1, `expected 1 proxied POST, got ${served.length}`);
	return served[0];
}
