/**
 * Runs the trigger's webhook methods (checkExists / create / delete) the way n8n does: through
 * n8n-core's real HookContext on a real Workflow, credentials applied by the harness's
 * credentials helper, Graph calls through n8n's HTTP client to the simulator. The trigger's URL
 * is served by a tiny HTTP server that answers Meta's verification GET like the trigger does,
 * so the simulator's handshake on subscribe succeeds (or fails, on demand).
 *
 * `activate()` is n8n's createWebhookIfNotExists (checkExists, then create when it said false);
 * `deactivate()` is n8n's deleteWebhook. Static data lives on the Workflow, like n8n keeps it.
 * Warnings the trigger logs are collected from n8n's Logger.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';

import { HookContext, WebhookContext } from 'n8n-core';
import { NodeHelpers, Workflow } from 'n8n-workflow';
import type { ICredentialDataDecryptedObject, IDataObject, INode, INodeParameters, INodeType, INodeTypes, IWebhookData, WorkflowActivateMode } from 'n8n-workflow';

import { WhatsAppCloudApi } from '../../credentials/WhatsAppCloudApi.credentials';
import { WhatsAppCloudTrigger } from '../../nodes/WhatsAppCloudTrigger/WhatsAppCloudTrigger.node';
import { answerHandshake } from '../../nodes/WhatsAppCloudTrigger/handshake';
import { repairMarkedSubscription } from '../../nodes/WhatsAppCloudTrigger/subscription';
import { createAdditionalData, ensureHarnessReady, getCoreContainer, HarnessCredentialsHelper } from './runNode';

const TYPE = 'n8n-nodes-whatsapp-cloud.whatsAppCloudTrigger';

class TriggerTypes implements INodeTypes {
	private readonly trigger = new WhatsAppCloudTrigger();
	getByName() {
		return this.trigger;
	}
	getByNameAndVersion(_type: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.trigger, version);
	}
	getKnownTypes() {
		return {};
	}
}

/** Answers GET …/webhook/<id>/webhook like the trigger's setup webhook (hub.verify_token check). */
export class CallbackServer {
	private server?: http.Server;
	baseUrl = '';
	verifyToken = '';
	refuse = false;
	readonly hits: string[] = [];

