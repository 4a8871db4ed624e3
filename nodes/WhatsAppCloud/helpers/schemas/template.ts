import { z } from 'zod';

/**
 * Meta's rules for sending a message template, written once. The Send Template operation
 * validates everything with these schemas before any request; a breach becomes an error that
 * names the parameter (or the template variable), the rule and the item.
 */
export const TEMPLATE_LIMITS = {
	/** Template names: lowercase letters, digits and underscores, at most 512 characters. */
	name: 512,
	/** A header text variable (the whole header is at most 60 characters). */
	headerText: 60,
	/** A body text parameter (TextParameter.text in the contract). */
	bodyText: 32768,
	/** A copy-code button's coupon code. */
	couponCode: 15,
	/** A quick-reply button's payload. */
	payload: 256,
	/** The dynamic part appended to a URL button's URL. */
	urlSuffix: 2000,
	/** amount_1000 is an int32 in the contract. */
	amount1000: 2_147_483_647,
	/** Meta rejects body/header parameters with new lines, tabs or more than 4 spaces in a row (132018). */
	maxConsecutiveSpaces: 4,
} as const;

export const templateNameSchema = z
	.string()
	.trim()
	.min(1)
	.max(TEMPLATE_LIMITS.name)
	.regex(/^[a-z0-9_]+$/, 'a template name has only lowercase letters, digits and underscores (e.g. order_update)');

/** Language or locale code as Meta writes them: en, en_US, pt_BR, zh_HK, es_419 … */
export const languageCodeSchema = z
	.string()
	.trim()
	.min(1)
	.regex(/^[a-z]{2,3}(_[A-Za-z0-9]{2,4})?$/, 'use a language code such as en, en_US or pt_BR');

export const templateIdSchema = z.string().trim().regex(/^\d+$/, 'a template ID has only digits');

/** Text for a header or body parameter: not empty, no new lines, tabs or long runs of spaces. */
export const parameterText = (max: number) =>
	z.preprocess(
		scalarToString,
		z
			.string()
			.trim()
			.min(1)
			.max(max)
			.refine((value) => !/[\n\r\t]/.test(value), 'WhatsApp does not allow new lines or tabs in a template variable')
			.refine(
				(value) => !new RegExp(` {${TEMPLATE_LIMITS.maxConsecutiveSpaces + 1},}`).test(value),
				`WhatsApp does not allow more than ${TEMPLATE_LIMITS.maxConsecutiveSpaces} spaces in a row in a template variable`,
			),
	);

/** A single-line value such as a payload, URL suffix or coupon code. */
export const plainValue = (max: number) =>
	z.preprocess(
		scalarToString,
		z
			.string()
			.trim()
			.min(1)
			.max(max)
			.refine((value) => !/[\n\r\t]/.test(value), 'new lines and tabs are not allowed here'),
	);

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

export const latitudeSchema = z.preprocess(numberFromText, z.number().min(-90).max(90));
export const longitudeSchema = z.preprocess(numberFromText, z.number().min(-180).max(180));

/** A currency amount as users type it: 12.5, "12.50", "1250". */
export const currencyAmountSchema = z.preprocess(
	numberFromText,
	z
		.number({ invalid_type_error: 'needs an amount such as 12.50' })
		.min(0)
		.refine((amount) => Math.round(amount * 1000) <= TEMPLATE_LIMITS.amount1000, {
			message: `the amount is too large; WhatsApp allows at most ${TEMPLATE_LIMITS.amount1000 / 1000}`,
		}),
);

export const currencyCodeSchema = z
	.string()
	.trim()
	.regex(/^[A-Za-z]{3}$/, 'use a three-letter ISO 4217 currency code such as USD, EUR or INR')
	.transform((code) => code.toUpperCase());

/** Flow action data: a JSON object (given as an object or as JSON text). */
export const flowActionDataSchema = z.preprocess((value) => {
	if (typeof value !== 'string') return value;
	const text = value.trim();
	if (!text) return undefined;
	try {
		return JSON.parse(text);
	} catch {
		return value;
	}
}, z.record(z.unknown(), { invalid_type_error: 'must be a JSON object such as {"product_id": "123"}' }));

/** One entry of "Currency and Date Variables": how a body variable is sent. */
export const variableFormatSchema = z.discriminatedUnion('format', [
	z.object({
		variable: z.string().trim().min(1),
		format: z.literal('currency'),
		currencyCode: currencyCodeSchema,
		fallbackText: z.string().trim().optional(),
	}),
	z.object({
		variable: z.string().trim().min(1),
		format: z.literal('date_time'),
	}),
]);
export type VariableFormat = z.output<typeof variableFormatSchema>;

const componentBase = z
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
			ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['sub_type'], message: 'a button component needs a sub_type (quick_reply, url, copy_code, flow …)' });
		}
		if (component.index === undefined || !/^\d+$/.test(String(component.index))) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['index'], message: 'a button component needs the button position as index ("0", "1" …)' });
		}
	});

/** "Components (JSON)": the `components` array exactly as the messages endpoint wants it. */
export const rawComponentsSchema = z.preprocess((value) => {
	if (typeof value !== 'string') return value;
	const text = value.trim();
	if (!text) return [];
	try {
		return JSON.parse(text);
	} catch (error) {
		return { notJson: (error as Error).message };
	}
}, z.array(componentBase, { invalid_type_error: 'must be a JSON array of components, e.g. [{"type":"body","parameters":[{"type":"text","text":"Ann"}]}]' }));

export const sendTemplateInput = z.object({
	language: languageCodeSchema,
	name: templateNameSchema,
});

function scalarToString(value: unknown): unknown {
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (value === null || value === undefined) return undefined;
	if (typeof value === 'string' && value.trim() === '') return undefined;
	return value;
}

function numberFromText(value: unknown): unknown {
	if (value === null || value === undefined) return undefined;
	if (typeof value === 'string') {
		const text = value.trim().replace(/[\s\u00a0]/g, '');
		if (!text) return undefined;
		const normalised = /^-?\d+,\d+$/.test(text) ? text.replace(',', '.') : text;
		const number = Number(normalised);
		return Number.isFinite(number) ? number : value;
	}
	return value;
}
