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

import {
	CredentialTestContext,
	ExecuteContext,
	ExecutionLifecycleHooks,
	ExternalSecretsProxy,
	LoadOptionsContext,
	RoutingNode,
	WorkflowExecute,
} from 'n8n-core';
import {
	NodeConnectionTypes,
	NodeHelpers,
	UnexpectedError,
	Workflow,
	createRunExecutionData,
} from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunction,
	ICredentialType,
	ICredentialsDecrypted,
	IDataObject,
	IExecuteData,
	IExecuteFunctions,
	INode,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeListSearchResult,
	INodeParameters,
	INodePropertyOptions,
	INodeType,
	INodeTypes,
	IRun,
	ITaskData,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	IWorkflowSettings,
	NodeExecutionHint,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { ensureHarnessReady } from './core';
import { HarnessCredentialsHelper } from './credentialsHelper';

export { HarnessCredentialsHelper } from './credentialsHelper';
export { ensureHarnessReady, getCoreContainer, readBinary, storeBinary } from './core';

/** Package prefix of node type names, as n8n names community nodes (`<package>.<name>`). */
export const DEFAULT_PACKAGE_NAME = 'n8n-nodes-whatsapp-cloud';

/** Base URL the harness reports for the n8n instance (webhook URLs, $execution.resumeUrl, ...). */
export const HARNESS_INSTANCE_URL = 'http://localhost:5678/';

const WORKFLOW_ID = 'harness-workflow';
const INPUT_NODE_TYPE = 'n8n-nodes-harness.input';

type AnyNodeType = INodeType | IVersionedNodeType;
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

/** Latest (default) version of a node type. */
function defaultVersionOf(nodeType: AnyNodeType): number {
	if ('nodeVersions' in nodeType) return nodeType.currentVersion;
	const { description } = nodeType;
	if (description.defaultVersion !== undefined) return description.defaultVersion;
	return Array.isArray(description.version)
		? Math.max(...description.version)
		: description.version;
}

/** Type name of the node, like n8n's loader names community nodes. */
function typeNameOf(nodeType: AnyNodeType, override?: string): string {
	if (override) return override;
	const { name } = nodeType.description;
	return name.includes('.') ? name : `${DEFAULT_PACKAGE_NAME}.${name}`;
}

/**
 * Wraps the resolved node type so the instance of the error thrown by `execute`
 * is kept (the engine only stores a plain-object copy of it in the run data).
 */
function withErrorCapture(
	nodeType: INodeType,
	onError: (error: unknown) => void,
): INodeType {
	const original = nodeType.execute;
	if (typeof original !== 'function') return nodeType;
	const wrapper = Object.create(nodeType) as INodeType;
	const execute = async function (this: unknown, ...args: unknown[]) {
		// Classic nodes are called with the context as `this`; class-style nodes
		// (NODE_CLASS_TAG) are called as methods with the context as argument.
		const self = this === wrapper ? nodeType : this;
		try {
			return await (original as (...a: unknown[]) => unknown).apply(self, args);
		} catch (error) {
			onError(error);
			throw error;
		}
	};
	Object.defineProperty(wrapper, 'execute', { value: execute, enumerable: true, writable: true });
	return wrapper;
}

class HarnessNodeTypes implements INodeTypes {
	private readonly types = new Map<string, { type: AnyNodeType; resolve: (version?: number) => INodeType }>();

	add(name: string, type: AnyNodeType, resolve?: (version?: number) => INodeType): void {
		this.types.set(name, {
			type,
			resolve: resolve ?? ((version) => NodeHelpers.getVersionedNodeType(type, version)),
		});
	}

	getByName(nodeType: string): AnyNodeType {
		return this.require(nodeType).type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return this.require(nodeType).resolve(version);
	}

	getKnownTypes() {
		return {};
	}

	private require(name: string) {
		const entry = this.types.get(name);
		if (!entry) throw new UnexpectedError(`Unknown node type "${name}" in harness`);
		return entry;
	}
}

/** The node feeding the configured items to the node under test (like a trigger with fixed output). */
function createInputNodeType(items: INodeExecutionData[]): INodeType {
	return {
		description: {
			displayName: 'Harness Input',
			name: INPUT_NODE_TYPE,
			group: ['trigger'],
			version: 1,
			description: 'Emits the items given to the harness',
			defaults: { name: 'Input' },
			inputs: [],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			return [structuredClone(items)];
		},
	};
}

function unsupported(what: string) {
	return async (): Promise<never> => {
		throw new UnexpectedError(`${what} is not supported by the test harness`);
	};
}

