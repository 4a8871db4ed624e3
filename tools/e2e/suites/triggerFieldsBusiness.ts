/**
 * Issue 19, business-side rows of the "trigger fields" table: each row posts Meta's documented
 * example of one webhook field (test/fixtures/businessWebhooks.ts, each naming its Meta page) to a
 * real trigger and checks the typed items of the execution it started — the flat, named fields the
 * table lists for each item, beside the untouched `value` (the change's, or for automatic events
 * the one event's), one item per thing a workflow acts on.
 */
import assert from 'node:assert/strict';

import { BUSINESS_EXAMPLES, expectedValues, WABA, type BusinessExample } from '../../../test/fixtures/businessWebhooks';
import { defineSuite } from '../runner';
import { fieldCases, setUpFieldsTrigger, tearDownFieldsTrigger, type FieldRow } from '../themes/triggerFields';

function row(example: BusinessExample): FieldRow {
	return {
		field: example.field,
		title: example.title,
		payload: example.payload,
		check(items) {
			assert.equal(items.length, example.items.length, `${items.length} items`);
			assert.equal(new Set(items.map((i) => i.dedupeKey)).size, items.length, 'one dedupe key per item');
			const values = expectedValues(example);
			items.forEach((item, i) => {
				const expected = { event: example.field, wabaId: WABA, ...example.items[i], value: values[i] };
				for (const [key, value] of Object.entries(expected)) assert.deepEqual(item[key], value, `item ${i}: ${key}`);
			});
		},
	};
}

export const triggerFieldsBusiness = defineSuite({
	name: 'trigger fields',
	setup: (ctx) => setUpFieldsTrigger(ctx, 'business'),
	teardown: (_ctx, s) => tearDownFieldsTrigger(s),
	cases: fieldCases(Object.values(BUSINESS_EXAMPLES).map(row)),
});
