/**
 * The simulator's side of subscriptions: a token acts for its own app on /{WABA-ID}/subscribed_apps,
 * debug_token names that app, and /{app-id}/subscriptions (a contract addition) behaves like
 * Meta's: app token only, verification GET first, fields added, DELETE by object or fields.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { APP_ID, APP_TOKEN, OTHER_APP_ID, OTHER_APP_TOKEN, TOKENS, WABA_ID } from '../../../tools/simulator/fixtures';
import { useSimulator } from '../../harness/simulator';

/** What these tests read of the simulator's answers (Graph lists carry `data`). */
interface GraphAnswer {
	data: Array<{ whatsapp_business_api_data: { id: string }; override_callback_uri?: string }>;
	error: { code: number; message: string; error_subcode?: number; error_user_msg?: string };
}

describe('simulator: subscriptions of several apps', () => {
	const { sim } = useSimulator();
	let target: http.Server;
	let hook: string;
	const hits: string[] = [];

	beforeAll(async () => {
		target = http.createServer((req, res) => {
			const url = new URL(req.url ?? '/', 'http://x');
			hits.push(`${req.method} ${url.pathname} ${url.searchParams.get('hub.verify_token')}`);
			if (url.searchParams.get('hub.verify_token') === 'good') return void res.end(url.searchParams.get('hub.challenge') ?? '');
			res.statusCode = 403;
			res.end('forbidden');
		});
		await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
		hook = `http://127.0.0.1:${(target.address() as AddressInfo).port}/hook`;
	});
	afterAll(async () => {
		await new Promise<void>((resolve) => target.close(() => resolve()));
	});
	beforeEach(() => {
		hits.length = 0;
	});

	const call = async (method: string, path: string, token: string, body?: unknown) => {
		const res = await fetch(`${sim.url}/v23.0/${path}`, {
			method,
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return { status: res.status, body: (await res.json()) as GraphAnswer };
	};

	it('debug_token names the app of each token', async () => {
		expect((await call('GET', `debug_token?input_token=${TOKENS.otherApp}`, TOKENS.otherApp)).body.data).toMatchObject({ app_id: OTHER_APP_ID, is_valid: true });
		expect((await call('GET', `debug_token?input_token=${TOKENS.valid}`, TOKENS.valid)).body.data).toMatchObject({ app_id: APP_ID });
		expect((await call('GET', `debug_token?input_token=${encodeURIComponent(OTHER_APP_TOKEN)}`, APP_TOKEN)).body.data).toEqual({
			app_id: OTHER_APP_ID,
			type: 'APP',
			application: 'Sim Other App',
			is_valid: true,
		});
	});

	it("subscribed_apps: POST and DELETE act for the token's own app only", async () => {
		expect((await call('POST', `${WABA_ID}/subscribed_apps`, TOKENS.otherApp, { override_callback_uri: hook, verify_token: 'good' })).status).toBe(200);
		const listed = (await call('GET', `${WABA_ID}/subscribed_apps`, TOKENS.valid)).body.data;
		expect(listed).toEqual([
			{ whatsapp_business_api_data: { id: APP_ID, name: 'Sim WhatsApp App', link: 'https://www.example.com/sim-app' } },
			{ whatsapp_business_api_data: { id: OTHER_APP_ID, name: 'Sim Other App', link: 'https://www.example.com/sim-other-app' }, override_callback_uri: hook },
		]);
		await call('DELETE', `${WABA_ID}/subscribed_apps`, TOKENS.valid);
		expect((await call('GET', `${WABA_ID}/subscribed_apps`, TOKENS.otherApp)).body.data.map((a) => a.whatsapp_business_api_data.id)).toEqual([OTHER_APP_ID]);
	});

	it('/{app-id}/subscriptions wants the app token of that app', async () => {
		expect(await call('GET', `${APP_ID}/subscriptions`, TOKENS.valid)).toEqual({
			status: 400,
			body: { error: expect.objectContaining({ code: 15, message: '(#15) This method must be called with an app access_token.' }) },
		});
		expect((await call('GET', `${APP_ID}/subscriptions`, OTHER_APP_TOKEN)).body.error).toMatchObject({ code: 100, error_subcode: 33 });
		expect(await call('GET', `${APP_ID}/subscriptions`, APP_TOKEN)).toEqual({ status: 200, body: { data: [] } });
	});

	it('POST verifies the callback first, then sets URL and adds fields; a refused handshake changes nothing', async () => {
		const refused = await call('POST', `${APP_ID}/subscriptions`, APP_TOKEN, { object: 'whatsapp_business_account', callback_url: hook, verify_token: 'bad', fields: ['messages'] });
		expect(refused.status).toBe(400);
		expect(refused.body.error).toMatchObject({ code: 2200 });
		expect((await call('GET', `${APP_ID}/subscriptions`, APP_TOKEN)).body.data).toEqual([]);

		const ok = await call('POST', `${APP_ID}/subscriptions`, APP_TOKEN, { object: 'whatsapp_business_account', callback_url: hook, verify_token: 'good', fields: 'messages,account_update' });
		expect(ok).toEqual({ status: 200, body: { success: true } });
		expect(hits).toEqual(['GET /hook bad', 'GET /hook good']);
		await call('POST', `${APP_ID}/subscriptions`, APP_TOKEN, { object: 'whatsapp_business_account', callback_url: `${hook}2`, verify_token: 'good', fields: '["security"]' });
		expect((await call('GET', `${APP_ID}/subscriptions`, APP_TOKEN)).body.data).toEqual([
			{
				object: 'whatsapp_business_account',
				callback_url: `${hook}2`,
				active: true,
				fields: [
					{ name: 'messages', version: 'v23.0' },
					{ name: 'account_update', version: 'v23.0' },
					{ name: 'security', version: 'v23.0' },
				],
			},
		]);
		expect((await call('POST', `${APP_ID}/subscriptions`, APP_TOKEN, { object: 'whatsapp_business_account', callback_url: hook, verify_token: 'good', fields: ['nope'] })).body.error.message).toBe('(#100) Invalid field: nope');
	});

	it('DELETE removes named fields, then the object', async () => {
		await call('POST', `${APP_ID}/subscriptions`, APP_TOKEN, { object: 'whatsapp_business_account', callback_url: hook, verify_token: 'good', fields: ['messages', 'security'] });
		await call('DELETE', `${APP_ID}/subscriptions?object=whatsapp_business_account&fields=security`, APP_TOKEN);
		expect(sim.state.appSubscriptions[APP_ID][0].fields).toEqual([{ name: 'messages', version: 'v23.0' }]);
		expect(await call('DELETE', `${APP_ID}/subscriptions?object=whatsapp_business_account`, APP_TOKEN)).toEqual({ status: 200, body: { success: true } });
		expect(sim.state.appSubscriptions[APP_ID]).toEqual([]);
	});
});
