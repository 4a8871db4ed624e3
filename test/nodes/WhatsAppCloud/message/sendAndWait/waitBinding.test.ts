/**
 * A tap approves only the question it answers. One execution, run and resumed the way n8n does
 * it with n8n-core's real WorkflowExecute and WebhookContext: Input → Ask (Send and Wait) → Next
 * → back into Ask, so the same node asks twice in one execution (a loop; an AI agent calling the
 * review tool twice). Between the waits the run data makes a JSON round trip, as through n8n's
 * database. The simulator answers Graph; the answers are signed with the App Secret as Meta does.
 */
import '../../../../harness/setup';

import { ExecutionLifecycleHooks, WebhookContext, WorkflowExecute } from 'n8n-core';
import { NodeConnectionTypes, NodeHelpers, Workflow } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IRunExecutionData,
	IWebhookData,
	IWorkflowBase,
} from 'n8n-workflow';

import { WhatsAppCloudApi } from '../../../../../credentials/WhatsAppCloudApi.credentials';
import { WhatsAppCloud } from '../../../../../nodes/WhatsAppCloud/WhatsAppCloud.node';
import { incomingDelivery } from '../../../../../tools/simulator/customer';
import { signatureHeader } from '../../../../../tools/simulator/webhook-client';
import { createAdditionalData, HarnessCredentialsHelper } from '../../../../harness/runNode';
import { byId, PHONE_NUMBER_ID, useSimulator } from '../../../../harness/simulator';
import { HarnessNodeTypes, createInputNodeType, INPUT_NODE_TYPE } from '../../../../harness/nodeTypes';
import { RecordingResponse } from '../../../../harness/triggerWebhook';

const SECRET = 'binding-app-secret';
const EXECUTION_ID = '501';
const CUSTOMER = '15550009999';
const ASK_ID = '6b0f3c1e-2a4d-4e8b-9c7f-0d1e2f3a4b5c';
const ASK = 'Ask';

const { sim, credential } = useSimulator({ credential: { appSecret: SECRET } });

/** Passes a fixed item on: what the loop's second round asks about. */
const nextRound: INodeType = {
	description: {
		displayName: 'Next',
		name: 'n8n-nodes-harness.next',
		group: ['transform'],
		version: 1,
		description: 'The next round of the loop',
		defaults: { name: 'Next' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	},
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [[{ json: { round: 2, choices: [{ title: 'Xylophone' }, { title: 'Yacht' }, { title: 'Zebra' }] } }]];
	},
};

interface Loop {
	workflow: Workflow;
	nodeType: WhatsAppCloud;
	credentialsHelper: HarnessCredentialsHelper;
	mode: 'webhook';
}

function loop(parameters: INodeParameters): Loop {
	const nodeType = new WhatsAppCloud();
	const credentialsHelper = new HarnessCredentialsHelper([new WhatsAppCloudApi()], { whatsAppCloudApi: credential() });
	const types = new HarnessNodeTypes();
	types.add('n8n-nodes-whatsapp-cloud.whatsAppCloud', nodeType);
	types.add(INPUT_NODE_TYPE, createInputNodeType([{ json: { round: 1, choices: [{ title: 'Apple' }, { title: 'Banana' }, { title: 'Cherry' }] } }]));
	types.add('n8n-nodes-harness.next', nextRound);
	const nodes: INode[] = [
		{ id: 'in', name: 'Input', type: INPUT_NODE_TYPE, typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: ASK_ID,
			name: ASK,
			type: 'n8n-nodes-whatsapp-cloud.whatsAppCloud',
			typeVersion: 1,
			position: [200, 0],
			parameters: { resource: 'message', operation: 'sendAndWait', phoneNumberId: byId(PHONE_NUMBER_ID), to: '+1 555 000 9999', ...parameters },
			credentials: credentialsHelper.nodeCredentials(),
		},
		{ id: 'next', name: 'Next', type: 'n8n-nodes-harness.next', typeVersion: 1, position: [400, 0], parameters: {} },
	];
	const main = (node: string) => ({ main: [[{ node, type: NodeConnectionTypes.Main, index: 0 }]] });
	const connections = { Input: main(ASK), [ASK]: main('Next'), Next: main(ASK) };
	const workflow = new Workflow({ id: 'wf-binding', nodes, connections, active: true, nodeTypes: types, settings: { executionOrder: 'v1' } });
	return { workflow, nodeType, credentialsHelper, mode: 'webhook' };
}

