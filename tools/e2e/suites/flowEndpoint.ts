/**
 * A Flow's data endpoint served by a workflow (issue 23) in a real n8n, the simulator playing
 * WhatsApp's client: Phone Number → Set Business Public Key (derived from the credential's private
 * key) stores the key Meta encrypts with; encrypted, signed INIT → WhatsApp Flow Endpoint Trigger →
 * Set (screen and live data from the request) → Flow → Encrypt Flow Response answers synchronously
 * and the client decrypts screen 1; data_exchange → the next screen; the Flow's completion
 * (nfm_reply with the flow_token) reaches the WhatsApp Cloud Trigger; the health check is answered
 * with no execution; a forged signature gets 432 and an undecryptable body 421, no execution.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { APP_SECRET, PHONE_NUMBER_ID } from '../../simulator/fixtures';
import { businessPublicKeys, callFlowEndpoint, flowCompletionPayload, type FlowClientCall } from '../../simulator/flowEndpoint';
import { businessKeyPair } from '../../simulator/flowEncryption';
import type { Simulator } from '../../lab/simulator';
import type { N8nInstance } from '../../lab/n8n';
import { byId, runByWebhook, waNode } from '../cases';
import { createCredential, simulatorCredentialData, type CredentialRef } from '../kit/credential';
import { executions, runItems, waitForExecutions } from '../kit/executions';
import { deactivate, deployTrigger, triggerNode, type DeployedTrigger } from '../kit/trigger';
import { bookingEndpointNodes, FLOW_TRIGGER } from '../kit/flowEndpoint';
import { activateWorkflow, createWorkflow, deactivateWorkflow, waitForWebhook, type WorkflowNode } from '../kit/workflows';
import { CREDENTIAL_TYPE } from '../../../nodes/shared/credentials';
import { defineSuite } from '../runner';

const TOKEN = `booking-${randomUUID().slice(0, 8)}`;

interface State {
	n8n: N8nInstance;
	sim: Simulator;
	cred: CredentialRef;
	endpoint: { workflowId: string; url: string };
	main: DeployedTrigger;
}

async function call(s: State, request: Omit<FlowClientCall, 'endpointUrl'>) {
	return await callFlowEndpoint(s.sim.state, APP_SECRET, { endpointUrl: s.endpoint.url, flowToken: TOKEN, ...request });
}

/** `fn` must start no execution of the endpoint workflow. */
async function noExecution<T>(s: State, fn: () => Promise<T>): Promise<T> {
	const before = (await executions(s.n8n, s.endpoint.workflowId, false)).length;
	const result = await fn();
	await new Promise((r) => setTimeout(r, 1500));
	assert.equal((await executions(s.n8n, s.endpoint.workflowId, false)).length, before, 'no execution');
	return result;
}

