/**
 * Send and Wait's resume handler (the WhatsApp Cloud node's webhook()) through a real n8n-core
 * WebhookContext, as n8n's waiting-webhooks.js calls it for a waiting execution: the node's
 * parameters, the credential through a credentials helper, the execution ID and the waiting
 * node's input in the run data. What resumes (workflowData) and what keeps waiting (a status).
 */
import '../../../../harness/setup';

import { WebhookContext } from 'n8n-core';
import { createRunExecutionData, NodeHelpers, Workflow } from 'n8n-workflow';
import type { INode, INodeParameters, INodeType, INodeTypes, IWebhookData, IWebhookResponseData } from 'n8n-workflow';

import { WhatsAppCloudApi } from '../../../../../credentials/WhatsAppCloudApi.credentials';
import { WhatsAppCloud } from '../../../../../nodes/WhatsAppCloud/WhatsAppCloud.node';
import {
	buildReference,
	FREE_TEXT_REFERENCE_HEADER,
	type AnswerReference,
} from '../../../../../nodes/shared/sendAndWait/reference';
import { signatureHeader } from '../../../../../tools/simulator/webhook-client';
import { createAdditionalData, ensureHarnessReady, HarnessCredentialsHelper } from '../../../../harness/runNode';
import { RecordingResponse } from '../../../../harness/triggerWebhook';

const SECRET = 'resume-app-secret';
const NODE_ID = '6b0f3c1e-2a4d-4e8b-9c7f-0d1e2f3a4b5c';
const EXECUTION_ID = '77';
const CUSTOMER = '15550009999';
const PHONE_NUMBER_ID = '100000000000001';

class Types implements INodeTypes {
	constructor(private readonly type: INodeType) {}
	getByName(): INodeType {
		return this.type;
	}
	getByNameAndVersion(): INodeType {
		return this.type;
	}
	getKnownTypes() {
		return {};
	}
}

const reference = (overrides: Partial<AnswerReference> = {}): string =>
	buildReference(
		{
			executionId: EXECUTION_ID,
			nodeId: NODE_ID,
			signature: 'cd'.repeat(32),
			waitingPath: '/webhook-waiting',
			recipient: CUSTOMER,
			phoneNumberId: PHONE_NUMBER_ID,
			option: 0,
			...overrides,
		},
		SECRET,
	);

function delivery(message: Record<string, unknown>, from = CUSTOMER, phoneNumberId = PHONE_NUMBER_ID) {
	return {
		object: 'whatsapp_business_account',
		entry: [
			{
				id: '1',
				changes: [
					{
						field: 'messages',
						value: {
							messaging_product: 'whatsapp',
							metadata: { display_phone_number: '15550100001', phone_number_id: phoneNumberId },
							contacts: [{ profile: { name: 'Ann' }, wa_id: from }],
							messages: [{ from, id: 'wamid.IN1', timestamp: '1750000000', ...message }],
						},
					},
				],
			},
		],
	};
}

const tap = (id: string, title: string) => ({
	type: 'interactive',
	interactive: { type: 'button_reply', button_reply: { id, title } },
});

interface Outcome {
	status: number;
	body: unknown;
	result: IWebhookResponseData;
}

async function resume(
	parameters: INodeParameters,
	request: { method?: 'GET' | 'POST'; body?: unknown; secret?: string; headers?: Record<string, string> },
): Promise<Outcome> {
	await ensureHarnessReady();
	const nodeType = new WhatsAppCloud();
	const credentialsHelper = new HarnessCredentialsHelper([new WhatsAppCloudApi()], {
		whatsAppCloudApi: { accessToken: 't', appSecret: SECRET, graphBaseUrl: 'http://127.0.0.1:9' },
	});
	const node: INode = {
		id: NODE_ID,
		name: 'Ask',
		type: 'n8n-nodes-whatsapp-cloud.whatsAppCloud',
		typeVersion: 1,
		position: [0, 0],
		parameters: { resource: 'message', operation: 'sendAndWait', to: '+1 555 000 9999', ...parameters },
		credentials: credentialsHelper.nodeCredentials(),
	};
	const workflow = new Workflow({
		id: 'wf-resume',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes: new Types(nodeType),
		settings: { executionOrder: 'v1' },
	});
	const raw = request.body === undefined ? '' : JSON.stringify(request.body);
	const req = {
		method: request.method ?? 'POST',
		headers: {
			'content-type': 'application/json',
			...(raw ? { 'x-hub-signature-256': signatureHeader(request.secret ?? SECRET, raw) } : {}),
			...request.headers,
		},
		query: {},
		params: {},
		body: request.body ?? {},
		rawBody: Buffer.from(raw, 'utf8'),
		readRawBody: async () => undefined,
	};
	const res = new RecordingResponse();
	const additionalData = createAdditionalData(credentialsHelper, {
		httpRequest: req as never,
		httpResponse: res as never,
		executionId: EXECUTION_ID,
	});
	const description = NodeHelpers.getVersionedNodeType(nodeType, 1).description.webhooks!.find(
		(w) => w.httpMethod === req.method,
	)!;
	const webhookData: IWebhookData = {
		httpMethod: req.method,
		node: node.name,
		path: NODE_ID,
		webhookDescription: description,
		workflowId: workflow.id,
		workflowExecuteAdditionalData: additionalData,
	};
	const runData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node, data: { main: [[{ json: { order: 42 } }]] }, source: null }],
		},
	});
	const context = new WebhookContext(
		workflow,
		workflow.getNode('Ask')!,
		additionalData,
		'webhook',
		webhookData,
		[],
		runData,
	);
	const result = await nodeType.webhook.call(context);
	if (!res.headersSent) res.status(200).json(result.webhookResponse);
	return { status: res.statusCode, body: res.body, result };
}

