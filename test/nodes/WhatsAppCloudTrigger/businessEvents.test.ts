import { fanOut } from '../../../nodes/WhatsAppCloudTrigger/fanOut';
import { validateWebhook } from '../../../tools/contract/validate';
import { BUSINESS_EXAMPLES, delivery, METADATA, WABA } from '../../fixtures/businessWebhooks';

const fp = (value: unknown) => JSON.stringify(value);
const items = (name: string) => fanOut(BUSINESS_EXAMPLES[name].payload, fp).map((e) => e.json);
const changes = (name: string) =>
	(BUSINESS_EXAMPLES[name].payload as { entry: Array<{ changes: Array<{ value: unknown }> }> }).entry[0].changes.map((c) => c.value);

describe('typed items of the business-side webhook fields (Meta\'s documented examples)', () => {
	it.each(Object.keys(BUSINESS_EXAMPLES))('%s: the example passes the webhook contract and keeps its common fields', (name) => {
		const { payload, field } = BUSINESS_EXAMPLES[name];
		const check = validateWebhook(payload);
		expect(check.errors).toEqual([]);
		expect(check.valid).toBe(true);
		const before = JSON.stringify(payload);
		const events = fanOut(payload, fp);
		expect(events.length).toBeGreaterThan(0);
		for (const { kind, json } of events) {
			expect(kind).toBe('other');
			expect(json).toMatchObject({ event: field, field, wabaId: WABA });
			expect(json.timestamp).toMatch(/^\d{4}-\d\d-\d\dT/);
			expect(typeof json.dedupeKey).toBe('string');
		}
		expect(new Set(events.map((e) => e.dedupeKey)).size).toBe(events.length);
		expect(JSON.stringify(payload)).toBe(before);
	});

	it('a change the contract does not describe is refused (the schemas check something)', () => {
		const broken = delivery('account_alerts', [{ entity_type: 'BUSINESS', alert_info: { alert_severity: 7 } }]);
		expect(validateWebhook(broken).valid).toBe(false);
		const wrongType = delivery('message_template_quality_update', [{ previous_quality_score: 'GREEN', new_quality_score: 'RED', message_template_id: 'x', message_template_name: 'a', message_template_language: 'en' }]);
		expect(validateWebhook(wrongType).errors.join(' ')).toContain('message_template_id');
	});

	it('account_update: one item per change, with the coexistence disconnection, violation and ban flattened', () => {
		const [removed, violation, ban] = items('account_update');
		expect(removed).toMatchObject({
			type: 'PARTNER_REMOVED',
			accountEvent: 'PARTNER_REMOVED',
			subjectWabaId: '980198427658004',
			ownerBusinessId: '2329417887457253',
			disconnectionReason: 'PRIMARY_INACTIVITY',
			disconnectionInitiatedBy: 'SYSTEM',
			violationType: null,
			restrictions: [],
			timestamp: '2025-02-12T00:43:44.000Z',
			value: changes('account_update')[0],
		});
		expect(violation).toMatchObject({ type: 'ACCOUNT_VIOLATION', violationType: 'SCAM', disconnectionReason: null });
		expect(ban).toMatchObject({ type: 'DISABLED_UPDATE', banState: 'DISABLE', banDate: 'October 9, 2023' });
		// no user on an account event
		expect(removed).toMatchObject({ waId: null, userId: null, recipient: null });
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

	it('account_alerts: the alert flattened, its description as text', () => {
		const [json] = items('account_alerts');
		expect(json).toMatchObject({
			type: 'INCREASED_CAPABILITIES_ELIGIBILITY_DEFERRED',
			text: 'Limits cannot be increased for your business Lucky Shrub.',
			entityType: 'BUSINESS',
			entityId: '506914307656634',
			alertSeverity: 'WARNING',
			alertStatus: 'ACTIVE',
			alertType: 'INCREASED_CAPABILITIES_ELIGIBILITY_DEFERRED',
			alertDescription: 'Limits cannot be increased for your business Lucky Shrub.',
		});
	});

	it('phone_number_quality_update: messagingLimit reads the 2026 field first, the deprecated tier otherwise', () => {
		const [old, current] = items('phone_number_quality_update');
		expect(old).toMatchObject({
			type: 'THROUGHPUT_UPGRADE',
			displayPhoneNumber: '15550783881',
			qualityEvent: 'THROUGHPUT_UPGRADE',
			messagingLimit: 'TIER_UNLIMITED',
			currentLimit: 'TIER_UNLIMITED',
			maxDailyConversationsPerBusiness: null,
			oldLimit: null,
			timestamp: '2025-05-28T17:46:34.000Z',
		});
		expect(current).toMatchObject({ messagingLimit: 'TIER_10K', maxDailyConversationsPerBusiness: 'TIER_10K', oldLimit: 'TIER_2K', currentLimit: null });
		// v24+ Graph names, should Meta send them here
		const [renamed] = fanOut(delivery('phone_number_quality_update', [{ display_phone_number: '1', event: 'UPGRADE', whatsapp_business_manager_messaging_limit: 'TIER_2K' }]), fp);
		expect(renamed.json.messagingLimit).toBe('TIER_2K');
	});

	it('message_template_status_update: status, reason, category, rejection and pause details', () => {
		const [approved, rejected, paused] = items('message_template_status_update');
		expect(approved).toMatchObject({
			type: 'APPROVED',
			status: 'APPROVED',
			templateId: '1689556908129832',
			templateName: 'order_confirmation',
			language: 'en-US',
			reason: 'NONE',
			category: 'UTILITY',
			text: null,
		});
		expect(rejected).toMatchObject({
			status: 'REJECTED',
			reason: 'INVALID_FORMAT',
			rejectionReason: 'Variable parameters are not formatted correctly.',
			rejectionRecommendation: 'Use {{1}}, {{2}} … in order.',
			text: 'Variable parameters are not formatted correctly.',
		});
		expect(paused).toMatchObject({ status: 'PAUSED', reason: null, otherInfoTitle: 'FIRST_PAUSE', text: 'Your WhatsApp message template has been paused.' });
		const [disabled] = fanOut(delivery('message_template_status_update', [{ event: 'DISABLED', disable_info: { disable_date: '1751234563' } }]), fp);
		expect(disabled.json.disableDate).toBe('2025-06-29T22:02:43.000Z');
	});

	it('message_template_quality_update: previous and new score', () => {
		const [json] = items('message_template_quality_update');
		expect(json).toMatchObject({
			type: 'message_template_quality_update',
			templateId: '806312974732579',
			templateName: 'welcome_template',
			language: 'en-US',
			previousQualityScore: 'GREEN',
			newQualityScore: 'YELLOW',
		});
	});

	it('template_category_update: an announced and a done recategorization', () => {
		const [announced, done] = items('template_category_update');
		expect(announced).toMatchObject({
			templateId: '278077987957091',
			correctCategory: 'MARKETING',
			newCategory: 'UTILITY',
			previousCategory: null,
			categoryUpdateTime: '2025-10-17T14:30:33.000Z',
			categoryChangeScheduled: true,
		});
		expect(done).toMatchObject({ previousCategory: 'UTILITY', newCategory: 'MARKETING', correctCategory: null, categoryChangeScheduled: false });
	});

	it('message_template_components_update: header, body, footer and buttons', () => {
		const [json] = items('message_template_components_update');
		expect(json).toMatchObject({
			templateId: '1315502779341834',
			header: 'Your order is confirmed!',
			body: 'Thank you for your order, {{1}}! Your order number is {{2}}.',
			text: 'Thank you for your order, {{1}}! Your order number is {{2}}.',
			footer: 'Lucky Shrub: the Succulent Specialists!',
			buttons: [
				{ type: 'URL', text: 'Email support', url: 'https://www.luckyshrub.com/support', phoneNumber: null },
				{ type: 'PHONE_NUMBER', text: 'Call us', url: null, phoneNumber: '+15550783881' },
			],
		});
	});

	it('automatic_events: one item per detected event, with its click ID, time and purchase amount', () => {
		const events = fanOut(BUSINESS_EXAMPLES.automatic_events.payload, fp);
		const [lead, purchase] = events.map((e) => e.json);
		const list = (changes('automatic_events')[0] as { automatic_events: unknown[] }).automatic_events;
		expect(events).toHaveLength(2);
		expect(lead).toMatchObject({
			type: 'LeadSubmitted',
			eventName: 'LeadSubmitted',
			messageId: 'wamid.HBgLMTIwNjY3NzQ3OTgVAgASGBQzQUY3MDVCQzFBODE5ODU4MUZEOQA=',
			ctwaClid: expect.stringMatching(/^Afc3nYt4/),
			currency: null,
			amount: null,
			phoneNumberId: METADATA.phone_number_id,
			displayPhoneNumber: METADATA.display_phone_number,
			timestamp: '2025-06-04T20:31:29.000Z',
			value: list[0],
		});
		expect(purchase).toMatchObject({ type: 'Purchase', currency: 'USD', amount: 25, customDataValue: 25000, value: list[1] });
		expect(events[0].dedupeKey).not.toBe(events[1].dedupeKey);
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

	it('flows: a status change and an endpoint alert', () => {
		const [status, alert] = items('flows');
		expect(status).toMatchObject({
			type: 'FLOW_STATUS_CHANGE',
			flowEvent: 'FLOW_STATUS_CHANGE',
			flowId: '1097420589034000',
			oldStatus: 'DRAFT',
			newStatus: 'PUBLISHED',
			flowMessage: 'Flow Webhook 3 changed status from DRAFT to PUBLISHED',
			text: 'Flow Webhook 3 changed status from DRAFT to PUBLISHED',
			alertState: null,
			errors: [],
		});
		expect(alert).toMatchObject({
			type: 'ENDPOINT_ERROR_RATE',
			alertState: 'ACTIVATED',
			threshold: 10,
			errorRate: 15.5,
			errors: [{ errorType: 'TIMEOUT_ERROR', errorCount: 31, errorRate: 15.5 }],
		});
		const [latency] = fanOut(delivery('flows', [{ event: 'ENDPOINT_LATENCY', flow_id: '1', p50_latency: 800, p90_latency: 1500, requests_count: 2000, threshold: 1000, alert_state: 'DEACTIVATED' }]), fp);
		expect(latency.json).toMatchObject({ p50Latency: 800, p90Latency: 1500, requestsCount: 2000, alertState: 'DEACTIVATED' });
		const [availability] = fanOut(delivery('flows', [{ event: 'ENDPOINT_AVAILABILITY', flow_id: '1', availability: 90, threshold: 95, alert_state: 'ACTIVATED' }]), fp);
		expect(availability.json.availability).toBe(90);
	});
});
