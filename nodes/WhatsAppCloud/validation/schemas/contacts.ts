import { z } from 'zod';

import { LIMITS, recipientId, recipientNumber } from '../limits';
import { httpUrl, optionalFreeText, replyToSchema } from './fields';

const entryType = z.preprocess(
	(value) => (value === '' || value === null ? undefined : typeof value === 'string' ? value.toUpperCase() : value),
	z.enum(['HOME', 'WORK']).optional(),
);

/** Drops blank strings so optional fields are really optional. */
const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const phoneSchema = z.object({
	phone: z
		.string()
		.trim()
		.min(1)
		.regex(/^\+?[\d\s().\-/]+$/, 'may only contain digits, spaces, brackets, dashes and a leading +'),
	type: entryType,
	/** The WhatsApp ID is the number as the Cloud API takes it: read by the one parser, sent as digits. */
	waId: z.preprocess(blankToUndefined, recipientNumber.optional()),
});

const emailSchema = z.object({
	email: z.string().trim().email('is not an e-mail address'),
	type: entryType,
});

const urlSchema = z.object({ url: httpUrl, type: entryType });

const addressSchema = z
	.object({
		street: optionalFreeText,
		city: optionalFreeText,
		state: optionalFreeText,
		zip: optionalFreeText,
		country: optionalFreeText,
		countryCode: z.preprocess(
			blankToUndefined,
			z
				.string()
				.trim()
				.regex(/^[A-Za-z]{2}$/, 'is a two-letter ISO country code, e.g. US')
				.transform((code) => code.toLowerCase())
				.optional(),
		),
		type: entryType,
	})
	.refine((address) => Object.entries(address).some(([key, value]) => key !== 'type' && value !== undefined), {
		message: 'is empty; fill in at least one field or remove it',
	});

const list = <T extends z.ZodTypeAny>(schema: T) =>
	z.preprocess((value) => (value === undefined || value === null ? [] : value), z.array(schema));

const cardSchema = z
	.object({
		formattedName: z.string().trim().min(1),
		firstName: optionalFreeText,
		lastName: optionalFreeText,
		middleName: optionalFreeText,
		prefix: optionalFreeText,
		suffix: optionalFreeText,
		company: optionalFreeText,
		department: optionalFreeText,
		title: optionalFreeText,
		birthday: z.preprocess(
			(value) => {
				const text = blankToUndefined(value);
				// A date picked in n8n arrives as an ISO timestamp; only the date counts.
				return typeof text === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(text) ? text.slice(0, 10) : text;
			},
			z
				.string()
				.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be a date written YYYY-MM-DD, e.g. 1990-04-23')
				.optional(),
		),
		phones: list(phoneSchema),
		emails: list(emailSchema),
		urls: list(urlSchema),
		addresses: list(addressSchema),
	})
	.superRefine((card, ctx) => {
		if (!card.firstName && !card.lastName && !card.middleName && !card.prefix && !card.suffix) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['firstName'],
				message: 'WhatsApp needs a first or last name besides the formatted name; add one',
			});
		}
	});

export const sendContactsInput = z.object({
	to: recipientId,
	replyTo: replyToSchema,
	contacts: z.array(cardSchema).min(1).max(LIMITS.contactCards),
});

type SendContactsInput = z.output<typeof sendContactsInput>;
export type ContactCardInput = SendContactsInput['contacts'][number];
