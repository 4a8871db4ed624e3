/**
 * Template → Get Analytics with the Marketing Messages API metrics (issue 24): product_type and the
 * conversion metric types go to Meta (contract-checked query), each comes out camelCased per day;
 * a conversion metric with "Sent Via" Cloud API is refused naming the field.
 */
import { describe, expect, it } from '@jest/globals';
import type { INodeParameters } from 'n8n-workflow';

import { errorMessage, outputJson, useSimulator } from '../../../harness/simulator';

const { sim, run } = useSimulator();

const analytics = (extra: INodeParameters): INodeParameters => ({
	resource: 'template',
	operation: 'getAnalytics',
	templateIds: '400000000000005',
	startDate: '2026-11-01',
	endDate: '2026-11-03',
	...extra,
});

describe('Template → Get Analytics: Marketing Messages metrics', () => {
	it('asks Meta for product_type MARKETING_MESSAGES_API_FOR_WHATSAPP and the conversion metrics', async () => {
		const rows = outputJson(
			await run(analytics({ metrics: ['SENT', 'WEBSITE_PURCHASES', 'WEBSITE_PURCHASES_CONVERSION_VALUE', 'APP_ACTIVATIONS'], productType: 'MARKETING_MESSAGES_API_FOR_WHATSAPP' })),
		);
		expect(rows).toHaveLength(2);
		for (const row of rows) {
			expect(row).toEqual({
				templateId: '400000000000005',
				date: expect.any(String),
				start: expect.any(String),
				end: expect.any(String),
				sent: expect.any(Number),
				websitePurchases: expect.any(Number),
				websitePurchasesConversionValue: expect.any(Number),
				appActivations: expect.any(Number),
			});
		}
		const [request] = sim.requests({ method: 'GET' });
		expect(request.contract).toMatchObject({ valid: true });
		expect(request.query).toMatchObject({ product_type: 'MARKETING_MESSAGES_API_FOR_WHATSAPP' });
		expect(JSON.parse(String(request.query.metric_types))).toContain('APP_ACTIVATIONS');
	});

	it('Cloud API (the default) sends no product_type, as before', async () => {
		outputJson(await run(analytics({ metrics: ['SENT'] })));
		expect(sim.requests({ method: 'GET' })[0].query.product_type).toBeUndefined();
	});

	it('a conversion metric for Cloud API sends is refused before any request, naming the field', async () => {
		const result = await run(analytics({ metrics: ['APP_PURCHASES'] }));
		expect(errorMessage(result)).toMatch(/Sent Via/);
		expect(sim.requests()).toEqual([]);
	});
});
