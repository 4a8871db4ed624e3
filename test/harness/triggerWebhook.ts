/**
 * Runs the WhatsApp Cloud Trigger's `webhook()` in-process the way n8n 2.41.1 runs it for a
 * production webhook: a real n8n-core `WebhookContext` (parameters with defaults, credentials
 * through a credentials helper, n8n's logger from its DI container), and around it what n8n's
 * `executeWebhook` (n8n/dist/webhooks/webhook-helpers.js) does before and after the call:
 *
 * - before: the body is read the way n8n's parseRequestBody reads it for a version-1 node —
 *   `multipart/form-data` is consumed by the form parser (rawBody stays unset and reading it again
 *   fails), every other body is read into `rawBody` (a body over N8N_PAYLOAD_SIZE_MAX or an
 *   application/json body that does not parse is answered by n8n itself, without calling the node);
 * - after: an exception → 500 *and* an execution carrying the error (the runWebhook catch);
 *   `noWebhookResponse` → whatever the node answered (and with `workflowData` also an execution,
 *   as n8n 1.x and 2.x start one then without answering again); no `workflowData` → 200 with
 *   `webhookResponse`; `workflowData` → an execution, then 200 — or, when the caller simulates a
 *   failing database/queue (`failExecutionStart`), no execution and a 500.
 *
 * Used by the trigger's jest tests, the fuzzer (tools/fuzz/trigger.ts) and the payload bench.
 */
import './setup';

import { dirname, join } from 'node:path';

import { WebhookContext } from 'n8n-core';
import { NodeHelpers, Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IWebhookData,
	IWebhookResponseData,
} from 'n8n-workflow';

import { WhatsAppCloudApi } from '../../credentials/WhatsAppCloudApi.credentials';
import {
	APP_SECRET,
	buildRequest,
	prepareLikeN8n,
	RecordingResponse,
	type RequestSpec,
	VERIFY_TOKEN,
} from './webhookRequest';
import { createAdditionalData, ensureHarnessReady, getCoreContainer, HarnessCredentialsHelper } from './runNode';

// With the explicit extension: tsx (tools/fuzz, tools/bench) would otherwise resolve
// "WhatsAppCloudTrigger.node" to the codex file WhatsAppCloudTrigger.node.json.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { WhatsAppCloudTrigger } = require(join(__dirname, '../../nodes/WhatsAppCloudTrigger/WhatsAppCloudTrigger.node.ts')) as typeof import('../../nodes/WhatsAppCloudTrigger/WhatsAppCloudTrigger.node');

export { APP_SECRET, handshakeRequest, PAYLOAD_SIZE_MAX, RecordingResponse, signedJson, VERIFY_TOKEN, type HarnessRequest, type RequestSpec } from './webhookRequest';

export const TRIGGER_TYPE = 'n8n-nodes-whatsapp-cloud.whatsAppCloudTrigger';

// ---------------------------------------------------------------------------------------------
// n8n's logger, captured

export interface LogLine {
	level: 'error' | 'warn' | 'info' | 'debug';
	message: string;
}

class CapturingLogger {
	readonly lines: LogLine[] = [];
	error(message: string) {
		this.lines.push({ level: 'error', message });
	}
	warn(message: string) {
		this.lines.push({ level: 'warn', message });
	}
	info(message: string) {
		this.lines.push({ level: 'info', message });
	}
	debug(message: string) {
		this.lines.push({ level: 'debug', message });
	}
	scoped() {
		return this;
	}
}

const logger = new CapturingLogger();
let loggerInstalled = false;

/** Puts the capturing logger into n8n-core's container (what `this.logger` returns in a node); read it with takeLogs. */
export function installLogger(): void {
	if (loggerInstalled) return;
	const coreDir = dirname(require.resolve('n8n-core'));
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { Logger } = require(require.resolve('@n8n/backend-common', { paths: [coreDir] })) as { Logger: abstract new (...args: never[]) => unknown };
	getCoreContainer().set(Logger, logger);
	loggerInstalled = true;
}

/** Every line logged through n8n's logger since the last call (and forgets them). */
export function takeLogs(): LogLine[] {
	return logger.lines.splice(0, logger.lines.length);
}

// ---------------------------------------------------------------------------------------------
// The trigger in a workflow

export interface Outcome {
	/** HTTP status the caller got. */
	status: number;
	/** What was sent back (text or JSON). */
	body: unknown;
	/** Whether n8n would have started an execution. */
	executionStarted: boolean;
	/** The execution started with the error thrown by webhook() (the 500 + error-execution case). */
	executionError?: Error;
	/** Items per output when an execution started from workflowData. */
	items?: INodeExecutionData[][];
	/** The webhook() return value. */
	result?: IWebhookResponseData;
	/** Whether n8n called the node at all (false when n8n refused the body first). */
	nodeCalled: boolean;
	/** Who answered the caller: the node itself while webhook() ran, or n8n after it returned. */
	answeredBy?: 'node' | 'n8n';
}

export interface DeliverOptions {
	/** WorkflowRunner.run fails (database or queue down). */
	failExecutionStart?: boolean;
	/** Called the moment the caller gets its answer (before deliver() resolves when the node answers first). */
	onAnswer?: (status: number, body: unknown) => void;
}

export interface TriggerSetup {
	parameters?: INodeParameters;
	credentials?: ICredentialDataDecryptedObject;
	/** Node setting "On Error" (e.g. 'continueRegularOutput'); only matters when webhook() throws. */
	onError?: INode['onError'];
	workflowId?: string;
}