function additionalData(l: Loop, extra: Parameters<typeof createAdditionalData>[1] = {}) {
	const now = new Date();
	const workflowData: IWorkflowBase = {
		id: l.workflow.id,
		name: 'binding',
		active: true,
		isArchived: false,
		activeVersionId: null,
		createdAt: now,
		updatedAt: now,
		nodes: Object.values(l.workflow.nodes),
		connections: l.workflow.connectionsBySourceNode,
		settings: { executionOrder: 'v1' },
	};
	return createAdditionalData(l.credentialsHelper, {
		executionId: EXECUTION_ID,
		workflowId: l.workflow.id,
		hooks: new ExecutionLifecycleHooks(l.mode, EXECUTION_ID, workflowData),
		...extra,
	});
}

/** The run data as n8n stores it while waiting (a JSON round trip). */
const stored = (data: IRunExecutionData): IRunExecutionData => JSON.parse(JSON.stringify(data)) as IRunExecutionData;

/** The last question sent: its message ID and the answer references by option. */
function lastQuestion(): { id: string; refs: string[]; body: IDataObject } {
	const sent = sim.requests({ pathIncludes: '/messages' });
	const last = sent[sent.length - 1];
	const body = last.body as IDataObject;
	const interactive = body.interactive as { action: { buttons?: Array<{ reply: { id: string } }>; sections?: Array<{ rows: Array<{ id: string }> }> } };
	const refs = interactive.action.buttons?.map((b) => b.reply.id) ?? interactive.action.sections![0].rows.map((r) => r.id);
	return { id: (last.response.body as { messages: Array<{ id: string }> }).messages[0].id, refs, body };
}

/** Meta's delivery of a tap on `ref` (button or list row) from the customer, replying to `questionId`. */
const tapDelivery = (ref: string, questionId: string, kind: 'button_reply' | 'list_reply' = 'button_reply', id = 'wamid.TAP1') =>
	incomingDelivery(
		PHONE_NUMBER_ID,
		{ id, context: { from: '15550100001', id: questionId }, type: 'interactive', interactive: { type: kind, [kind]: { id: ref, title: 'tapped' } } },
		{ waId: CUSTOMER, name: 'Ann' },
	);

/** Posts `raw` to the waiting node as n8n's waiting webhook does; returns status and workflowData. */
async function answer(l: Loop, waiting: IRunExecutionData, raw: string) {
	const res = new RecordingResponse();
	const req = {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'x-hub-signature-256': signatureHeader(SECRET, raw) },
		query: {},
		params: {},
		body: JSON.parse(raw) as unknown,
		rawBody: Buffer.from(raw, 'utf8'),
		readRawBody: async () => undefined,
	};
	const data = additionalData(l, { httpRequest: req as never, httpResponse: res as never });
	const description = NodeHelpers.getVersionedNodeType(l.nodeType, 1).description.webhooks!.find((w) => w.httpMethod === 'POST')!;
	const webhookData: IWebhookData = {
		httpMethod: 'POST',
		node: ASK,
		path: ASK_ID,
		webhookDescription: description,
		workflowId: l.workflow.id,
		workflowExecuteAdditionalData: data,
	};
	const context = new WebhookContext(l.workflow, l.workflow.getNode(ASK)!, data, 'webhook', webhookData, [], waiting);
	const result = await l.nodeType.webhook.call(context);
	return { status: res.headersSent ? res.statusCode : 200, body: res.body, workflowData: result.workflowData };
}

