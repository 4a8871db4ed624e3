/**
 * `runCredentialTest()` calls `methods.credentialTest[name]` with n8n-core's `CredentialTestContext`
 * (real `helpers.request`); `runCredentialTypeTest()` runs a credential type's declarative `test`
 * request through n8n-core's `RoutingNode` like the CLI's CredentialsTester.
 */
import './setup';

import { CredentialTestContext, ExecuteContext, RoutingNode } from 'n8n-core';
import { NodeConnectionTypes, UnexpectedError, Workflow, createRunExecutionData } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunction,
	ICredentialType,
	ICredentialsDecrypted,
	IExecuteData,
	INode,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
} from 'n8n-workflow';

import { ensureHarnessReady } from './core';
import { HarnessCredentialsHelper } from './credentialsHelper';
import { createAdditionalData } from './additionalData';
import { type AnyNodeType, HarnessNodeTypes } from './nodeTypes';

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
