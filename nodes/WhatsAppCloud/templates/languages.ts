import { z } from 'zod';

/**
 * The languages of message templates, Meta's full list: "Supported Languages" of the Cloud API
 * template documentation, https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/supported-languages
 * (updated May 21, 2026; 111 codes), in Meta's order. Codes are case-sensitive and use an
 * underscore. Meta's table names Costa Rica "Spanish (CRI)"; transcriptions of it read the code
 * as es_CR or es_CRI, so both are accepted.
 *
 * The list is the only rule: a code that is not on it (es_419, en-US, EN_us, xx) is refused
 * before any request, with the nearest codes Meta does have.
 */
const TEMPLATE_LANGUAGES: readonly string[] = [
	// A–F
	...['af', 'sq', 'ar', 'ar_EG', 'ar_AE', 'ar_LB', 'ar_MA', 'ar_QA', 'az', 'be_BY', 'bn', 'bn_IN', 'bg', 'ca'],
	...['zh_CN', 'zh_HK', 'zh_TW', 'hr', 'cs', 'da', 'prs_AF', 'nl', 'nl_BE'],
	...['en', 'en_GB', 'en_US', 'en_AE', 'en_AU', 'en_CA', 'en_GH', 'en_IE', 'en_IN', 'en_JM', 'en_MY', 'en_NZ'],
	...['en_QA', 'en_SG', 'en_UG', 'en_ZA', 'et', 'fil', 'fi', 'fr', 'fr_BE', 'fr_CA', 'fr_CH', 'fr_CI', 'fr_MA'],
	// G–N
	...['ka', 'de', 'de_AT', 'de_CH', 'el', 'gu', 'ha', 'he', 'hi', 'hu', 'id', 'ga', 'it', 'ja', 'kn', 'kk'],
	...['rw_RW', 'ko', 'ky_KG', 'lo', 'lv', 'lt', 'mk', 'ms', 'ml', 'mr', 'nb'],
	// P–Z
	...['ps_AF', 'fa', 'pl', 'pt_BR', 'pt_PT', 'pa', 'ro', 'ru', 'sr', 'si_LK', 'sk', 'sl'],
	...['es', 'es_AR', 'es_CL', 'es_CO', 'es_CR', 'es_CRI', 'es_DO', 'es_EC', 'es_HN', 'es_MX', 'es_PA', 'es_PE'],
	...['es_ES', 'es_UY', 'sw', 'sv', 'ta', 'te', 'th', 'tr', 'uk', 'ur', 'uz', 'vi', 'zu'],
];

const KNOWN = new Set(TEMPLATE_LANGUAGES);

function baseOf(code: string): string {
	return code.split(/[_-]/)[0].toLowerCase();
}

/** Why `code` is not a template language, and what to use instead. */
function languageProblem(code: string): string {
	const written = code.replace(/[-\s]+/g, '_').toLowerCase();
	const lookalike = TEMPLATE_LANGUAGES.find((known) => known.toLowerCase() === written);
	if (lookalike) return `"${code}" is not written as WhatsApp writes it: use "${lookalike}"`;
	const sameLanguage = TEMPLATE_LANGUAGES.filter((known) => baseOf(known) === baseOf(code));
	if (sameLanguage.length) {
		return `"${code}" is not a WhatsApp template language; for this language WhatsApp has ${sameLanguage.join(', ')}`;
	}
	return `"${code}" is not a WhatsApp template language: use a code from Meta's list, e.g. en, en_US, pt_BR, es_MX`;
}

/** A template language code: trimmed, then one of TEMPLATE_LANGUAGES exactly. */
export const templateLanguageSchema = z
	.string()
	.trim()
	.min(1)
	.superRefine((code, ctx) => {
		if (code && !KNOWN.has(code)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: languageProblem(code) });
	});
