import { fanOut } from '../../../nodes/WhatsAppCloudTrigger/fanOut';
import { BUSINESS_EXAMPLES, delivery, expectedValues, METADATA, WABA } from '../../fixtures/businessWebhooks';

const fp = (value: unknown) => JSON.stringify(value);

describe('typed items of the business-side webhook fields (Meta\'s documented examples)', () => {
	it.each(Object.keys(BUSINESS_EXAMPLES))('%s: the example becomes its typed items (fieldExamplesContract.test.ts checks it keeps to the contract)', (name) => {
		const example = BUSINESS_EXAMPLES[name];
		const before = JSON.stringify(example.payload);
		const events = fanOut(example.payload, fp);
		expect(events.map((e) => e.kind)).toEqual(example.items.map(() => 'other'));
		const values = expectedValues(example);
		events.forEach(({ json }, i) => {
			expect(json).toMatchObject({ event: example.field, field: example.field, wabaId: WABA, ...example.items[i] });
			expect(json.value).toEqual(values[i]);
			expect(json.timestamp).toMatch(/^\d{4}-\d\d-\d\dT/);
		});
		expect(new Set(events.map((e) => e.dedupeKey)).size).toBe(events.length);
		expect(JSON.stringify(example.payload)).toBe(before);
	});

	it('account_update: restrictions, partner apps, international rates and pricing tiers', () => {
		const [json] = fanOut(
			delivery('account_update', [
				{
					event: 'ACCOUNT_RESTRICTION',
					restriction_info: [{ restriction_type: 'RESTRICTED_ADD_PHONE_NUMBER_ACTION', expiration: 1739321024 }],
					waba_info: { waba_id: '1', owner_business_id: '2', partner_app_id: '3', solution_id: '4', solution_partner_business_ids: ['5', 6, null] },
					auth_international_rate_eligibility: { start_time: 1717200000, exception_countries: [{ country_code: 'IN', start_time: 1719792000 }] },
					volume_tier_info: { tier_update_time: 1739321024, pricing_category: 'MARKETING', tier: '25M:50M', effective_month: '2025-08', region: 'India' },
				},
			]),
			fp,
		).map((e) => e.json);
		expect(json).toMatchObject({
			restrictions: [{ restrictionType: 'RESTRICTED_ADD_PHONE_NUMBER_ACTION', expiration: '2025-02-12T00:43:44.000Z' }],
			partnerAppId: '3',
			solutionId: '4',
			solutionPartnerBusinessIds: ['5', '6'],
			authIntlStartTime: '2024-06-01T00:00:00.000Z',
			authIntlExceptionCountries: [{ countryCode: 'IN', startTime: '2024-07-01T00:00:00.000Z' }],
			volumeTier: '25M:50M',
			volumeTierPricingCategory: 'MARKETING',
			volumeTierRegion: 'India',
			volumeTierEffectiveMonth: '2025-08',
		});
	});

	it('phone_number_quality_update: messagingLimit also reads the v24+ Graph name of the tier', () => {
		// v24+ Graph names, should Meta send them here
		const [renamed] = fanOut(delivery('phone_number_quality_update', [{ display_phone_number: '1', event: 'UPGRADE', whatsapp_business_manager_messaging_limit: 'TIER_2K' }]), fp);
		expect(renamed.json.messagingLimit).toBe('TIER_2K');
	});

	it('message_template_status_update: a disabled template\'s date', () => {
		const [disabled] = fanOut(delivery('message_template_status_update', [{ event: 'DISABLED', disable_info: { disable_date: '1751234563' } }]), fp);
		expect(disabled.json.disableDate).toBe('2025-06-29T22:02:43.000Z');
	});

	it('automatic_events: the user is the change\'s one contact, by BSUID when Meta withholds the phone number', () => {
		const [event] = fanOut(
			delivery('automatic_events', [
				{
					messaging_product: 'whatsapp',
					metadata: METADATA,
					contacts: [{ user_id: 'US.13491208655302741918', profile: { name: 'Sim Shopper', username: 'sim.shopper' } }],
					automatic_events: [{ id: 'wamid.x', event_name: 'LeadSubmitted', timestamp: 1749069089 }],
				},
			]),
			fp,
		);
		expect(event.json).toMatchObject({ waId: null, userId: 'US.13491208655302741918', username: 'sim.shopper', recipient: 'US.13491208655302741918' });
	});

	it('flows: latency and availability alerts', () => {
		const [latency] = fanOut(delivery('flows', [{ event: 'ENDPOINT_LATENCY', flow_id: '1', p50_latency: 800, p90_latency: 1500, requests_count: 2000, threshold: 1000, alert_state: 'DEACTIVATED' }]), fp);
		expect(latency.json).toMatchObject({ p50Latency: 800, p90Latency: 1500, requestsCount: 2000, alertState: 'DEACTIVATED' });
		const [availability] = fanOut(delivery('flows', [{ event: 'ENDPOINT_AVAILABILITY', flow_id: '1', availability: 90, threshold: 95, alert_state: 'ACTIVATED' }]), fp);
		expect(availability.json.availability).toBe(90);
	});
});
