/**
 * Runs a node in-process through n8n-core's real execution engine.
 *
 * `runNode()` builds a two-node workflow ("Input" -> node under test) with
 * n8n-workflow's `Workflow` and executes it with n8n-core's `WorkflowExecute` in
 * `manual` mode, exactly like n8n runs a workflow: the node receives a real
 * `ExecuteContext` (getNodeParameter with per-item expressions, continueOnFail,
 * helpers.httpRequestWithAuthentication / httpRequest / prepareBinaryData /
 * assertBinaryData / getBinaryDataBuffer, ...), parameter defaults are filled in
 * and parameter issues are checked by the engine, and paired items are assigned
 * by the engine. HTTP goes through n8n's own HTTP client (@n8n/backend-network)
 * to wherever the node points it (a local simulator in tests).
 *
 * `runLoadOptions()` / `runListSearch()` call `methods.loadOptions` /
 * `methods.listSearch` with n8n-core's `LoadOptionsContext`, built like the CLI's
 * DynamicNodeParametersService builds it. `runCredentialTest()` calls
 * `methods.credentialTest[name]` with n8n-core's `CredentialTestContext` (real
 * `helpers.request`), `runCredentialTypeTest()` runs a credential type's
 * declarative `test` request through n8n-core's `RoutingNode` like the CLI's
 * CredentialsTester.
 */
import './setup';

