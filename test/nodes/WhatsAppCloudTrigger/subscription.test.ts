/**
 * The trigger's subscription in "WABA Override" mode, through n8n-core's HookContext against the
 * simulator: what activation sets, that it never takes another trigger's or app's subscription,
 * and that deactivation undoes only what this trigger set, with the same app.
 */
import { callbackUrlProblem } from '../../../nodes/WhatsAppCloudTrigger/callbackUrl';
import { APP_ID, APP_SECRET, OTHER_APP_ID, OTHER_APP_NAME, TOKENS, VERIFY_TOKEN, WABA_ID } from '../../../tools/simulator/fixtures';
import { useSimulator } from '../../harness/simulator';
import { TriggerHooks, useCallbackServer } from '../../harness/triggerHooks';
import { forgetTriggerMemory } from '../../../nodes/WhatsAppCloudTrigger/memory';

describe('callback URL check on activation', () => {
	const META = 'https://graph.facebook.com';
	const SIM = 'http://127.0.0.1:4100';

	it('accepts a public https URL for Meta', () => {
		expect(callbackUrlProblem('https://n8n.example.com/webhook/abc/webhook', META)).toBeUndefined();
	});

	it('refuses http, loopback, private hosts and too long override URLs for Meta, saying what to fix', () => {
		expect(callbackUrlProblem('http://n8n.example.com/webhook/x/webhook', META)).toMatch(/not HTTPS.*WEBHOOK_URL/);
		expect(callbackUrlProblem('https://localhost:5678/webhook/x/webhook', META)).toMatch(/not reachable from the internet/);
		expect(callbackUrlProblem('https://192.168.1.20/webhook/x/webhook', META)).toMatch(/not reachable/);
		expect(callbackUrlProblem('http://127.0.0.1:5678/webhook/x/webhook', META)).toMatch(/not HTTPS/);
		expect(callbackUrlProblem(`https://n8n.example.com/${'x'.repeat(200)}`, META)).toMatch(/at most 200 for an override/);
		expect(callbackUrlProblem(`https://n8n.example.com/${'x'.repeat(200)}`, META, false)).toBeUndefined();
	});

	it('lets a local simulator use http on loopback only', () => {
		expect(callbackUrlProblem('http://127.0.0.1:5678/webhook/x/webhook', SIM)).toBeUndefined();
		expect(callbackUrlProblem('http://localhost:5678/webhook/x/webhook', SIM)).toBeUndefined();
		expect(callbackUrlProblem('http://10.0.0.5:5678/webhook/x/webhook', SIM)).toMatch(/not HTTPS/);
	});
});

