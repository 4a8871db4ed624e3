/**
 * What the harness's credentials helper resolves as n8n's CredentialsHelper does: the stored data
 * with the type's defaults filled in and `={{ }}` expressions resolved, and a generic
 * `authenticate` block written into the request with its keys and values resolved.
 */
import { getAdditionalKeys } from 'n8n-core';
import { NodeHelpers, Workflow, isExpression } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsExpressionResolveValues,
	IExecuteData,
	IAuthenticateGeneric,
	IHttpRequestOptions,
	INode,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IWorkflowDataProxyAdditionalKeys,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

/** Node used to resolve expressions when there is no executing node (as the CLI does). */
const MOCK_NODE: INode = {
	id: 'harness-mock-node',
	name: '',
	type: 'mock',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

const MOCK_NODE_TYPE: INodeType = {
	description: {
		displayName: 'Mock',
		name: 'mock',
		group: [],
		version: 1,
		description: '',
		defaults: {},
		inputs: [],
		outputs: [],
		properties: [],
	},
};

const MOCK_NODE_TYPES: INodeTypes = {
	getByName: () => MOCK_NODE_TYPE,
	getByNameAndVersion: () => MOCK_NODE_TYPE,
	getKnownTypes: () => ({}),
};

/** The stored data with the type's `properties` defaults filled in and its expressions resolved. */
export function resolveCredentialData(
	properties: INodeProperties[],
	decryptedDataOriginal: ICredentialDataDecryptedObject,
	additionalData: IWorkflowExecuteAdditionalData,
	mode: WorkflowExecuteMode,
	executeData?: IExecuteData,
	expressionResolveValues?: ICredentialsExpressionResolveValues,
): ICredentialDataDecryptedObject {
	let decryptedData = (NodeHelpers.getNodeParameters(
		properties,
		decryptedDataOriginal as INodeParameters,
		true,
		false,
		null,
		null,
	) ?? {}) as ICredentialDataDecryptedObject;

	// OAuth token data is not a declared property, so getNodeParameters drops it: put it back.
	if (decryptedDataOriginal.oauthTokenData !== undefined) {
		decryptedData.oauthTokenData = decryptedDataOriginal.oauthTokenData;
	}
	for (const key of ['allowedHttpRequestDomains', 'allowedDomains']) {
		if (decryptedData[key] === undefined && decryptedDataOriginal[key] !== undefined) {
			decryptedData[key] = decryptedDataOriginal[key];
		}
	}

	const additionalKeys = getAdditionalKeys(additionalData, mode, null, { isCredential: true });

	if (expressionResolveValues) {
		try {
			decryptedData = expressionResolveValues.workflow.expression.getParameterValue(
				decryptedData as INodeParameters,
				expressionResolveValues.runExecutionData,
				expressionResolveValues.runIndex,
				expressionResolveValues.itemIndex,
				expressionResolveValues.node.name,
				expressionResolveValues.connectionInputData,
				mode,
				additionalKeys,
				executeData,
				false,
				decryptedData,
			) as ICredentialDataDecryptedObject;
		} catch (error) {
			(error as Error).message += ' [Error resolving credentials]';
			throw error;
		}
		return decryptedData;
	}

	const workflow = new Workflow({
		nodes: [{ ...MOCK_NODE }],
		connections: {},
		active: false,
		nodeTypes: MOCK_NODE_TYPES,
	});
	return workflow.expression.getComplexParameterValue(
		MOCK_NODE,
		decryptedData as INodeParameters,
		mode,
		additionalKeys,
		undefined,
		undefined,
		decryptedData,
	) as ICredentialDataDecryptedObject;
}

/** A generic `authenticate` block: its keys and values resolved against `$credentials`, written into the request. */
export function applyGenericAuthentication(
	authenticate: IAuthenticateGeneric,
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
	workflow: Workflow,
	node: INode,
): IHttpRequestOptions {
	requestOptions.headers ??= {};
	if (authenticate.type !== 'generic') return requestOptions;

	const target = requestOptions as unknown as Record<string, Record<string, unknown> | undefined>;
	for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
		if (outerValue === undefined || outerValue === null || typeof outerValue !== 'object') continue;
		for (const [key, value] of Object.entries(outerValue as Record<string, unknown>)) {
			const keyResolved = resolveValue(key, credentials, workflow, node);
			const valueResolved = resolveValue(value, credentials, workflow, node);
			const bucket = (target[outerKey] ??= {});
			bucket[keyResolved] = valueResolved;
		}
	}
	return requestOptions;
}

/** Resolves one generic-auth key or value: expressions see `$credentials`; falsy results become ''. */
function resolveValue(
	value: unknown,
	credentials: ICredentialDataDecryptedObject,
	workflow: Workflow,
	node: INode,
): string {
	if (!isExpression(value)) return value as string;
	const resolved = workflow.expression.getSimpleParameterValue(
		node,
		value,
		'internal',
		{ $credentials: credentials } as IWorkflowDataProxyAdditionalKeys,
		undefined,
		'',
	);
	if (!resolved) return '';
	return resolved.toString();
}
