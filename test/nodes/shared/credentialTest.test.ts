import type { IHttpRequestOptions } from 'n8n-workflow';

import { WhatsAppCloudApi } from '../../../credentials/WhatsAppCloudApi.credentials';
import { authenticateGraphRequest, credentialTestRequest } from '../../../nodes/shared/credentialTest';
import { isLoopbackHost, resolveGraphSettings } from '../../../nodes/shared/transport/graphRequest';

describe('resolveGraphSettings', () => {
	it('defaults to Meta and v23.0', () => {
		expect(resolveGraphSettings({})).toEqual({ baseUrl: 'https://graph.facebook.com', version: 'v23.0' });
	});
	it('trims a trailing slash', () => {
		expect(resolveGraphSettings({ graphBaseUrl: 'http://127.0.0.1:4545/', apiVersion: 'v22.0' })).toEqual({
			baseUrl: 'http://127.0.0.1:4545',
			version: 'v22.0',
		});
	});
	it('explains a wrong version or URL', () => {
		expect(resolveGraphSettings({ apiVersion: '23' })).toEqual({
			problem: 'The credential\'s Graph API Version "23" is not a version: use the form v23.0',
		});
		expect(resolveGraphSettings({ graphBaseUrl: 'graph.facebook.com' })).toEqual({
			problem:
				'The credential\'s Graph API Base URL "graph.facebook.com" is not an http(s) URL: leave it at https://graph.facebook.com unless you use a proxy or simulator',
		});
		expect(resolveGraphSettings({ graphBaseUrl: 'ftp://graph.facebook.com' })).toEqual({
			problem: expect.stringContaining('is not an http(s) URL'),
		});
	});
	it.each(['https://graph.facebook.com', 'https://proxy.example.com/graph', 'https://10.0.0.5:8443'])('accepts https: %s', (url) => {
		expect(resolveGraphSettings({ graphBaseUrl: url })).toEqual({ baseUrl: url, version: 'v23.0' });
	});
	it.each(['http://localhost:4545', 'http://LOCALHOST', 'http://127.0.0.1:4545', 'http://127.10.20.30', 'http://[::1]:4545', 'http://127.1'])(
		'accepts plain http to this machine: %s',
		(url) => {
			expect(resolveGraphSettings({ graphBaseUrl: url })).toEqual({ baseUrl: url, version: 'v23.0' });
		},
	);
	it('refuses plain http to any other host and says why', () => {
		expect(resolveGraphSettings({ graphBaseUrl: 'http://graph.facebook.com' })).toEqual({
			problem:
				'The credential\'s Graph API Base URL "http://graph.facebook.com" uses plain http to graph.facebook.com, so the access token would travel unencrypted: use https://, or http:// only for a simulator or proxy on this machine (localhost, 127.x.x.x or [::1])',
		});
	});
	it.each(['http://192.168.1.10:4545', 'http://10.0.0.1', 'http://128.0.0.1', 'http://localhost.example.com', 'http://127.0.0.1.nip.io', 'http://[::2]', 'http://0.0.0.0'])(
		'refuses plain http to %s',
		(url) => {
			expect(resolveGraphSettings({ graphBaseUrl: url })).toEqual({ problem: expect.stringContaining('uses plain http to') });
		},
	);
});

describe('isLoopbackHost', () => {
	it('knows localhost, 127.0.0.0/8 and [::1] only', () => {
		expect(['localhost', '127.0.0.1', '127.255.255.254', '[::1]'].map(isLoopbackHost)).toEqual([true, true, true, true]);
		expect(['example.com', '10.0.0.1', '0.0.0.0', '[::]', '127.0.0.1.example.com', 'localhost.'].map(isLoopbackHost)).toEqual([
			false,
			false,
			false,
			false,
			false,
			false,
		]);
	});
});

