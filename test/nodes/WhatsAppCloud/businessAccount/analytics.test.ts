/**
 * Business Account → Get Analytics through n8n-core against the simulator: the field expression
 * Meta reads (start, end, granularity, filters, dimensions), one item per data point, and bad
 * dates refused before any request.
 */
import { describe, expect, it } from '@jest/globals';
import type { INodeParameters } from 'n8n-workflow';

import { APP_ID, WABA_ID } from '../../../../tools/simulator/fixtures';
import { errorMessage, outputJson, requestLines, useSimulator } from '../../../harness/simulator';

const { sim, run } = useSimulator({ credential: { appId: APP_ID } });

const analytics = (extra: INodeParameters): INodeParameters => ({
	resource: 'businessAccount',
	operation: 'getAnalytics',
	startDate: '2026-11-01T00:00:00.000Z',
	endDate: '2026-11-03T00:00:00.000Z',
	...extra,
});

// 2026-11-01 and 2026-11-03 00:00 UTC in Unix seconds.
const START = 1793491200;
const END = 1793664000;

describe('Business Account → Get Analytics', () => {
	it('Pricing by phone number and category, daily: one item per day, number and category', async () => {
		const items = outputJson(await run(analytics({})));
		const [request] = sim.requests();
		expect(requestLines([request])).toEqual([`GET /${WABA_ID}`]);
		expect(request.query.fields).toBe(
			`pricing_analytics.start(${START}).end(${END}).granularity(DAILY).dimensions(["PHONE","PRICING_CATEGORY"])`,
		);
		// 2 days × 2 numbers × 4 categories
		expect(items).toHaveLength(16);
		expect(items[0]).toEqual({
			businessAccountId: WABA_ID,
			analyticsType: 'pricing',
			granularity: 'day',
			start: '2026-11-01T00:00:00.000Z',
			end: '2026-11-02T00:00:00.000Z',
			phoneNumber: '15550100001',
			country: null,
			category: 'MARKETING',
			type: null,
			volume: 1,
			cost: 0.025,
		});
		expect(new Set(items.map((i) => i.category))).toEqual(
			new Set(['MARKETING', 'UTILITY', 'AUTHENTICATION', 'SERVICE']),
		);
	});

	it('Conversations monthly for one number and country, split by direction', async () => {
		const items = outputJson(
			await run(
				analytics({
					analyticsType: 'conversation',
					granularity: 'month',
					splitBy: ['direction'],
					options: { phoneNumbers: '+1 555 010 0001', countryCodes: 'us' },
				}),
			),
		);
		expect(sim.requests()[0].query.fields).toBe(
			`conversation_analytics.start(${START}).end(${END}).granularity(MONTHLY).phone_numbers(["15550100001"]).country_codes(["US"]).dimensions(["CONVERSATION_DIRECTION"])`,
		);
		expect(items.map((i) => [i.start, i.direction])).toEqual([
			['2026-11-01T00:00:00.000Z', 'BUSINESS_INITIATED'],
			['2026-11-01T00:00:00.000Z', 'USER_INITIATED'],
		]);
		expect(items[0]).toMatchObject({
			analyticsType: 'conversation',
			phoneNumber: null,
			conversations: expect.any(Number),
		});
	});

	it('Messages sent and delivered per day', async () => {
		const items = outputJson(await run(analytics({ analyticsType: 'messages' })));
		expect(sim.requests()[0].query.fields).toBe(`analytics.start(${START}).end(${END}).granularity(DAY)`);
		expect(items.map((i) => Object.keys(i))).toEqual([
			['businessAccountId', 'analyticsType', 'granularity', 'start', 'end', 'sent', 'delivered'],
			['businessAccountId', 'analyticsType', 'granularity', 'start', 'end', 'sent', 'delivered'],
		]);
	});

	it('refuses an end before the start, a bad date and Direction for Pricing, before any request', async () => {
		expect(errorMessage(await run(analytics({ endDate: '2026-10-01T00:00:00.000Z' })))).toBe(
			'"End": must be after "Start" (item 1)',
		);
		expect(errorMessage(await run(analytics({ startDate: 'yesterday' })))).toBe(
			'"Start": "yesterday" is not a date (item 1)',
		);
		expect(errorMessage(await run(analytics({ splitBy: ['direction'] })))).toBe(
			'"Split By" (entry 1): "direction" only applies to Analytics Type "Conversations" (item 1)',
		);
		expect(sim.requests()).toHaveLength(0);
	});
});
