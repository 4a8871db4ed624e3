/**
 * Send Template's "Send Via" (issue 24), in-process through n8n-core against the simulator, whose
 * contract checks every body: Cloud API stays as it was, Marketing Messages API posts to
 * /marketing_messages (and refuses, before sending, what that API does not take), Automatic picks
 * per item and says why it fell back; the onboarding status is read once per run.
 */
import { describe, expect, it } from '@jest/globals';
import type { INodeParameters } from 'n8n-workflow';

import { PHONE_NUMBER_ID, TOKENS, WABA_ID } from '../../../../tools/simulator/fixtures';
import { marketingState } from '../../../../tools/simulator/marketingState';
import { byId, errorMessage, outputJson, requestLines, useSimulator } from '../../../harness/simulator';

const { sim, run, credentials } = useSimulator();

const send = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'message',
	operation: 'sendTemplate',
	phoneNumberId: byId(PHONE_NUMBER_ID),
	to: '15551234567',
	template: { __rl: true, mode: 'name', value: 'summer_sale' },
	templateLanguage: 'en_US',
	variablesMode: 'json',
	componentsJson: '[{"type":"body","parameters":[{"type":"text","text":"20%"}]}]',
	...extra,
});

const onboard = (status: 'ELIGIBLE' | 'ONBOARDED') => {
	marketingState(sim.state).onboarding = status;
};