import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import { NodeConnectionTypes, NodeHelpers, Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	IRun,
	ITaskData,
	IWorkflowBase,
	IWorkflowSettings,
	NodeExecutionHint,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { ensureHarnessReady } from './core';
import { HarnessCredentialsHelper } from './credentialsHelper';
import { createAdditionalData } from './additionalData';
import {
	type AnyNodeType,
	createInputNodeType,
	defaultVersionOf,
	HarnessNodeTypes,
	INPUT_NODE_TYPE,
	typeNameOf,
	withErrorCapture,
} from './nodeTypes';

export { HarnessCredentialsHelper } from './credentialsHelper';
export { ensureHarnessReady, getCoreContainer, readBinary, storeBinary } from './core';
export { createAdditionalData, HARNESS_INSTANCE_URL } from './additionalData';
export { runCredentialTest, runCredentialTypeTest, type CredentialTestOptions } from './credentialTests';
export { runListSearch, runLoadOptions, type NodeMethodOptions } from './nodeMethods';
export { DEFAULT_PACKAGE_NAME } from './nodeTypes';

const WORKFLOW_ID = 'harness-workflow';
type OnError = NonNullable<INode['onError']>;

export interface RunNodeOptions {
	/** The node to run, e.g. `new WhatsAppCloud()`. Versioned node types are supported. */
	nodeType: AnyNodeType;
	/** Node parameters as saved in a workflow (defaults are filled in by n8n). `={{ }}` expressions allowed. */
	parameters: INodeParameters;
	/** Decrypted credential data by credential type name, e.g. `{ whatsAppCloudApi: { accessToken, ... } }`. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Credential types used by the node (e.g. `[new WhatsAppCloudApi()]`); their `authenticate` is applied. */
	credentialTypes?: ICredentialType[];
	/** Items the node receives from the preceding "Input" node. Default: one empty item (`[{ json: {} }]`). */
	input?: INodeExecutionData[];
	/** "On Error: Continue" (onError = 'continueRegularOutput'). */
	continueOnFail?: boolean;
	/** Explicit error setting; wins over `continueOnFail` (use 'continueErrorOutput' for an error output). */
	onError?: OnError;
	/** Node type version. Default: the node's default/latest version. */
	typeVersion?: number;
	/** Name of the node in the workflow. Default: `description.defaults.name` or the display name. */
	nodeName?: string;
	/** Full node type name. Default: `${DEFAULT_PACKAGE_NAME}.${description.name}`. */
	nodeTypeName?: string;
	/** Any other INode settings, e.g. `{ alwaysOutputData: true, executeOnce: true, retryOnFail: true }`. */
	nodeSettings?: Partial<
		Pick<
			INode,
			| 'alwaysOutputData'
			| 'executeOnce'
			| 'retryOnFail'
			| 'maxTries'
			| 'waitBetweenTries'
			| 'disabled'
			| 'webhookId'
		>
	>;
	/** Workflow settings (timezone, binaryMode, ...). `executionOrder` defaults to 'v1' like new n8n workflows. */
	workflowSettings?: IWorkflowSettings;
	/** Workflow static data (getWorkflowStaticData). */
	staticData?: IDataObject;
	/** Execution mode. Default 'manual' (a "Test workflow" run in the editor). */
	mode?: WorkflowExecuteMode;
	/** Use this credentials helper instead of a fresh one (e.g. to share refreshed tokens between runs). */
	credentialsHelper?: HarnessCredentialsHelper;
}

export interface RunNodeResult {
	/** Items per output of the node under test (`[]` when it failed or did not run; a null output becomes `[]`). */
	items: INodeExecutionData[][];
	/** The error the run failed with: the node's own thrown error instance (e.g. NodeOperationError, NodeApiError) when available. */
	error?: Error;
	/** Execution hints the node added (this.addExecutionHints / engine hints). */
	hints: NodeExecutionHint[];
	/** Run data of the node under test, as stored in the execution. */
	taskData?: ITaskData;
	/** The complete run (undefined when the engine refused to start, e.g. WorkflowHasIssuesError). */
	run?: IRun;
	/** The node as executed (parameters with defaults filled in). */
	node: INode;
	/** Credentials helper used for the run (its store reflects refreshed tokens). */
	credentialsHelper: HarnessCredentialsHelper;
	/** Workflow static data after the run (what getWorkflowStaticData() changed). */
	staticData: IDataObject;
}

let executionCounter = 0;

/** Turns the plain-object copy of an error stored in run data back into an Error. */
function errorFromRunData(stored: object): Error {
	const plain = stored as { message?: string; name?: string; stack?: string };
	const error = new Error(plain.message ?? 'Unknown error');
	Object.assign(error, stored);
	if (plain.name) error.name = plain.name;
	if (plain.stack) error.stack = plain.stack;
	return error;
}

function uniqueName(wanted: string, taken: string): string {
	return wanted === taken ? `${wanted} 1` : wanted;
}

/** Runs `nodeType` once over `input` through n8n-core's WorkflowExecute. */
export async function runNode(opts: RunNodeOptions): Promise<RunNodeResult> {
	await ensureHarnessReady();

	const credentialsHelper =
		opts.credentialsHelper ?? new HarnessCredentialsHelper(opts.credentialTypes ?? []);
	if (opts.credentialsHelper) {
		for (const type of opts.credentialTypes ?? []) credentialsHelper.addCredentialType(type);
	}
	for (const [type, data] of Object.entries(opts.credentials ?? {})) {
		credentialsHelper.addCredentials(type, data);
	}

	const typeName = typeNameOf(opts.nodeType, opts.nodeTypeName);
	const typeVersion = opts.typeVersion ?? defaultVersionOf(opts.nodeType);
	const description = NodeHelpers.getVersionedNodeType(opts.nodeType, typeVersion).description;
	const nodeName =
		opts.nodeName ?? (description.defaults.name as string | undefined) ?? description.displayName;
	const inputName = uniqueName('Input', nodeName);

	let capturedError: unknown;
	const nodeTypes = new HarnessNodeTypes();
	nodeTypes.add(typeName, opts.nodeType, (version) =>
		withErrorCapture(NodeHelpers.getVersionedNodeType(opts.nodeType, version), (error) => {
			capturedError = error;
		}),
	);
	nodeTypes.add(INPUT_NODE_TYPE, createInputNodeType(opts.input ?? [{ json: {} }]));

	const onError: OnError | undefined =
		opts.onError ?? (opts.continueOnFail ? 'continueRegularOutput' : undefined);
	const nodeCredentials = credentialsHelper.nodeCredentials();
	const node: INode = {
		id: 'harness-node-under-test',
		name: nodeName,
		type: typeName,
		typeVersion,
		position: [250, 0],
		parameters: structuredClone(opts.parameters),
		...(Object.keys(nodeCredentials).length ? { credentials: nodeCredentials } : {}),
		...(onError ? { onError } : {}),
		...opts.nodeSettings,
	};
	const inputNode: INode = {
		id: 'harness-input',
		name: inputName,
		type: INPUT_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const connections = {
		[inputName]: { main: [[{ node: nodeName, type: NodeConnectionTypes.Main, index: 0 }]] },
	};
	const settings: IWorkflowSettings = { executionOrder: 'v1', ...opts.workflowSettings };

	const workflow = new Workflow({
		id: WORKFLOW_ID,
		name: 'Harness workflow',
		nodes: [inputNode, node],
		connections,
		active: false,
		nodeTypes,
		settings,
		staticData: opts.staticData,
	});

	const mode = opts.mode ?? 'manual';
	const executionId = `harness-execution-${++executionCounter}`;
	const now = new Date();
	const workflowData: IWorkflowBase = {
		id: WORKFLOW_ID,
		name: 'Harness workflow',
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: now,
		updatedAt: now,
		nodes: [inputNode, node],
		connections,
		settings,
	};
	const additionalData = createAdditionalData(credentialsHelper, {
		executionId,
		workflowId: WORKFLOW_ID,
		workflowSettings: settings,
		hooks: new ExecutionLifecycleHooks(mode, executionId, workflowData),
	});

	const executedNode = workflow.getNode(nodeName) ?? node;
	let run: IRun;
	try {
		run = await new WorkflowExecute(additionalData, mode).run({
			workflow,
			startNode: workflow.getNode(inputName) ?? inputNode,
		});
	} catch (error) {
		// The engine refused to start (e.g. WorkflowHasIssuesError for missing required parameters).
		return {
			items: [],
			error: error instanceof Error ? error : new Error(String(error)),
			hints: [],
			node: executedNode,
			credentialsHelper,
			staticData: workflow.staticData,
		};
	}

	const taskData = run.data.resultData.runData[nodeName]?.[0];
	const items = (taskData?.data?.main ?? []).map((output) => output ?? []);
	const runError = run.data.resultData.error;
	let error: Error | undefined;
	if (runError) {
		error =
			capturedError instanceof Error && capturedError.message === runError.message
				? capturedError
				: errorFromRunData(runError);
	}

	return {
		items,
		error,
		hints: taskData?.hints ?? [],
		taskData,
		run,
		node: executedNode,
		credentialsHelper,
		staticData: workflow.staticData,
	};
}
