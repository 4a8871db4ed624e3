/**
 * Input schemas of the account operations (phone numbers, WABA subscriptions, contact check,
 * business profile; templates have their own module, templates/). Limits come from
 * LIMITS; each schema turns what the user typed into what the request needs, or fails with a
 * message validateInput prefixes with the label.
 */
import { z } from 'zod';

import { LIMITS, limitedText } from '../limits';

// ----------------------------------------------------------------------------- shared

/** A Graph object ID (phone number, WABA, template): digits only. */
export const graphIdSchema = z
	.string()
	.trim()
	.min(1)
	.regex(/^\d+$/, 'must be an ID made of digits only (copy it from WhatsApp Manager or the App Dashboard)');

/** 1 … LIMITS.pageSize results per request, or "all". */
export const pagingSchema = z.object({
	returnAll: z.boolean(),
	limit: z.number().int().min(1),
});

const httpUrl = z
	.string()
	.trim()
	.url('must be a full URL starting with https://')
	.refine((value) => /^https?:\/\//i.test(value), 'must start with http:// or https://');

// ----------------------------------------------------------------------------- phone numbers

/**
 * What Get and Get Many can ask for (GET /{Phone-Number-ID}, /{WABA-ID}/phone_numbers): fields the
 * contract names for phone numbers, plus platform_type, throughput and
 * whatsapp_business_manager_messaging_limit (the successor of messaging_limit_tier) from Meta's reference.
 */
export const PHONE_NUMBER_FIELDS = [
	'id',
	'display_phone_number',
	'verified_name',
	'quality_rating',
	'whatsapp_business_manager_messaging_limit',
	'messaging_limit_tier',
	'throughput',
	'code_verification_status',
	'name_status',
	'status',
	'platform_type',
	'account_mode',
	'is_official_business_account',
] as const;

export const phoneNumberFieldsSchema = z
	.array(z.enum(PHONE_NUMBER_FIELDS))
	.min(1)
	.transform((fields) => [...new Set(['id', ...fields])]);

/** Data localization regions the register endpoint accepts (contract: WhatsAppDataLocalizationRegion). */
export const DATA_LOCALIZATION_REGIONS = [
	['AE', 'United Arab Emirates'],
	['AU', 'Australia'],
	['BH', 'Bahrain'],
	['BR', 'Brazil'],
	['CA', 'Canada'],
	['CH', 'Switzerland'],
	['DE', 'Germany'],
	['GB', 'United Kingdom'],
	['ID', 'Indonesia'],
	['IN', 'India'],
	['JP', 'Japan'],
	['KR', 'South Korea'],
	['SG', 'Singapore'],
	['ZA', 'South Africa'],
] as const;

/** A six-digit two-step verification PIN; spaces around it are ignored, nothing else changes. */
const pinSchema = z
	.string()
	.trim()
	.regex(new RegExp(`^\\d{${LIMITS.pinDigits}}$`), `must be exactly ${LIMITS.pinDigits} digits (0-9), e.g. 123456`);

export const registerInput = z.object({
	phoneNumberId: graphIdSchema,
	pin: pinSchema,
	dataLocalizationRegion: z
		.enum(['', ...DATA_LOCALIZATION_REGIONS.map(([code]) => code)] as [string, ...string[]])
		.transform((value) => value || undefined),
});

export const setPinInput = z.object({ phoneNumberId: graphIdSchema, pin: pinSchema });

/** The code from the SMS or call; "123-456" and "123 456" are read as 123456. */
const verificationCodeSchema = z
	.string()
	.transform((value) => value.replace(/[\s-]/g, ''))
	.pipe(
		z
			.string()
			.regex(
				new RegExp(`^\\d{${LIMITS.verificationCodeDigits}}$`),
				`must be the ${LIMITS.verificationCodeDigits}-digit code from the SMS or voice call, e.g. 123456`,
			),
	);

export const requestCodeInput = z.object({
	phoneNumberId: graphIdSchema,
	codeMethod: z.enum(['SMS', 'VOICE']),
	language: z
		.string()
		.trim()
		.regex(/^[a-z]{2}_[A-Z]{2}$/, 'must be a language and region code like en_US, es_ES or pt_BR'),
});

export const verifyCodeInput = z.object({ phoneNumberId: graphIdSchema, code: verificationCodeSchema });

// ----------------------------------------------------------------------------- business account

export const subscribeAppInput = z
	.object({
		businessAccountId: graphIdSchema,
		overrideCallbackUrl: z.union([
			z.literal(''),
			httpUrl.refine((v) => /^https:\/\//i.test(v), 'must use https:// (Meta only calls HTTPS callback URLs)'),
		]),
		verifyToken: z.string(),
	})
	.superRefine((input, ctx) => {
		if (input.overrideCallbackUrl && !input.verifyToken.trim()) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['verifyToken'],
				message:
					'is needed with an override callback URL: Meta calls the URL with it to verify it. Enter one, or fill Verify Token in the credential',
			});
		}
		if (!input.overrideCallbackUrl && input.verifyToken.trim()) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['overrideCallbackUrl'],
				message: 'is empty but a verify token was given: a verify token only goes with an override callback URL',
			});
		}
	});

