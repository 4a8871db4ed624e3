/**
 * "Phone Number Override" mode: the pure reading of Meta's webhook_configuration, and the
 * subscription through n8n-core's HookContext against the simulator — what activation sets, that
 * it never takes a number pointed elsewhere, that deactivation removes only its own override while
 * it is still ours, and that an outage at deactivation keeps the undo for the next activation.
 */
import { phoneOverrideState, webhookConfigurationOf } from '../../../nodes/WhatsAppCloudTrigger/phoneOverride';
import { forgetTriggerMemory } from '../../../nodes/WhatsAppCloudTrigger/memory';
import { APP_ID, APP_SECRET, OTHER_APP_ID, PHONE_NUMBERS, TOKENS, VERIFY_TOKEN } from '../../../tools/simulator/fixtures';
import { useSimulator } from '../../harness/simulator';
import { TriggerHooks, useCallbackServer } from '../../harness/triggerHooks';

const [A, B] = PHONE_NUMBERS.map((p) => p.id);

describe('phone override decisions', () => {
	it("reads Meta's webhook_configuration: strings only, empty = not set", () => {
		expect(webhookConfigurationOf({ webhook_configuration: { phone_number: 'https://p', whatsapp_business_account: 'https://w', application: 'https://a' }, id: A })).toEqual({
			phoneNumber: 'https://p',
			waba: 'https://w',
			application: 'https://a',
		});
		expect(webhookConfigurationOf({ webhook_configuration: { phone_number: '', application: 7 } })).toEqual({ phoneNumber: undefined, waba: undefined, application: undefined });
		expect(webhookConfigurationOf({ id: A })).toEqual({});
		expect(webhookConfigurationOf(null)).toEqual({});
		expect(webhookConfigurationOf({ webhook_configuration: 'https://p' })).toEqual({});
	});

	it("looks at the number's own override only (the WABA's and the app's are not ours to judge)", () => {
		const mine = 'https://n8n.example.com/webhook/x/webhook';
		expect(phoneOverrideState({ phoneNumber: mine }, mine)).toEqual({ kind: 'ours' });
		expect(phoneOverrideState({ waba: 'https://other', application: 'https://app' }, mine)).toEqual({ kind: 'missing' });
		expect(phoneOverrideState({ phoneNumber: 'https://other', waba: mine }, mine)).toEqual({ kind: 'elsewhere', url: 'https://other' });
	});
});

