/**
 * The WhatsApp Flow Endpoint Trigger's webhook() in n8n-core's real WebhookContext, with n8n's
 * steps around it (body read like n8n 2.41.1, noWebhookResponse / workflowData handling) as in
 * test/harness/triggerWebhook.ts, which is bound to the other trigger.
 */
import '../../harness/setup';

import { WebhookContext } from 'n8n-core';
import { Workflow } from 'n8n-workflow';
import type { ICredentialDataDecryptedObject, IDataObject, INode, IWebhookData } from 'n8n-workflow';

import { WhatsAppCloudApi } from '../../../credentials/WhatsAppCloudApi.credentials';
import { WhatsAppFlowTrigger } from '../../../nodes/WhatsAppFlowTrigger/WhatsAppFlowTrigger.node';
import { installLogger, TriggerNodeTypes } from '../../harness/triggerWebhook';
import { APP_SECRET, buildRequest, prepareLikeN8n, RecordingResponse, type RequestSpec } from '../../harness/webhookRequest';
import { createAdditionalData, ensureHarnessReady, HarnessCredentialsHelper } from '../../harness/runNode';

export interface FlowOutcome {
	status: number;
	body: unknown;
	executionStarted: boolean;
	items: IDataObject[];
}

export class FlowTriggerHarness {
	private readonly nodeType = new WhatsAppFlowTrigger();
	private readonly credentialsHelper: HarnessCredentialsHelper;
	private readonly node: INode;
	private readonly workflow: Workflow;

	constructor(credentials: ICredentialDataDecryptedObject) {
		installLogger();
		this.credentialsHelper = new HarnessCredentialsHelper([new WhatsAppCloudApi()], {
			whatsAppCloudApi: { accessToken: 'harness-token', appSecret: APP_SECRET, graphBaseUrl: 'http://127.0.0.1:9', ...credentials },
		});
		this.node = {
			id: 'flow-trigger',
			name: 'WhatsApp Flow Endpoint Trigger',
			type: 'n8n-nodes-whatsapp-cloud.whatsAppFlowTrigger',
			typeVersion: 1,
			position: [0, 0],
			webhookId: 'flow-webhook-id',
			parameters: {},
			credentials: this.credentialsHelper.nodeCredentials(),
		};
		this.workflow = new Workflow({
			id: 'flow-trigger-workflow',
			nodes: [this.node],
			connections: {},
			active: true,
			nodeTypes: new TriggerNodeTypes(this.nodeType),
			settings: { executionOrder: 'v1' },
		});
	}

	async deliver(spec: RequestSpec): Promise<FlowOutcome> {
		await ensureHarnessReady();
		const req = buildRequest(spec);
		const res = new RecordingResponse();
		const refused = await prepareLikeN8n(req);
		if (refused) return { ...refused, executionStarted: false, items: [] };
		const additionalData = createAdditionalData(this.credentialsHelper, {
			httpRequest: req as never,
			httpResponse: res as never,
			workflowId: this.workflow.id,
		});
		const webhookData: IWebhookData = {
			httpMethod: 'POST',
			node: this.node.name,
			path: `${this.node.webhookId}/flow`,
			webhookDescription: this.nodeType.description.webhooks![0],
			workflowId: this.workflow.id,
			workflowExecuteAdditionalData: additionalData,
			webhookId: this.node.webhookId,
		};
		const node = this.workflow.getNode(this.node.name)!;
		const context = new WebhookContext(this.workflow, node, additionalData, 'webhook', webhookData, [], null);
		res.phase = 'node';
		const result = await this.nodeType.webhook.call(context);
		res.phase = 'n8n';
		const items = (result.workflowData ?? []).flat().map((item) => item.json);
		if (result.noWebhookResponse) {
			await res.finished();
			return { status: res.statusCode, body: res.body, executionStarted: result.workflowData !== undefined, items };
		}
		// responseMode "responseNode": n8n starts the execution and waits for the node that answers.
		return { status: 0, body: undefined, executionStarted: true, items };
	}
}
