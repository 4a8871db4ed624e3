/**
 * Runs Send and Wait's resume handler (the WhatsApp Cloud node's webhook()) through a real n8n-core
 * WebhookContext, as n8n's waiting-webhooks.js calls it for a waiting execution: the node's
 * parameters, the credential through a credentials helper, the execution ID and the waiting
 * node's input in the run data. Used by resume*.test.ts.
 */
import { WebhookContext } from 'n8n-core';
import { createRunExecutionData, NodeHelpers, Workflow } from 'n8n-workflow';
import type { IDataObject, INode, INodeParameters, IWebhookData, IWebhookResponseData } from 'n8n-workflow';

import { WhatsAppCloudApi } from '../../../../../credentials/WhatsAppCloudApi.credentials';
import { WhatsAppCloud } from '../../../../../nodes/WhatsAppCloud/WhatsAppCloud.node';
import { WAIT_KEY, type WaitBinding } from '../../../../../nodes/shared/sendAndWait/binding';
import {
	buildReference,
	type AnswerReference,
} from '../../../../../nodes/shared/sendAndWait/reference';
import { signatureHeader } from '../../../../../tools/simulator/webhook-client';
import { createAdditionalData, ensureHarnessReady, HarnessCredentialsHelper } from '../../../../harness/runNode';
import { installLogger, RecordingResponse, TriggerNodeTypes } from '../../../../harness/triggerWebhook';

export const SECRET = 'resume-app-secret';
export const NODE_ID = '6b0f3c1e-2a4d-4e8b-9c7f-0d1e2f3a4b5c';
export const EXECUTION_ID = '77';
export const CUSTOMER = '15550009999';
export const PHONE_NUMBER_ID = '100000000000001';
export const WAIT = 'wait-0001';
export const BSUID = 'US.13491208655302741918';
/** What the node kept when it sent the question (see binding.ts): a phone send Meta answered with wa_id and user_id. */
export const BINDING: WaitBinding = { wait: WAIT, questionId: 'wamid.Q1', sentAt: 1_749_999_000_000, answerers: [CUSTOMER, BSUID] };

export const reference = (overrides: Partial<AnswerReference> = {}): string =>
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

export function delivery(message: Record<string, unknown>, from = CUSTOMER, phoneNumberId = PHONE_NUMBER_ID) {
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

export const tap = (id: string, title: string) => ({
	type: 'interactive',
	interactive: { type: 'button_reply', button_reply: { id, title } },
});

export interface Outcome {
	status: number;
	body: unknown;
	/** The answer's Content-Type. */
	type: string | undefined;
	result: IWebhookResponseData;
}

export async function resume(
	parameters: INodeParameters,
	request: {
		method?: 'GET' | 'POST';
		body?: unknown;
		raw?: string;
		/** The App Secret Meta signs with (default SECRET). */
		secret?: string;
		headers?: Record<string, string>;
		/** The credential has no App Secret. */
		noAppSecret?: boolean;
	},
	binding: WaitBinding | null = BINDING,
): Promise<Outcome> {
	await ensureHarnessReady();
	installLogger();
	const nodeType = new WhatsAppCloud();
	const credentialsHelper = new HarnessCredentialsHelper([new WhatsAppCloudApi()], {
		whatsAppCloudApi: { accessToken: 't', ...(request.noAppSecret ? {} : { appSecret: SECRET }), graphBaseUrl: 'http://127.0.0.1:9' },
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
		nodeTypes: new TriggerNodeTypes(nodeType),
		settings: { executionOrder: 'v1' },
	});
	const raw = request.raw ?? (request.body === undefined ? '' : JSON.stringify(request.body));
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
	return { status: res.statusCode, body: res.body, type: res.headers['content-type'], result };
}

export const approval = {
	message: 'Refund order 42?',
	responseType: 'approval',
	approvalOptions: { values: { approvalType: 'double', approveLabel: 'Refund', disapproveLabel: 'Keep' } },
};

