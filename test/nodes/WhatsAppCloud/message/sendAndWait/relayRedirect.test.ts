/**
 * The trigger's relay re-posts the customer's message and Meta's signature to the waiting URL on
 * its own n8n, through n8n-core's real WebhookContext and HTTP client. A redirect from there is
 * not followed: the signed body never reaches where a redirect points.
 */
import '../../../../harness/setup';

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { WebhookContext } from 'n8n-core';
import { NodeHelpers } from 'n8n-workflow';
import type { IWebhookData } from 'n8n-workflow';

import { buildReference } from '../../../../../nodes/shared/sendAndWait/reference';
import { relaySendAndWaitAnswers } from '../../../../../nodes/WhatsAppCloudTrigger/sendAndWaitRelay';
import { WhatsAppCloudTrigger } from '../../../../../nodes/WhatsAppCloudTrigger/WhatsAppCloudTrigger.node';
import { incomingDelivery } from '../../../../../tools/simulator/customer';
import { signatureHeader } from '../../../../../tools/simulator/webhook-client';
import { createAdditionalData, ensureHarnessReady, HarnessCredentialsHelper } from '../../../../harness/runNode';
import { APP_SECRET, HarnessTrigger } from '../../../../harness/triggerWebhook';

const NODE_ID = '6b0f3c1e-2a4d-4e8b-9c7f-0d1e2f3a4b5c';
const PHONE = '100000000000001';

let server: Server;
let base = '';
const seen: string[] = [];

beforeAll(async () => {
	server = createServer((req, res) => {
		seen.push(`${req.method} ${req.url}`);
		req.resume();
		if (req.url?.startsWith('/webhook-waiting/')) {
			res.writeHead(307, { location: `${base}/elsewhere` }).end();
			return;
		}
		res.writeHead(200, { 'content-type': 'application/json' }).end('{"resumed":true}');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	await new Promise((resolve) => server.close(resolve));
});

const tapDelivery = (reference: string) =>
	incomingDelivery(PHONE, {
		id: 'wamid.TAP',
		type: 'interactive',
		interactive: { type: 'button_reply', button_reply: { id: reference, title: 'Approve' } },
	});

it('does not follow a redirect from the waiting URL with the customer’s message and Meta’s signature', async () => {
	await ensureHarnessReady();
	const trigger = new HarnessTrigger();
	const nodeType = new WhatsAppCloudTrigger();
	const additionalData = createAdditionalData(new HarnessCredentialsHelper([]), {
		workflowId: trigger.workflow.id,
		webhookBaseUrl: `${base}/webhook`,
	});
	const description = NodeHelpers.getVersionedNodeType(nodeType, 1).description.webhooks!.find((w) => w.name === 'default')!;
	const webhookData: IWebhookData = {
		httpMethod: 'POST',
		node: trigger.node.name,
		path: `${trigger.node.webhookId}/webhook`,
		webhookDescription: description,
		workflowId: trigger.workflow.id,
		workflowExecuteAdditionalData: additionalData,
		webhookId: trigger.node.webhookId,
	};
	const ctx = new WebhookContext(trigger.workflow, trigger.node, additionalData, 'webhook', webhookData, [], null);
	const reference = buildReference(
		{
			executionId: '12',
			nodeId: NODE_ID,
			signature: 'ab'.repeat(32),
			waitingPath: '/webhook-waiting',
			phoneNumberId: PHONE,
			wait: 'Wq3x9_Zk-2A',
			option: 0,
		},
		APP_SECRET,
	);
	const raw = JSON.stringify(tapDelivery(reference));
	const outcome = await relaySendAndWaitAnswers(ctx, JSON.parse(raw), Buffer.from(raw), signatureHeader(APP_SECRET, raw), APP_SECRET);
	expect(seen).toEqual([`POST /webhook-waiting/12/${NODE_ID}?signature=${'ab'.repeat(32)}`]);
	expect(outcome.notes).toEqual(['wamid.TAP → execution 12 not resumed (HTTP 307)']);
});