/** Runs until the first wait, answers it with `first`, runs on until the second wait. */
async function twoWaits(l: Loop, pick: (refs: string[]) => string, kind?: 'button_reply' | 'list_reply') {
	const first = await new WorkflowExecute(additionalData(l), l.mode).run({ workflow: l.workflow, startNode: l.workflow.getNode('Input')! });
	expect(first.data.resultData.error?.message ?? first.status).toBe('waiting');
	const q1 = lastQuestion();
	const firstTap = JSON.stringify(tapDelivery(pick(q1.refs), q1.id, kind));
	const resumed = await answer(l, stored(first.data), firstTap);
	expect(resumed.status).toBe(200);
	// What n8n's waiting webhooks do with the answer: it becomes the waiting node's output.
	const data = stored(first.data);
	data.executionData!.nodeExecutionStack[0].data.main = resumed.workflowData!;
	const second = await new WorkflowExecute(additionalData(l), l.mode, data).processRunExecutionData(l.workflow);
	expect(second.status).toBe('waiting');
	const q2 = lastQuestion();
	expect(q2.id).not.toBe(q1.id);
	return { q1, q2, firstTap, waiting: stored(second.data), firstAnswer: resumed.workflowData![0][0].json };
}

const approval = {
	message: 'Refund order 42?',
	responseType: 'approval',
	approvalOptions: { values: { approvalType: 'double' } },
};

describe('Send and Wait: an answer approves only its own question', () => {
	it('the same node waiting twice: a new tap on the first question’s Approve does not approve the second', async () => {
		const l = loop(approval);
		const { q1, q2, waiting, firstAnswer } = await twoWaits(l, (refs) => refs[0]);
		expect(firstAnswer).toMatchObject({ approved: true, option: { value: 'approve' } });
		const late = await answer(l, waiting, JSON.stringify(tapDelivery(q1.refs[0], q1.id, 'button_reply', 'wamid.TAP2')));
		expect({ status: late.status, body: late.body, workflowData: late.workflowData }).toEqual({
			status: 403,
			body: { resumed: false, reason: 'the answer is to an earlier question of this node' },
			workflowData: undefined,
		});
		// The second question's own Decline still answers it.
		const own = await answer(l, waiting, JSON.stringify(tapDelivery(q2.refs[1], q2.id, 'button_reply', 'wamid.TAP3')));
		expect(own.workflowData?.[0][0].json).toMatchObject({ approved: false, option: { index: 1, value: 'decline' } });
	});

	it('Meta redelivering the first tap (the same bytes) does not approve the second question', async () => {
		const l = loop(approval);
		const { firstTap, waiting } = await twoWaits(l, (refs) => refs[0]);
		const redelivered = await answer(l, waiting, firstTap);
		expect({ status: redelivered.status, workflowData: redelivered.workflowData }).toEqual({ status: 403, workflowData: undefined });
	});

	it('choice: an old option index never maps onto the new options', async () => {
		const choice = [0, 1, 2].map((i) => ({ title: `={{ $json.choices[${i}].title }}` }));
		const l = loop({ message: 'Pick one', responseType: 'choice', choices: { choice } });
		const { q1, q2, waiting, firstAnswer } = await twoWaits(l, (refs) => refs[2], 'list_reply');
		expect(firstAnswer).toMatchObject({ option: { index: 2, value: 'Cherry' } });
		expect((q2.body.interactive as IDataObject).action).toMatchObject({
			sections: [{ rows: [{ title: 'Xylophone' }, { title: 'Yacht' }, { title: 'Zebra' }] }],
		});
		const old = await answer(l, waiting, JSON.stringify(tapDelivery(q1.refs[2], q1.id, 'list_reply', 'wamid.TAP2')));
		expect({ status: old.status, workflowData: old.workflowData }).toEqual({ status: 403, workflowData: undefined });
		const own = await answer(l, waiting, JSON.stringify(tapDelivery(q2.refs[0], q2.id, 'list_reply', 'wamid.TAP3')));
		expect(own.workflowData?.[0][0].json).toMatchObject({ option: { index: 0, value: 'Xylophone' } });
	});

	it('a tap naming another message than the question (context.id) does not answer it', async () => {
		const l = loop(approval);
		const { q2, waiting } = await twoWaits(l, (refs) => refs[0]);
		const elsewhere = await answer(l, waiting, JSON.stringify(tapDelivery(q2.refs[0], 'wamid.SOMETHING_ELSE', 'button_reply', 'wamid.TAP4')));
		expect(elsewhere.body).toEqual({ resumed: false, reason: 'the answer replies to another message' });
	});
});