/** A node-type registry holding one node type (what a Workflow in these harnesses needs). */
export class TriggerNodeTypes implements INodeTypes {
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

let workflowCounter = 0;

/** One trigger node in one workflow (its own redelivery memory), ready to receive requests. */
export class HarnessTrigger {
	readonly workflow: Workflow;
	readonly node: INode;
	private readonly credentialsHelper: HarnessCredentialsHelper;
	private readonly nodeType = new WhatsAppCloudTrigger();

	constructor(setup: TriggerSetup = {}) {
		installLogger();
		this.credentialsHelper = new HarnessCredentialsHelper([new WhatsAppCloudApi()], {
			whatsAppCloudApi: {
				accessToken: 'harness-token',
				appSecret: APP_SECRET,
				verifyToken: VERIFY_TOKEN,
				graphBaseUrl: 'http://127.0.0.1:9',
				...setup.credentials,
			},
		});
		const parameters: INodeParameters = {
			events: ['messages', 'statuses', 'other'],
			outputMode: 'single',
			autoSubscribe: false,
			options: {},
			...setup.parameters,
		};
		this.node = {
			id: 'trigger-node',
			name: 'WhatsApp Cloud Trigger',
			type: TRIGGER_TYPE,
			typeVersion: 1,
			position: [0, 0],
			webhookId: 'harness-webhook-id',
			parameters,
			credentials: this.credentialsHelper.nodeCredentials(),
			...(setup.onError ? { onError: setup.onError } : {}),
		};
		this.workflow = new Workflow({
			id: setup.workflowId ?? `harness-trigger-workflow-${++workflowCounter}`,
			name: 'Trigger harness',
			nodes: [this.node],
			connections: {},
			active: true,
			nodeTypes: new TriggerNodeTypes(this.nodeType),
			settings: { executionOrder: 'v1' },
		});
	}

	/** Saves new data into the trigger's credential (same id), as editing it in n8n does. */
	setCredentials(data: ICredentialDataDecryptedObject): void {
		const current = this.node.credentials!.whatsAppCloudApi;
		this.credentialsHelper.addCredentials('whatsAppCloudApi', data, { id: current.id ?? undefined, name: current.name });
	}

	/** Sends one request through n8n's steps and the trigger's webhook(); resolves once answered. */
	async deliver(spec: RequestSpec, opts: DeliverOptions = {}): Promise<Outcome> {
		await ensureHarnessReady();
		const req = buildRequest(spec);
		const res = new RecordingResponse();
		res.onAnswer = opts.onAnswer;
		if (spec.bodyState === undefined || spec.bodyState === 'n8n') {
			const refused = req.method === 'POST' ? await prepareLikeN8n(req) : undefined;
			if (refused) return { ...refused, executionStarted: false, nodeCalled: false };
		}
		const webhookName = req.method === 'GET' ? 'setup' : 'default';
		const description = NodeHelpers.getVersionedNodeType(this.nodeType, 1).description.webhooks!.find((w) => w.name === webhookName)!;
		const node = this.workflow.getNode(this.node.name)!;
		const additionalData = createAdditionalData(this.credentialsHelper, {
			httpRequest: req as never,
			httpResponse: res as never,
			workflowId: this.workflow.id,
		});
		const webhookData: IWebhookData = {
			httpMethod: req.method,
			node: node.name,
			path: `${node.webhookId}/webhook`,
			webhookDescription: description,
			workflowId: this.workflow.id,
			workflowExecuteAdditionalData: additionalData,
			webhookId: node.webhookId,
		};
		const context = new WebhookContext(this.workflow, node, additionalData, 'webhook', webhookData, [], null);
		let result: IWebhookResponseData;
		try {
			res.phase = 'node';
			result = await this.nodeType.webhook.call(context);
		} catch (error) {
			// webhook-helpers.js: responseCallback(UnexpectedError) → 500, then an execution with the error.
			if (!res.headersSent) res.status(500).json({ message: 'Workflow Webhook Error: Workflow could not be started!' });
			await res.finished();
			return { status: 500, body: res.body, executionStarted: true, executionError: error as Error, nodeCalled: true };
		} finally {
			res.phase = 'n8n';
		}
		if (result.noWebhookResponse === true) {
			if (!res.headersSent) throw new Error('webhook() returned noWebhookResponse without answering');
			await res.finished();
			const started = result.workflowData !== undefined;
			return {
				status: res.statusCode,
				body: res.body,
				executionStarted: started,
				...(started ? { items: result.workflowData } : {}),
				result,
				nodeCalled: true,
				answeredBy: res.answeredBy,
			};
		}
		if (result.workflowData === undefined) {
			res.status(200).json(result.webhookResponse ?? { message: 'Webhook call received' });
			await res.finished();
			return { status: res.statusCode, body: res.body, executionStarted: false, result, nodeCalled: true };
		}
		if (opts.failExecutionStart) {
			// WorkflowRunner.run threw (database or queue down): the outer catch answers 500.
			res.status(500).json({ message: 'There was a problem executing the workflow' });
			await res.finished();
			return { status: 500, body: res.body, executionStarted: false, result, nodeCalled: true };
		}
		res.status(200).json(result.webhookResponse ?? { message: 'Workflow was started' });
		await res.finished();
		return { status: 200, body: res.body, executionStarted: true, items: result.workflowData, result, nodeCalled: true, answeredBy: res.answeredBy };
	}
}

/** Items of the first output (or all outputs flattened) as plain JSON. */
export function emitted(outcome: Outcome): IDataObject[] {
	return (outcome.items ?? []).flat().map((i) => i.json);
}
