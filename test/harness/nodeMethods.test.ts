import { describe, expect, it } from '@jest/globals';

import { runCredentialTest, runCredentialTypeTest, runListSearch, runLoadOptions } from './runNode';
import { credentials, echoUrl, received, useEchoServer, VALID_TOKEN } from './echoServer';
import { credentialTypes, EchoNode, TestApi } from './testNodes';

useEchoServer();

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
			{ accessToken: VALID_TOKEN, baseUrl: echoUrl() },
			{
				credentialTypes,
			},
		);
		expect(ok).toEqual({ status: 'OK', message: 'Connection successful (v7)' });

		const rejected = await runCredentialTest(new EchoNode(), 'testApiToken', { accessToken: 'nope', baseUrl: echoUrl() });
		expect(rejected.status).toBe('Error');
		expect(rejected.message).toBe('Rejected: 401 - {"error":{"message":"Invalid OAuth access token.","code":190}}');
	});

	it('runCredentialTypeTest runs a declarative credential test like n8n', async () => {
		await expect(runCredentialTypeTest(new TestApi(), { accessToken: VALID_TOKEN, baseUrl: echoUrl() })).resolves.toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(received[0].headers.authorization).toBe(`Bearer ${VALID_TOKEN}`);
		await expect(runCredentialTypeTest(new TestApi(), { accessToken: 'bad', baseUrl: echoUrl() })).resolves.toEqual({
			status: 'Error',
			message: 'Token rejected',
		});
	});
});
