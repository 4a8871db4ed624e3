/**
 * The simulator's per-number webhook override (POST / GET /{Phone-Number-ID} webhook_configuration)
 * and its delivery routing: phone number override > WABA override > app callback, per app.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { APP_ID, OTHER_APP_ID, OTHER_APP_NAME, PHONE_NUMBERS, TOKENS } from '../../../tools/simulator/fixtures';
import { routeFor, routeWebhook } from '../../../tools/simulator/webhookRouting';
import { useSimulator } from '../../harness/simulator';

const [A, B] = PHONE_NUMBERS.map((p) => p.id);

interface Answer {
	success?: boolean;
	id?: string;
	webhook_configuration?: Record<string, string>;
	error?: { code: number; message: string };
}

describe('simulator: phone number webhook_configuration', () => {
	const { sim } = useSimulator();
	let target: http.Server;
	let base: string;
	const hits: string[] = [];

	beforeAll(async () => {
		target = http.createServer((req, res) => {
			const url = new URL(req.url ?? '/', 'http://x');
			hits.push(`${req.method} ${url.pathname}`);
			if (url.searchParams.get('hub.verify_token') === 'good') return void res.end(url.searchParams.get('hub.challenge') ?? '');
			res.statusCode = 403;
			res.end('forbidden');
		});
		await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
		base = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
	});
	afterAll(async () => await new Promise<void>((resolve) => target.close(() => resolve())));
	beforeEach(() => (hits.length = 0));

	const call = async (method: 'GET' | 'POST', phone: string, body?: unknown, token: string = TOKENS.valid) => {
		const query = method === 'GET' ? '?fields=webhook_configuration' : '';
		const res = await fetch(`${sim.url}/v25.0/${phone}${query}`, {
			method,
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return { status: res.status, body: (await res.json()) as Answer };
	};
	const set = (phone: string, url: string, token?: string, verifyToken = 'good') =>
		call('POST', phone, { webhook_configuration: { override_callback_uri: url, verify_token: verifyToken } }, token);

	it('sets the override after the verification GET and reads it back with the other levels', async () => {
		sim.state.subscribedApps[0].override_callback_uri = 'https://waba.example.com/hook';
		sim.state.appSubscriptions[APP_ID] = [{ object: 'whatsapp_business_account', callback_url: 'https://app.example.com/hook', active: true, fields: [] }];
		expect(await set(A, `${base}/a`)).toEqual({ status: 200, body: { success: true } });
		expect(hits).toEqual(['GET /a']);
		expect(await call('GET', A)).toEqual({
			status: 200,
			body: { webhook_configuration: { phone_number: `${base}/a`, whatsapp_business_account: 'https://waba.example.com/hook', application: 'https://app.example.com/hook' }, id: A },
		});
		expect((await call('GET', B)).body.webhook_configuration).toEqual({ whatsapp_business_account: 'https://waba.example.com/hook', application: 'https://app.example.com/hook' });
	});

	it('refuses a URL that fails the verification, and leaves the number as it was', async () => {
		const res = await set(A, `${base}/a`, undefined, 'bad');
		expect(res.status).toBe(400);
		expect(res.body.error?.code).toBe(2200);
		expect(sim.state.phoneOverrides[A]?.[APP_ID]).toBeUndefined();
	});

	it('keeps one override per app: an empty URL removes only the calling app\'s', async () => {
		await set(A, `${base}/mine`);
		await set(A, `${base}/theirs`, TOKENS.otherApp);
		expect(sim.state.phoneOverrides[A]).toEqual({ [APP_ID]: `${base}/mine`, [OTHER_APP_ID]: `${base}/theirs` });
		expect((await call('GET', A, undefined, TOKENS.otherApp)).body.webhook_configuration).toEqual({ phone_number: `${base}/theirs` });
		expect(await call('POST', A, { webhook_configuration: { override_callback_uri: '' } })).toEqual({ status: 200, body: { success: true } });
		expect(sim.state.phoneOverrides[A]).toEqual({ [OTHER_APP_ID]: `${base}/theirs` });
		expect((await call('GET', A)).body.webhook_configuration).toEqual({});
	});

	it('routes by phone number, then WABA, then app; fields without overrides always go to the app', () => {
		const state = sim.state;
		state.phoneOverrides[A] = { [APP_ID]: 'https://a.example.com' };
		expect(routeFor(state, APP_ID, 'messages', A)).toEqual({ appId: APP_ID, url: 'https://a.example.com', via: 'phone number' });
		expect(routeFor(state, APP_ID, 'messages', B)).toEqual({ appId: APP_ID, url: undefined, via: 'none' });
		state.subscribedApps[0].override_callback_uri = 'https://waba.example.com';
		expect(routeFor(state, APP_ID, 'messages', B).url).toBe('https://waba.example.com');
		expect(routeFor(state, APP_ID, 'message_template_status_update', A).url).toBeUndefined();
		state.appSubscriptions[APP_ID] = [{ object: 'whatsapp_business_account', callback_url: 'https://app.example.com', active: true, fields: [] }];
		expect(routeFor(state, APP_ID, 'message_template_status_update', A)).toEqual({ appId: APP_ID, url: 'https://app.example.com', via: 'app' });
		expect(routeFor(state, APP_ID, 'smb_message_echoes', A).via).toBe('phone number');
	});

	it('routes a delivery for every subscribed app, each with its own override', () => {
		const state = sim.state;
		state.subscribedApps.push({ whatsapp_business_api_data: { id: OTHER_APP_ID, name: OTHER_APP_NAME } });
		state.phoneOverrides[B] = { [OTHER_APP_ID]: 'https://other.example.com' };
		state.subscribedApps[0].override_callback_uri = 'https://waba.example.com';
		const delivery = { object: 'whatsapp_business_account', entry: [{ id: 'w', changes: [{ field: 'messages', value: { metadata: { phone_number_id: B } } }] }] };
		expect(routeWebhook(state, delivery)).toEqual([
			{ appId: APP_ID, url: 'https://waba.example.com', via: 'WABA' },
			{ appId: OTHER_APP_ID, url: 'https://other.example.com', via: 'phone number' },
		]);
	});
});
