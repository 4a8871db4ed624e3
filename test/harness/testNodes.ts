/**
 * Test-only credential types and nodes the harness's own tests run through n8n-core.
 */
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	ICredentialType,
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeListSearchResult,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

// ---------------------------------------------------------------------------
// Test-only credential types and nodes.
// ---------------------------------------------------------------------------

export class TestApi implements ICredentialType {
	name = 'testApi';

	displayName = 'Test API';

	properties: ICredentialType['properties'] = [
		{ displayName: 'Access Token', name: 'accessToken', type: 'string', typeOptions: { password: true }, default: '' },
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
		{ displayName: 'API Version', name: 'apiVersion', type: 'string', default: 'v7' },
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { Authorization: '=Bearer {{$credentials.accessToken}}' },
		},
	};

	test: ICredentialType['test'] = {
		request: { baseURL: '={{$credentials.baseUrl}}', url: '/me' },
		rules: [{ type: 'responseCode', properties: { value: 401, message: 'Token rejected' } }],
	};
}

/** A credential whose token is fetched by preAuthentication (expirable hidden property). */
export class SessionApi implements ICredentialType {
	name = 'sessionApi';

	displayName = 'Session API';

	properties: ICredentialType['properties'] = [
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true },
			default: '',
		},
	];

	async preAuthentication(
		this: import('n8n-workflow').IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
	) {
		const response = (await this.helpers.httpRequest({
			method: 'GET',
			url: `${credentials.baseUrl as string}/session`,
			json: true,
		})) as { sessionToken: string };
		return { sessionToken: response.sessionToken };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { 'X-Session': '={{$credentials.sessionToken}}' },
			qs: { client: 'harness' },
		},
	};
}

export const echoDescription: INodeTypeDescription = {
	displayName: 'Echo Test',
	name: 'echoTest',
	group: ['transform'],
	version: 1,
	description: 'Posts each item to the echo server',
	defaults: { name: 'Echo Test' },
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main],
	credentials: [{ name: 'testApi', required: true, testedBy: 'testApiToken' }],
	properties: [
		{ displayName: 'N', name: 'n', type: 'number', default: 0 },
		{ displayName: 'Path', name: 'path', type: 'string', default: '/echo' },
		{ displayName: 'Label', name: 'label', type: 'string', default: 'none' },
	],
};

export class EchoNode implements INodeType {
	description = echoDescription;

	methods = {
		loadOptions: {
			async getOptions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				const credentials = await this.getCredentials('testApi');
				const response = (await this.helpers.httpRequestWithAuthentication.call(this, 'testApi', {
					method: 'GET',
					url: `${credentials.baseUrl as string}/options`,
					json: true,
				})) as { data: Array<{ id: string; label: string }>; auth: string };
				const label = this.getCurrentNodeParameter('label') as string;
				return response.data.map((entry) => ({
					name: `${entry.label} (${label}, ${response.auth})`,
					value: entry.id,
				}));
			},
		},
		listSearch: {
			async searchThings(
				this: ILoadOptionsFunctions,
				filter?: string,
				paginationToken?: string,
			): Promise<INodeListSearchResult> {
				const credentials = await this.getCredentials('testApi');
				const response = (await this.helpers.httpRequestWithAuthentication.call(this, 'testApi', {
					method: 'GET',
					url: `${credentials.baseUrl as string}/options`,
					json: true,
				})) as { data: Array<{ id: string; label: string }> };
				const results = response.data
					.filter((entry) => !filter || entry.label.toLowerCase().includes(filter.toLowerCase()))
					.map((entry) => ({ name: entry.label, value: entry.id }));
				return { results, paginationToken: paginationToken ? `${paginationToken}+1` : undefined };
			},
		},
		credentialTest: {
			async testApiToken(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				const data = credential.data as ICredentialDataDecryptedObject;
				try {
					await this.helpers.request({
						method: 'GET',
						uri: `${data.baseUrl as string}/me`,
						headers: { Authorization: `Bearer ${data.accessToken as string}` },
						json: true,
					});
				} catch (error) {
					return { status: 'Error', message: `Rejected: ${(error as Error).message}` };
				}
				return { status: 'OK', message: `Connection successful (${data.apiVersion as string})` };
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const credentials = await this.getCredentials('testApi');
		const returnData: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			try {
				const n = this.getNodeParameter('n', i) as number;
				if (n < 0) {
					throw new NodeOperationError(this.getNode(), `Item ${i} has a negative n`, { itemIndex: i });
				}
				const path = this.getNodeParameter('path', i) as string;
				const response = (await this.helpers.httpRequestWithAuthentication.call(this, 'testApi', {
					method: 'POST',
					url: `${credentials.baseUrl as string}${path}`,
					body: { n, label: this.getNodeParameter('label', i) },
					json: true,
				})) as IDataObject;
				returnData.push({ json: response, pairedItem: { item: i } });
			} catch (error) {
				if (this.continueOnFail()) {
					returnData.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
					continue;
				}
				throw error;
			}
		}
		return [returnData];
	}
}