describe('Send Template → Send Via', () => {
	it('Cloud API (the default): /messages, the output without sentVia, as before', async () => {
		onboard('ONBOARDED');
		const [item] = outputJson(await run(send()));
		expect(item.sentVia).toBeUndefined();
		expect(requestLines(sim.requests())).toEqual([`POST /${PHONE_NUMBER_ID}/messages`]);
	});

	it('Marketing Messages API: /marketing_messages with message_activity_sharing, contract-valid', async () => {
		onboard('ONBOARDED');
		const [item] = outputJson(await run(send({ sendVia: 'marketingMessages', messageActivitySharing: 'off' })));
		expect(item).toMatchObject({ sentVia: 'marketing_messages_api', sentViaReason: null, messageId: expect.stringMatching(/^wamid\./) });
		// The template's category (one cached lookup), the onboarding status, the send.
		expect(requestLines(sim.requests())).toEqual([
			`GET /${WABA_ID}/message_templates`,
			`GET /${WABA_ID}`,
			`POST /${PHONE_NUMBER_ID}/marketing_messages`,
		]);
		const [post] = sim.requests({ method: 'POST' });
		expect(post.body).toMatchObject({ to: '15551234567', type: 'template', message_activity_sharing: false });
		expect(sim.requests({ method: 'GET' })[1].query).toMatchObject({ fields: 'marketing_messages_onboarding_status' });
	});

	it('Marketing Messages API on an account not onboarded: an error that says how to onboard, nothing sent', async () => {
		onboard('ELIGIBLE');
		const result = await run(send({ sendVia: 'marketingMessages' }));
		expect(errorMessage(result)).toBe(
			'"Send Via" is Marketing Messages API, but the WhatsApp Business Account is not onboarded to the Marketing Messages API (status ELIGIBLE) (item 1)',
		);
		expect((result.error as { description?: string }).description).toMatch(/Accept the Marketing Messages API for WhatsApp terms/);
		expect(sim.requests({ method: 'POST' })).toEqual([]);
	});

	it('Marketing Messages API with a utility template: refused before sending, naming the category', async () => {
		onboard('ONBOARDED');
		const result = await run(send({ sendVia: 'marketingMessages', template: { __rl: true, mode: 'name', value: 'hello_world' }, componentsJson: '[]' }));
		expect(errorMessage(result)).toMatch(/category is UTILITY, and the Marketing Messages API sends only marketing templates/);
		expect(sim.requests({ method: 'POST' })).toEqual([]);
	});

	it('Automatic: marketing via /marketing_messages, utility via /messages with the reason; one status read per run', async () => {
		onboard('ONBOARDED');
		const input = [
			{ json: { template: 'summer_sale', components: '[{"type":"body","parameters":[{"type":"text","text":"5%"}]}]' } },
			{ json: { template: 'hello_world', components: '[]' } },
			{ json: { template: 'summer_sale', components: '[{"type":"body","parameters":[{"type":"text","text":"9%"}]}]' } },
		];
		const result = await run(
			send({
				sendVia: 'automatic',
				template: { __rl: true, mode: 'name', value: '={{ $json.template }}' },
				componentsJson: '={{ $json.components }}',
			}),
			{ input },
		);
		const items = outputJson(result);
		expect(items.map((i) => i.sentVia)).toEqual(['marketing_messages_api', 'cloud_api', 'marketing_messages_api']);
		expect(items[1].sentViaReason).toMatch(/category is UTILITY/);
		const reads = sim.requests({ method: 'GET' }).filter((r) => r.path.endsWith(`/${WABA_ID}`));
		expect(reads).toHaveLength(1);
		for (const r of sim.requests()) expect(r.contract).toMatchObject({ valid: true });
	});

	it('Automatic on an account not onboarded: the Cloud API, with the reason in the output', async () => {
		onboard('ELIGIBLE');
		const [item] = outputJson(await run(send({ sendVia: 'automatic' })));
		expect(item).toMatchObject({ sentVia: 'cloud_api', sentViaReason: expect.stringMatching(/not onboarded to the Marketing Messages API \(status ELIGIBLE\)/) });
		expect(sim.requests({ method: 'POST' }).map((r) => r.path)).toEqual([`/v23.0/${PHONE_NUMBER_ID}/messages`]);
	});

	it('Automatic when the checks cannot be made (a token without whatsapp_business_management): the Cloud API, saying why', async () => {
		onboard('ONBOARDED');
		const [item] = outputJson(await run(send({ sendVia: 'automatic' }), { credentials: credentials({ accessToken: TOKENS.missingScope }) }));
		expect(item).toMatchObject({ sentVia: 'cloud_api', sentViaReason: expect.stringMatching(/^the Marketing Messages API could not be checked: /) });
		expect(sim.requests({ method: 'POST' }).map((r) => r.path)).toEqual([`/v23.0/${PHONE_NUMBER_ID}/messages`]);
		// Marketing Messages API itself does not guess: the run fails.
		const strict = await run(send({ sendVia: 'marketingMessages' }), { credentials: credentials({ accessToken: TOKENS.missingScope }) });
		expect(strict.error).toBeDefined();
	});

	it('Automatic with a user ID or Reply To: the Cloud API, saying why', async () => {
		onboard('ONBOARDED');
		const [byUser] = outputJson(await run(send({ sendVia: 'automatic', to: 'US.13491208655302741918' })));
		expect(byUser).toMatchObject({ sentVia: 'cloud_api', sentViaReason: expect.stringMatching(/phone number, not a user ID/) });
		const [reply] = outputJson(await run(send({ sendVia: 'automatic', options: { replyTo: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=' } })));
		expect(reply).toMatchObject({ sentVia: 'cloud_api', sentViaReason: expect.stringMatching(/Reply To/) });
	});
});

describe('Business Account → Get', () => {
	it('shows the account and its Marketing Messages onboarding status', async () => {
		onboard('ONBOARDED');
		const [item] = outputJson(await run({ resource: 'businessAccount', operation: 'get' }));
		expect(item).toMatchObject({
			businessAccountId: WABA_ID,
			currency: 'USD',
			accountReviewStatus: 'APPROVED',
			marketingMessagesOnboardingStatus: 'ONBOARDED',
			marketingMessagesOnboarded: true,
		});
		onboard('ELIGIBLE');
		const [after] = outputJson(await run({ resource: 'businessAccount', operation: 'get' }));
		expect(after).toMatchObject({ marketingMessagesOnboardingStatus: 'ELIGIBLE', marketingMessagesOnboarded: false });
	});
});
