import { describe, expect, it } from '@jest/globals';
import { WorkflowHasIssuesError } from 'n8n-core';
import { NodeApiError, NodeOperationError, VersionedNodeType } from 'n8n-workflow';

import { runNode } from './runNode';
import { credentials, echoUrl, received, useEchoServer, VALID_TOKEN } from './echoServer';
import { credentialTypes, EchoNode, SessionApi, SessionNode, versionNode } from './testNodes';

useEchoServer();

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
			credentials: { testApi: { accessToken: `={{ "tok-" + (100 + 23) }}`, baseUrl: echoUrl() } },
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
			credentials: { testApi: { accessToken: 'wrong', baseUrl: echoUrl() } },
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
			credentials: { sessionApi: { baseUrl: echoUrl() } },
			credentialTypes: [new SessionApi()],
		});
		expect(result.error).toBeUndefined();
		expect(received.map((r) => r.path)).toEqual(['/session', '/echo?client=harness']);
		expect(received[1].headers['x-session']).toBe('session-abc');
		expect(result.credentialsHelper.getStored('sessionApi')?.data.sessionToken).toBe('session-abc');
	});
});
