import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WorkflowHasIssuesError } from 'n8n-core';
import { NodeApiError, NodeConnectionTypes, NodeOperationError, VersionedNodeType } from 'n8n-workflow';
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

import {
	readBinary,
	runCredentialTest,
	runCredentialTypeTest,
	runListSearch,
	runLoadOptions,
	runNode,
	storeBinary,
} from './runNode';

// ---------------------------------------------------------------------------
// Local HTTP server: echoes what it receives, plus a few canned endpoints.
// ---------------------------------------------------------------------------

interface ReceivedRequest {
	method: string;
	path: string;
	headers: IncomingHttpHeaders;
	body: string;
}

const VALID_TOKEN = 'tok-123';
let server: Server;
let baseUrl: string;
const received: ReceivedRequest[] = [];

function send(res: import('node:http').ServerResponse, status: number, payload: unknown): void {
	res.writeHead(status, { 'content-type': 'application/json' });
	res.end(JSON.stringify(payload));
}

beforeAll(async () => {
	server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const raw = Buffer.concat(chunks);
			const request: ReceivedRequest = {
				method: req.method ?? '',
				path: req.url ?? '',
				headers: req.headers,
				body: raw.toString('utf8'),
			};
			received.push(request);
			const url = new URL(req.url ?? '/', 'http://127.0.0.1');
			const authorized = req.headers.authorization === `Bearer ${VALID_TOKEN}`;

			switch (url.pathname) {
				case '/echo':
				case '/v7/echo': {
					let body: unknown = request.body;
					try {
						body = JSON.parse(request.body);
					} catch {
						// not JSON
					}
					return send(res, 200, { method: request.method, path: request.path, headers: req.headers, body });
				}
				case '/upload':
					return send(res, 200, {
						bytes: raw.length,
						sha256: createHash('sha256').update(raw).digest('hex'),
						contentType: req.headers['content-type'],
					});
				case '/me':
					return authorized
						? send(res, 200, { id: 'me', name: 'Harness' })
						: send(res, 401, { error: { message: 'Invalid OAuth access token.', code: 190 } });
				case '/session':
					return send(res, 200, { sessionToken: 'session-abc' });
				case '/options':
					return send(res, 200, {
						data: [
							{ id: 'a', label: 'Alpha' },
							{ id: 'b', label: 'Beta' },
						],
						auth: req.headers.authorization ?? null,
					});
				default:
					return send(res, 404, { error: 'not found' });
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
	received.length = 0;
});

// ---------------------------------------------------------------------------
// Test-only credential types and nodes.
// ---------------------------------------------------------------------------

class TestApi implements ICredentialType {
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
class SessionApi implements ICredentialType {
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

const echoDescription: INodeTypeDescription = {
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

class EchoNode implements INodeType {
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

class SessionNode implements INodeType {
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

class BinaryNode implements INodeType {
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
function versionNode(version: number, required = false): INodeType {
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
const sniffNode: INodeType = {
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

const credentialTypes = [new TestApi()];
const credentials = () => ({ testApi: { accessToken: VALID_TOKEN, baseUrl } });

// ---------------------------------------------------------------------------

describe('runNode (WorkflowExecute)', () => {
	it('applies generic credential auth, credential defaults and per-item expressions', async () => {
		const result = await runNode({
			nodeType: new EchoNode(),
			parameters: { n: '={{ $json.x * 10 }}', label: '={{ $json.name.toUpperCase() }}' },
			credentials: credentials(),
			credentialTypes,
			input: [{ json: { x: 1, name: 'a' } }, { json: { x: 2, name: 'b' } }],
		});

		expect(result.error).toBeUndefined();
		expect(received).toHaveLength(2);
		for (const request of received) {
			expect(request.headers.authorization).toBe(`Bearer ${VALID_TOKEN}`);
			expect(request.method).toBe('POST');
			expect(request.path).toBe('/echo');
		}
		expect(received.map((r) => JSON.parse(r.body))).toEqual([
			{ n: 10, label: 'A' },
			{ n: 20, label: 'B' },
		]);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.items[0][1].json.body).toEqual({ n: 20, label: 'B' });
		// Defaults not in the stored credentials come from the credential type.
		expect(result.node.parameters).toMatchObject({ path: '/echo' });
	});

	it('fills in defaults and evaluates credential expressions like n8n', async () => {
		const result = await runNode({
			nodeType: new EchoNode(),
			parameters: { n: 1, path: '={{ "/" + $json.version + "/echo" }}' },
			credentials: { testApi: { accessToken: `={{ "tok-" + (100 + 23) }}`, baseUrl } },
			credentialTypes,
			input: [{ json: { version: 'v7' } }],
		});
		expect(result.error).toBeUndefined();
		expect(received[0].path).toBe('/v7/echo');
		expect(received[0].headers.authorization).toBe(`Bearer ${VALID_TOKEN}`);
	});

	it('continueOnFail turns a failing item into an error item with pairedItem', async () => {
		const result = await runNode({
			nodeType: new EchoNode(),
			parameters: { n: '={{ $json.n }}' },
			credentials: credentials(),
			credentialTypes,
			input: [{ json: { n: 1 } }, { json: { n: -1 } }, { json: { n: 3 } }],
			continueOnFail: true,
		});

		expect(result.error).toBeUndefined();
		expect(result.items[0]).toHaveLength(3);
		expect(result.items[0][1]).toEqual({
			json: { error: 'Item 1 has a negative n' },
			pairedItem: { item: 1 },
		});
		expect(result.items[0][2].json.body).toEqual({ n: 3, label: 'none' });
		expect(received).toHaveLength(2);
	});

	it('without continueOnFail the NodeOperationError surfaces with its item index', async () => {
		const result = await runNode({
			nodeType: new EchoNode(),
			parameters: { n: '={{ $json.n }}' },
			credentials: credentials(),
			credentialTypes,
			input: [{ json: { n: 1 } }, { json: { n: -1 } }],
		});

		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe('Item 1 has a negative n');
		expect((result.error as NodeOperationError).context.itemIndex).toBe(1);
		expect(result.items).toEqual([]);
		expect(result.taskData?.executionStatus).toBe('error');
		expect(result.run?.status).toBe('error');
	});

	it('HTTP errors reach the node as NodeApiError (n8n request helper)', async () => {
		const result = await runNode({
			nodeType: new EchoNode(),
			parameters: { n: 1, path: '/me' },
			credentials: { testApi: { accessToken: 'wrong', baseUrl } },
			credentialTypes,
		});
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect((result.error as NodeApiError).httpCode).toBe('401');
		expect(received[0].headers.authorization).toBe('Bearer wrong');
	});

	it('onError=continueErrorOutput routes failed items to the error output', async () => {
		const result = await runNode({
			nodeType: new EchoNode(),
			parameters: { n: '={{ $json.n }}' },
			credentials: credentials(),
			credentialTypes,
			input: [{ json: { n: 1 } }, { json: { n: -5 } }],
			onError: 'continueErrorOutput',
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2);
		expect(result.items[0]).toHaveLength(1);
		expect(result.items[1]).toHaveLength(1);
		expect(result.items[1][0].json.error).toBe('Item 1 has a negative n');
	});

	it('reports missing credentials and unknown credential types like n8n', async () => {
		const withoutCredentials = await runNode({
			nodeType: new EchoNode(),
			parameters: { n: 1 },
			credentialTypes,
		});
		expect(withoutCredentials.error).toBeInstanceOf(NodeOperationError);
		expect(withoutCredentials.error?.message).toBe('Node does not have any credentials set');

		const unknownType = await runNode({
			nodeType: new EchoNode(),
			parameters: { n: 1 },
			credentials: credentials(),
		});
		expect(unknownType.error?.message).toBe(
			'Unrecognized credential type: testApi (pass it to the harness in `credentialTypes`)',
		);
	});

	it('refuses to run with missing required parameters (WorkflowHasIssuesError)', async () => {
		const result = await runNode({ nodeType: versionNode(1, true), parameters: {} });
		expect(result.error).toBeInstanceOf(WorkflowHasIssuesError);
		expect(result.run).toBeUndefined();
		expect(result.items).toEqual([]);
	});

	it('resolves expressions that reach back to the input node via paired items', async () => {
		const result = await runNode({
			nodeType: versionNode(1),
			parameters: { value: "={{ $('Input').item.json.x + '-' + $itemIndex + '-' + $json.x }}" },
			input: [{ json: { x: 'a' } }, { json: { x: 'b' } }],
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].map((item) => item.json.value)).toEqual(['a-0-a', 'b-1-b']);
		// The engine pairs the node's output items with its input items.
		expect(result.items[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('supports versioned node types (latest version by default)', async () => {
		const versioned = new VersionedNodeType(
			{ 1: versionNode(1), 2: versionNode(2) },
			{ displayName: 'Version Test', name: 'versionTest', group: ['transform'], description: '', defaultVersion: 2 },
		);
		const latest = await runNode({ nodeType: versioned, parameters: { value: 'x' } });
		expect(latest.items[0][0].json).toEqual({ version: 2, value: 'x' });
		const first = await runNode({ nodeType: versioned, parameters: { value: 'y' }, typeVersion: 1 });
		expect(first.items[0][0].json).toEqual({ version: 1, value: 'y' });
		expect(first.node.type).toBe('n8n-nodes-whatsapp-cloud.versionTest');
	});

	it('runs preAuthentication for expirable credentials and persists the token', async () => {
		const result = await runNode({
			nodeType: new SessionNode(),
			parameters: {},
			credentials: { sessionApi: { baseUrl } },
			credentialTypes: [new SessionApi()],
		});
		expect(result.error).toBeUndefined();
		expect(received.map((r) => r.path)).toEqual(['/session', '/echo?client=harness']);
		expect(received[1].headers['x-session']).toBe('session-abc');
		expect(result.credentialsHelper.getStored('sessionApi')?.data.sessionToken).toBe('session-abc');
	});
});

describe('binary data', () => {
	it('round-trips binary data between nodes (prepareBinaryData -> assertBinaryData)', async () => {
		const written = await runNode({
			nodeType: new BinaryNode(),
			parameters: { operation: 'write', text: '={{ "hello " + $json.who }}', fileName: 'greeting.txt' },
			input: [{ json: { who: 'world' } }, { json: { who: 'n8n' } }],
		});
		expect(written.error).toBeUndefined();
		const [first, second] = written.items[0];
		expect(first.binary?.data).toMatchObject({ fileName: 'greeting.txt', mimeType: 'text/plain' });
		// Default filesystem mode: the engine stored the bytes on disk and kept a reference.
		expect(first.binary?.data.id).toMatch(/^filesystem-v2:/);
		expect((await readBinary(first.binary!.data)).toString()).toBe('hello world');
		expect((await readBinary(second.binary!.data)).toString()).toBe('hello n8n');

		const read = await runNode({
			nodeType: new BinaryNode(),
			parameters: { operation: 'read' },
			input: written.items[0],
		});
		expect(read.error).toBeUndefined();
		expect(read.items[0].map((item) => item.json)).toEqual([
			{ text: 'hello world', fileName: 'greeting.txt', mimeType: 'text/plain' },
			{ text: 'hello n8n', fileName: 'greeting.txt', mimeType: 'text/plain' },
		]);
	});

	it('accepts stored and inline (base64) binary input and uploads it', async () => {
		const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
		const stored = await storeBinary(png, { fileName: 'image.png', mimeType: 'image/png' });
		const result = await runNode({
			nodeType: new BinaryNode(),
			parameters: { operation: 'upload', url: `${baseUrl}/upload` },
			input: [
				{ json: {}, binary: { data: stored } },
				{ json: {}, binary: { data: { data: Buffer.from('inline').toString('base64'), mimeType: 'text/plain' } } },
			],
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0][0].json).toEqual({
			bytes: png.length,
			sha256: createHash('sha256').update(png).digest('hex'),
			contentType: 'image/png',
		});
		expect(result.items[0][1].json).toMatchObject({ bytes: 6, contentType: 'text/plain' });
	});

	// n8n-core sniffs MIME types with `await import('file-type')` (an ES module). Jest can only
	// run that dynamic import with `node --experimental-vm-modules`, which `npx jest` does not
	// pass, so the node fails with Node's own message (see README). Skipped, not passed, when
	// someone runs jest with the flag.
	const vmModules = `${process.env.NODE_OPTIONS ?? ''} ${process.execArgv.join(' ')}`.includes(
		'--experimental-vm-modules',
	);
	(vmModules ? it.skip : it)(
		'prepareBinaryData without a MIME type fails naming --experimental-vm-modules',
		async () => {
			const result = await runNode({ nodeType: sniffNode, parameters: {} });
			expect(result.error?.message).toBe('A dynamic import callback was invoked without --experimental-vm-modules');
		},
	);

	it('assertBinaryData errors surface as NodeOperationError', async () => {
		const result = await runNode({
			nodeType: new BinaryNode(),
			parameters: { operation: 'read', binaryPropertyName: 'missing' },
			input: [{ json: {} }],
			typeVersion: 1,
		});
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe(
			"This operation expects the node's input data to contain a binary file 'missing', but none was found [item 0]",
		);
	});
});

describe('load options, list search and credential tests', () => {
	it('runLoadOptions uses a real LoadOptionsContext with authenticated requests', async () => {
		const options = await runLoadOptions({
			nodeType: new EchoNode(),
			method: 'getOptions',
			parameters: { label: 'current' },
			credentials: credentials(),
			credentialTypes,
		});
		expect(options).toEqual([
			{ name: `Alpha (current, Bearer ${VALID_TOKEN})`, value: 'a' },
			{ name: `Beta (current, Bearer ${VALID_TOKEN})`, value: 'b' },
		]);
	});

	it('runListSearch passes filter and pagination token', async () => {
		const result = await runListSearch({
			nodeType: new EchoNode(),
			method: 'searchThings',
			credentials: credentials(),
			credentialTypes,
			filter: 'bet',
			paginationToken: 'p1',
		});
		expect(result).toEqual({ results: [{ name: 'Beta', value: 'b' }], paginationToken: 'p1+1' });
		expect(received[0].headers.authorization).toBe(`Bearer ${VALID_TOKEN}`);
	});

	it('runCredentialTest calls methods.credentialTest with the real request helper', async () => {
		const ok = await runCredentialTest(
			new EchoNode(),
			'testApiToken',
			{ accessToken: VALID_TOKEN, baseUrl },
			{
				credentialTypes,
			},
		);
		expect(ok).toEqual({ status: 'OK', message: 'Connection successful (v7)' });

		const rejected = await runCredentialTest(new EchoNode(), 'testApiToken', { accessToken: 'nope', baseUrl });
		expect(rejected.status).toBe('Error');
		expect(rejected.message).toBe('Rejected: 401 - {"error":{"message":"Invalid OAuth access token.","code":190}}');
	});

	it('runCredentialTypeTest runs a declarative credential test like n8n', async () => {
		await expect(runCredentialTypeTest(new TestApi(), { accessToken: VALID_TOKEN, baseUrl })).resolves.toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(received[0].headers.authorization).toBe(`Bearer ${VALID_TOKEN}`);
		await expect(runCredentialTypeTest(new TestApi(), { accessToken: 'bad', baseUrl })).resolves.toEqual({
			status: 'Error',
			message: 'Token rejected',
		});
	});
});
