import { z } from 'zod';

import { dateToMilliseconds } from '../validation/dates';
import { graphIdSchema } from '../validation/schemas/account';

/**
 * Meta's template analytics (GET /{WABA-ID}/template_analytics): daily counts per template for a
 * date range. Limits written once: at most 10 templates per request, DAILY granularity only, the
 * metric types Meta knows, and a range whose end comes after its start.
 */
export const TEMPLATE_ANALYTICS_MAX_TEMPLATES = 10;
/**
 * Conversion metrics Meta reports only for templates sent with the Marketing Messages API for
 * WhatsApp (with product_type MARKETING_MESSAGES_API_FOR_WHATSAPP), "Template analytics":
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/analytics
 */
export const MARKETING_ANALYTICS_METRICS = [
	'APP_ACTIVATIONS',
	'APP_ADD_TO_CART',
	'APP_CHECKOUTS_INITIATED',
	'APP_PURCHASES',
	'APP_PURCHASES_CONVERSION_VALUE',
	'WEBSITE_ADD_TO_CART',
	'WEBSITE_CHECKOUTS_INITIATED',
	'WEBSITE_PURCHASES',
	'WEBSITE_PURCHASES_CONVERSION_VALUE',
] as const;
export const ANALYTICS_PRODUCT_TYPES = ['CLOUD_API', 'MARKETING_MESSAGES_API_FOR_WHATSAPP'] as const;
const TEMPLATE_ANALYTICS_METRICS = ['SENT', 'DELIVERED', 'READ', 'CLICKED', ...MARKETING_ANALYTICS_METRICS] as const;

/** A date from the editor's date picker or an expression: ISO text, a Date, or unix seconds / milliseconds. */
const dateInput = z.unknown().transform((value, ctx): number => {
	const ms = dateToMilliseconds(value);
	if (!Number.isFinite(ms)) {
		ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be a date like 2026-11-01 or 2026-11-01T00:00:00Z' });
		return z.NEVER;
	}
	return Math.floor(ms / 1000);
});

/** "123, 456" or ["123", 456] → ["123", "456"]. */
export function splitTemplateIds(value: unknown): string[] {
	return (Array.isArray(value) ? value : String(value ?? '').split(/[\s,]+/))
		.map((id) => String(id).trim())
		.filter((id) => id !== '');
}

const idList = z.preprocess(
	splitTemplateIds,
	z
		.array(graphIdSchema)
		.min(1)
		.max(TEMPLATE_ANALYTICS_MAX_TEMPLATES)
		.transform((ids) => [...new Set(ids)]),
);

export const templateAnalyticsInput = z
	.object({
		templateIds: idList,
		startDate: dateInput,
		endDate: dateInput,
		metrics: z.array(z.enum(TEMPLATE_ANALYTICS_METRICS)).min(1),
		productType: z.enum(ANALYTICS_PRODUCT_TYPES).default('CLOUD_API'),
	})
	.superRefine((input, ctx) => {
		if (input.productType === 'CLOUD_API' && input.metrics.some((m) => (MARKETING_ANALYTICS_METRICS as readonly string[]).includes(m))) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['productType'], message: 'must be Marketing Messages API for the conversion metrics' });
		}
		if (input.endDate <= input.startDate) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['endDate'], message: 'must be after the Start Date' });
		}
	});

/** One data point as Meta answers it. */
export interface TemplateAnalyticsPoint {
	template_id?: string;
	start?: number;
	end?: number;
	sent?: number;
	delivered?: number;
	read?: number;
	clicked?: Array<{ type?: string; button_content?: string; count?: number }>;
	[key: string]: unknown;
}

/** The item users chart: one template on one day. */
export function analyticsRow(point: TemplateAnalyticsPoint, metrics: readonly string[]): Record<string, unknown> {
	const start = Number(point.start);
	const row: Record<string, unknown> = {
		templateId: String(point.template_id ?? ''),
		date: Number.isFinite(start) ? new Date(start * 1000).toISOString().slice(0, 10) : null,
		start: Number.isFinite(start) ? new Date(start * 1000).toISOString() : null,
		end: Number.isFinite(Number(point.end)) ? new Date(Number(point.end) * 1000).toISOString() : null,
	};
	for (const metric of ['sent', 'delivered', 'read'] as const) {
		if (metrics.includes(metric.toUpperCase())) row[metric] = Number(point[metric] ?? 0);
	}
	for (const metric of MARKETING_ANALYTICS_METRICS) {
		if (!metrics.includes(metric)) continue;
		const key = metric.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
		row[key] = Number(point[metric.toLowerCase()] ?? 0);
	}
	if (metrics.includes('CLICKED')) {
		const buttons = Array.isArray(point.clicked) ? point.clicked : [];
		row.clicked = buttons.reduce((sum, button) => sum + Number(button.count ?? 0), 0);
		row.clickedButtons = buttons.map((button) => ({
			type: button.type ?? null,
			buttonText: button.button_content ?? null,
			count: Number(button.count ?? 0),
		}));
	}
	return row;
}
