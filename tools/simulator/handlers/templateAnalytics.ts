/**
 * GET /{WABA-ID}/template_analytics (not in Meta's OpenAPI file; contract addition R8b): daily
 * data points per template, [start, end) cut into UTC days. Like Meta: granularity DAILY only,
 * at most 10 templates, each one of this WABA, end after start; only the metric types asked for
 * appear. The counts are made up but fixed per template and day (tests can expect them).
 * Marketing Messages API metrics (contract patches/marketing.ts m2) only with product_type
 * MARKETING_MESSAGES_API_FOR_WHATSAPP, each as its lower-case name with a count.
 */
import { createHash } from 'node:crypto';

import { SCOPE_MANAGEMENT } from '../fixtures';
import { invalidParameter } from '../graphError';
import type { Route } from '../router';

const DAY = 86_400;

/** "[1, '2']" / "1,2" / '["SENT"]' → ["1", "2"] / ["SENT"]. */
function listParam(value: string | undefined): string[] {
	return String(value ?? '')
		.replace(/^\s*\[|\]\s*$/g, '')
		.split(',')
		.map((item) => item.trim().replace(/^['"]|['"]$/g, ''))
		.filter((item) => item !== '');
}

/** Fixed made-up counts for one template on one day. */
export function simulatedCounts(
	templateId: string,
	dayStart: number,
): { sent: number; delivered: number; read: number; clicked: number } {
	const digest = createHash('sha256').update(`${templateId}:${dayStart}`).digest();
	const sent = 20 + (digest[0] % 80);
	const delivered = sent - (digest[1] % 5);
	const read = delivered - (digest[2] % 10);
	const clicked = digest[3] % 6;
	return { sent, delivered, read, clicked };
}

/** The Marketing Messages conversion metrics asked for: the template's clicks turn into a few conversions. */
function marketingCounts(templateId: string, dayStart: number, metrics: string[]): Record<string, number> {
	const { clicked } = simulatedCounts(templateId, dayStart);
	const counts: Record<string, number> = {};
	for (const metric of metrics) {
		if (!/^(APP|WEBSITE)_/.test(metric)) continue;
		counts[metric.toLowerCase()] = metric.endsWith('_CONVERSION_VALUE') ? clicked * 12.5 : Math.floor(clicked / 2);
	}
	return counts;
}

export const getTemplateAnalytics: Route = {
	method: 'GET',
	path: '/{WABA-ID}/template_analytics',
	scope: SCOPE_MANAGEMENT,
	handle(ctx) {
		const start = Number(ctx.query.start);
		const end = Number(ctx.query.end);
		if (!(end > start)) throw invalidParameter(`end (${ctx.query.end}) must be after start (${ctx.query.start})`);
		const ids = listParam(ctx.query.template_ids);
		for (const id of ids) {
			if (!ctx.state.templates.some((t) => t.id === id))
				throw invalidParameter(`template ${id} is not a template of this WhatsApp Business Account`);
		}
		const metrics =
			ctx.query.metric_types === undefined
				? ['SENT', 'DELIVERED', 'READ', 'CLICKED']
				: listParam(ctx.query.metric_types);
		const marketing = ctx.query.product_type === 'MARKETING_MESSAGES_API_FOR_WHATSAPP';
		const points: Array<Record<string, unknown>> = [];
		for (let day = Math.floor(start / DAY) * DAY; day < end; day += DAY) {
			for (const id of ids) {
				const counts = simulatedCounts(id, day);
				const point: Record<string, unknown> = { template_id: id, start: day, end: day + DAY };
				if (metrics.includes('SENT')) point.sent = counts.sent;
				if (metrics.includes('DELIVERED')) point.delivered = counts.delivered;
				if (metrics.includes('READ')) point.read = counts.read;
				if (metrics.includes('CLICKED')) {
					point.clicked =
						counts.clicked > 0
							? [{ type: 'quick_reply_button', button_content: 'Tell me more', count: counts.clicked }]
							: [];
				}
				if (marketing) Object.assign(point, marketingCounts(id, day, metrics));
				points.push(point);
			}
		}
		return { body: { data: [{ granularity: 'DAILY', product_type: marketing ? 'marketing_messages_api_for_whatsapp' : 'cloud_api', data_points: points }] } };
	},
};
