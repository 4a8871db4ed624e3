/**
 * The one phone-number parser of the package. Sending (`recipientId`, validation/recipient.ts), Contact → Check,
 * template phone buttons and contact cards all read numbers through `parsePhoneNumber`, so a
 * number the node sends is exactly a number Check calls possible, with the same digits.
 *
 * The rule is Meta's: the Cloud API's `to` (and a WhatsApp ID) is the international number as
 * digits, country code first. A number is usable when, after taking away formatting, a `tel:`
 * or WhatsApp link around it and a leading + or 00, it has 7 to 15 digits (ITU-T E.164),
 * starts with a calling code in use, and has a length that country issues (when known).
 * National numbers (single leading 0) need a default country; sends never guess one.
 */

import { z } from 'zod';

import { countryFor, splitCallingCode, type CountryInfo } from './countries';

/** E.164 allows at most 15 digits; no country code plus subscriber number is shorter than 7. */
const PHONE_MIN_DIGITS = 7;
const PHONE_MAX_DIGITS = 15;

interface PhoneNumberOptions {
	/** Country for numbers written without country code: ISO code ("GB") or calling code ("+44"). */
	defaultCountry?: string;
	/** The label of the field that sets `defaultCountry`, named in the hint for national numbers. */
	defaultCountryField?: string;
}

interface PhoneNumberParts {
	/** the value as given (numbers as text) */
	input: string;
	/** ISO 3166-1 alpha-2 code, when the calling code belongs to one country (null for +882 networks) */
	country: string | null;
	countryName: string | null;
	/** calling code, digits only */
	callingCode: string | null;
	/** the digits after the calling code */
	nationalNumber: string | null;
	/** how the input was read: with its own country code, or as a national number of the default country */
	format: 'international' | 'national' | null;
}

/** What can be said about a phone number without asking anyone. `possible` never means "in use". */
export type PhoneNumber =
	| (PhoneNumberParts & {
			possible: true;
			/** what the Cloud API's `to` gets: "447911123456" */
			digits: string;
			/** "+447911123456" */
			e164: string;
			reason: null;
	  })
	| (PhoneNumberParts & { possible: false; digits: null; e164: null; /** why, in user words */ reason: string });

