import { z } from 'zod';

import { dateToMilliseconds } from '../validation/dates';
import { LIMITS } from '../validation/limits';
import { amountFromText } from './formats';

/**
 * What a Send Template request may carry, Meta's rules written once: the values of the form's
 * variables (text, media, location, payloads, codes, flow data) and the raw "Components (JSON)".
 */
export const SEND_LIMITS = {
	/** A header text variable (the whole header is at most LIMITS.templateHeaderText). */
	headerText: LIMITS.templateHeaderText,
	/** A body text parameter (TextParameter.text in the contract). */
	bodyText: 32768,
	/** A copy-code button's coupon code. */
	couponCode: 15,
	/** A quick-reply button's payload. */
	payload: 256,
	/** The dynamic part appended to a URL button's URL. */
	urlSuffix: 2000,
	/** Document file names, location names and addresses, flow tokens, catalog thumbnails. */
	plainValue: 1000,
	/** Meta refuses header/body parameters with new lines, tabs or more than 4 spaces in a row (132018). */
	maxConsecutiveSpaces: 4,
} as const;

function scalarToString(value: unknown): unknown {
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (value === null || value === undefined) return undefined;
	if (typeof value === 'string' && value.trim() === '') return undefined;
	return value;
}

/** Trimmed text on one line, 1 to `max` characters; `newLines` is the message for a new line or tab. */
const oneLine = (max: number, newLines: string) =>
	z
		.string()
		.trim()
		.min(1)
		.max(max)
		.refine((value) => !/[\n\r\t]/.test(value), newLines);

/** Text for a header or body parameter: not empty, no new lines, tabs or long runs of spaces. */
export const parameterText = (max: number) =>
	z.preprocess(
		scalarToString,
		oneLine(max, 'WhatsApp does not allow new lines or tabs in a template variable').refine(
			(value) => !new RegExp(` {${SEND_LIMITS.maxConsecutiveSpaces + 1},}`).test(value),
			`WhatsApp does not allow more than ${SEND_LIMITS.maxConsecutiveSpaces} spaces in a row in a template variable`,
		),
	);

/** A single-line value such as a payload, URL suffix or coupon code. */
export const plainValue = (max: number) =>
	z.preprocess(scalarToString, oneLine(max, 'new lines and tabs are not allowed here'));

/** A media reference in a template header: a public http(s) link or a media ID (digits). */
export const mediaReference = z.preprocess(
	scalarToString,
	z
		.string()
		.trim()
		.min(1)
		.transform((value, ctx) => {
			if (/^\d+$/.test(value)) return { id: value };
			let url: URL | undefined;
			try {
				url = new URL(value);
			} catch {
				url = undefined;
			}
			if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
				ctx.addIssue({
					code: z.ZodIssueCode.custom,
					message: `"${value}" is neither a public http(s) link nor a media ID (digits only)`,
				});
				return z.NEVER;
			}
			return { link: value };
		}),
);

export const latitudeSchema = z.preprocess(amountFromText, z.number().min(-LIMITS.latitude).max(LIMITS.latitude));
export const longitudeSchema = z.preprocess(amountFromText, z.number().min(-LIMITS.longitude).max(LIMITS.longitude));

/** Flow action data: a JSON object (given as an object or as JSON text). */
export const flowActionDataSchema = z.preprocess(
	(value) => {
		if (typeof value !== 'string') return value;
		const text = value.trim();
		if (!text) return undefined;
		try {
			return JSON.parse(text);
		} catch {
			return value;
		}
	},
	z.custom<Record<string, unknown>>(
		(value) => typeof value === 'object' && value !== null && !Array.isArray(value),
		'must be a JSON object such as {"product_id": "123"}',
	),
);

const sendComponent = z
	.object({
		type: z.enum(['header', 'body', 'button', 'carousel', 'limited_time_offer', 'footer']),
		parameters: z.array(z.record(z.unknown())).optional(),
		sub_type: z.string().optional(),
		index: z.union([z.string(), z.number()]).optional(),
	})
	.passthrough()
	.superRefine((component, ctx) => {
		if (component.type !== 'button') return;
		if (!component.sub_type) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['sub_type'],
				message: 'a button component needs a sub_type (quick_reply, url, copy_code, flow …)',
			});
		}
		if (component.index === undefined || !/^\d+$/.test(String(component.index))) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['index'],
				message: 'a button component needs the button position as index ("0", "1" …)',
			});
		}
	});

/** "Components (JSON)" of Send Template: the `components` array exactly as the messages endpoint wants it. */
export const sendComponentsJsonSchema = z.preprocess(
	(value) => {
		if (typeof value !== 'string') return value;
		const text = value.trim();
		if (!text) return [];
		try {
			return JSON.parse(text);
		} catch (error) {
			return { notJson: (error as Error).message };
		}
	},
	z.array(sendComponent, {
		invalid_type_error:
			'must be a JSON array of components, e.g. [{"type":"body","parameters":[{"type":"text","text":"Ann"}]}]',
	}),
);

/**
 * When a limited-time offer ends (expiration_time_ms): a date (ISO text or a Date) or a unix
 * time in milliseconds (13 digits) or seconds (10 digits); sent as unix milliseconds.
 */
export const offerExpirationSchema = z.unknown().transform((value, ctx): number => {
	const ms = dateToMilliseconds(value);
	if (!Number.isFinite(ms) || ms <= 0) {
		ctx.addIssue({
			code: z.ZodIssueCode.custom,
			message: 'must be a date like 2026-12-31T23:59:00Z or a unix time in milliseconds',
		});
		return z.NEVER;
	}
	return Math.round(ms);
});
