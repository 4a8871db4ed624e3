/**
 * A Flow's data endpoint (issue 23) in n8n's queue mode: the request reaches a webhook process
 * through the proxy, the execution runs on a worker, and Encrypt Flow Response there answers it
 * (n8n relays the worker's response to the webhook process still holding the request). The
 * worker never sees the AES key: it unwraps the trigger item's flowResponseKey with the
 * credential's private key. One INIT on each webhook process.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';

import { APP_SECRET, PHONE_NUMBER_ID } from '../../simulator/fixtures';
import { businessPublicKeys, callFlowEndpoint } from '../../simulator/flowEndpoint';
import { businessKeyPair } from '../../simulator/flowEncryption';
import { createCredential, simulatorCredentialData } from '../kit/credential';
import { executions, waitForExecutions } from '../kit/executions';
import { bookingEndpointNodes } from '../kit/flowEndpoint';
import { queueSetup, queueTeardown, throughProxy, type QueueState } from '../kit/queue';
import { activate } from '../kit/trigger';
import { createWorkflow, waitLive } from '../kit/workflows';
import { defineSuite } from '../runner';

export const queueFlowEndpoint = defineSuite<QueueState>({
	name: 'queue mode',
	queue: true,
	setup: (ctx) => queueSetup(ctx, 'WhatsApp (sim, queue flow endpoint)'),
	teardown: (_ctx, s) => queueTeardown(s),
	cases: [
		{
			name: 'flow endpoint: encrypted INIT on each webhook process → a worker runs the workflow and its Encrypt Flow Response answers, decrypted by the client',
			timeoutMs: 3 * 60_000,
			async run(ctx, s) {
				const q = s.q;
				const keys = businessKeyPair();
				businessPublicKeys(q.sim.state)[PHONE_NUMBER_ID] = keys.publicKey;
				const cred = await createCredential(q.main, 'WhatsApp (sim, queue flow key)', { ...simulatorCredentialData(q.sim.url), flowPrivateKey: keys.privateKey });
				const webhookId = randomUUID();
				const workflowId = await createWorkflow(q.main, { name: 'e2e queue: flow endpoint', ...bookingEndpointNodes(cred, webhookId) });
				s.workflows.push(workflowId);
				await activate(q.main, workflowId);
				for (const w of q.webhooks) await waitLive(w.url, `${webhookId}/flow`);
				const before = (await executions(q.main, workflowId, false)).length;
				const lines: string[] = [];
				for (let i = 0; i < q.webhooks.length; i++) {
					q.proxy.pinNext(i);
					const token = `queue-${i}`;
					const result = await callFlowEndpoint(q.sim.state, APP_SECRET, { endpointUrl: throughProxy(q, `/webhook/${webhookId}/flow`), action: 'INIT', flowToken: token });
					assert.equal(result.status, 200, result.text);
					assert.deepEqual(result.answer, { screen: 'DATE', data: { dates: ['2026-12-08', '2026-12-09'], greeting: `Book for ${token}` } });
					lines.push(`${q.webhookName(q.proxy.requests().at(-1)!.backend)} answered in ${result.latencyMs} ms`);
				}
				const fresh = (await waitForExecutions(q.main, workflowId, before + q.webhooks.length)).slice(before);
				const workers = fresh.map((e) => q.workerOf(e.id));
				assert.ok(workers.every((w) => w?.startsWith('worker ')), `executions not run by workers: ${workers.join(', ')}`);
				ctx.note(`queue flow endpoint: ${lines.join('; ')}; executions on ${workers.join(', ')}`);
			},
		},
	],
});