describe('Phone Number Override subscription', () => {
	const { sim, credential } = useSimulator({ credential: { appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN } });
	const callback = useCallbackServer();
	beforeEach(() => forgetTriggerMemory());

	const trigger = (webhookId: string, phoneNumberId: string = A) =>
		new TriggerHooks({ parameters: { events: ['messages'], subscriptionMode: 'phoneOverride', phoneNumberId }, credentials: credential(), callback, webhookId });
	const override = (phone = A, appId = APP_ID) => sim.state.phoneOverrides[phone]?.[appId];
	const calls = () => sim.requests().map((r) => `${r.method} ${r.path.replace(/^\/v[\d.]+\//, '')}${r.method === 'GET' ? '' : ` ${r.rawBody}`}`);
	const writes = () => sim.requests().filter((r) => r.method !== 'GET' && r.path !== '/v23.0/').length;

	it('points the chosen number at the trigger and records app, number and URL; the WABA override stays', async () => {
		sim.state.subscribedApps[0].override_callback_uri = 'https://waba.example.com/hook';
		const t = trigger('p1');
		await t.activate();
		expect(calls()).toEqual([
			expect.stringMatching(/^POST {2}batch=.*debug_token/),
			`GET ${A}`,
			`POST ${A} {"webhook_configuration":{"override_callback_uri":"${t.url}","verify_token":"${VERIFY_TOKEN}"}}`,
		]);
		expect(sim.requests()[1].query).toEqual({ fields: 'webhook_configuration' });
		expect(callback.hits).toContain('GET /webhook/p1/webhook');
		expect(override()).toBe(t.url);
		expect(override(B)).toBeUndefined();
		expect(sim.state.subscribedApps[0].override_callback_uri).toBe('https://waba.example.com/hook');
		expect(t.record.subscription).toMatchObject({ mode: 'phoneOverride', appId: APP_ID, phoneNumberId: A, wabaId: null, callbackUrl: t.url });
		expect(t.infos.join('\n')).toContain(`set the override of app ${APP_ID} on phone number ${A} (→ ${t.url})`);
		expect(await t.run('checkExists')).toBe(true);
	});

	it('two triggers own two numbers; deactivating one removes only its own override', async () => {
		const a = trigger('p2a', A);
		const b = trigger('p2b', B);
		await a.activate();
		await b.activate();
		expect([override(A), override(B)]).toEqual([a.url, b.url]);
		await a.deactivate();
		expect([override(A), override(B)]).toEqual([undefined, b.url]);
		expect(a.record.subscription).toBeUndefined();
		expect(a.infos.join('\n')).toContain(`removed the override of app ${APP_ID} on phone number ${A}`);
		await b.deactivate();
		expect(sim.state.phoneOverrides).toEqual({ [A]: {}, [B]: {} });
	});

	it('refuses a number whose override points elsewhere, saying what to do, and changes nothing', async () => {
		sim.state.phoneOverrides[A] = { [APP_ID]: 'https://elsewhere.example.com/hook' };
		const t = trigger('p3');
		await expect(t.activate()).rejects.toThrow(`Phone number ${A} already sends this app's webhooks to https://elsewhere.example.com/hook (app ${APP_ID})`);
		expect(writes()).toBe(0);
		expect(override()).toBe('https://elsewhere.example.com/hook');
		expect(t.record.subscription).toBeUndefined();
		const error = (await t.activate().then(() => undefined, (e: unknown) => e)) as { description?: string } | undefined;
		expect(error?.description).toMatch(/never replaces one it did not set\. Deactivate the workflow .* or remove its override/);
		expect(writes()).toBe(0);
	});

	it("another app's override on the same number is not in the way, and stays", async () => {
		sim.state.phoneOverrides[A] = { [OTHER_APP_ID]: 'https://bsp.example.com/hook' };
		const t = trigger('p4');
		await t.activate();
		await t.deactivate();
		expect(sim.state.phoneOverrides[A]).toEqual({ [OTHER_APP_ID]: 'https://bsp.example.com/hook' });
	});

	it('leaves an override someone changed since activation alone', async () => {
		const t = trigger('p5');
		await t.activate();
		sim.state.phoneOverrides[A][APP_ID] = 'https://someone.example.com/hook';
		const before = writes();
		await t.deactivate();
		expect(writes()).toBe(before);
		expect(override()).toBe('https://someone.example.com/hook');
		expect(t.infos.join('\n')).toContain(`left the override of app ${APP_ID} on phone number ${A} (→ ${t.url}) alone, someone changed it since`);
	});

	it('Meta down at deactivation: the override is kept and noted, and removed on the next activation', async () => {
		const t = trigger('p6');
		await t.activate();
		sim.addFault({ status: 500, times: Infinity });
		await t.deactivate();
		expect(override()).toBe(t.url);
		expect(t.warnings.join('\n')).toContain(`could not remove the override of app ${APP_ID} on phone number ${A} (→ ${t.url})`);
		expect(t.record.pendingCleanup).toEqual([expect.objectContaining({ mode: 'phoneOverride', phoneNumberId: A, callbackUrl: t.url })]);
		sim.clearFaults();
		t.node.parameters.subscriptionMode = 'none';
		await t.activate();
		expect(override()).toBeUndefined();
		expect(t.record.pendingCleanup).toBeUndefined();
	});

	it('another number chosen while active: the old number is undone on the next check, the new one set', async () => {
		const t = trigger('p7', A);
		await t.activate();
		t.node.parameters.phoneNumberId = B;
		await t.activate('update');
		expect([override(A), override(B)]).toEqual([undefined, t.url]);
		expect(t.record.subscription).toMatchObject({ phoneNumberId: B });
	});

	it("with another app's token the override is left in place (that token cannot change ours)", async () => {
		const t = trigger('p8');
		await t.activate();
		t.setCredentials(credential({ accessToken: TOKENS.otherApp }));
		await t.deactivate();
		expect(override()).toBe(t.url);
		expect(t.warnings.join('\n')).toContain(`left the override of app ${APP_ID} on phone number ${A} (→ ${t.url}) in place: the credential now acts for another app`);
	});

	it('a check at n8n start while Meta is down keeps receiving and marks the override for repair', async () => {
		const t = trigger('p9');
		await t.activate();
		forgetTriggerMemory();
		sim.addFault({ status: 500, times: Infinity });
		await expect(t.run('checkExists', 'init')).resolves.toBe(true);
		expect(t.warnings[0]).toContain(`could not check the override of app ${APP_ID} on phone number ${A}`);
		sim.clearFaults();
		delete sim.state.phoneOverrides[A][APP_ID];
		expect(await t.repair()).toBe('repaired');
		expect(override()).toBe(t.url);
	});

	it('asks for a phone number that is a Phone Number ID, naming the field', async () => {
		await expect(trigger('p10', '').activate()).rejects.toThrow('No phone number chosen for "Phone Number Override" mode');
		await expect(trigger('p11', '+1 555 0100').activate()).rejects.toThrow('"Phone Number Name or ID" must be a Phone Number ID (digits only), not "+1 555 0100"');
		expect(sim.requests()).toEqual([]);
	});

	it('a number of another WABA or unknown to Meta fails activation with Meta\'s error', async () => {
		await expect(trigger('p12', '100000000000999').activate()).rejects.toThrow(/Could not check the webhook subscription of phone number 100000000000999/);
		expect(writes()).toBe(0);
	});
});
