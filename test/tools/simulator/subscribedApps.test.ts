/**
 * The simulator's /{WABA-ID}/subscribed_apps behaves like Meta's: POST with an override URL
 * first performs the verification GET against it and fails with (#2200) when the challenge
 * does not come back; POST without override removes it; DELETE unsubscribes the app.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { APP_ID, TOKENS, WABA_ID } from '../../../tools/simulator/fixtures';
import { useSimulator } from '../../harness/simulator';

/** What these tests read of the simulator's answers (Graph lists carry `data`). */
interface GraphAnswer {
	data: Array<{ whatsapp_business_api_data: { id: string }; override_callback_uri?: string }>;
	error: { code: number; message: string; error_subcode?: number; error_user_msg?: string };
}

describe('simulator: subscribed_apps', () => {
	const { sim } = useSimulator({ reset: false });
	let target: http.Server;
	let targetUrl: string;
	const hits: string[] = [];

	beforeAll(async () => {
		target = http.createServer((req, res) => {
			const url = new URL(req.url ?? '/', 'http://x');
			hits.push(`${req.method} ${url.pathname}`);
			if (url.pathname === '/echo-wrong') return void res.end('not-the-challenge');
			if (url.searchParams.get('hub.verify_token') === 'good') return void res.end(url.searchParams.get('hub.challenge') ?? '');
			res.statusCode = 403;
			res.end('forbidden');
		});
		await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
		targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
	});

	afterAll(async () => {
		await new Promise<void>((resolve) => target.close(() => resolve()));
	});

	const call = async (method: string, body?: unknown) => {
		const res = await fetch(`${sim.url}/v23.0/${WABA_ID}/subscribed_apps`, {
			method,
			headers: { authorization: `Bearer ${TOKENS.valid}`, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return { status: res.status, body: (await res.json()) as GraphAnswer };
	};

	it('lists the app subscribed without override at start', async () => {
		const res = await call('GET');
		expect(res.status).toBe(200);
		expect(res.body.data).toEqual([{ whatsapp_business_api_data: expect.objectContaining({ id: APP_ID }) }]);
	});

	it('sets the override only after the URL answered the challenge', async () => {
		hits.length = 0;
		const res = await call('POST', { override_callback_uri: `${targetUrl}/hook`, verify_token: 'good' });
		expect(res).toEqual({ status: 200, body: { success: true } });
		expect(hits).toEqual(['GET /hook']);
		expect((await call('GET')).body.data[0].override_callback_uri).toBe(`${targetUrl}/hook`);
	});

	it('fails with Meta\'s (#2200) error on 403 or a wrong echo, and keeps the previous override', async () => {
		const refused = await call('POST', { override_callback_uri: `${targetUrl}/hook2`, verify_token: 'bad' });
		expect(refused.status).toBe(400);
		expect(refused.body.error).toMatchObject({ code: 2200, type: 'OAuthException' });
		expect(refused.body.error.message).toMatch(/Callback verification failed.*403/);
		const wrongEcho = await call('POST', { override_callback_uri: `${targetUrl}/echo-wrong`, verify_token: 'good' });
		expect(wrongEcho.body.error.message).toMatch(/does not match challenge/);
		expect((await call('GET')).body.data[0].override_callback_uri).toBe(`${targetUrl}/hook`);
	});

	it('accepts http only on loopback and needs a verify token', async () => {
		expect((await call('POST', { override_callback_uri: 'http://example.com/hook', verify_token: 'good' })).body.error.code).toBe(100);
		expect((await call('POST', { override_callback_uri: `${targetUrl}/hook` })).body.error.code).toBe(100);
	});

	it('removes the override on POST without one, and unsubscribes on DELETE', async () => {
		expect((await call('POST', {})).status).toBe(200);
		expect((await call('GET')).body.data).toEqual([{ whatsapp_business_api_data: expect.objectContaining({ id: APP_ID }) }]);
		expect((await call('DELETE')).body).toEqual({ success: true });
		expect((await call('GET')).body.data).toEqual([]);
		const recorded = sim.requests({ pathIncludes: '/subscribed_apps', method: 'POST' });
		expect(recorded.every((r) => r.contract.checked && r.contract.valid)).toBe(true);
	});
});