describe('authenticateGraphRequest (the credential\'s authenticate)', () => {
	const credentials = {
		accessToken: 'user-token',
		appId: '42',
		appSecret: 'shh',
		apiVersion: 'v23.0',
		graphBaseUrl: 'https://graph.facebook.com',
	};
	const request = (options: Partial<IHttpRequestOptions>): IHttpRequestOptions => ({ url: '', ...options }) as IHttpRequestOptions;

	it('is the credential type\'s authenticate, and its test is the debug_token request', () => {
		const type = new WhatsAppCloudApi();
		expect(type.authenticate).toBe(authenticateGraphRequest);
		expect(type.test).toBe(credentialTestRequest);
		expect(credentialTestRequest.request.url).toBe('/debug_token');
	});

	it('sends the access token as Bearer on Graph calls, keeping the other headers', async () => {
		const out = await authenticateGraphRequest(
			credentials,
			request({ url: 'https://graph.facebook.com/v23.0/123/messages', headers: { 'Content-Type': 'application/json' } }),
		);
		expect(out.headers).toEqual({ 'Content-Type': 'application/json', Authorization: 'Bearer user-token' });
		expect(out.qs).toBeUndefined();
	});

	it("asks the credential test's debug_token with the app token in the Authorization header when App ID and App Secret are set", async () => {
		const out = await authenticateGraphRequest(
			credentials,
			request({
				baseURL: 'https://graph.facebook.com/v23.0',
				url: '/debug_token',
				qs: { input_token: 'user-token' },
				headers: { 'x-wa-credential-test': '1' },
			}),
		);
		expect(out.headers).toEqual({ Authorization: 'Bearer 42|shh' });
		expect(out.qs).toEqual({ input_token: 'user-token' });
	});

	it("any other debug_token request (the trigger's self-inspection) carries the access token", async () => {
		const out = await authenticateGraphRequest(
			credentials,
			request({ baseURL: 'https://graph.facebook.com/v23.0', url: '/debug_token', qs: { input_token: 'user-token' } }),
		);
		expect(out.headers).toEqual({ Authorization: 'Bearer user-token' });
	});

	it('lets the token inspect itself without App ID or App Secret', async () => {
		const out = await authenticateGraphRequest(
			{ ...credentials, appSecret: '' },
			request({ baseURL: 'https://graph.facebook.com/v23.0', url: '/debug_token' }),
		);
		expect(out.headers).toEqual({ Authorization: 'Bearer user-token' });
	});

	it('allows plain http to this machine', async () => {
		const out = await authenticateGraphRequest(
			{ ...credentials, graphBaseUrl: 'http://127.0.0.1:4545' },
			request({ url: 'http://127.0.0.1:4545/v23.0/me' }),
		);
		expect(out.headers).toEqual({ Authorization: 'Bearer user-token' });
	});

	it('refuses a credential whose base URL is plain http to another host', async () => {
		await expect(
			authenticateGraphRequest({ ...credentials, graphBaseUrl: 'http://graph.example.invalid' }, request({ url: 'http://graph.example.invalid/v23.0/me' })),
		).rejects.toThrow('The credential\'s Graph API Base URL "http://graph.example.invalid" uses plain http to graph.example.invalid');
	});

	it('refuses to put the token on any plain-http request to another host (e.g. a download URL)', async () => {
		await expect(authenticateGraphRequest(credentials, request({ url: 'http://cdn.example.invalid/file.jpg' }))).rejects.toThrow(
			'Refused to send the WhatsApp Cloud API access token over plain http to cdn.example.invalid: use https, or http only for a simulator or proxy on this machine (localhost, 127.x.x.x or [::1])',
		);
	});

	it('checks an absolute url even when a baseURL is set', async () => {
		await expect(
			authenticateGraphRequest(credentials, request({ baseURL: 'https://graph.facebook.com/v23.0', url: 'http://cdn.example.invalid/f.jpg' })),
		).rejects.toThrow('Refused to send the WhatsApp Cloud API access token over plain http to cdn.example.invalid');
	});

	it('never puts a token in the error message', async () => {
		const error = await authenticateGraphRequest(
			{ ...credentials, graphBaseUrl: 'http://graph.example.invalid' },
			request({ url: 'http://graph.example.invalid/v23.0/me' }),
		).catch((e: Error) => e);
		expect(String((error as Error).message)).not.toMatch(/user-token|shh/);
	});
});
