/**
 * Phone numbers as users type them, turned into what the Cloud API wants: the international
 * number as digits only (country code first, no "+", no "00", no formatting).
 */

import { countryFor, splitCallingCode, type CountryInfo } from './countries';

export type PhoneNumberCheck =
	| { valid: true; digits: string; e164: string }
	| { valid: false; reason: string };

/** E.164 allows at most 15 digits; no country code plus subscriber number is shorter than 7. */
export const PHONE_MIN_DIGITS = 7;
export const PHONE_MAX_DIGITS = 15;

const FORMATTING = /[\s().\-/\u00a0]/g;

export function checkPhoneNumber(input: unknown): PhoneNumberCheck {
	if (typeof input === 'number' && Number.isFinite(input)) input = String(input);
	if (typeof input !== 'string' || input.trim() === '') {
		return { valid: false, reason: 'it is empty' };
	}
	const raw = input.trim();
	let rest = raw.replace(FORMATTING, '');
	if (rest.startsWith('+')) {
		rest = rest.slice(1);
	} else if (rest.startsWith('00')) {
		rest = rest.slice(2);
	} else if (rest.startsWith('0')) {
		return {
			valid: false,
			reason:
				'it starts with a single 0, so it looks like a national number: write it with the country code, e.g. +44 7911 123456',
		};
	}
	if (!/^\d+$/.test(rest)) {
		return {
			valid: false,
			reason: 'it may only contain digits, spaces, brackets, dashes and a leading + or 00',
		};
	}
	if (rest.startsWith('0')) {
		return { valid: false, reason: 'country codes never start with 0' };
	}
	if (rest.length < PHONE_MIN_DIGITS || rest.length > PHONE_MAX_DIGITS) {
		return {
			valid: false,
			reason: `it has ${rest.length} digits; international numbers have ${PHONE_MIN_DIGITS} to ${PHONE_MAX_DIGITS} digits including the country code`,
		};
	}
	return { valid: true, digits: rest, e164: `+${rest}` };
}

/** What can be said about a phone number without asking anyone: its E.164 form and country. */
export interface PhoneNumberAnalysis {
	input: string;
	/** Whether it can be a phone number at all (length and calling code); not whether it exists. */
	possible: boolean;
	/** "+447911123456", or null when the number is not possible */
	e164: string | null;
	/** the same without "+", as the Cloud API's `to` takes it */
	digits: string | null;
	/** ISO 3166-1 alpha-2 code of the country, when the calling code is known */
	country: string | null;
	countryName: string | null;
	callingCode: string | null;
	/** the digits after the calling code */
	nationalNumber: string | null;
	/** how the input was read: with its own country code, or as a national number of the default country */
	format: 'international' | 'national' | null;
	/** why the number is not possible */
	reason: string | null;
}

export interface AnalyzeOptions {
	/** Country for numbers written without country code: ISO code ("GB") or calling code ("+44"). */
	defaultCountry?: string;
}

function notPossible(input: string, reason: string, partial: Partial<PhoneNumberAnalysis> = {}): PhoneNumberAnalysis {
	return {
		input,
		possible: false,
		e164: null,
		digits: null,
		country: null,
		countryName: null,
		callingCode: null,
		nationalNumber: null,
		format: null,
		...partial,
		reason,
	};
}

/**
 * Normalises a phone number as a person typed it to E.164 and says whether it is a possible
 * number: +, 00 (and 011 from NANP countries) start international numbers; with a default
 * country, national numbers (trunk prefix 0, 1 or 8 removed) get its calling code. "Possible"
 * means the calling code exists and the length fits; it never means the number is in use.
 */
export function analyzePhoneNumber(value: unknown, options: AnalyzeOptions = {}): PhoneNumberAnalysis {
	const input = typeof value === 'number' && Number.isFinite(value) ? String(value) : typeof value === 'string' ? value : '';
	if (input.trim() === '') return notPossible(input, 'it is empty');
	let rest = input.trim().replace(/^tel:/i, '').replace(FORMATTING, '');

	let defaultCountry: CountryInfo | undefined;
	if (options.defaultCountry && options.defaultCountry.trim()) {
		defaultCountry = countryFor(options.defaultCountry);
		if (!defaultCountry) {
			return notPossible(
				input,
				`the default country "${options.defaultCountry}" is not known: use a two-letter ISO code like GB or a calling code like +44`,
			);
		}
	}

	let format: 'international' | 'national';
	if (rest.startsWith('+')) {
		rest = rest.slice(1);
		format = 'international';
	} else if (rest.startsWith('00')) {
		rest = rest.slice(2);
		format = 'international';
	} else if (defaultCountry?.callingCode === '1' && rest.startsWith('011')) {
		rest = rest.slice(3);
		format = 'international';
	} else if (defaultCountry) {
		const trunk = defaultCountry.trunkPrefix;
		const max = defaultCountry.maxLength ?? PHONE_MAX_DIGITS - defaultCountry.callingCode.length;
		const startsWithTrunk = trunk !== '' && rest.startsWith(trunk) && (trunk === '0' || rest.length === max + trunk.length);
		if (startsWithTrunk || rest.startsWith('0') || rest.length <= max) {
			format = 'national';
			const national = startsWithTrunk ? rest.slice(trunk.length) : rest;
			rest = defaultCountry.callingCode + national;
		} else {
			format = 'international';
		}
	} else if (rest.startsWith('0')) {
		return notPossible(
			input,
			'it starts with a single 0, so it is a national number without country code: write it as +<country code> <number>, or set a Default Country',
		);
	} else {
		format = 'international';
	}

	if (!/^\d+$/.test(rest)) {
		return notPossible(input, 'it may only contain digits, spaces, brackets, dots, dashes and a leading + or 00', { format });
	}
	if (rest.startsWith('0')) return notPossible(input, 'country calling codes never start with 0', { format });
	if (rest.length < PHONE_MIN_DIGITS || rest.length > PHONE_MAX_DIGITS) {
		return notPossible(
			input,
			`it has ${rest.length} digits with the country code; phone numbers have ${PHONE_MIN_DIGITS} to ${PHONE_MAX_DIGITS}`,
			{ format },
		);
	}
	const split = splitCallingCode(rest);
	if (!split) {
		return notPossible(input, `no country uses the calling code at the start of +${rest}`, { format });
	}
	const { country, nationalNumber } = split;
	const known = {
		country: country.iso,
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
			return notPossible(
				input,
				`${country.name} (+${country.callingCode}) numbers have ${expected} digits after the country code; this one has ${length}`,
				known,
			);
		}
	}
	return { input, possible: true, e164: `+${rest}`, digits: rest, ...known, reason: null };
}
