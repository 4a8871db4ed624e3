/** Contact → Check's normalisation (helpers/phone.ts analyzePhoneNumber + helpers/countries.ts). */
import { describe, expect, it } from '@jest/globals';

import { countryFor, splitCallingCode } from '../../nodes/WhatsAppCloud/helpers/countries';
import { analyzePhoneNumber, checkPhoneNumber } from '../../nodes/WhatsAppCloud/helpers/phone';
import { splitPhoneNumbers } from '../../nodes/WhatsAppCloud/helpers/schemas/account';

describe('analyzePhoneNumber', () => {
	it('reads "+1 (555) 123-4567" as +15551234567 in the US', () => {
		expect(analyzePhoneNumber('+1 (555) 123-4567')).toEqual({
			input: '+1 (555) 123-4567',
			possible: true,
			e164: '+15551234567',
			digits: '15551234567',
			country: 'US',
			countryName: 'United States',
			callingCode: '1',
			nationalNumber: '5551234567',
			format: 'international',
			reason: null,
		});
	});

	it('reads the 00 international prefix: "0015551234567" is +15551234567', () => {
		const result = analyzePhoneNumber('0015551234567');
		expect(result).toMatchObject({ possible: true, e164: '+15551234567', country: 'US', format: 'international' });
	});

	it('refuses a national number without a default country and says what to do', () => {
		const result = analyzePhoneNumber('07911 123456');
		expect(result.possible).toBe(false);
		expect(result.e164).toBeNull();
		expect(result.reason).toMatch(/national number/);
		expect(result.reason).toMatch(/Default Country/);
	});

	it('reads "07911 123456" with default country GB as +447911123456 (trunk 0 removed)', () => {
		expect(analyzePhoneNumber('07911 123456', { defaultCountry: 'gb' })).toMatchObject({
			possible: true,
			e164: '+447911123456',
			country: 'GB',
			nationalNumber: '7911123456',
			format: 'national',
		});
		expect(analyzePhoneNumber('07911 123456', { defaultCountry: '+44' }).e164).toBe('+447911123456');
	});

	it('keeps international input international even with a default country', () => {
		expect(analyzePhoneNumber('+49 30 1234567', { defaultCountry: 'GB' })).toMatchObject({ country: 'DE', e164: '+49301234567' });
		expect(analyzePhoneNumber('447911123456', { defaultCountry: 'GB' })).toMatchObject({ e164: '+447911123456', format: 'international' });
	});

	it('uses NANP habits with a US default: 10 digits, a leading 1, and 011 for abroad', () => {
		expect(analyzePhoneNumber('(555) 123-4567', { defaultCountry: 'US' }).e164).toBe('+15551234567');
		expect(analyzePhoneNumber('1 555 123 4567', { defaultCountry: 'US' }).e164).toBe('+15551234567');
		expect(analyzePhoneNumber('011 44 7911 123456', { defaultCountry: 'US' }).e164).toBe('+447911123456');
	});

	it('keeps the leading 0 of Italian numbers', () => {
		expect(analyzePhoneNumber('06 1234 5678', { defaultCountry: 'IT' }).e164).toBe('+390612345678');
	});

	it('tells NANP countries and Kazakhstan apart from the US and Russia', () => {
		expect(analyzePhoneNumber('+1 416 555 0199')).toMatchObject({ country: 'CA', countryName: 'Canada' });
		expect(analyzePhoneNumber('+1 876 555 0199')).toMatchObject({ country: 'JM' });
		expect(analyzePhoneNumber('+7 701 123 4567')).toMatchObject({ country: 'KZ' });
		expect(analyzePhoneNumber('+7 916 123 4567')).toMatchObject({ country: 'RU' });
	});

	it('says why a number is impossible: wrong length for the country, unknown code, letters, empty', () => {
		const long = analyzePhoneNumber('+44 79111 234567');
		expect(long.possible).toBe(false);
		expect(long.country).toBe('GB');
		expect(long.e164).toBeNull();
		expect(long.reason).toBe('United Kingdom (+44) numbers have 7 to 10 digits after the country code; this one has 11');
		expect(analyzePhoneNumber('+1 555 123 45678').reason).toMatch(/United States \(\+1\) numbers have 10 digits after the country code; this one has 11/);
		expect(analyzePhoneNumber('+999 1234 5678').reason).toMatch(/no country uses the calling code/);
		expect(analyzePhoneNumber('+44 79II 123456').reason).toMatch(/may only contain digits/);
		expect(analyzePhoneNumber('   ').reason).toBe('it is empty');
		expect(analyzePhoneNumber('+1234567890123456').reason).toMatch(/16 digits/);
	});

	it('rejects an unknown default country instead of guessing', () => {
		expect(analyzePhoneNumber('07911 123456', { defaultCountry: 'XX' }).reason).toMatch(/default country "XX" is not known/);
	});

	it('accepts numbers given as numbers', () => {
		expect(analyzePhoneNumber(15551234567).e164).toBe('+15551234567');
	});

	it('leaves checkPhoneNumber as it was', () => {
		expect(checkPhoneNumber('+1 (555) 123-4567')).toEqual({ valid: true, digits: '15551234567', e164: '+15551234567' });
		expect(checkPhoneNumber('0015551234567')).toEqual({ valid: true, digits: '15551234567', e164: '+15551234567' });
		expect(checkPhoneNumber('07911 123456').valid).toBe(false);
	});
});

describe('countries table', () => {
	it('finds countries by ISO code and calling code', () => {
		expect(countryFor('de')).toMatchObject({ callingCode: '49', name: 'Germany' });
		expect(countryFor('+351')).toMatchObject({ iso: 'PT' });
		expect(countryFor('CA')).toMatchObject({ callingCode: '1', name: 'Canada' });
		expect(countryFor('ZZ')).toBeUndefined();
	});

	it('splits by the longest matching calling code, prefix-free', () => {
		expect(splitCallingCode('35312345678')).toMatchObject({ country: { iso: 'IE' }, nationalNumber: '12345678' });
		expect(splitCallingCode('2348012345678')).toMatchObject({ country: { iso: 'NG' } });
		expect(splitCallingCode('27821234567')).toMatchObject({ country: { iso: 'ZA' } });
		expect(splitCallingCode('2101234567')).toBeUndefined();
	});
});

describe('splitPhoneNumbers', () => {
	it('splits text on commas, semicolons and new lines, and flattens lists', () => {
		expect(splitPhoneNumbers('+1 555 123 4567, 0044 7911 123456\n+49 30 1234567; ')).toEqual([
			'+1 555 123 4567',
			'0044 7911 123456',
			'+49 30 1234567',
		]);
		expect(splitPhoneNumbers(['+1 555 123 4567', 447911123456, ['a, b']])).toEqual(['+1 555 123 4567', '447911123456', 'a', 'b']);
		expect(splitPhoneNumbers('')).toEqual([]);
	});
});
