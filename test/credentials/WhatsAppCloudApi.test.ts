/**
 * The credential's "Test" (n8n's declarative credential test: one debug_token request through
 * n8n-core's RoutingNode, the credential's authenticate applied, then the rules), against the
 * Graph API simulator; and where the checks the test cannot make show up instead: the node's
 * errors when it runs.
 */
import { describe, expect, it } from '@jest/globals';
import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';

import { WhatsAppCloudApi } from '../../credentials/WhatsAppCloudApi.credentials';
import { CREDENTIAL_TEST_MESSAGES } from '../../nodes/shared/credentialTest';
import { WhatsAppCloud } from '../../nodes/WhatsAppCloud/WhatsAppCloud.node';
import { errorItemJson } from '../../nodes/shared/transport/metaErrors';
import { APP_ID, APP_SECRET, APP_TOKEN, PHONE_NUMBER_ID, TOKENS, WABA_ID } from '../../tools/simulator/fixtures';
import { runCredentialTypeTest, runNode } from '../harness/runNode';
import { useSimulator } from '../harness/simulator';

const { sim } = useSimulator();

const withApp = { appId: APP_ID, appSecret: APP_SECRET };

function data(overrides: Record<string, string>): ICredentialDataDecryptedObject {
	return { businessAccountId: WABA_ID, apiVersion: 'v23.0', graphBaseUrl: sim.url, ...overrides };
}

async function test(overrides: Record<string, string>) {
	return await runCredentialTypeTest(new WhatsAppCloudApi(), data(overrides));
}

describe('credential test (declarative debug_token)', () => {
	it('valid token, no App ID / Secret: OK, the token inspects itself', async () => {
		expect(await test({ accessToken: TOKENS.valid })).toEqual({ status: 'OK', message: 'Connection successful!' });
		const [request] = sim.requests({ pathIncludes: '/debug_token' });
		expect(request.path).toBe('/v23.0/debug_token');
		expect(request.query).toEqual({ input_token: TOKENS.valid });
		expect(request.headers.authorization).toBe(`Bearer ${TOKENS.valid}`);
	});

	it('valid token with App ID / Secret: OK, asked with the app token in the Authorization header, not in the URL', async () => {
		expect(await test({ accessToken: TOKENS.valid, ...withApp })).toEqual({ status: 'OK', message: 'Connection successful!' });
		const requests = sim.requests({ pathIncludes: '/debug_token' });
		expect(requests).toHaveLength(1);
		expect(requests[0].headers.authorization).toBe(`Bearer ${APP_TOKEN}`);
		expect(requests[0].query).toEqual({ input_token: TOKENS.valid });
		expect(requests[0].response.status).toBe(200);
	});

	it('expired token with App ID / Secret: says it expired', async () => {
		expect(await test({ accessToken: TOKENS.expired, ...withApp })).toEqual({
			status: 'Error',
			message:
				'The access token has expired. Generate a new one (a System User token can be set to never expire) and paste it here. Any WhatsApp Cloud node run with this token shows the expiry date Meta reports.',
		});
	});

	it('revoked or unknown token with App ID / Secret: says it is not valid', async () => {
		expect(await test({ accessToken: TOKENS.invalid, ...withApp })).toEqual({ status: 'Error', message: CREDENTIAL_TEST_MESSAGES.invalid });
	});

	it('expired or unknown token without App ID / Secret: Meta answers 400, the message names both causes', async () => {
		for (const accessToken of [TOKENS.expired, TOKENS.invalid]) {
			expect(await test({ accessToken })).toEqual({
				status: 'Error',
				message:
					'Meta rejected the token check (HTTP 400). Either the access token is invalid or has expired (generate a new one), or the App ID / App Secret pair is wrong (check both in App Dashboard → App settings → Basic, or leave them empty).',
			});
		}
	});

	it('wrong App Secret: HTTP 400 message', async () => {
		expect(await test({ accessToken: TOKENS.valid, appId: APP_ID, appSecret: 'not-the-secret' })).toEqual({
			status: 'Error',
			message: CREDENTIAL_TEST_MESSAGES.rejected,
		});
	});

	it('an app token pasted as access token: says so', async () => {
		expect(await test({ accessToken: APP_TOKEN })).toEqual({ status: 'Error', message: CREDENTIAL_TEST_MESSAGES.appToken });
	});

	it('HTTP 401 and 404 from the base URL get their own messages', async () => {
		// n8n sends a request answered 401 a second time (its token-refresh path), hence times: 2.
		sim.addFault({ pathIncludes: '/debug_token', status: 401, times: 2, error: { message: 'Unauthorized', code: 190 } });
		expect(await test({ accessToken: TOKENS.valid })).toEqual({ status: 'Error', message: CREDENTIAL_TEST_MESSAGES.unauthorized });
		sim.addFault({ pathIncludes: '/debug_token', status: 404, error: { message: 'Not found', code: 803 } });
		expect(await test({ accessToken: TOKENS.valid })).toEqual({
			status: 'Error',
			message:
				'The Graph API answered HTTP 404 for debug_token: check the Graph API Base URL (https://graph.facebook.com unless you use a proxy or simulator) and the Graph API Version.',
		});
	});

	it('a base URL with a trailing slash still reaches /v23.0/debug_token', async () => {
		expect(await test({ accessToken: TOKENS.valid, graphBaseUrl: `${sim.url}/` })).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sim.requests({ pathIncludes: '/debug_token' })[0].path).toBe('/v23.0/debug_token');
	});

	it('a wrong version fails before any request, saying what to enter', async () => {
		expect(await test({ accessToken: TOKENS.valid, apiVersion: '23' })).toEqual({
			status: 'Error',
			message: 'The credential\'s Graph API Version "23" is not a version: use the form v25.0',
		});
		expect(sim.requests()).toHaveLength(0);
	});

	it('plain http to another machine fails before any request, saying why (same rule as the nodes)', async () => {
		expect(await test({ accessToken: TOKENS.valid, graphBaseUrl: 'http://graph.example.invalid' })).toEqual({
			status: 'Error',
			message:
				'The credential\'s Graph API Base URL "http://graph.example.invalid" uses plain http to graph.example.invalid, so the access token would travel unencrypted: use https://, or http:// only for a simulator or proxy on this machine (localhost, 127.x.x.x or [::1])',
		});
	});

	it('cannot see permissions: a token without whatsapp_business_management passes the test', async () => {
		// Graph lists scopes in an array; a declarative rule compares one value. See the node errors below.
		expect(await test({ accessToken: TOKENS.missingScope })).toEqual({ status: 'OK', message: 'Connection successful!' });
	});
});

