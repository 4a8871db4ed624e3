import type { IHttpRequestOptions } from 'n8n-workflow';

import { WhatsAppCloudApi } from '../../../credentials/WhatsAppCloudApi.credentials';
import { authenticateGraphRequest, credentialTestRequest } from '../../../nodes/shared/credentialTest';
import { isLoopbackHost, resolveGraphSettings } from '../../../nodes/shared/transport/graphRequest';

describe('resolveGraphSettings', () => {
	it('defaults to Meta and v25.0', () => {
		expect(resolveGraphSettings({})).toEqual({ baseUrl: 'https://graph.facebook.com', version: 'v25.0' });
	});
	it('trims a trailing slash', () => {
		expect(resolveGraphSettings({ graphBaseUrl: 'http://127.0.0.1:4545/', apiVersion: 'v22.0' })).toEqual({
			baseUrl: 'http://127.0.0.1:4545',
			version: 'v22.0',
		});
	});
	it('explains a wrong version or URL', () => {
		expect(resolveGraphSettings({ apiVersion: '23' })).toEqual({
			problem: 'The credential\'s Graph API Version "23" is not a version: use the form v25.0',
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
		expect(resolveGraphSettings({ graphBaseUrl: url })).toEqual({ baseUrl: url, version: 'v25.0' });
	});
	it.each(['http://localhost:4545', 'http://LOCALHOST', 'http://127.0.0.1:4545', 'http://127.10.20.30', 'http://[::1]:4545', 'http://127.1'])(
		'accepts plain http to this machine: %s',
		(url) => {
			expect(resolveGraphSettings({ graphBaseUrl: url })).toEqual({ baseUrl: url, version: 'v25.0' });
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

	it("keeps the app token the credential test's request carries (built from $credentials, which workflows cannot read) on the Base URL's debug_token", async () => {
		const out = await authenticateGraphRequest(
			credentials,
			request({
				baseURL: 'https://graph.facebook.com/v23.0',
				url: '/debug_token',
				qs: { input_token: 'user-token' },
				headers: { Authorization: 'Bearer 42|shh' },
			}),
		);
		expect(out.headers).toEqual({ Authorization: 'Bearer 42|shh' });
		expect(out.qs).toEqual({ input_token: 'user-token' });
	});

	it('the test request builds the app token itself, by an expression over $credentials', () => {
		const header = (credentialTestRequest.request.headers as Record<string, string>).Authorization;
		expect(header).toMatch(/^=\{\{.*\$credentials\.appId.*\$credentials\.appSecret.*\}\}$/);
	});

	it('never adds the App Secret: the old marker header, a guessed app token, or the app token on another path get the access token', async () => {
		const debugToken = { baseURL: 'https://graph.facebook.com/v23.0', url: '/debug_token' };
		for (const headers of [{ 'x-wa-credential-test': '1' }, { Authorization: 'Bearer 42|guess' }, { authorization: 'Bearer 42|' }]) {
			const out = await authenticateGraphRequest(credentials, request({ ...debugToken, headers }));
			expect(JSON.stringify(out)).not.toContain('shh');
			expect(Object.entries(out.headers ?? {}).filter(([name]) => name.toLowerCase() === 'authorization')).toEqual([['Authorization', 'Bearer user-token']]);
		}
		const elsewhere = await authenticateGraphRequest(credentials, request({ url: 'https://graph.facebook.com/v23.0/me', headers: { Authorization: 'Bearer 42|shh' } }));
		expect(elsewhere.headers).toEqual({ Authorization: 'Bearer user-token' });
	});

	it("puts no credential on a request to any other origin (an HTTP Request node using the credential)", async () => {
		for (const url of [
			'https://attacker.example.com/debug_token',
			'https://graph.facebook.com.attacker.example/v23.0/me',
			'https://graph.facebook.com:8443/v23.0/me',
			'http://graph.facebook.com/v23.0/me',
			'http://cdn.example.invalid/file.jpg',
			'https://lookaside.fbsbx.com:8443/x',
			'http://lookaside.fbsbx.com/x',
			'https://scontent.xx.fbcdn.net/qr.png',
		]) {
			const out = await authenticateGraphRequest(credentials, request({ url, headers: { Accept: 'x', 'x-wa-credential-test': '1' } }));
			expect(out.headers).toEqual({ Accept: 'x', 'x-wa-credential-test': '1' });
			expect(JSON.stringify(out)).not.toMatch(/user-token|shh/);
		}
	});

	it("reads the HTTP Request node's legacy `uri` too", async () => {
		const legacy = (uri: string) => ({ uri, headers: {} }) as unknown as IHttpRequestOptions;
		expect((await authenticateGraphRequest(credentials, legacy('https://attacker.example.com/x'))).headers).toEqual({});
		expect((await authenticateGraphRequest(credentials, legacy('https://graph.facebook.com/v23.0/me'))).headers).toEqual({ Authorization: 'Bearer user-token' });
	});

	it("sends the token to Meta's media host over https, and to a simulator's own origin", async () => {
		const media = await authenticateGraphRequest(credentials, request({ url: 'https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1' }));
		expect(media.headers).toEqual({ Authorization: 'Bearer user-token' });
		const sim = { ...credentials, graphBaseUrl: 'http://127.0.0.1:4545' };
		expect((await authenticateGraphRequest(sim, request({ url: 'http://127.0.0.1:4545/__media/1' }))).headers).toEqual({ Authorization: 'Bearer user-token' });
		expect((await authenticateGraphRequest(sim, request({ url: 'http://127.0.0.1:4546/__media/1' }))).headers).toEqual({});
		expect((await authenticateGraphRequest(sim, request({ url: 'http://localhost:4545/__media/1' }))).headers).toEqual({});
	});

	it('tells n8n not to copy the Authorization header onto a redirect to another origin', async () => {
		const out = await authenticateGraphRequest(credentials, request({ url: 'https://graph.facebook.com/v23.0/me', sendCredentialsOnCrossOriginRedirect: true }));
		expect(out.sendCredentialsOnCrossOriginRedirect).toBe(false);
		const other = await authenticateGraphRequest(credentials, request({ url: 'https://attacker.example.com/' }));
		expect(other.sendCredentialsOnCrossOriginRedirect).toBe(false);
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

	it('never puts a token in the error message', async () => {
		const error = await authenticateGraphRequest(
			{ ...credentials, graphBaseUrl: 'http://graph.example.invalid' },
			request({ url: 'http://graph.example.invalid/v23.0/me' }),
		).catch((e: Error) => e);
		expect(String((error as Error).message)).not.toMatch(/user-token|shh/);
	});
});
