/**
 * What the authTemplates suite needs beside the shared kit: the login-code example
 * (examples/login-code-with-sms-fallback.json) deployed with the simulator credential and a fresh
 * webhook path, the template requests the simulator recorded since a point, and the run of one
 * execution of the example (which branch ran, what the error items say).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import type { N8nInstance } from '../../lab/n8n';
import type { RecordedRequest, Simulator } from '../../lab/simulator';
import { CREDENTIAL_TYPE, type CredentialRef } from './credential';
import { runItems, waitForExecutions, type Execution, type ItemJson } from './executions';
import { deployWebhookWorkflow, uniquePath, type WebhookWorkflow, type WorkflowNode } from './workflows';

export const LOGIN_EXAMPLE = 'login-code-with-sms-fallback.json';

/** Every request to a template endpoint of the WABA since `since`. */
export function templateRequests(sim: Simulator, since: number): RecordedRequest[] {
	return sim.requests().slice(since).filter((r) => r.path.includes('/message_templates'));
}

/** The example as a user imports it: our credential by id, the simulator's number, its own webhook path. */
export async function deployLoginExample(n8n: N8nInstance, cred: CredentialRef, repoDir: string, phoneNumberId: string): Promise<WebhookWorkflow> {
	const file = path.join(repoDir, 'examples', LOGIN_EXAMPLE);
	const example = JSON.parse(fs.readFileSync(file, 'utf8')) as { name: string; nodes: WorkflowNode[]; connections: Record<string, unknown>; settings?: Record<string, unknown> };
	const nodes = example.nodes.map((node) => {
		const copy = structuredClone(node);
		if (copy.credentials) copy.credentials = { [CREDENTIAL_TYPE]: { id: cred.id, name: cred.name } };
		if (copy.type === 'n8n-nodes-base.webhook') {
			copy.webhookId = randomUUID();
			copy.parameters.path = uniquePath('login-code');
		}
		if (copy.parameters.phoneNumberId) copy.parameters.phoneNumberId = { __rl: true, mode: 'id', value: phoneNumberId };
		return copy;
	});
	return deployWebhookWorkflow(n8n, { name: `e2e example: ${example.name}`, nodes, connections: example.connections, settings: example.settings });
}

export interface LoginRun {
	execution: Execution;
	sent: ItemJson[] | undefined;
	sms: ItemJson[] | undefined;
	/** The items of Send Login Code that carry an error (On Error: Continue). */
	errors: ItemJson[];
}

/** Calls the deployed example once and reads its execution: which branch ran. */
export async function runLogin(n8n: N8nInstance, wf: WebhookWorkflow, body: Record<string, string>, before: number): Promise<LoginRun> {
	const res = await wf.call({ body });
	assert.equal(res.status, 200, JSON.stringify(res.body));
	const list = await waitForExecutions(n8n, wf.workflowId, before + 1);
	const execution = list.sort((a, b) => Number(b.id) - Number(a.id))[0];
	return {
		execution,
		sent: runItems(execution, 'Sent on WhatsApp'),
		sms: runItems(execution, 'Send SMS (placeholder)'),
		errors: (runItems(execution, 'Send Login Code') ?? []).filter((item) => item.error !== undefined),
	};
}
