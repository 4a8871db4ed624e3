/**
 * Send and Wait's resume handler (the WhatsApp Cloud node's webhook()) through a real n8n-core
 * WebhookContext, as n8n's waiting-webhooks.js calls it for a waiting execution: the node's
 * parameters, the credential through a credentials helper, the execution ID and the waiting
 * node's input in the run data. What resumes (workflowData) and what keeps waiting (a status).
 */
import '../../../../harness/setup';

import { WebhookContext } from 'n8n-core';
import { createRunExecutionData, NodeHelpers, Workflow } from 'n8n-workflow';
import type { IDataObject, INode, INodeParameters, INodeType, INodeTypes, IWebhookData, IWebhookResponseData } from 'n8n-workflow';

import { WhatsAppCloudApi } from '../../../../../credentials/WhatsAppCloudApi.credentials';
import { WhatsAppCloud } from '../../../../../nodes/WhatsAppCloud/WhatsAppCloud.node';
import { WAIT_KEY, type WaitBinding } from '../../../../../nodes/shared/sendAndWait/binding';
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
const WAIT = 'wait-0001';
const BSUID = 'US.13491208655302741918';
/** What the node kept when it sent the question (see binding.ts): a phone send Meta answered with wa_id and user_id. */
const BINDING: WaitBinding = { wait: WAIT, questionId: 'wamid.Q1', sentAt: 1_749_999_000_000, answerers: [CUSTOMER, BSUID] };

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
			phoneNumberId: PHONE_NUMBER_ID,
			wait: WAIT,
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
	binding: WaitBinding | null = BINDING,
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
			nodeExecutionStack: [
				{
					node,
					data: { main: [[{ json: { order: 42 }, ...(binding ? { [WAIT_KEY]: binding as unknown as IDataObject } : {}) }]] },
					source: null,
				},
			],
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
						answeredBy: { waId: CUSTOMER, userId: null, name: 'Ann' },
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
			answeredBy: { waId: CUSTOMER, userId: null, name: 'Ann' },
		});
	});

	it('keeps waiting when the execution has no binding (a question sent by an earlier version)', async () => {
		const outcome = await resume(approval, { body: delivery(tap(reference(), 'Refund')) }, null);
		expect(outcome.body).toEqual({ resumed: false, reason: 'the waiting execution has no question to bind an answer to' });
	});

	it('refuses a Free Text written before the question was sent (an earlier answer redelivered)', async () => {
		const outcome = await resume(
			{ message: 'What should the card say?', responseType: 'freeText' },
			{
				body: delivery({ type: 'text', text: { body: 'an old answer' }, timestamp: '1749998000' }),
				headers: { [FREE_TEXT_REFERENCE_HEADER]: reference({ option: null }) },
			},
		);
		expect(outcome.body).toEqual({ resumed: false, reason: 'the answer was written before the question was sent' });
	});

	describe('username customers (BSUIDs)', () => {
		/** A username customer's delivery: no phone number anywhere, only the BSUID. */
		function usernameDelivery(message: Record<string, unknown>, userId = BSUID) {
			const body = delivery({ ...message, from_user_id: userId });
			const value = body.entry[0].changes[0].value as Record<string, unknown> & { messages: Array<Record<string, unknown>> };
			delete value.messages[0].from;
			value.contacts = [{ profile: { name: 'Ann', username: 'ann.w' }, user_id: userId }];
			return body;
		}
		const toBsuid: WaitBinding = { ...BINDING, answerers: [BSUID] };

		it('resumes when the question went to a BSUID and the tap comes with from_user_id only', async () => {
			const outcome = await resume(approval, { body: usernameDelivery(tap(reference(), 'Refund')) }, toBsuid);
			expect(outcome.status).toBe(200);
			expect(outcome.result.workflowData?.[0]?.[0]?.json).toMatchObject({
				approved: true,
				option: { index: 0, value: 'approve' },
				answeredBy: { waId: null, userId: BSUID, name: 'Ann' },
			});
		});

		it('resumes a phone-sent question answered with from and from_user_id', async () => {
			const body = delivery({ ...tap(reference(), 'Refund'), from_user_id: BSUID });
			const outcome = await resume(approval, { body });
			expect(outcome.result.workflowData?.[0]?.[0]?.json).toMatchObject({
				approved: true,
				answeredBy: { waId: CUSTOMER, userId: BSUID },
			});
		});

		it('resumes Free Text from a username customer', async () => {
			const outcome = await resume(
				{ message: 'What should the card say?', responseType: 'freeText' },
				{
					body: usernameDelivery({ type: 'text', text: { body: 'Happy birthday' } }),
					headers: { [FREE_TEXT_REFERENCE_HEADER]: reference({ option: null }) },
				},
				toBsuid,
			);
			expect(outcome.result.workflowData?.[0]?.[0]?.json).toMatchObject({ text: 'Happy birthday' });
		});

		it('refuses another username customer', async () => {
			const outcome = await resume(approval, { body: usernameDelivery(tap(reference(), 'Refund'), 'US.99999999999999999999') }, toBsuid);
			expect(outcome.body).toEqual({ resumed: false, reason: 'the answer is not from the contact the question was sent to' });
		});
	});

	it("accepts the answer from the wa_id Meta returned on send, not only the number typed (Brazil's extra 9)", async () => {
		// Typed +55 11 98765 4321; Meta answered the send with wa_id 551187654321 and the customer answers from it.
		const brazil: WaitBinding = { ...BINDING, answerers: ['5511987654321', '551187654321'] };
		const outcome = await resume(approval, { body: delivery(tap(reference(), 'Refund'), '551187654321') }, brazil);
		expect(outcome.result.workflowData?.[0]?.[0]?.json).toMatchObject({ approved: true, answeredBy: { waId: '551187654321' } });
	});

	it.each([
		['an object that has no primitive value', { toString: 1, valueOf: 1 }],
		['a huge number', 1e300],
		['a huge string of digits', '99999999999999999999'],
		['an array', [1]],
	])('resumes (the tap is not lost) when the timestamp is %s', async (_name, timestamp) => {
		const outcome = await resume(approval, { body: delivery({ ...tap(reference(), 'Refund'), timestamp }) });
		expect(outcome.status).toBe(200);
		expect(outcome.result.workflowData?.[0]?.[0]?.json).toMatchObject({ approved: true, answeredAt: expect.stringMatching(/^\d{4}-/) });
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
