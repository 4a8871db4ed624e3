import { z } from 'zod';

import { LIMITS, limitedText, messageIdSchema } from '../limits';

/** An optional text field: empty or blank means "not set". */
export const optionalText = (max: number) =>
	z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), limitedText(max).optional());

/** Optional free text without a Meta limit (location name, contact fields …). */
export const optionalFreeText = z.preprocess(
	(value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
	z.string().trim().optional(),
);

/** "Reply To Message ID": empty means a normal message. */
export const replyToSchema = z.preprocess(
	(value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
	messageIdSchema.optional(),
);

/** An http(s) link Meta can fetch. */
export const httpUrl = z
	.string()
	.trim()
	.min(1)
	.refine((value) => {
		try {
			const url = new URL(value);
			return (url.protocol === 'http:' || url.protocol === 'https:') && !!url.hostname;
		} catch {
			return false;
		}
	}, 'must be a public http:// or https:// address, e.g. https://example.com/photo.jpg');

/** A media ID as returned by Upload or by the trigger. */
export const mediaIdSchema = z
	.string()
	.trim()
	.min(1)
	.regex(/^[\w.-]+$/, 'a media ID has only letters, digits, dots, dashes and underscores (e.g. 1037543291543636)');

/** A media object by link or by ID (headers of interactive messages, send media by link/id). */
export const mediaReference = z.discriminatedUnion('source', [
	z.object({ source: z.literal('link'), link: httpUrl }),
	z.object({ source: z.literal('id'), id: mediaIdSchema }),
]);

/** Header of interactive messages. */
export const headerTextSchema = limitedText(LIMITS.headerText);
export const footerSchema = optionalText(LIMITS.footerText);
export const interactiveBodySchema = limitedText(LIMITS.interactiveBody);

/**
 * Adds an issue for every entry whose `key` repeats an earlier entry's value, at that entry's
 * path, naming the entry that used it first.
 */
export function requireUnique<T>(
	ctx: z.RefinementCtx,
	entries: T[],
	valueOf: (entry: T) => string | undefined,
	pathOf: (index: number) => Array<string | number>,
	nameOf: (index: number) => string,
): void {
	const seen = new Map<string, number>();
	entries.forEach((entry, index) => {
		const value = valueOf(entry);
		if (value === undefined || value === '') return;
		const first = seen.get(value);
		if (first === undefined) {
			seen.set(value, index);
			return;
		}
		ctx.addIssue({
			code: z.ZodIssueCode.custom,
			path: pathOf(index),
			message: `"${value}" is already used by ${nameOf(first)}; every one must be different`,
		});
	});
}
