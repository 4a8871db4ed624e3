import { z } from 'zod';

import { bareVariableName } from './placeholders';

/**
 * Body variables sent as a currency amount or a date instead of text (Meta's `currency` and
 * `date_time` parameters): the "Currency and Date Variables" entries of Send Template, how their
 * values are checked and what they become in the request.
 */

/** amount_1000 is an int32 in the contract. */
const MAX_AMOUNT_1000 = 2_147_483_647;

const currencyCodeSchema = z
	.string()
	.trim()
	.regex(/^[A-Za-z]{3}$/, 'use a three-letter ISO 4217 currency code such as USD, EUR or INR')
	.transform((code) => code.toUpperCase());

/** One entry of "Currency and Date Variables": which body variable, and how it is sent. */
export const variableFormatSchema = z.discriminatedUnion('format', [
	z.object({
		variable: z.preprocess(bareVariableName, z.string().min(1)),
		format: z.literal('currency'),
		currencyCode: currencyCodeSchema,
		fallbackText: z.preprocess(
			(value) => (String(value ?? '').trim() ? value : undefined),
			z.string().trim().optional(),
		),
	}),
	z.object({
		variable: z.preprocess(bareVariableName, z.string().min(1)),
		format: z.literal('date_time'),
	}),
]);
export type VariableFormat = z.output<typeof variableFormatSchema>;

/** An amount as users type it: 12.5, "12.50", "12,50", "1 250". Anything else stays as typed. */
export function amountFromText(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	const text = value.trim().replace(/[\s\u00a0]/g, '');
	if (!text) return undefined;
	const number = Number(/^-?\d+,\d+$/.test(text) ? text.replace(',', '.') : text);
	return Number.isFinite(number) ? number : value;
}

/** The value of a body variable sent as a currency: a non-negative amount that fits amount_1000. */
export function currencyAmountSchema(format: Extract<VariableFormat, { format: 'currency' }>) {
	return z.preprocess(
		amountFromText,
		z.unknown().superRefine((amount, ctx) => {
			if (typeof amount !== 'number' || !Number.isFinite(amount)) {
				ctx.addIssue({
					code: z.ZodIssueCode.custom,
					message: `is sent as a ${format.currencyCode} amount ("Currency and Date Variables"), so it must be a number such as 12.50, not ${JSON.stringify(amount)}`,
				});
			} else if (amount < 0) {
				ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must not be negative (${amount})` });
			} else if (Math.round(amount * 1000) > MAX_AMOUNT_1000) {
				ctx.addIssue({
					code: z.ZodIssueCode.custom,
					message: `${amount} is too large; WhatsApp allows at most ${MAX_AMOUNT_1000 / 1000}`,
				});
			}
		}),
	) as z.ZodType<number>;
}

function currencyFallback(amount: number, code: string): string {
	try {
		return new Intl.NumberFormat('en-US', { style: 'currency', currency: code }).format(amount);
	} catch {
		return `${amount.toFixed(2)} ${code}`;
	}
}

/** The body parameter of a formatted variable; `named` adds parameter_name (named templates). */
export function formattedParameter(
	format: VariableFormat,
	value: unknown,
	parameterName?: string,
): Record<string, unknown> {
	const named = parameterName ? { parameter_name: parameterName } : {};
	if (format.format === 'currency') {
		const amount = Number(value);
		return {
			type: 'currency',
			...named,
			currency: {
				fallback_value: format.fallbackText || currencyFallback(amount, format.currencyCode),
				code: format.currencyCode,
				amount_1000: Math.round(amount * 1000),
			},
		};
	}
	return { type: 'date_time', ...named, date_time: { fallback_value: String(value) } };
}
