/**
 * `runLoadOptions()` / `runListSearch()`: `methods.loadOptions` / `methods.listSearch` with
 * n8n-core's `LoadOptionsContext`, built like the CLI's DynamicNodeParametersService builds it.
 */
import './setup';

import { LoadOptionsContext } from 'n8n-core';
import { NodeHelpers, UnexpectedError, Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	INode,
	INodeListSearchResult,
	INodeParameters,
	INodePropertyOptions,
} from 'n8n-workflow';

import { ensureHarnessReady } from './core';
import { HarnessCredentialsHelper } from './credentialsHelper';
import { createAdditionalData } from './additionalData';
import { type AnyNodeType, defaultVersionOf, HarnessNodeTypes, typeNameOf } from './nodeTypes';

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
