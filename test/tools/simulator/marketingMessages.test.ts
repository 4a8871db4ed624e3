/**
 * The simulator's Marketing Messages API for WhatsApp: POST /{phone}/marketing_messages answers
 * like Meta for an onboarded account and a marketing template, refuses an account that is not
 * onboarded and a non-marketing template, keeps its body to the contract (no text messages);
 * the WABA's onboarding status and its admin hook; a 130429 fault on this endpoint; the Marketing
 * Messages metrics of template analytics.
 */
import { validateWebhook } from '../../../tools/contract/validate';
import { NOT_MARKETING_DETAILS, NOT_ONBOARDED_DETAILS } from '../../../tools/simulator/handlers/marketingMessages';
import { PHONE_NUMBER_ID, WABA_ID } from '../../../tools/simulator/fixtures';
import { graphCall, type GraphJson as Json } from '../../harness/graphCall';
import { useSimulator } from '../../harness/simulator';

const { sim } = useSimulator();
const call = (method: string, path: string, json?: unknown) => graphCall(sim.url, method, path, json);

const path = `/v23.0/${PHONE_NUMBER_ID}/marketing_messages`;
const marketing = {
	messaging_product: 'whatsapp',
	recipient_type: 'individual',
	to: '15551234567',
	type: 'template',
	template: { name: 'summer_sale', language: { policy: 'deterministic', code: 'en_US' }, components: [{ type: 'body', parameters: [{ type: 'text', text: '20%' }] }] },
	message_activity_sharing: true,
};
const onboard = (onboarded: boolean) => call('POST', '/__sim/marketing/onboarding', { onboarded });

describe('simulator: Marketing Messages API for WhatsApp', () => {
	it('the WABA starts ELIGIBLE; the admin hook onboards it; GET /{WABA-ID} reports it', async () => {
		expect((await call('GET', `/v23.0/${WABA_ID}?fields=marketing_messages_onboarding_status`)).body).toEqual({ id: WABA_ID, marketing_messages_onboarding_status: 'ELIGIBLE' });
		expect((await onboard(true)).body).toEqual({ success: true, onboarding: 'ONBOARDED' });
		expect((await call('GET', '/__sim/marketing')).body).toEqual({ onboarding: 'ONBOARDED' });
		expect((await call('GET', `/v23.0/${WABA_ID}?fields=name,marketing_messages_onboarding_status`)).body).toMatchObject({ marketing_messages_onboarding_status: 'ONBOARDED' });
		expect((await call('POST', '/__sim/marketing/onboarding', { status: 'SOMETHING' })).status).toBe(400);
	});

	it('an onboarded account sends a marketing template: a wamid, accepted, contract-valid, recorded', async () => {
		await onboard(true);
		const { status, body } = await call('POST', path, marketing);
		expect(status).toBe(200);
		expect(body).toEqual({ messaging_product: 'whatsapp', contacts: [{ input: '15551234567', wa_id: '15551234567' }], messages: [{ id: expect.stringMatching(/^wamid\./), message_status: 'accepted' }] });
		expect(sim.requests({ pathIncludes: '/marketing_messages' })[0].contract).toMatchObject({ valid: true });
		expect(sim.state.sentMessages.map((m) => m.id)).toEqual([body.messages[0].id]);
		// Its statuses come like those of a Cloud API send, contract-valid.
		const { payload } = await sim.customer({ kind: 'status', messageId: body.messages[0].id, status: 'read' });
		expect(validateWebhook(payload).errors).toEqual([]);
		const delivery = (payload as Json).entry[0].changes[0].value.statuses[0];
		expect(delivery).toMatchObject({ id: body.messages[0].id, status: 'read', recipient_id: '15551234567' });
	});

	it('refuses an account not onboarded, a utility template, a text message and a missing template', async () => {
		const notOnboarded = await call('POST', path, marketing);
		expect(notOnboarded).toMatchObject({ status: 400, body: { error: { code: 100, error_data: { details: NOT_ONBOARDED_DETAILS } } } });
		await onboard(true);
		const utility = await call('POST', path, { ...marketing, template: { name: 'hello_world', language: { policy: 'deterministic', code: 'en_US' } } });
		expect(utility).toMatchObject({ status: 400, body: { error: { code: 100, error_data: { details: NOT_MARKETING_DETAILS } } } });
		const text = await call('POST', path, { messaging_product: 'whatsapp', recipient_type: 'individual', to: '15551234567', type: 'text', text: { body: 'Hi' } });
		expect(text).toMatchObject({ status: 400, body: { error: { code: 100 } } });
		const unknown = await call('POST', path, { ...marketing, template: { name: 'no_such', language: { policy: 'deterministic', code: 'en_US' } } });
		expect(unknown).toMatchObject({ status: 400, body: { error: { code: 132001 } } });
		expect(sim.state.sentMessages).toEqual([]);
	});

	it('a 130429 fault answers this endpoint and not /messages', async () => {
		await onboard(true);
		sim.addFault({ method: 'POST', pathIncludes: '/marketing_messages', times: 1, status: 400, error: { message: '(#130429) Rate limit hit', code: 130429 } });
		const { message_activity_sharing: _mmOnly, ...cloud } = marketing;
		expect((await call('POST', `/v23.0/${PHONE_NUMBER_ID}/messages`, cloud)).status).toBe(200);
		expect((await call('POST', path, marketing)).body).toMatchObject({ error: { code: 130429 } });
		expect((await call('POST', path, marketing)).status).toBe(200);
	});

	it('template analytics: Marketing Messages metrics only with product_type MARKETING_MESSAGES_API_FOR_WHATSAPP', async () => {
		const query = `start=1793491200&end=1793577600&granularity=DAILY&template_ids=[400000000000005]&metric_types=[SENT,APP_PURCHASES,WEBSITE_PURCHASES_CONVERSION_VALUE]`;
		const mm = await call('GET', `/v23.0/${WABA_ID}/template_analytics?${query}&product_type=MARKETING_MESSAGES_API_FOR_WHATSAPP`);
		expect(mm.status).toBe(200);
		expect(mm.body.data[0].product_type).toBe('marketing_messages_api_for_whatsapp');
		expect(mm.body.data[0].data_points[0]).toEqual({ template_id: '400000000000005', start: expect.any(Number), end: expect.any(Number), sent: expect.any(Number), app_purchases: expect.any(Number), website_purchases_conversion_value: expect.any(Number) });
		const cloud = await call('GET', `/v23.0/${WABA_ID}/template_analytics?${query}`);
		expect(Object.keys(cloud.body.data[0].data_points[0])).not.toContain('app_purchases');
		expect(sim.requests({ method: 'GET' }).every((r) => r.contract.valid)).toBe(true);
	});
});