// ----------------------------------------------------------------------------- contact check

/** Splits what the Phone Numbers field held (text with commas/new lines, a number, or a list). */
export function splitPhoneNumbers(value: unknown): string[] {
	const parts: string[] = [];
	const add = (entry: unknown) => {
		if (Array.isArray(entry)) {
			entry.forEach(add);
		} else if (typeof entry === 'number' && Number.isFinite(entry)) {
			parts.push(String(entry));
		} else if (typeof entry === 'string') {
			for (const piece of entry.split(/[,;\n\r]+/)) if (piece.trim()) parts.push(piece.trim());
		} else if (entry !== null && entry !== undefined && entry !== '') {
			parts.push(String(entry));
		}
	};
	add(value);
	return parts;
}

// ----------------------------------------------------------------------------- business profile

export const BUSINESS_VERTICALS = [
	['OTHER', 'Other'],
	['AUTO', 'Automotive'],
	['BEAUTY', 'Beauty, Spa and Salon'],
	['APPAREL', 'Clothing and Apparel'],
	['EDU', 'Education'],
	['ENTERTAIN', 'Entertainment'],
	['EVENT_PLAN', 'Event Planning and Service'],
	['FINANCE', 'Finance and Banking'],
	['GROCERY', 'Food and Grocery'],
	['GOVT', 'Public Service'],
	['HOTEL', 'Hotel and Lodging'],
	['HEALTH', 'Medical and Health'],
	['NONPROFIT', 'Non-Profit'],
	['PROF_SERVICES', 'Professional Services'],
	['RETAIL', 'Shopping and Retail'],
	['TRAVEL', 'Travel and Transportation'],
	['RESTAURANT', 'Restaurant'],
	['ALCOHOL', 'Alcoholic Beverages'],
	['ONLINE_GAMBLING', 'Online Gambling and Gaming'],
	['PHYSICAL_GAMBLING', 'Non-Online Gambling and Gaming'],
	['OTC_DRUGS', 'Over-the-Counter Drugs'],
] as const;

export const BUSINESS_PROFILE_FIELDS = [
	'about',
	'address',
	'description',
	'email',
	'profile_picture_url',
	'websites',
	'vertical',
] as const;

export const businessProfileUpdateInput = z
	.object({
		phoneNumberId: graphIdSchema,
		about: limitedText(LIMITS.profileAbout).optional(),
		address: z.string().trim().max(LIMITS.profileAddress).optional(),
		description: z.string().trim().max(LIMITS.profileDescription).optional(),
		email: z
			.string()
			.trim()
			.max(LIMITS.profileEmail)
			.email('must be an email address like contact@example.com')
			.optional(),
		websites: z
			.array(httpUrl.pipe(z.string().max(LIMITS.profileWebsiteLength)))
			.max(LIMITS.profileWebsites)
			.optional(),
		vertical: z.enum(BUSINESS_VERTICALS.map(([value]) => value) as [string, ...string[]]).optional(),
		profilePictureHandle: z
			.string()
			.trim()
			.min(1)
			.regex(/^\S+$/, 'must be the upload handle (no spaces), e.g. 4:aW1hZ2U…')
			.optional(),
	})
	.superRefine((input, ctx) => {
		const changed = Object.entries(input).filter(([key, value]) => key !== 'phoneNumberId' && value !== undefined);
		if (changed.length === 0) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['updateFields'],
				message:
					'is empty: add at least one field to change (About, Address, Description, Email, Websites, Industry or Profile Photo)',
			});
		}
	});
