import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import { callbackUrlProblem, subscribe, subscriptionExists, unsubscribe } from '../../nodes/WhatsAppCloudTrigger/subscription';

describe('callback URL check on activation', () => {
	const META = 'https://graph.facebook.com';
	const SIM = 'http://127.0.0.1:4100';

	it('accepts a public https URL for Meta', () => {
		expect(callbackUrlProblem('https://n8n.example.com/webhook/abc/webhook', META)).toBeUndefined();
	});

	it('refuses http, loopback, private hosts and too long URLs for Meta, saying what to fix', () => {
		expect(callbackUrlProblem('http://n8n.example.com/webhook/x/webhook', META)).toMatch(/not HTTPS.*WEBHOOK_URL/);
		expect(callbackUrlProblem('https://localhost:5678/webhook/x/webhook', META)).toMatch(/not reachable from the internet/);
		expect(callbackUrlProblem('https://192.168.1.20/webhook/x/webhook', META)).toMatch(/not reachable/);
		expect(callbackUrlProblem('http://127.0.0.1:5678/webhook/x/webhook', META)).toMatch(/not HTTPS/);
		expect(callbackUrlProblem(`https://n8n.example.com/${'x'.repeat(200)}`, META)).toMatch(/at most 200/);
	});

	it('lets a local simulator use http on loopback only', () => {
		expect(callbackUrlProblem('http://127.0.0.1:5678/webhook/x/webhook', SIM)).toBeUndefined();
		expect(callbackUrlProblem('http://localhost:5678/webhook/x/webhook', SIM)).toBeUndefined();
		expect(callbackUrlProblem('http://10.0.0.5:5678/webhook/x/webhook', SIM)).toMatch(/not HTTPS/);
	});
});

/** A hook context whose Graph calls go to a fake WABA (via httpRequestWithAuthentication). */
function fakeHook(apps: Array<Record<string, any>>) {
	const calls: string[] = [];
	const staticData: IDataObject = {};
	const ctx = {
		getNode: () => ({ id: 'n1', name: 'Trigger', type: 't', typeVersion: 1, position: [0, 0], parameters: {} }),
		getCredentials: async () => ({ accessToken: 't', graphBaseUrl: 'http://127.0.0.1:1', apiVersion: 'v23.0', appId: 'APP', verifyToken: 'vt' }),
		getWorkflowStaticData: () => staticData,
		helpers: {
			httpRequestWithAuthentication: async (_cred: string, options: { method: string; url: string; body?: any }) => {
				const path = options.url.replace(/^.*v23\.0\//, '');
				calls.push(`${options.method} ${path}${options.body ? ' ' + JSON.stringify(options.body) : ''}`);
				if (options.method === 'GET') return { statusCode: 200, headers: {}, body: { data: apps } };
				const own = apps.find((a) => a.whatsapp_business_api_data.id === 'APP');
				if (options.method === 'DELETE') apps.splice(apps.indexOf(own!), 1);
				else if (own) {
					if (options.body?.override_callback_uri) own.override_callback_uri = options.body.override_callback_uri;
					else delete own.override_callback_uri;
				} else apps.push({ whatsapp_business_api_data: { id: 'APP' }, override_callback_uri: options.body?.override_callback_uri });
				return { statusCode: 200, headers: {}, body: { success: true } };
			},
		},
	} as unknown as IHookFunctions;
	return { ctx, calls, staticData, apps };
}

const URL_A = 'https://n8n.example.com/webhook/a/webhook';
const target = { wabaId: '200', callbackUrl: URL_A, credentials: { accessToken: 't', appId: 'APP', verifyToken: 'vt' } };

describe('auto-subscription and restore', () => {
	it('subscribes an app that was not subscribed, then deletes only that subscription', async () => {
		const other = { whatsapp_business_api_data: { id: 'OTHER' }, override_callback_uri: 'https://bsp.example.com/hook' };
		const { ctx, calls, staticData, apps } = fakeHook([other]);
		expect(await subscriptionExists.call(ctx, target)).toBe(false);
		await subscribe.call(ctx, target);
		expect(calls).toContain(`POST 200/subscribed_apps {"override_callback_uri":"${URL_A}","verify_token":"vt"}`);
		expect(staticData.subscription).toMatchObject({ before: 'not-subscribed', callbackUrl: URL_A });
		expect(await subscriptionExists.call(ctx, target)).toBe(true);
		await unsubscribe.call(ctx, target);
		expect(calls[calls.length - 1]).toBe('DELETE 200/subscribed_apps');
		expect(apps).toEqual([other]);
		expect(staticData.subscription).toBeUndefined();
	});

	it('restores an app-level subscription by removing only the override', async () => {
		const { ctx, calls, apps } = fakeHook([{ whatsapp_business_api_data: { id: 'APP' } }]);
		await subscribe.call(ctx, target);
		expect(apps[0].override_callback_uri).toBe(URL_A);
		await unsubscribe.call(ctx, target);
		expect(calls[calls.length - 1]).toBe('POST 200/subscribed_apps {}');
		expect(apps).toEqual([{ whatsapp_business_api_data: { id: 'APP' } }]);
	});

	it('refuses to replace an override it did not set', async () => {
		const { ctx, calls } = fakeHook([{ whatsapp_business_api_data: { id: 'APP' }, override_callback_uri: 'https://elsewhere.example.com/hook' }]);
		await expect(subscribe.call(ctx, target)).rejects.toThrow(/already sends this app's webhooks to https:\/\/elsewhere\.example\.com\/hook/);
		expect(calls.filter((c) => c.startsWith('POST'))).toEqual([]);
	});

	it('leaves the WABA alone on deactivation when someone changed the override since', async () => {
		const { ctx, calls, apps } = fakeHook([{ whatsapp_business_api_data: { id: 'APP' } }]);
		await subscribe.call(ctx, target);
		apps[0].override_callback_uri = 'https://someone-else.example.com/hook';
		await unsubscribe.call(ctx, target);
		expect(calls.filter((c) => !c.startsWith('GET')).length).toBe(1); // only the subscribe
		expect(apps[0].override_callback_uri).toBe('https://someone-else.example.com/hook');
	});
});