describe('WABA override subscription', () => {
	const { sim, credential } = useSimulator({ credential: { appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN } });
	const callback = useCallbackServer();
	beforeEach(() => {
		forgetTriggerMemory();
	});

	const trigger = (webhookId: string, extra: Record<string, string> = {}, parameters: Record<string, unknown> = {}) =>
		new TriggerHooks({ parameters: { events: ['messages'], ...parameters }, credentials: credential(extra), callback, webhookId });
	const ownEntry = (appId = APP_ID) => sim.state.subscribedApps.find((a) => a.whatsapp_business_api_data.id === appId);
	const calls = () => sim.requests().map((r) => `${r.method} ${r.path.replace('/v23.0/', '')}${r.method === 'GET' ? '' : ` ${r.rawBody}`}`);
	const otherApp = { whatsapp_business_api_data: { id: OTHER_APP_ID, name: OTHER_APP_NAME }, override_callback_uri: 'https://bsp.example.com/hook' };
	/** Writes at Meta: every POST but the app lookup (debug_token inside a batch POST to the Graph root, tokenApp.ts). */
	const posts = () => sim.requests({ method: 'POST' }).filter((r) => r.path !== '/v23.0/');

	it('asks debug_token for the app when the credential has no App ID, sets the override and records app, WABA and URL', async () => {
		const t = trigger('a1');
		await t.activate();
		// checkExists: debug_token (in a batch POST) + list; create (right after it) reuses what the check saw: POST only
		expect(calls()).toEqual([
			expect.stringMatching(/^POST {2}batch=.*debug_token/),
			`GET ${WABA_ID}/subscribed_apps`,
			`POST ${WABA_ID}/subscribed_apps {"override_callback_uri":"${t.url}","verify_token":"${VERIFY_TOKEN}"}`,
		]);
		expect(callback.hits).toContain('GET /webhook/a1/webhook');
		expect(ownEntry()?.override_callback_uri).toBe(t.url);
		expect(t.record.subscription).toMatchObject({ mode: 'wabaOverride', appId: APP_ID, wabaId: WABA_ID, callbackUrl: t.url, before: 'subscribed' });
		expect(await t.run('checkExists')).toBe(true);
	});

	it('republish (delete, then checkExists and create): four Graph calls in the gap, no debug_token', async () => {
		const t = trigger('a0');
		await t.activate();
		const seen = sim.requests().length;
		await t.deactivate();
		await t.activate('update');
		expect(calls().slice(seen)).toEqual([
			`GET ${WABA_ID}/subscribed_apps`,
			`POST ${WABA_ID}/subscribed_apps `,
			`GET ${WABA_ID}/subscribed_apps`,
			`POST ${WABA_ID}/subscribed_apps {"override_callback_uri":"${t.url}","verify_token":"${VERIFY_TOKEN}"}`,
		]);
		expect(ownEntry()?.override_callback_uri).toBe(t.url);
	});

	it('removes only the override on deactivation when the app was subscribed before, the app subscription when it was not', async () => {
		const first = trigger('a2');
		await first.activate();
		await first.deactivate();
		expect(sim.requests().at(-1)?.method).toBe('POST');
		expect(sim.requests().at(-1)?.rawBody).not.toContain('override_callback_uri');
		expect(sim.state.subscribedApps).toEqual([{ whatsapp_business_api_data: expect.objectContaining({ id: APP_ID }) }]);
		expect(first.record.subscription).toBeUndefined();

		sim.state.subscribedApps = [otherApp];
		const second = trigger('a3');
		await second.activate();
		expect(second.record.subscription).toMatchObject({ before: 'not-subscribed' });
		await second.deactivate();
		expect(sim.requests().at(-1)?.method).toBe('DELETE');
		expect(sim.state.subscribedApps).toEqual([otherApp]);
	});

	it('without App ID and with two apps on the WABA, a second trigger fails naming the first one\'s URL and takes nothing', async () => {
		sim.state.subscribedApps.unshift(otherApp);
		const first = trigger('b1');
		await first.activate();
		const second = trigger('b2');
		await expect(second.activate()).rejects.toThrow(`WhatsApp Business Account ${WABA_ID} already sends this app's webhooks to ${first.url} (app ${APP_ID})`);
		expect(ownEntry()?.override_callback_uri).toBe(first.url);
		expect(ownEntry(OTHER_APP_ID)?.override_callback_uri).toBe('https://bsp.example.com/hook');
		expect(posts()).toHaveLength(1);
		expect(second.record.subscription).toBeUndefined();
	});

	it('fails on an override this app set elsewhere also with the App ID in the credential, and in checkExists', async () => {
		ownEntry()!.override_callback_uri = 'https://elsewhere.example.com/hook';
		const t = trigger('b3', { appId: APP_ID });
		await expect(t.run('checkExists')).rejects.toThrow(/already sends this app's webhooks to https:\/\/elsewhere\.example\.com\/hook \(app 900000000000001\)/);
		await expect(t.run('create')).rejects.toThrow(/to https:\/\/elsewhere\.example\.com\/hook/);
		expect(posts()).toEqual([]);
	});

	it("leaves another app's override on the same WABA alone and sets this app's", async () => {
		sim.state.subscribedApps.push(otherApp);
		const t = trigger('b4', { appId: APP_ID });
		await t.activate();
		expect(ownEntry()?.override_callback_uri).toBe(t.url);
		expect(ownEntry(OTHER_APP_ID)).toEqual(otherApp);
	});

	it("refuses a credential whose App ID is not its token's app", async () => {
		const t = trigger('b5', { appId: OTHER_APP_ID });
		await expect(t.activate()).rejects.toThrow(`The credential's App ID ${OTHER_APP_ID} is not the app of its Access Token (app ${APP_ID})`);
		expect(posts()).toEqual([]);
	});

	it("credential edited to another app's token before deactivation: the other app's subscription survives", async () => {
		sim.state.subscribedApps = [otherApp];
		const t = trigger('c1');
		await t.activate();
		t.setCredentials(credential({ accessToken: TOKENS.otherApp }));
		await t.deactivate();
		expect(sim.requests().slice(-1).map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v23.0/']);
		expect(sim.state.subscribedApps).toEqual([otherApp, { whatsapp_business_api_data: expect.objectContaining({ id: APP_ID }), override_callback_uri: t.url }]);
		expect(t.warnings.join('\n')).toMatch(/left the override of app 900000000000001 on WhatsApp Business Account 200000000000001 .* in place: the credential now acts for another app/);
		expect(t.record.subscription).toBeUndefined();
	});

	it('leaves the WABA alone on deactivation when someone changed the override since', async () => {
		const t = trigger('c2');
		await t.activate();
		ownEntry()!.override_callback_uri = 'https://someone-else.example.com/hook';
		await t.deactivate();
		expect(sim.requests().filter((r) => r.method !== 'GET' && r.path !== '/v23.0/')).toHaveLength(1);
		expect(ownEntry()?.override_callback_uri).toBe('https://someone-else.example.com/hook');
		expect(t.infos.join('\n')).toMatch(/left the override .* alone, someone changed it since/);
	});

	it('Meta down at deactivation: no error, noted, removed on the next activation (here: Subscription Mode None)', async () => {
		const t = trigger('d1');
		await t.activate();
		sim.addFault({ status: 500, times: Infinity });
		await expect(t.deactivate()).resolves.toBeUndefined();
		expect(ownEntry()?.override_callback_uri).toBe(t.url);
		expect(t.record.pendingCleanup).toEqual([expect.objectContaining({ mode: 'wabaOverride', wabaId: WABA_ID, appId: APP_ID, callbackUrl: t.url })]);
		expect(t.warnings.join('\n')).toMatch(/could not remove the override .*Meta's Graph API answered with a server error.*removed on the next activation/);

		sim.clearFaults();
		t.node.parameters.subscriptionMode = 'none';
		await t.activate();
		expect(ownEntry()).toEqual({ whatsapp_business_api_data: expect.objectContaining({ id: APP_ID }) });
		expect(t.record.pendingCleanup).toBeUndefined();
		expect(t.record.subscription).toBeUndefined();
	});

	it('Meta down at deactivation, then the same trigger activated again: the noted subscription is taken over, not re-made', async () => {
		const t = trigger('d2');
		await t.activate();
		sim.addFault({ status: 503, times: Infinity });
		await t.deactivate();
		sim.clearFaults();
		const before = posts().length;
		await t.activate();
		expect(posts().length).toBe(before);
		expect(t.record.pendingCleanup).toBeUndefined();
		expect(t.record.subscription).toMatchObject({ callbackUrl: t.url, before: 'subscribed' });
		await t.deactivate();
		expect(ownEntry()?.override_callback_uri).toBeUndefined();
	});

	it('a pending cleanup for another WABA URL stays noted while Meta is still down, and activation goes on', async () => {
		const t = trigger('d3');
		await t.activate();
		sim.addFault({ status: 500, times: Infinity });
		await t.deactivate();
		t.node.parameters.subscriptionMode = 'none';
		await expect(t.activate()).resolves.toBeUndefined();
		expect(t.record.pendingCleanup).toHaveLength(1);
	});

	it('version 1: "Subscribe Automatically" off subscribes nothing; without a WABA ID nothing either (quietly); version 1.1 says what is missing', async () => {
		const off = new TriggerHooks({ parameters: { autoSubscribe: false }, credentials: credential(), callback, webhookId: 'e1', typeVersion: 1 });
		await off.activate();
		const noWaba = new TriggerHooks({ parameters: {}, credentials: credential({ businessAccountId: '' }), callback, webhookId: 'e2', typeVersion: 1 });
		await noWaba.activate();
		expect(sim.requests()).toEqual([]);
		const v1 = new TriggerHooks({ parameters: {}, credentials: credential(), callback, webhookId: 'e3', typeVersion: 1 });
		await v1.activate();
		expect(ownEntry()?.override_callback_uri).toBe(v1.url);
		await expect(trigger('e4', { businessAccountId: '' }).activate()).rejects.toThrow(
			"No WhatsApp Business Account ID, so the trigger cannot point the WABA's webhooks at itself: add the WABA ID",
		);
		await expect(trigger('e5', { businessAccountId: 'waba-1' }).activate()).rejects.toThrow('is not an ID (digits only)');
	});

	it('configuration errors still fail activation: no App Secret, no Verify Token', async () => {
		await expect(trigger('f1', { appSecret: '' }).activate()).rejects.toThrow('The credential has no App Secret');
		await expect(trigger('f2', { verifyToken: '' }).activate()).rejects.toThrow('The credential has no Webhook Verify Token');
	});
});