export const flowEndpoint = defineSuite<State>({
	name: 'flow endpoint',
	async setup(ctx) {
		const [n8n, sim] = await Promise.all([ctx.n8n(), ctx.simulator()]);
		const keys = businessKeyPair();
		const cred = await createCredential(n8n, 'WhatsApp (sim, flow endpoint)', { ...simulatorCredentialData(sim.url), flowPrivateKey: keys.privateKey });
		const webhookId = randomUUID();
		const workflowId = await createWorkflow(n8n, { name: 'e2e flow endpoint: booking', ...bookingEndpointNodes(cred, webhookId) });
		await activateWorkflow(n8n, workflowId);
		await waitForWebhook(n8n, `${webhookId}/flow`, 'POST');
		const main = await deployTrigger(n8n, { name: 'e2e flow endpoint: completions', nodes: [triggerNode(cred)] });
		return { n8n, sim, cred, endpoint: { workflowId, url: `${n8n.url}/webhook/${webhookId}/flow` }, main };
	},
	async teardown(_ctx, s) {
		await deactivateWorkflow(s.n8n, s.endpoint.workflowId).catch(() => undefined);
		await deactivate(s.n8n, s.main.workflowId).catch(() => undefined);
	},
	cases: [
		{
			name: "Phone Number → Set Business Public Key uploads the credential key's public half; Get reads it back",
			async run(ctx, s) {
				const set = await runByWebhook(ctx, s.n8n, 'set public key', [
					waNode(s.cred, { resource: 'phoneNumber', operation: 'setBusinessPublicKey', phoneNumberId: byId(PHONE_NUMBER_ID) }),
				]);
				assert.equal(set.res.status, 200, JSON.stringify(set.res.body));
				assert.match(businessPublicKeys(s.sim.state)[PHONE_NUMBER_ID] ?? '', /^-----BEGIN PUBLIC KEY-----/);
				const get = await runByWebhook(ctx, s.n8n, 'get public key', [
					waNode(s.cred, { resource: 'phoneNumber', operation: 'getBusinessPublicKey', phoneNumberId: byId(PHONE_NUMBER_ID) }),
				]);
				const [item] = runItems((await get.wf.executions()).at(-1), 'WhatsApp Cloud') ?? [];
				assert.equal(item?.signatureStatus, 'VALID');
				assert.equal(item?.businessPublicKey, businessPublicKeys(s.sim.state)[PHONE_NUMBER_ID]);
			},
		},
		{
			name: 'encrypted INIT → the workflow answers screen 1 with live data; data_exchange → the next screen',
			async run(ctx, s) {
				const before = (await executions(s.n8n, s.endpoint.workflowId, false)).length;
				const init = await call(s, { action: 'INIT' });
				assert.deepEqual({ status: init.status, answer: init.answer, error: init.decryptError }, {
					status: 200,
					answer: { screen: 'DATE', data: { dates: ['2026-12-08', '2026-12-09'], greeting: `Book for ${TOKEN}` } },
					error: undefined,
				});
				const next = await call(s, { action: 'data_exchange', screen: 'DATE', data: { date: '2026-12-09' } });
				assert.equal(next.status, 200, next.text);
				assert.deepEqual(next.answer, { screen: 'SLOTS', data: { slots: ['2026-12-09 09:00', '2026-12-09 10:30', '2026-12-09 16:00'] } });
				// n8n answers before it saves the execution: wait for both.
				const latest = (await waitForExecutions(s.n8n, s.endpoint.workflowId, before + 2)).at(-1);
				const [item] = runItems(latest, FLOW_TRIGGER) ?? [];
				assert.deepEqual({ action: item?.action, screen: item?.screen, flowToken: item?.flowToken }, { action: 'data_exchange', screen: 'DATE', flowToken: TOKEN });
				ctx.note(`flow endpoint · n8n ${ctx.major}: INIT answered in ${init.latencyMs} ms, data_exchange in ${next.latencyMs} ms (Meta's limit 10 s)`);
			},
		},
		{
			name: "the Flow's completion (nfm_reply) reaches the WhatsApp Cloud Trigger with the same flowToken",
			async run(_ctx, s) {
				const before = (await executions(s.n8n, s.main.workflowId, false)).length;
				const delivery = await s.sim.postWebhook(s.main.url, flowCompletionPayload(PHONE_NUMBER_ID, TOKEN, { slot: '2026-12-09 10:30' }));
				assert.equal(delivery.status, 200);
				const all = await waitForExecutions(s.n8n, s.main.workflowId, before + 1);
				const [item] = runItems(all.at(-1), 'WhatsApp Cloud Trigger') ?? [];
				assert.deepEqual({ flowToken: item?.flowToken, flowResponse: item?.flowResponse }, {
					flowToken: TOKEN,
					flowResponse: { slot: '2026-12-09 10:30', flow_token: TOKEN },
				});
			},
		},
		{
			name: 'the health check is answered by the trigger, encrypted, without an execution',
			async run(_ctx, s) {
				const ping = await noExecution(s, async () => await call(s, { action: 'ping', flowToken: undefined }));
				assert.deepEqual({ status: ping.status, answer: ping.answer }, { status: 200, answer: { data: { status: 'active' } } });
			},
		},
		{
			name: 'a forged signature gets 432 and an undecryptable body 421, without an execution',
			async run(_ctx, s) {
				const forged = await noExecution(s, async () => await call(s, { action: 'INIT', sign: 'forged' }));
				assert.equal(forged.status, 432, forged.text);
				const unsigned = await noExecution(s, async () => await call(s, { action: 'INIT', sign: 'none' }));
				assert.equal(unsigned.status, 432, unsigned.text);
				const corrupt = await noExecution(s, async () => await call(s, { action: 'INIT', corrupt: true }));
				assert.equal(corrupt.status, 421, corrupt.text);
			},
		},
		{
			name: 'examples/flow-booking-endpoint.json answers INIT with the open days and DATE with the times',
			async run(_ctx, s) {
				const example = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../examples/flow-booking-endpoint.json'), 'utf8')) as { nodes: WorkflowNode[]; connections: Record<string, unknown>; name: string };
				const webhookId = randomUUID();
				const nodes = example.nodes.map((n) => ({
					...n,
					...(n.credentials ? { credentials: { [CREDENTIAL_TYPE]: s.cred } } : {}),
					...(n.webhookId ? { webhookId } : {}),
				}));
				const workflowId = await createWorkflow(s.n8n, { name: `e2e: ${example.name}`, nodes, connections: example.connections });
				await activateWorkflow(s.n8n, workflowId);
				try {
					await waitForWebhook(s.n8n, `${webhookId}/flow`, 'POST');
					const endpointUrl = `${s.n8n.url}/webhook/${webhookId}/flow`;
					const init = await callFlowEndpoint(s.sim.state, APP_SECRET, { endpointUrl, action: 'INIT', flowToken: TOKEN });
					const first = init.answer as { screen?: string; data?: { dates?: Array<{ id: string }> } };
					assert.equal(first?.screen, 'DATE', JSON.stringify(init));
					assert.ok((first.data?.dates ?? []).length >= 3, JSON.stringify(first));
					const date = String(first.data?.dates?.[0].id);
					const next = await callFlowEndpoint(s.sim.state, APP_SECRET, { endpointUrl, action: 'data_exchange', screen: 'DATE', data: { date }, flowToken: TOKEN });
					assert.deepEqual(next.answer, { screen: 'TIME', data: { date, times: ['09:00', '10:30', '14:00', '16:30'].map((t) => ({ id: t, title: t })) } });
					const notice = await callFlowEndpoint(s.sim.state, APP_SECRET, {
						endpointUrl,
						action: 'data_exchange',
						screen: 'TIME',
						data: { error: 'invalid-data', error_message: 'x' },
						flowToken: TOKEN,
					});
					assert.deepEqual(notice.answer, { data: { acknowledged: true } });
				} finally {
					await deactivateWorkflow(s.n8n, workflowId).catch(() => undefined);
				}
			},
		},
	],
});