/** IWorkflowExecuteAdditionalData as the CLI's getBase() provides it, minus database-backed parts. */
export function createAdditionalData(
	credentialsHelper: HarnessCredentialsHelper,
	extra: Partial<IWorkflowExecuteAdditionalData> = {},
): IWorkflowExecuteAdditionalData {
	const base = HARNESS_INSTANCE_URL;
	return {
		credentialsHelper,
		executeWorkflow: unsupported('executeWorkflow (sub-workflows)'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		startRunnerTask: unsupported('startRunnerTask (Code node task runners)'),
		logAiEvent: () => {},
		currentNodeExecutionIndex: 0,
		restApiUrl: `${base}rest`,
		instanceBaseUrl: base,
		formBaseUrl: `${base}form`,
		formTestBaseUrl: `${base}form-test`,
		formWaitingBaseUrl: `${base}form-waiting`,
		webhookBaseUrl: `${base}webhook`,
		webhookTestBaseUrl: `${base}webhook-test`,
		webhookWaitingBaseUrl: `${base}webhook-waiting`,
		mcpBaseUrl: `${base}mcp`,
		mcpTestBaseUrl: `${base}mcp-test`,
		variables: {},
		userId: 'harness-user',
		externalSecretsProxy: new ExternalSecretsProxy(),
		...extra,
	};
}

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

export interface NodeMethodOptions {
	nodeType: AnyNodeType;
	/** Method name under `methods.loadOptions` / `methods.listSearch`. */
	method: string;
	/** The node's current parameters (what the editor sends as `currentNodeParameters`). */
	parameters?: INodeParameters;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	credentialTypes?: ICredentialType[];
	typeVersion?: number;
	nodeTypeName?: string;
	/** Path of the parameter being loaded, e.g. 'parameters.phoneNumberId' (for `&sibling` lookups). */
	path?: string;
}

async function createLoadOptionsContext(opts: NodeMethodOptions): Promise<LoadOptionsContext> {
	await ensureHarnessReady();
	const credentialsHelper = new HarnessCredentialsHelper(
		opts.credentialTypes ?? [],
		opts.credentials ?? {},
	);
	const typeName = typeNameOf(opts.nodeType, opts.nodeTypeName);
	const typeVersion = opts.typeVersion ?? defaultVersionOf(opts.nodeType);
	const nodeTypes = new HarnessNodeTypes();
	nodeTypes.add(typeName, opts.nodeType);

	const nodeCredentials = credentialsHelper.nodeCredentials();
	const node: INode = {
		id: 'uuid-1234',
		name: 'Temp-Node',
		type: typeName,
		typeVersion,
		position: [0, 0],
		parameters: structuredClone(opts.parameters ?? {}),
		...(Object.keys(nodeCredentials).length ? { credentials: nodeCredentials } : {}),
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
	});
	const tempNode = workflow.getNode('Temp-Node') ?? node;
	// The editor sends the node's full parameter set (defaults included).
	const additionalData = createAdditionalData(credentialsHelper, {
		currentNodeParameters: tempNode.parameters,
	});
	return new LoadOptionsContext(workflow, tempNode, additionalData, opts.path ?? 'parameters');
}

function getMethod<T>(
	nodeType: AnyNodeType,
	typeVersion: number | undefined,
	kind: 'loadOptions' | 'listSearch',
	name: string,
): T {
	const resolved = NodeHelpers.getVersionedNodeType(nodeType, typeVersion ?? defaultVersionOf(nodeType));
	const method = resolved.methods?.[kind]?.[name];
	if (typeof method !== 'function') {
		throw new UnexpectedError(`Node type does not have method "${kind}.${name}" defined`);
	}
	return method as T;
}

/** Calls `methods.loadOptions[method]` with a real LoadOptionsContext. */
export async function runLoadOptions(opts: NodeMethodOptions): Promise<INodePropertyOptions[]> {
	const method = getMethod<(this: LoadOptionsContext) => Promise<INodePropertyOptions[]>>(
		opts.nodeType,
		opts.typeVersion,
		'loadOptions',
		opts.method,
	);
	const context = await createLoadOptionsContext(opts);
	return await method.call(context);
}

/** Calls `methods.listSearch[method](filter, paginationToken)` with a real LoadOptionsContext. */
export async function runListSearch(
	opts: NodeMethodOptions & { filter?: string; paginationToken?: string },
): Promise<INodeListSearchResult> {
	const method = getMethod<
		(this: LoadOptionsContext, filter?: string, paginationToken?: string) => Promise<INodeListSearchResult>
	>(opts.nodeType, opts.typeVersion, 'listSearch', opts.method);
	const context = await createLoadOptionsContext(opts);
	return await method.call(context, opts.filter, opts.paginationToken);
}

export interface CredentialTestOptions {
	/** Credential types; when the tested type is among them its defaults are applied first (as n8n does). */
	credentialTypes?: ICredentialType[];
	/** Name of the credential type under test. Default: the node credential whose `testedBy` is the test name. */
	credentialType?: string;
}

function findCredentialTest(nodeType: AnyNodeType, testName: string): ICredentialTestFunction {
	const candidates: INodeType[] =
		'nodeVersions' in nodeType ? Object.values(nodeType.nodeVersions).reverse() : [nodeType];
	for (const candidate of candidates) {
		const test = candidate.methods?.credentialTest?.[testName];
		if (typeof test === 'function') return test;
	}
	throw new UnexpectedError(`Node type does not have methods.credentialTest.${testName}`);
}

