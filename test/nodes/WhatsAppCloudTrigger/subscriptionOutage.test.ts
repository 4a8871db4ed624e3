/**
 * Receiving must not depend on the Graph API: a check n8n runs while Meta answers 500, refuses
 * the token or rate-limits ends in one warning and a repair mark (not an error n8n would retry
 * in a loop), and the subscription is put right once Meta answers again.
 */
import type { Fault } from '../../../tools/simulator/server';
import { APP_ID, APP_SECRET, EXPIRED_MESSAGE, VERIFY_TOKEN, WABA_ID } from '../../../tools/simulator/fixtures';
import { useSimulator } from '../../harness/simulator';
import { TriggerHooks, useCallbackServer } from '../../harness/triggerHooks';
import { forgetTriggerMemory } from '../../../nodes/WhatsAppCloudTrigger/memory';

const OUTAGES: Array<{ name: string; fault: Fault; reason: string }> = [
	{ name: 'Graph answers 500', fault: { status: 500, times: Infinity }, reason: "Meta's Graph API answered with a server error" },
	{
		name: 'the token expired',
		fault: { status: 401, times: Infinity, error: { message: `Error validating access token: ${EXPIRED_MESSAGE}.`, code: 190, error_subcode: 463 } },
		reason: "Meta refused the credential's access token (expired or invalid)",
	},
	{
		name: 'rate-limited',
		fault: { status: 400, times: Infinity, error: { message: '(#80007) Rate limit hit for WhatsApp Business Account', code: 80007 } },
		reason: 'Meta rate-limited the request',
	},
];

describe('subscription checks while Meta is down', () => {
	const { sim, credential } = useSimulator({ credential: { appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN } });
	const callback = useCallbackServer();
	beforeEach(() => {
		forgetTriggerMemory();
	});

	const trigger = (webhookId: string) =>
		new TriggerHooks({
			parameters: { events: ['messages'] },
			credentials: credential(),
			callback,
			webhookId,
		});
	const override = () => sim.state.subscribedApps.find((a) => a.whatsapp_business_api_data.id === APP_ID)?.override_callback_uri;
	/** Writes at Meta: every POST but the app lookup (debug_token inside a batch POST to the Graph root, tokenApp.ts). */
	const writes = () => sim.requests({ method: 'POST' }).filter((r) => r.path !== '/v23.0/');

	for (const outage of OUTAGES) {
		it(`n8n start (activation "init") while ${outage.name}: true, one warning, marked for repair, nothing created`, async () => {
			const t = trigger(`o-${outage.fault.status}`);
			await t.activate();
			forgetTriggerMemory(); // a restarted n8n has no memory of the token's app
			sim.addFault(outage.fault);
			const posts = writes().length;
			await expect(t.run('checkExists', 'init')).resolves.toBe(true);
			expect(t.warnings).toHaveLength(1);
			expect(t.warnings[0]).toContain(`could not check the override of app ${APP_ID} on WhatsApp Business Account ${WABA_ID} (→ ${t.url}) (${outage.reason}`);
			expect(t.warnings[0]).toContain('Receiving goes on; the subscription is marked for repair');
			expect(t.record.subscription).toMatchObject({ callbackUrl: t.url, needsRepair: { reason: expect.stringContaining(outage.reason) } });
			expect(writes().length).toBe(posts);

			sim.clearFaults();
			await expect(t.run('checkExists', 'init')).resolves.toBe(true);
			expect(t.record.subscription).not.toHaveProperty('needsRepair');
			expect(t.infos.join('\n')).toContain('checked again, it is in place');
		});
	}

	it('a leadership change is unattended too; a user activating with nothing recorded gets the error', async () => {
		sim.addFault({ status: 500, times: Infinity });
		const t = trigger('o-lead');
		await expect(t.run('checkExists', 'leadershipChange')).resolves.toBe(true);
		expect(t.record.subscription).toMatchObject({ needsRepair: expect.anything() });
		const fresh = trigger('o-fresh');
		await expect(fresh.activate('activate')).rejects.toThrow(
			`Could not check the webhook subscription of WhatsApp Business Account ${WABA_ID}: WhatsApp Cloud API error (code 1): An unknown error occurred`,
		);
		expect(fresh.record.subscription).toBeUndefined();
	});

	it('a republish ("update") during an outage keeps the subscription this trigger made', async () => {
		const t = trigger('o-upd');
		await t.activate();
		forgetTriggerMemory();
		sim.addFault({ status: 503, times: Infinity });
		await expect(t.run('checkExists', 'update')).resolves.toBe(true);
		expect(t.warnings).toHaveLength(1);
	});

	it('repaired on the next check: lost while Meta was down → checkExists false → create subscribes again', async () => {
		const t = trigger('o-lost');
		await t.activate();
		sim.addFault({ status: 500, times: Infinity });
		await t.run('checkExists', 'init');
		sim.clearFaults();
		sim.state.subscribedApps[0].override_callback_uri = undefined;
		await t.activate('init');
		expect(override()).toBe(t.url);
		expect(t.record.subscription).toMatchObject({ callbackUrl: t.url, before: 'subscribed' });
		expect(t.record.subscription).not.toHaveProperty('needsRepair');
	});

	it('create during a start-up outage is tolerated too; during a user activation it fails', async () => {
		const t = trigger('o-create');
		sim.addFault({ method: 'POST', pathIncludes: '/subscribed_apps', status: 500, times: 2 });
		await expect(t.activate('init')).resolves.toBeUndefined();
		expect(t.record.subscription).toMatchObject({ needsRepair: expect.anything() });
		const user = trigger('o-create2');
		await expect(user.activate('activate')).rejects.toThrow(/Could not subscribe WhatsApp Business Account 200000000000001 to .*o-create2/);
	});

	it('repairMarkedSubscription (for webhook()): re-subscribes once Meta answers, at most one try a minute', async () => {
		const t = trigger('o-hook');
		await expect(t.repair()).resolves.toBe('none');
		await t.activate();
		sim.addFault({ status: 500, times: Infinity });
		await t.run('checkExists', 'init');
		expect(await t.repair()).toBe('failed');
		expect(await t.repair()).toBe('waiting');
		sim.clearFaults();
		sim.state.subscribedApps[0].override_callback_uri = undefined;
		forgetTriggerMemory();
		expect(await t.repair()).toBe('repaired');
		expect(override()).toBe(t.url);
		expect(t.record.subscription).not.toHaveProperty('needsRepair');
		expect(await t.repair()).toBe('none');
	});

	it('repairMarkedSubscription finds it in place and only clears the mark', async () => {
		const t = trigger('o-hook2');
		await t.activate();
		sim.addFault({ status: 429, times: Infinity });
		await t.run('checkExists', 'init');
		sim.clearFaults();
		const posts = writes().length;
		expect(await t.repair()).toBe('in-place');
		expect(writes().length).toBe(posts);
		expect(t.record.subscription).not.toHaveProperty('needsRepair');
	});

	it('unreachable Graph (connection refused) is waited out the same way', async () => {
		const t = trigger('o-net');
		await t.activate();
		forgetTriggerMemory();
		t.setCredentials(credential({ graphBaseUrl: 'http://127.0.0.1:9' }));
		await expect(t.run('checkExists', 'init')).resolves.toBe(true);
		expect(t.warnings[0]).toContain("Meta's Graph API could not be reached");
	});
});
