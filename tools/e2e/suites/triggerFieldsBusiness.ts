/**
 * Issue 19, business-side rows of the "trigger fields" table: each row posts Meta's documented
 * example of one webhook field (test/fixtures/businessWebhooks.ts, each naming its Meta page) to a
 * real trigger and checks the typed items of the execution it started — flat, named fields beside
 * the untouched `value`, one item per thing a workflow acts on.
 */
import assert from 'node:assert/strict';

import { BUSINESS_EXAMPLES, METADATA } from '../../../test/fixtures/businessWebhooks';
import type { ItemJson } from '../kit/executions';
import { defineSuite } from '../runner';
import { fieldCases, setUpFieldsTrigger, tearDownFieldsTrigger, type FieldRow } from '../themes/triggerFields';

/** Asserts that `item` has each of `expected`'s keys with that value (deep). */
function has(item: ItemJson | undefined, expected: Record<string, unknown>, what: string): void {
	assert.ok(item, `${what}: no item`);
	for (const [key, value] of Object.entries(expected)) assert.deepEqual(item[key], value, `${what}: ${key}`);
}

/** The change values of an example, to compare with the items' untouched `value`. */
function values(field: string): unknown[] {
	const payload = BUSINESS_EXAMPLES[field].payload as { entry: Array<{ changes: Array<{ value: unknown }> }> };
	return payload.entry[0].changes.map((c) => c.value);
}

function row(field: string, title: string, count: number, check: (items: ItemJson[]) => void): FieldRow {
	return {
		field,
		title,
		payload: BUSINESS_EXAMPLES[field].payload,
		check(items) {
			assert.equal(items.length, count, `${field}: ${items.length} items`);
			assert.equal(new Set(items.map((i) => i.dedupeKey)).size, count, 'one dedupe key per item');
			for (const item of items) has(item, { event: field, wabaId: '102290129340398' }, field);
			check(items);
		},
	};
}

const ROWS: FieldRow[] = [
	row('account_update', 'coexistence disconnection, violation and ban → 3 typed items', 3, ([removed, violation, ban]) => {
		has(
			removed,
			{
				type: 'PARTNER_REMOVED',
				accountEvent: 'PARTNER_REMOVED',
				subjectWabaId: '980198427658004',
				ownerBusinessId: '2329417887457253',
				disconnectionReason: 'PRIMARY_INACTIVITY',
				disconnectionInitiatedBy: 'SYSTEM',
				value: values('account_update')[0],
			},
			'PARTNER_REMOVED',
		);
		has(violation, { type: 'ACCOUNT_VIOLATION', violationType: 'SCAM' }, 'ACCOUNT_VIOLATION');
		has(ban, { type: 'DISABLED_UPDATE', banState: 'DISABLE', banDate: 'October 9, 2023' }, 'DISABLED_UPDATE');
	}),
	row('account_alerts', 'a messaging-limit alert → entity and alert fields', 1, ([alert]) => {
		has(
			alert,
			{
				type: 'INCREASED_CAPABILITIES_ELIGIBILITY_DEFERRED',
				entityType: 'BUSINESS',
				entityId: '506914307656634',
				alertSeverity: 'WARNING',
				alertStatus: 'ACTIVE',
				alertType: 'INCREASED_CAPABILITIES_ELIGIBILITY_DEFERRED',
				alertDescription: 'Limits cannot be increased for your business Lucky Shrub.',
				text: 'Limits cannot be increased for your business Lucky Shrub.',
			},
			'alert',
		);
	}),
	row('phone_number_quality_update', 'old tier and 2026 limit → one messagingLimit field', 2, ([old, current]) => {
		has(old, { displayPhoneNumber: '15550783881', qualityEvent: 'THROUGHPUT_UPGRADE', messagingLimit: 'TIER_UNLIMITED', currentLimit: 'TIER_UNLIMITED' }, 'tier');
		has(current, { qualityEvent: 'UPGRADE', messagingLimit: 'TIER_10K', maxDailyConversationsPerBusiness: 'TIER_10K', oldLimit: 'TIER_2K' }, '2026');
	}),
	row('message_template_status_update', 'approved, rejected (with reason) and paused templates', 3, ([approved, rejected, paused]) => {
		has(approved, { type: 'APPROVED', status: 'APPROVED', templateId: '1689556908129832', templateName: 'order_confirmation', language: 'en-US', category: 'UTILITY' }, 'APPROVED');
		has(rejected, { status: 'REJECTED', reason: 'INVALID_FORMAT', rejectionReason: 'Variable parameters are not formatted correctly.' }, 'REJECTED');
		has(paused, { status: 'PAUSED', reason: null, otherInfoTitle: 'FIRST_PAUSE' }, 'PAUSED');
	}),
	row('message_template_quality_update', 'GREEN → YELLOW', 1, ([quality]) => {
		has(quality, { templateId: '806312974732579', templateName: 'welcome_template', previousQualityScore: 'GREEN', newQualityScore: 'YELLOW' }, 'quality');
	}),
	row('template_category_update', 'an announced and a done recategorization', 2, ([announced, done]) => {
		has(announced, { correctCategory: 'MARKETING', newCategory: 'UTILITY', categoryChangeScheduled: true, categoryUpdateTime: '2025-10-17T14:30:33.000Z' }, 'announced');
		has(done, { previousCategory: 'UTILITY', newCategory: 'MARKETING', categoryChangeScheduled: false }, 'done');
	}),
	row('message_template_components_update', 'header, body, footer and buttons', 1, ([edit]) => {
		has(
			edit,
			{
				templateId: '1315502779341834',
				header: 'Your order is confirmed!',
				body: 'Thank you for your order, {{1}}! Your order number is {{2}}.',
				footer: 'Lucky Shrub: the Succulent Specialists!',
				buttons: [
					{ type: 'URL', text: 'Email support', url: 'https://www.luckyshrub.com/support', phoneNumber: null },
					{ type: 'PHONE_NUMBER', text: 'Call us', url: null, phoneNumber: '+15550783881' },
				],
			},
			'components',
		);
	}),
	row('automatic_events', 'a lead and a purchase → 2 items, each with its own value', 2, ([lead, purchase]) => {
		const [change] = values('automatic_events') as Array<{ automatic_events: unknown[] }>;
		has(lead, { type: 'LeadSubmitted', eventName: 'LeadSubmitted', phoneNumberId: METADATA.phone_number_id, amount: null, value: change.automatic_events[0] }, 'lead');
		has(purchase, { type: 'Purchase', currency: 'USD', amount: 25, customDataValue: 25000, value: change.automatic_events[1] }, 'purchase');
		assert.match(String(lead.ctwaClid), /^Afc3nYt4/);
	}),
	row('flows', 'a status change and an endpoint error-rate alert', 2, ([status, alert]) => {
		has(status, { type: 'FLOW_STATUS_CHANGE', flowId: '1097420589034000', oldStatus: 'DRAFT', newStatus: 'PUBLISHED' }, 'status');
		has(alert, { type: 'ENDPOINT_ERROR_RATE', alertState: 'ACTIVATED', threshold: 10, errorRate: 15.5, errors: [{ errorType: 'TIMEOUT_ERROR', errorCount: 31, errorRate: 15.5 }] }, 'alert');
	}),
];

export const triggerFieldsBusiness = defineSuite({
	name: 'trigger fields',
	setup: (ctx) => setUpFieldsTrigger(ctx, 'business'),
	teardown: (_ctx, s) => tearDownFieldsTrigger(s),
	cases: fieldCases(ROWS),
});
