/**
 * "App Callback" mode: the app's own webhook (POST /{app-id}/subscriptions with the app token in
 * the Authorization header), one trigger per app, undone only for the same app and URL.
 */
import { APP_ID, APP_SECRET, APP_TOKEN, OTHER_APP_ID, OTHER_APP_SECRET, TOKENS, VERIFY_TOKEN } from '../../../tools/simulator/fixtures';
import { useSimulator } from '../../harness/simulator';
import { TriggerHooks, useCallbackServer } from '../../harness/triggerHooks';
import { forgetTriggerMemory } from '../../../nodes/WhatsAppCloudTrigger/memory';

describe('App Callback subscription', () => {
	const { sim, credential } = useSimulator({ credential: { appId: APP_ID, appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN } });
	const callback = useCallbackServer();
	beforeEach(() => {
		forgetTriggerMemory();
	});

	const FIELDS = ['message_template_status_update', 'messages'];
	const trigger = (webhookId: string, extra: Record<string, string> = {}, fields: string[] = FIELDS) =>
		new TriggerHooks({ parameters: { subscriptionMode: 'appCallback', appFields: fields, events: ['messages', 'other'] }, credentials: credential(extra), callback, webhookId });
	const appSub = (appId = APP_ID) => sim.state.appSubscriptions[appId]?.find((s) => s.object === 'whatsapp_business_account');

	it('sets the app webhook with the app token in the Authorization header, after Meta verified the URL', async () => {
		const t = trigger('p1');
		await t.activate();
		const [list, post] = sim.requests({ pathIncludes: '/subscriptions' }).slice(-2);
		expect(`${post.method} ${post.path}`).toBe(`POST /v23.0/${APP_ID}/subscriptions`);
		expect(post.body).toEqual({ object: 'whatsapp_business_account', callback_url: t.url, verify_token: VERIFY_TOKEN, fields: FIELDS, include_values: true });
		for (const r of [list, post]) {
			expect(r.headers.authorization).toBe(`Bearer ${APP_TOKEN}`);
			expect(r.query).toEqual({});
		}
		expect(callback.hits).toContain('GET /webhook/p1/webhook');
		expect(appSub()).toEqual({ object: 'whatsapp_business_account', callback_url: t.url, active: true, fields: FIELDS.map((name) => ({ name, version: 'v23.0' })) });
		expect(t.record.subscription).toMatchObject({ mode: 'appCallback', appId: APP_ID, wabaId: null, callbackUrl: t.url, fields: FIELDS });
		expect(sim.requests({ pathIncludes: '/subscribed_apps' })).toEqual([]);
		expect(await t.run('checkExists')).toBe(true);
	});

	it('removes the app webhook on deactivation', async () => {
		const t = trigger('p2');
		await t.activate();
		await t.deactivate();
		const del = sim.requests({ method: 'DELETE' }).at(-1)!;
		expect(`${del.method} ${del.path}`).toBe(`DELETE /v23.0/${APP_ID}/subscriptions`);
		expect(del.query).toEqual({ object: 'whatsapp_business_account' });
		expect(del.headers.authorization).toBe(`Bearer ${APP_TOKEN}`);
		expect(appSub()).toBeUndefined();
	});

	it('a second App Callback trigger for the same app fails naming the first one\'s URL', async () => {
		const first = trigger('p3');
		await first.activate();
		await expect(trigger('p4').activate()).rejects.toThrow(`Meta app ${APP_ID} already sends its WhatsApp webhooks to ${first.url}`);
		expect(appSub()?.callback_url).toBe(first.url);
		expect(sim.requests({ method: 'POST' })).toHaveLength(1);
	});

	it('an app webhook set in the App Dashboard is never replaced', async () => {
		sim.state.appSubscriptions[APP_ID] = [{ object: 'whatsapp_business_account', callback_url: 'https://crm.example.com/meta', active: true, fields: [{ name: 'messages', version: 'v23.0' }] }];
		await expect(trigger('p5').activate()).rejects.toThrow('Meta app 900000000000001 already sends its WhatsApp webhooks to https://crm.example.com/meta');
		expect(sim.requests({ method: 'POST' })).toEqual([]);
	});

	it('other fields chosen than subscribed: adds the new ones and removes the ones no longer wanted', async () => {
		const t = trigger('p6');
		await t.activate();
		t.node.parameters.appFields = ['account_update', 'messages'];
		expect(await t.run('checkExists')).toBe(false);
		await t.run('create');
		const del = sim.requests({ method: 'DELETE' }).at(-1)!;
		expect(del.query).toEqual({ object: 'whatsapp_business_account', fields: 'message_template_status_update' });
		expect(appSub()?.fields.map((f) => f.name)).toEqual(['messages', 'account_update']);
	});

	it('needs App ID and App Secret, and at least one field', async () => {
		await expect(trigger('p7', { appId: '' }).activate()).rejects.toThrow(`"App Callback" mode needs the credential's App ID`);
		const unsigned = new TriggerHooks({
			parameters: { subscriptionMode: 'appCallback', appFields: FIELDS, options: { acceptUnsigned: true } },
			credentials: credential({ appId: '', appSecret: '' }),
			callback,
			webhookId: 'p8',
		});
		await expect(unsigned.activate()).rejects.toThrow(`"App Callback" mode needs the credential's App ID and App Secret`);
		await expect(trigger('p9', {}, []).activate()).rejects.toThrow('No webhook field selected for "App Callback" mode');
	});

	it("credential switched to another app before deactivation: the other app's webhook survives", async () => {
		sim.state.appSubscriptions[OTHER_APP_ID] = [{ object: 'whatsapp_business_account', callback_url: 'https://other.example.com/hook', active: true, fields: [] }];
		const t = trigger('p10');
		await t.activate();
		t.setCredentials(credential({ appId: OTHER_APP_ID, appSecret: OTHER_APP_SECRET, accessToken: TOKENS.otherApp }));
		const before = sim.requests().length;
		await t.deactivate();
		expect(sim.requests().length).toBe(before);
		expect(appSub(OTHER_APP_ID)?.callback_url).toBe('https://other.example.com/hook');
		expect(appSub()?.callback_url).toBe(t.url);
		expect(t.warnings.join('\n')).toContain(`left the webhook of app ${APP_ID} (→ ${t.url}) in place: the credential now acts for another app`);
	});

	it('switching a trigger from WABA Override to App Callback undoes the override first', async () => {
		const t = new TriggerHooks({ parameters: { subscriptionMode: 'wabaOverride' }, credentials: credential(), callback, webhookId: 'p11' });
		await t.activate();
		expect(sim.state.subscribedApps[0].override_callback_uri).toBe(t.url);
		t.node.parameters = { subscriptionMode: 'appCallback', appFields: FIELDS };
		await t.activate();
		expect(sim.state.subscribedApps[0].override_callback_uri).toBeUndefined();
		expect(appSub()?.callback_url).toBe(t.url);
		expect(t.record.subscription).toMatchObject({ mode: 'appCallback' });
		expect(t.record.pendingCleanup).toBeUndefined();
	});

	it('Meta down at start-up in App Callback mode: one warning, marked, receiving goes on', async () => {
		const t = trigger('p12');
		await t.activate();
		sim.addFault({ pathIncludes: '/subscriptions', status: 500, times: Infinity });
		await expect(t.run('checkExists', 'init')).resolves.toBe(true);
		expect(t.warnings).toEqual([expect.stringContaining(`could not check the webhook of app ${APP_ID} (→ ${t.url})`)]);
	});
});