	async start(): Promise<void> {
		this.server = http.createServer((req, res) => {
			const url = new URL(req.url ?? '/', 'http://x');
			this.hits.push(`${req.method} ${url.pathname}`);
			const answer = this.refuse ? { status: 503, body: 'down' } : answerHandshake(Object.fromEntries(url.searchParams) as IDataObject, this.verifyToken);
			res.writeHead(answer.status, { 'content-type': 'text/plain' });
			res.end(answer.body);
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.baseUrl = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
	}

	async stop(): Promise<void> {
		await new Promise<void>((resolve) => this.server?.close(() => resolve()));
	}
}

/** A CallbackServer for the enclosing test file or describe block, started before its tests. */
export function useCallbackServer(): CallbackServer {
	const callback = new CallbackServer();
	beforeAll(async () => await callback.start());
	afterAll(async () => await callback.stop());
	return callback;
}

/** n8n's Logger as n8n-core's contexts get it, to collect what the trigger logs. */
function coreLogger(): { warn: (...a: unknown[]) => void; info: (...a: unknown[]) => void } {
	const coreDir = dirname(require.resolve('n8n-core'));
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { Logger } = require(require.resolve('@n8n/backend-common', { paths: [coreDir] })) as { Logger: abstract new (...a: never[]) => unknown };
	return getCoreContainer().get(Logger) as { warn: (...a: unknown[]) => void; info: (...a: unknown[]) => void };
}

export interface TriggerHooksOptions {
	parameters: INodeParameters;
	credentials: ICredentialDataDecryptedObject;
	callback: CallbackServer;
	typeVersion?: number;
	webhookId?: string;
	workflowId?: string;
	staticData?: IDataObject;
}

export class TriggerHooks {
	readonly workflow: Workflow;
	readonly node: INode;
	readonly warnings: string[] = [];
	readonly infos: string[] = [];
	private readonly helper = new HarnessCredentialsHelper([new WhatsAppCloudApi()]);
	private readonly callback: CallbackServer;

	constructor(opts: TriggerHooksOptions) {
		this.callback = opts.callback;
		this.node = {
			id: `node-${opts.webhookId ?? 'w1'}`,
			name: 'WhatsApp Cloud Trigger',
			type: TYPE,
			typeVersion: opts.typeVersion ?? 1.1,
			position: [0, 0],
			webhookId: opts.webhookId ?? 'w1',
			parameters: opts.parameters,
			credentials: { whatsAppCloudApi: { id: 'cred-1', name: 'WhatsApp Cloud API' } },
		};
		this.workflow = new Workflow({
			id: opts.workflowId ?? `wf-${opts.webhookId ?? 'w1'}`,
			name: 'subscription test',
			nodes: [this.node],
			connections: {},
			active: true,
			nodeTypes: new TriggerTypes(),
			staticData: opts.staticData ?? {},
		});
		this.setCredentials(opts.credentials);
	}

	/** Replaces the credential's data (an edit in n8n: the next hook call reads it). */
	setCredentials(data: ICredentialDataDecryptedObject): void {
		this.helper.addCredentials('whatsAppCloudApi', data, { id: 'cred-1', name: 'WhatsApp Cloud API' });
		this.callback.verifyToken = String(data.verifyToken ?? '');
	}

	/** The node's static data (what the trigger recorded). */
	get record(): IDataObject {
		return this.workflow.staticData[`node:${this.node.name}`] as IDataObject;
	}

	get url(): string {
		return `${this.callback.baseUrl}/webhook/${this.node.webhookId}/webhook`;
	}

	private additionalData() {
		return createAdditionalData(this.helper, { webhookBaseUrl: `${this.callback.baseUrl}/webhook`, workflowId: this.workflow.id });
	}

	/** Runs `fn` collecting what n8n's Logger got (info and warn). */
	private async logged<T>(fn: () => Promise<T>): Promise<T> {
		await ensureHarnessReady();
		const logger = coreLogger();
		const warn = jest.spyOn(logger, 'warn').mockImplementation((message: unknown) => void this.warnings.push(String(message)));
		const info = jest.spyOn(logger, 'info').mockImplementation((message: unknown) => void this.infos.push(String(message)));
		try {
			return await fn();
		} finally {
			warn.mockRestore();
			info.mockRestore();
		}
	}

	async run(method: 'checkExists' | 'create' | 'delete', activation: WorkflowActivateMode = 'activate'): Promise<boolean> {
		return await this.logged(async () => {
			const nodeType = this.workflow.nodeTypes.getByNameAndVersion(TYPE, this.node.typeVersion);
			const fn = nodeType.webhookMethods?.default?.[method];
			if (!fn) throw new Error(`no ${method}`);
			const context = new HookContext(this.workflow, this.node, this.additionalData(), method === 'delete' ? 'internal' : 'trigger', activation);
			return await fn.call(context);
		});
	}

	/** repairMarkedSubscription as the trigger's webhook() would call it, in n8n-core's WebhookContext. */
	async repair(): Promise<string> {
		return await this.logged(async () => {
			const additionalData = this.additionalData();
			const webhookData: IWebhookData = {
				httpMethod: 'POST',
				node: this.node.name,
				path: `${this.node.webhookId}/webhook`,
				webhookDescription: { name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
				workflowId: this.workflow.id,
				workflowExecuteAdditionalData: additionalData,
				webhookId: this.node.webhookId,
			};
			const context = new WebhookContext(this.workflow, this.node, additionalData, 'webhook', webhookData, [], null);
			return await repairMarkedSubscription.call(context);
		});
	}

	/** n8n's createWebhookIfNotExists. */
	async activate(activation: WorkflowActivateMode = 'activate'): Promise<void> {
		if (!(await this.run('checkExists', activation))) await this.run('create', activation);
	}

	async deactivate(): Promise<void> {
		await this.run('delete', 'update');
	}
}