const approval = {
	message: 'Refund order 42?',
	responseType: 'approval',
	approvalOptions: { values: { approvalType: 'double', approveLabel: 'Refund', disapproveLabel: 'Keep' } },
};

describe('Send and Wait resume handler', () => {
	it('resumes on a tap of the addressed recipient, with the option and the answerer', async () => {
		const outcome = await resume(approval, { body: delivery(tap(reference({ option: 1 }), 'Keep')) });
		expect(outcome.status).toBe(200);
		expect(outcome.result.workflowData).toEqual([
			[
				{
					json: {
						approved: false,
						option: { index: 1, value: 'decline', title: 'Keep' },
						timedOut: false,
						responseType: 'approval',
						answeredBy: { waId: CUSTOMER, name: 'Ann' },
						answeredAt: '2025-06-15T15:06:40.000Z',
						message: {
							from: CUSTOMER,
							id: 'wamid.IN1',
							timestamp: '1750000000',
							...tap(reference({ option: 1 }), 'Keep'),
						},
					},
				},
			],
		]);
	});

	const refusals: Array<{ name: string; body: () => unknown; secret?: string; status: number; reason: string }> = [
		{
			name: 'a tap from another contact',
			body: () => delivery(tap(reference(), 'Refund'), '15550001111'),
			status: 403,
			reason: 'the answer is not from the contact the question was sent to',
		},
		{
			name: 'a tap that reached another business number',
			body: () => delivery(tap(reference(), 'Refund'), CUSTOMER, '100000000000002'),
			status: 403,
			reason: 'the answer reached another phone number',
		},
		{
			name: 'a button of another execution',
			body: () => delivery(tap(reference({ executionId: '78' }), 'Refund')),
			status: 403,
			reason: 'no answer to this question in the body',
		},
		{
			name: 'a reference whose App Secret signature was altered',
			body: () => delivery(tap(reference().replace(/\.[A-Za-z0-9_-]{22}$/, '.AAAAAAAAAAAAAAAAAAAAAA'), 'Refund')),
			status: 403,
			reason: 'no answer to this question in the body',
		},
		{
			name: 'a body not signed by Meta with the App Secret',
			body: () => delivery(tap(reference(), 'Refund')),
			secret: 'forged',
			status: 401,
			reason: 'the X-Hub-Signature-256 does not match the body signed with the App Secret',
		},
		{
			name: 'a text without the Free Text header',
			body: () => delivery({ type: 'text', text: { body: 'yes' } }),
			status: 403,
			reason: 'no answer to this question in the body',
		},
	];
	it.each(refusals)('keeps waiting on $name', async (row) => {
		const outcome = await resume(approval, { body: row.body(), secret: row.secret });
		expect({ status: outcome.status, body: outcome.body, workflowData: outcome.result.workflowData }).toEqual({
			status: row.status,
			body: { resumed: false, reason: row.reason },
			workflowData: undefined,
		});
	});

	it('resumes Free Text on the text the trigger relays with the question reference', async () => {
		const ref = reference({ option: null });
		const outcome = await resume(
			{ message: 'What should the card say?', responseType: 'freeText' },
			{
				body: delivery({ type: 'text', text: { body: 'Happy birthday' } }),
				headers: { [FREE_TEXT_REFERENCE_HEADER]: ref },
			},
		);
		const json = outcome.result.workflowData?.[0]?.[0]?.json;
		expect({ approved: json?.approved, text: json?.text, answeredBy: json?.answeredBy }).toEqual({
			approved: true,
			text: 'Happy birthday',
			answeredBy: { waId: CUSTOMER, name: 'Ann' },
		});
	});

	it('answers a GET (a link preview, a browser) without resuming', async () => {
		const outcome = await resume(approval, { method: 'GET' });
		expect({ status: outcome.status, body: outcome.body, workflowData: outcome.result.workflowData }).toEqual({
			status: 200,
			body: 'This question is answered in WhatsApp, with the buttons of the message.',
			workflowData: undefined,
		});
	});
});
