/**
 * Template → Get Analytics in-process through n8n-core against the simulator: the query Meta
 * documents (unix seconds, DAILY, metric types, template ids as lists), checked against the R8b
 * contract addition, and one output item per template and day.
 */
import { describe, expect, it } from '@jest/globals';
import type { INodeParameters } from 'n8n-workflow';

import { APP_ID, TOKENS, WABA_ID } from '../../../../tools/simulator/fixtures';
import { simulatedCounts } from '../../../../tools/simulator/handlers/templateAnalytics';
import { useSimulator } from '../../../harness/simulator';

const { sim, run } = useSimulator({ credential: { appId: APP_ID } });

const DAY1 = Date.UTC(2026, 10, 1) / 1000;
const DAY2 = DAY1 + 86_400;

const analytics = async (parameters: INodeParameters) => await run({ resource: 'template', operation: 'getAnalytics', ...parameters });

describe('Template → Get Analytics', () => {
	it('asks for two days of two templates and outputs one item per template and day', async () => {
		const result = await analytics({
			templateIds: '400000000000002, 400000000000005',
			startDate: '2026-11-01T00:00:00Z',
			endDate: '2026-11-03T00:00:00Z',
			metrics: ['SENT', 'DELIVERED', 'READ', 'CLICKED'],
		});
		expect(result.error).toBeUndefined();
		const [request] = sim.requests();
		expect(`${request.method} ${request.path}`).toBe(`GET /v23.0/${WABA_ID}/template_analytics`);
		expect(request.query).toEqual({
			start: String(DAY1),
			end: String(DAY2 + 86_400),
			granularity: 'DAILY',
			metric_types: '["SENT","DELIVERED","READ","CLICKED"]',
			template_ids: '[400000000000002,400000000000005]',
		});
		expect(request.contract).toEqual({ checked: true, valid: true, errors: [] });
		const rows = result.items[0].map((i) => i.json);
		expect(rows.map((r) => `${r.date} ${r.templateId}`)).toEqual([
			'2026-11-01 400000000000002',
			'2026-11-01 400000000000005',
			'2026-11-02 400000000000002',
			'2026-11-02 400000000000005',
		]);
		const counts = simulatedCounts('400000000000002', DAY1);
		expect(rows[0]).toEqual({
			templateId: '400000000000002',
			date: '2026-11-01',
			start: '2026-11-01T00:00:00.000Z',
			end: '2026-11-02T00:00:00.000Z',
			sent: counts.sent,
			delivered: counts.delivered,
			read: counts.read,
			clicked: counts.clicked,
			clickedButtons: counts.clicked
				? [{ type: 'quick_reply_button', buttonText: 'Tell me more', count: counts.clicked }]
				: [],
		});
	});

	it('outputs only the metrics asked for', async () => {
		const result = await analytics({
			templateIds: '400000000000002',
			startDate: '2026-11-01',
			endDate: '2026-11-02',
			metrics: ['READ'],
		});
		expect(result.items[0].map((i) => Object.keys(i.json))).toEqual([['templateId', 'date', 'start', 'end', 'read']]);
	});

	it('refuses more than 10 templates before any request', async () => {
		const ids = Array.from({ length: 11 }, (_, i) => String(400000000000100 + i)).join(',');
		const result = await analytics({
			templateIds: ids,
			startDate: '2026-11-01',
			endDate: '2026-11-02',
			metrics: ['SENT'],
		});
		expect(result.error?.message).toBe('"Template IDs" has too many entries: 11; WhatsApp allows at most 10 (item 1)');
		expect(sim.requests()).toEqual([]);
	});

	it('refuses an end before the start, naming the field', async () => {
		const result = await analytics({
			templateIds: '400000000000002',
			startDate: '2026-11-05',
			endDate: '2026-11-01',
			metrics: ['SENT'],
		});
		expect(result.error?.message).toBe('"End Date": must be after the Start Date (item 1)');
		expect(sim.requests()).toEqual([]);
	});

	it('the contract refuses an unknown metric type and a missing granularity', async () => {
		const res = await fetch(
			`${sim.url}/v23.0/${WABA_ID}/template_analytics?start=1&end=2&metric_types=[VIEWS]&template_ids=[1]`,
			{
				headers: { authorization: `Bearer ${TOKENS.valid}` },
			},
		);
		expect(res.status).toBe(400);
		expect(sim.requests()[0].contract.errors).toEqual([
			'(query parameter) granularity is required',
			// Meta's metric types, the Marketing Messages API ones included (contract patches/marketing.ts m2).
			expect.stringMatching(/^\(query parameter\) metric_types must match pattern .*\(SENT\|DELIVERED\|READ\|CLICKED\|COST\|APP_ACTIVATIONS\|/),
		]);
	});
});