/** Spaces (also no-break), brackets, dots, slashes and every kind of dash people paste. */
const FORMATTING = /[\s().\-/\u00a0\u2010-\u2015\u2212]/g;
/** Invisible characters that come along when a number is copied from a web page or a chat. */
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;
const WA_ME = /^(?:https?:\/\/)?(?:www\.)?wa\.me\/([^?#]*)/i;
const WA_SEND = /^(?:(?:https?:\/\/)?(?:api|web)\.whatsapp\.com\/send\/?|whatsapp:\/\/send\/?)\?([^#]*)/i;

function impossible(input: string, reason: string, parts: Partial<PhoneNumberParts> = {}): PhoneNumber {
	return {
		input,
		possible: false,
		digits: null,
		e164: null,
		country: null,
		countryName: null,
		callingCode: null,
		nationalNumber: null,
		format: null,
		...parts,
		reason,
	};
}

function decode(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

/** The number inside a wa.me or api.whatsapp.com/send link; a string starting with "!" is a reason. */
function fromWhatsAppLink(text: string): string | undefined {
	const waMe = WA_ME.exec(text);
	if (waMe) {
		const path = decode(waMe[1]).replace(/\/+$/, '');
		if (/^(message|qr)\//i.test(path) || path === '') {
			return '!it is a WhatsApp link without a phone number in it (wa.me/message/… and QR links hide it): use the number itself';
		}
		return path;
	}
	const send = WA_SEND.exec(text);
	if (send) {
		const phone = new URLSearchParams(send[1]).get('phone');
		return phone ? phone : '!it is a WhatsApp link without a phone number in it (no phone=…): use the number itself';
	}
	return undefined;
}

/** How a number without + or 00 is read when a default country is set. */
function readWithDefault(rest: string, country: CountryInfo): { digits: string; format: 'international' | 'national' } {
	if (country.callingCode === '1' && rest.startsWith('011')) return { digits: rest.slice(3), format: 'international' };
	const trunk = country.trunkPrefix;
	const max = country.maxLength ?? PHONE_MAX_DIGITS - country.callingCode.length;
	const startsWithTrunk = trunk !== '' && rest.startsWith(trunk) && (trunk === '0' || rest.length === max + trunk.length);
	if (startsWithTrunk || rest.startsWith('0') || rest.length <= max) {
		const national = startsWithTrunk ? rest.slice(trunk.length) : rest;
		return { digits: country.callingCode + national, format: 'national' };
	}
	return { digits: rest, format: 'international' };
}

/**
 * Reads a phone number the way people write it and says whether WhatsApp can use it.
 * International input: +, 00 (011 too with a NANP default country), `tel:` URIs, wa.me and
 * api.whatsapp.com/send links (always international), digits that start with the country code.
 * With `defaultCountry`, national numbers (trunk prefix 0, 1 or 8 removed) get its calling code.
 */
export function parsePhoneNumber(value: unknown, options: PhoneNumberOptions = {}): PhoneNumber {
	const input = typeof value === 'number' && Number.isFinite(value) ? String(value) : typeof value === 'string' ? value : '';
	let text = input.normalize('NFKC').replace(INVISIBLE, '').trim();
	if (text === '') return impossible(input, 'it is empty');

	let defaultCountry: CountryInfo | undefined;
	if (options.defaultCountry?.trim()) {
		defaultCountry = countryFor(options.defaultCountry);
		if (!defaultCountry) {
			return impossible(
				input,
				`the default country "${options.defaultCountry}" is not known: use a two-letter ISO code like GB or a calling code like +44`,
			);
		}
	}

	// A WhatsApp link always carries the full international number: no default country applies.
	const linked = fromWhatsAppLink(text);
	if (linked?.startsWith('!')) return impossible(input, linked.slice(1));
	if (linked !== undefined) {
		text = linked;
		defaultCountry = undefined;
	} else {
		text = text.replace(/^tel:(\/\/)?/i, '').trim();
	}
	// "+44 (0)7911 123456": the (0) is dialled only inside the country.
	if (/^(\+|00)/.test(text)) text = text.replace(/\(0\)/, '');
	let rest = text.replace(FORMATTING, '');

	let format: 'international' | 'national';
	if (rest.startsWith('+')) {
		rest = rest.slice(1);
		format = 'international';
	} else if (rest.startsWith('00') && linked === undefined) {
		rest = rest.slice(2);
		format = 'international';
	} else if (defaultCountry) {
		if (/^\d+$/.test(rest)) ({ digits: rest, format } = readWithDefault(rest, defaultCountry));
		else format = 'national';
	} else if (rest.startsWith('0') && linked === undefined) {
		const where = options.defaultCountryField ? `, or set "${options.defaultCountryField}"` : '';
		return impossible(
			input,
			`it starts with a single 0, so it looks like a national number: write it with the country code, e.g. +44 7911 123456${where}`,
		);
	} else {
		format = 'international';
	}

	if (!/^\d+$/.test(rest)) {
		return impossible(input, 'it may only contain digits, spaces, brackets, dots, dashes and a leading + or 00', { format });
	}
	if (rest.startsWith('0')) return impossible(input, 'country calling codes never start with 0', { format });
	if (rest.length < PHONE_MIN_DIGITS || rest.length > PHONE_MAX_DIGITS) {
		return impossible(
			input,
			`it has ${rest.length} digits with the country code; phone numbers have ${PHONE_MIN_DIGITS} to ${PHONE_MAX_DIGITS}`,
			{ format },
		);
	}
	const split = splitCallingCode(rest);
	if (!split) {
		return impossible(input, `no country uses the calling code +${rest.slice(0, 3)}: check the country code`, { format });
	}
	const { country, nationalNumber } = split;
	const parts = {
		country: country.iso || null,
		countryName: country.name,
		callingCode: country.callingCode,
		nationalNumber,
		format,
	};
	if (country.minLength !== undefined && country.maxLength !== undefined) {
		const length = nationalNumber.length;
		if (length < country.minLength || length > country.maxLength) {
			const expected =
				country.minLength === country.maxLength ? `${country.minLength}` : `${country.minLength} to ${country.maxLength}`;
			return impossible(
				input,
				`${country.name} (+${country.callingCode}) numbers have ${expected} digits after the country code; this one has ${length}`,
				parts,
			);
		}
	}
	return { input, possible: true, digits: rest, e164: `+${rest}`, ...parts, reason: null };
}

/**
 * A phone number (zod) where only a phone number fits (a contact card's WhatsApp ID, analytics):
 * strict, no default country, so a national number is refused with the fix. Outputs the digits.
 * Recipient fields, which also take user IDs, use `recipientId` (validation/recipient.ts).
 */
export const recipientNumber = z.preprocess(
	(value) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : value),
	z.string().transform((value, ctx) => {
		const parsed = parsePhoneNumber(value);
		if (!parsed.possible) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, message: `"${value}" is not a phone number WhatsApp can use: ${parsed.reason}` });
			return z.NEVER;
		}
		return parsed.digits;
	}),
);
