/**
 * Phone numbers as users type them, turned into what the Cloud API wants: the international
 * number as digits only (country code first, no "+", no "00", no formatting).
 */

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
