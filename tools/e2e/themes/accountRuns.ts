/**
 * The account suite's workflow runs: our node with the suite's credential, a Webhook → nodes
 * chain called once (its last node's items and the Graph requests it caused), and the contract
 * check of those requests.
 */
import assert from 'node:assert/strict';

import { GRAPH_VERSION } from '../../simulator/fixtures';
import { deployWebhookWorkflow, NODE_TYPE, uniquePath, webhookTrigger, type WorkflowNode } from '../kit/workflows';
import type { N8nInstance } from '../../lab/n8n';
import type { RecordedRequest, Simulator } from '../../lab/simulator';
import { CREDENTIAL_TYPE, type CredentialRef } from '../kit/credential';

export interface State {
	n8n: N8nInstance;
	sim: Simulator;
	cred: CredentialRef;
}

export function waNode(s: State, name: string, parameters: Record<string, unknown>, continueOnFail = false): WorkflowNode {
	return {
		name,
		type: NODE_TYPE,
		typeVersion: 1,
		parameters,
		credentials: { [CREDENTIAL_TYPE]: s.cred },
		...(continueOnFail ? { onError: 'continueRegularOutput' } : {}),
	};
}

/** Deploys Webhook → nodes, calls it once, and returns the last node's items and the Graph requests it caused. */
export async function runChain(s: State, nodes: WorkflowNode[], body: Record<string, unknown> = {}): Promise<{ items: Array<Record<string, unknown>>; requests: RecordedRequest[] }> {
	const path = uniquePath('account');
	const wf = await deployWebhookWorkflow(s.n8n, { name: `e2e account ${nodes.map((n) => n.name).join(' → ')}`, nodes: [webhookTrigger(path), ...nodes] });
	const before = s.sim.requests().length;
	try {
		const res = await wf.call({ body });
		assert.equal(res.status, 200, `webhook answered ${res.status}: ${JSON.stringify(res.body).slice(0, 1000)}`);
		const items = (Array.isArray(res.body) ? res.body : [res.body]) as Array<Record<string, unknown>>;
		return { items, requests: s.sim.requests().slice(before) };
	} finally {
		await wf.deactivate().catch(() => undefined);
	}
}

export function assertContractValid(requests: RecordedRequest[], expected: string[]): void {
	assert.deepEqual(
		requests.map((r) => `${r.method} ${r.path.replace(`/${GRAPH_VERSION}`, '')}`),
		expected,
		'requests sent',
	);
	for (const r of requests) {
		assert.ok(r.contract?.valid, `${r.method} ${r.path} not contract-valid: ${JSON.stringify(r.contract?.errors)}`);
	}
}

export const checked = (requests: RecordedRequest[]) => requests.filter((r) => r.contract?.checked).length;