describe('what the test cannot tell shows up when the node runs', () => {
	const run = (accessToken: string, parameters: INodeParameters) =>
		runNode({
			nodeType: new WhatsAppCloud(),
			credentialTypes: [new WhatsAppCloudApi()],
			credentials: { whatsAppCloudApi: data({ accessToken }) },
			parameters,
		});

	it('an expired token: the error quotes Meta, with the expiry date, and hints at a new token', async () => {
		const result = await run(TOKENS.expired, {
			resource: 'message',
			operation: 'sendText',
			phoneNumberId: { __rl: true, mode: 'id', value: PHONE_NUMBER_ID },
			to: '15550000001',
			body: 'Hi',
		});
		expect(result.error?.message).toMatch(
			/^WhatsApp Cloud API error \(code 190, subcode 463\): Error validating access token: Session has expired on Friday, 01-Mar-24 10:00:00 PST\./,
		);
		expect(errorItemJson(result.error as Error).hint).toBe(
			'The access token has expired. Generate a new one (System User tokens can be set to never expire) and update the credential.',
		);
	});

	it('a token without whatsapp_business_management: the error names the permission', async () => {
		const result = await run(TOKENS.missingScope, { resource: 'phoneNumber', operation: 'getAll', limit: 1 });
		const json = errorItemJson(result.error as Error);
		expect(json).toMatchObject({ code: 200, httpStatus: 403, details: 'The access token does not have the whatsapp_business_management permission.' });
		expect(json.hint).toMatch(/^The access token lacks a permission this action needs\. Give the System User the whatsapp_business_messaging and whatsapp_business_management permissions/);
	});

	it('a node run with a plain-http base URL to another machine fails before any request, saying why', async () => {
		const result = await runNode({
			nodeType: new WhatsAppCloud(),
			credentialTypes: [new WhatsAppCloudApi()],
			credentials: { whatsAppCloudApi: data({ accessToken: TOKENS.valid, graphBaseUrl: 'http://graph.example.invalid' }) },
			parameters: { resource: 'phoneNumber', operation: 'getAll', limit: 1 },
		});
		expect(result.error?.constructor.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(
			'The credential\'s Graph API Base URL "http://graph.example.invalid" uses plain http to graph.example.invalid, so the access token would travel unencrypted: use https://, or http:// only for a simulator or proxy on this machine (localhost, 127.x.x.x or [::1])',
		);
	});
});