export class SessionNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Session Test',
		name: 'sessionTest',
		group: ['transform'],
		version: 1,
		description: '',
		defaults: { name: 'Session Test' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'sessionApi', required: true }],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const credentials = await this.getCredentials('sessionApi');
		const response = (await this.helpers.httpRequestWithAuthentication.call(this, 'sessionApi', {
			method: 'GET',
			url: `${credentials.baseUrl as string}/echo`,
			json: true,
		})) as IDataObject;
		return [[{ json: response }]];
	}
}

export class BinaryNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Binary Test',
		name: 'binaryTest',
		group: ['transform'],
		version: [1, 2],
		description: 'Writes or reads binary data',
		defaults: { name: 'Binary Test' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				options: [
					{ name: 'Write', value: 'write' },
					{ name: 'Read', value: 'read' },
					{ name: 'Upload', value: 'upload' },
				],
				default: 'write',
			},
			{ displayName: 'Text', name: 'text', type: 'string', default: '' },
			{ displayName: 'File Name', name: 'fileName', type: 'string', default: 'file.txt' },
			{ displayName: 'Binary Property', name: 'binaryPropertyName', type: 'string', default: 'data' },
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			const operation = this.getNodeParameter('operation', i) as string;
			const property = this.getNodeParameter('binaryPropertyName', i) as string;
			if (operation === 'write') {
				const text = this.getNodeParameter('text', i) as string;
				const fileName = this.getNodeParameter('fileName', i) as string;
				const binary = await this.helpers.prepareBinaryData(Buffer.from(text, 'utf8'), fileName, 'text/plain');
				out.push({ json: { written: text.length }, binary: { [property]: binary }, pairedItem: { item: i } });
			} else if (operation === 'read') {
				const meta = this.helpers.assertBinaryData(i, property);
				const buffer = await this.helpers.getBinaryDataBuffer(i, property);
				out.push({
					json: { text: buffer.toString('utf8'), fileName: meta.fileName, mimeType: meta.mimeType },
					pairedItem: { item: i },
				});
			} else {
				const meta = this.helpers.assertBinaryData(i, property);
				const buffer = await this.helpers.getBinaryDataBuffer(i, property);
				const response = (await this.helpers.httpRequest({
					method: 'POST',
					url: this.getNodeParameter('url', i) as string,
					body: buffer,
					headers: { 'content-type': meta.mimeType },
				})) as IDataObject | string;
				// n8n's httpRequest parses JSON responses by content type.
				const json = typeof response === 'string' ? (JSON.parse(response) as IDataObject) : response;
				out.push({ json, pairedItem: { item: i } });
			}
		}
		return [out];
	}
}

/** Minimal node: returns one item describing its version and a parameter. */
export function versionNode(version: number, required = false): INodeType {
	return {
		description: {
			displayName: 'Version Test',
			name: 'versionTest',
			group: ['transform'],
			version,
			description: '',
			defaults: { name: 'Version Test' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties: [{ displayName: 'Value', name: 'value', type: 'string', default: '', required }],
		},
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			return [
				this.getInputData().map((_, i) => ({
					json: { version: this.getNode().typeVersion, value: this.getNodeParameter('value', i) },
				})),
			];
		},
	};
}

/** Calls prepareBinaryData without a MIME type, so n8n sniffs the content (file-type). */
export const sniffNode: INodeType = {
	description: {
		displayName: 'Sniff Test',
		name: 'sniffTest',
		group: ['transform'],
		version: 1,
		description: '',
		defaults: { name: 'Sniff Test' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	},
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const png = Buffer.from('89504e470d0a1a0a0000000d494844520000000100000001080600000000', 'hex');
		return [[{ json: {}, binary: { data: await this.helpers.prepareBinaryData(png) } }]];
	},
};

export const credentialTypes = [new TestApi()];
