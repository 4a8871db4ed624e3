/**
 * Input schemas of the account operations (phone numbers, WABA subscriptions, contact check,
 * templates, business profile). Limits come from LIMITS; each schema turns what the user typed
 * into what the request needs, or fails with a message validateInput prefixes with the label.
 */
import { z } from 'zod';

import { LIMITS, limitedText } from '../limits';
import { checkPhoneNumber } from '../phone';

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
 * contract names for phone numbers, plus platform_type and throughput from Meta's reference.
 */
export const PHONE_NUMBER_FIELDS = [
	'id',
	'display_phone_number',
	'verified_name',
	'quality_rating',
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
export const pinSchema = z
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
export const verificationCodeSchema = z
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
		overrideCallbackUrl: z.union([z.literal(''), httpUrl.refine((v) => /^https:\/\//i.test(v), 'must use https:// (Meta only calls HTTPS callback URLs)')]),
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

// ----------------------------------------------------------------------------- templates

export const TEMPLATE_CATEGORIES = ['MARKETING', 'UTILITY', 'AUTHENTICATION'] as const;
export const TEMPLATE_STATUSES = [
	'APPROVED',
	'PENDING',
	'REJECTED',
	'PAUSED',
	'DISABLED',
	'IN_APPEAL',
	'PENDING_DELETION',
	'DELETED',
	'LIMIT_EXCEEDED',
	'ARCHIVED',
] as const;

export const templateNameSchema = z
	.string()
	.trim()
	.min(1)
	.max(LIMITS.templateName)
	.regex(/^[a-z0-9_]+$/, 'may only contain lowercase letters a-z, digits and underscores, e.g. order_update_2');

/** "en", "en_US", "pt_BR", "zh_CN", "fil" … */
export const templateLanguageSchema = z
	.string()
	.trim()
	.min(1)
	.regex(/^[a-z]{2,3}(_[A-Za-z]{2,4})?$/, 'must be a template language code like en, en_US, pt_BR or es_MX');

export interface TemplateButton {
	type: string;
	text?: string;
	url?: string;
	phone_number?: string;
	example?: string[] | string;
	[key: string]: unknown;
}

export interface TemplateComponent {
	type: string;
	format?: string;
	text?: string;
	example?: {
		header_text?: string[];
		header_handle?: string[];
		body_text?: string[][];
		header_text_named_params?: Array<{ param_name?: string; example?: string }>;
		body_text_named_params?: Array<{ param_name?: string; example?: string }>;
		[key: string]: unknown;
	};
	buttons?: TemplateButton[];
	[key: string]: unknown;
}

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;
const NAMED_PARAM = /^[a-z_][a-z0-9_]*$/;

/** The variables `{{…}}` of a template text, in order of appearance, trimmed. */
export function templateVariables(text: string): string[] {
	return [...text.matchAll(PLACEHOLDER)].map((match) => match[1].trim());
}

function componentName(component: TemplateComponent): string {
	const type = String(component.type ?? '').toUpperCase();
	return type ? type.charAt(0) + type.slice(1).toLowerCase() : 'Component';
}

/**
 * Checks a template's variables before it is sent to Meta: every `{{…}}` is either a number or
 * a lowercase name; numbers run {{1}}…{{n}} without gaps in each text; positional and named
 * variables are not mixed; named variables need parameter_format NAMED; every variable has an
 * example of the right shape; a header has at most one variable; a body does not start or end
 * with one; a URL button has at most one, at the end of the URL. Returns readable problems.
 */
export function checkTemplateVariables(
	components: TemplateComponent[],
	parameterFormat: 'POSITIONAL' | 'NAMED' | undefined,
): string[] {
	const problems: string[] = [];
	let usesNamed = false;
	let usesPositional = false;

	const inspect = (where: string, text: string): { positional: number[]; named: string[] } => {
		const positional: number[] = [];
		const named: string[] = [];
		for (const variable of templateVariables(text)) {
			if (/^\d+$/.test(variable)) {
				positional.push(Number(variable));
			} else if (NAMED_PARAM.test(variable)) {
				named.push(variable);
			} else {
				problems.push(
					`${where}: {{${variable}}} is not a valid variable; use numbers {{1}}, {{2}} … or lowercase names with underscores like {{first_name}}`,
				);
			}
		}
		if (positional.length) {
			usesPositional = true;
			const distinct = [...new Set(positional)].sort((a, b) => a - b);
			const expected = distinct.map((_, index) => index + 1);
			if (distinct.join(',') !== expected.join(',')) {
				problems.push(
					`${where}: variables must be numbered {{1}} to {{${distinct.length}}} without gaps; found ${distinct.map((n) => `{{${n}}}`).join(', ')}`,
				);
			}
		}
		if (named.length) usesNamed = true;
		return { positional: [...new Set(positional)], named: [...new Set(named)] };
	};

	const namedExamples = (
		where: string,
		names: string[],
		params: Array<{ param_name?: string; example?: string }> | undefined,
	) => {
		for (const name of names) {
			const param = params?.find((p) => p?.param_name === name);
			if (!param || typeof param.example !== 'string' || param.example.trim() === '') {
				problems.push(`${where}: the variable {{${name}}} needs an example value (Meta reviews templates with their examples)`);
			}
		}
	};

	for (const component of components) {
		const type = String(component.type ?? '').toUpperCase();
		const where = componentName(component);
		if (type === 'HEADER' && typeof component.text === 'string') {
			const { positional, named } = inspect('Header', component.text);
			const count = positional.length + named.length;
			if (count > LIMITS.templateHeaderVariables) {
				problems.push(`Header: has ${count} variables; a header may have at most ${LIMITS.templateHeaderVariables}`);
			}
			if (positional.length) {
				const examples = component.example?.header_text;
				if (!Array.isArray(examples) || examples.length !== positional.length || examples.some((e) => !String(e ?? '').trim())) {
					problems.push('Header: the variable {{1}} needs an example value');
				}
			}
			if (named.length) namedExamples('Header', named, component.example?.header_text_named_params);
		}
		if (type === 'BODY' && typeof component.text === 'string') {
			const text = component.text.trim();
			const { positional, named } = inspect('Body', text);
			if (positional.length || named.length) {
				if (/^\{\{[^{}]*\}\}/.test(text)) problems.push('Body: must not start with a variable; put some text before it');
				if (/\{\{[^{}]*\}\}$/.test(text)) problems.push('Body: must not end with a variable; put some text after it');
			}
			if (positional.length) {
				const examples = component.example?.body_text?.[0];
				if (!Array.isArray(examples) || examples.length !== positional.length) {
					const given = Array.isArray(examples) ? examples.length : 0;
					problems.push(
						`Body: has ${positional.length} variable${positional.length > 1 ? 's' : ''} ({{1}}…{{${positional.length}}}) but ${given} example value${given === 1 ? '' : 's'}; give one example per variable, in order`,
					);
				} else {
					examples.forEach((example, index) => {
						if (!String(example ?? '').trim()) problems.push(`Body: the variable {{${index + 1}}} needs an example value`);
					});
				}
			}
			if (named.length) namedExamples('Body', named, component.example?.body_text_named_params);
		}
		if (type === 'BUTTONS' && Array.isArray(component.buttons)) {
			component.buttons.forEach((button, index) => {
				if (String(button?.type ?? '').toUpperCase() !== 'URL' || typeof button.url !== 'string') return;
				const label = `Button ${index + 1} URL`;
				const variables = templateVariables(button.url);
				if (variables.length === 0) return;
				if (variables.length > 1 || variables[0] !== '1' || !/\{\{\s*1\s*\}\}$/.test(button.url.trim())) {
					problems.push(`${label}: may have one variable, {{1}}, at the very end of the URL`);
					return;
				}
				const example = Array.isArray(button.example) ? button.example[0] : button.example;
				if (typeof example !== 'string' || !example.trim()) {
					problems.push(`${label}: the variable {{1}} needs an example value (the part of the URL it stands for)`);
				}
			});
		}
		if (!['HEADER', 'BODY', 'FOOTER', 'BUTTONS'].includes(type)) {
			problems.push(`${where}: unknown component type "${component.type}"; use HEADER, BODY, FOOTER or BUTTONS`);
		}
	}

	if (usesNamed && usesPositional) {
		problems.push('Variables: use either numbered variables ({{1}}) or named ones ({{first_name}}) in one template, not both');
	} else if (usesNamed && parameterFormat !== 'NAMED') {
		problems.push('Variables: the template uses named variables, so its parameter_format must be "NAMED"');
	} else if (usesPositional && parameterFormat === 'NAMED') {
		problems.push('Variables: parameter_format is "NAMED" but the template uses numbered variables ({{1}})');
	}
	return problems;
}

/** Structure and lengths of template components (limits from LIMITS). */
export function checkTemplateStructure(components: TemplateComponent[], category: string): string[] {
	const problems: string[] = [];
	const counts = new Map<string, number>();
	for (const component of components) {
		const type = String(component?.type ?? '').toUpperCase();
		counts.set(type, (counts.get(type) ?? 0) + 1);
		const text = typeof component?.text === 'string' ? component.text : undefined;
		if (type === 'HEADER') {
			const format = String(component.format ?? 'TEXT').toUpperCase();
			if (format === 'TEXT') {
				if (!text?.trim()) problems.push('Header: a text header needs text');
				else if (text.length > LIMITS.templateHeaderText) {
					problems.push(`Header: is too long: ${text.length} characters; WhatsApp allows at most ${LIMITS.templateHeaderText}`);
				}
			} else if (['IMAGE', 'VIDEO', 'DOCUMENT'].includes(format)) {
				const handle = component.example?.header_handle;
				if (!Array.isArray(handle) || !handle.some((h) => typeof h === 'string' && h.trim())) {
					problems.push(
						`Header: a ${format.toLowerCase()} header needs a sample file handle (example.header_handle), uploaded with the Resumable Upload API`,
					);
				}
			} else if (format !== 'LOCATION') {
				problems.push(`Header: unknown format "${component.format}"; use TEXT, IMAGE, VIDEO, DOCUMENT or LOCATION`);
			}
		}
		if (type === 'BODY') {
			if (category !== 'AUTHENTICATION' && !text?.trim()) problems.push('Body: needs text');
			if (text && text.length > LIMITS.templateBodyText) {
				problems.push(`Body: is too long: ${text.length} characters; WhatsApp allows at most ${LIMITS.templateBodyText}`);
			}
		}
		if (type === 'FOOTER' && text !== undefined && text.length > LIMITS.templateFooterText) {
			problems.push(`Footer: is too long: ${text.length} characters; WhatsApp allows at most ${LIMITS.templateFooterText}`);
		}
		if (type === 'BUTTONS') {
			const buttons = Array.isArray(component.buttons) ? component.buttons : [];
			if (buttons.length === 0) problems.push('Buttons: needs at least one button');
			if (buttons.length > LIMITS.templateButtons) {
				problems.push(`Buttons: has too many entries: ${buttons.length}; WhatsApp allows at most ${LIMITS.templateButtons}`);
			}
			buttons.forEach((button, index) => {
				const buttonText = typeof button?.text === 'string' ? button.text : undefined;
				if (buttonText !== undefined && buttonText.length > LIMITS.templateButtonText) {
					problems.push(
						`Button ${index + 1} text: is too long: ${buttonText.length} characters; WhatsApp allows at most ${LIMITS.templateButtonText}`,
					);
				}
				if (String(button?.type ?? '').toUpperCase() === 'PHONE_NUMBER') {
					const check = checkPhoneNumber(button.phone_number);
					if (!check.valid) problems.push(`Button ${index + 1} phone number: "${button.phone_number ?? ''}" is not usable: ${check.reason}`);
				}
				if (String(button?.type ?? '').toUpperCase() === 'URL') {
					const url = typeof button.url === 'string' ? button.url : '';
					if (!/^https?:\/\/\S+$/i.test(url)) problems.push(`Button ${index + 1} URL: must be a full URL starting with https://`);
					else if (url.length > LIMITS.templateButtonUrl) {
						problems.push(`Button ${index + 1} URL: is too long: ${url.length} characters; WhatsApp allows at most ${LIMITS.templateButtonUrl}`);
					}
				}
			});
		}
	}
	for (const [type, count] of counts) {
		if (count > 1) problems.push(`${type.charAt(0) + type.slice(1).toLowerCase()}: appears ${count} times; a template has at most one`);
	}
	if (!counts.has('BODY')) problems.push('Body: every template needs a BODY component');
	return problems;
}

export const templateCreateInput = z
	.object({
		name: templateNameSchema,
		language: templateLanguageSchema,
		category: z.enum(TEMPLATE_CATEGORIES),
		parameterFormat: z.enum(['POSITIONAL', 'NAMED']).optional(),
		components: z.array(z.record(z.unknown())).min(1),
	})
	.superRefine((input, ctx) => {
		const components = input.components as TemplateComponent[];
		for (const message of [
			...checkTemplateStructure(components, input.category),
			...checkTemplateVariables(components, input.parameterFormat),
		]) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['components'], message });
		}
	});

export const templateListInput = z.object({
	returnAll: z.boolean(),
	limit: z.number().int().min(1),
	status: z.enum(['', ...TEMPLATE_STATUSES] as [string, ...string[]]),
	category: z.enum(['', ...TEMPLATE_CATEGORIES] as [string, ...string[]]),
	language: z.union([z.literal(''), templateLanguageSchema]),
	name: z.union([z.literal(''), z.string().trim().max(LIMITS.templateName)]),
});

export const templateDeleteInput = z.object({
	name: templateNameSchema,
	templateId: z.union([z.literal(''), graphIdSchema]),
});

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
		email: z.string().trim().max(LIMITS.profileEmail).email('must be an email address like contact@example.com').optional(),
		websites: z
			.array(httpUrl.pipe(z.string().max(LIMITS.profileWebsiteLength)))
			.max(LIMITS.profileWebsites)
			.optional(),
		vertical: z.enum(BUSINESS_VERTICALS.map(([value]) => value) as [string, ...string[]]).optional(),
		profilePictureHandle: z.string().trim().min(1).regex(/^\S+$/, 'must be the upload handle (no spaces), e.g. 4:aW1hZ2U…').optional(),
	})
	.superRefine((input, ctx) => {
		const changed = Object.entries(input).filter(([key, value]) => key !== 'phoneNumberId' && value !== undefined);
		if (changed.length === 0) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['updateFields'],
				message: 'is empty: add at least one field to change (About, Address, Description, Email, Websites, Industry or Profile Photo)',
			});
		}
	});