function credentialTypeTestedBy(nodeType: AnyNodeType, testName: string): string | undefined {
	const candidates: INodeType[] =
		'nodeVersions' in nodeType ? Object.values(nodeType.nodeVersions) : [nodeType];
	for (const candidate of candidates) {
		const match = candidate.description.credentials?.find((c) => c.testedBy === testName);
		if (match) return match.name;
	}
	return undefined;
}

/**
 * Calls `methods.credentialTest[testName]` like n8n's "Test credential" button:
 * the data gets the credential type's defaults (when the type is given) and the
 * function runs with n8n-core's CredentialTestContext, whose `helpers.request` is
 * n8n's real legacy request helper.
 */
export async function runCredentialTest(
	nodeType: AnyNodeType,
	testName: string,
	credentials: ICredentialDataDecryptedObject,
	options: CredentialTestOptions = {},
): Promise<INodeCredentialTestResult> {
	await ensureHarnessReady();
	const test = findCredentialTest(nodeType, testName);
	const type = options.credentialType ?? credentialTypeTestedBy(nodeType, testName) ?? 'unknown';
	const credentialsHelper = new HarnessCredentialsHelper(options.credentialTypes ?? []);
	const additionalData = createAdditionalData(credentialsHelper);

	let data = structuredClone(credentials);
	if (options.credentialTypes?.some((t) => t.name === type)) {
		data = await credentialsHelper.applyDefaultsAndOverwrites(additionalData, data, type, 'internal');
	}
	const decrypted: ICredentialsDecrypted = {
		id: `harness-${type}`,
		name: `${type} (harness)`,
		type,
		data,
	};
	const context = new CredentialTestContext(additionalData);
	return await test.call(context, decrypted);
}

/**
 * Runs a credential type's declarative `test` request like n8n's CredentialsTester:
 * through RoutingNode on a temporary node, with the type's `authenticate` applied,
 * then evaluates `rules`. Returns n8n's result (`{ status: 'OK' | 'Error', message }`).
 */
export async function runCredentialTypeTest(
	credentialType: ICredentialType,
	credentials: ICredentialDataDecryptedObject,
	options: { credentialTypes?: ICredentialType[] } = {},
): Promise<INodeCredentialTestResult> {
	await ensureHarnessReady();
	const testRequest = credentialType.test;
	if (!testRequest) throw new UnexpectedError(`Credential type "${credentialType.name}" has no test`);

	const credentialsHelper = new HarnessCredentialsHelper([
		...(options.credentialTypes ?? []),
		credentialType,
	]);
	const reference = credentialsHelper.addCredentials(credentialType.name, credentials);
	const additionalData = createAdditionalData(credentialsHelper);
	const data = await credentialsHelper.applyDefaultsAndOverwrites(
		additionalData,
		structuredClone(credentials),
		credentialType.name,
		'internal',
	);
	const decrypted: ICredentialsDecrypted = {
		id: reference.id ?? '',
		name: reference.name,
		type: credentialType.name,
		data,
	};

	// The CLI tests through a copy of the noOp node carrying only the test request.
	const testNodeType: INodeType = {
		description: {
			displayName: 'No Operation, do nothing',
			name: 'n8n-nodes-base.noOp',
			group: ['organization'],
			version: 1,
			description: '',
			defaults: { name: 'No Operation, do nothing' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: credentialType.name, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					default: '',
					routing: { request: testRequest.request },
				},
			],
		},
	};
	const nodeTypes = new HarnessNodeTypes();
	nodeTypes.add(testNodeType.description.name, testNodeType);
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: testNodeType.description.name,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [credentialType.name]: reference },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const tempNode = workflow.getNode('Temp-Node') ?? node;
	const executeData: IExecuteData = { node: tempNode, data: {}, source: null };
	const context = new ExecuteContext(
		workflow,
		tempNode,
		additionalData,
		'internal',
		createRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		executeData,
		[],
	);

	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await new RoutingNode(context, testNodeType, decrypted).runNode();
	} catch (caught) {
		const error = caught as Error & {
			cause?: { response?: { status: number; statusText?: string }; code?: string };
		};
		const failedResponse = error.cause?.response;
		if (failedResponse) {
			for (const rule of testRequest.rules ?? []) {
				if (rule.type === 'responseCode' && failedResponse.status === rule.properties.value) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (failedResponse.status < 199 || failedResponse.status > 299) {
				return {
					status: 'Error',
					message: failedResponse.statusText || `Received HTTP status code: ${failedResponse.status}`,
				};
			}
		} else if (error.cause?.code) {
			return { status: 'Error', message: error.cause.code };
		}
		return { status: 'Error', message: String(error.message) };
	}

	for (const rule of testRequest.rules ?? []) {
		if (rule.type !== 'responseSuccessBody') continue;
		const body = response?.[0]?.[0]?.json;
		const value = rule.properties.key
			.split('.')
			.reduce<unknown>((current, key) => (current as Record<string, unknown> | undefined)?.[key], body);
		if (value === rule.properties.value) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}
