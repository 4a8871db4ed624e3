/** Contact → Check's normalisation (phone/phoneNumbers.ts parsePhoneNumber + phone/countries.ts). */
import { describe, expect, it } from '@jest/globals';

import { countryFor, splitCallingCode } from '../../../../nodes/WhatsAppCloud/phone/countries';
import { parsePhoneNumber } from '../../../../nodes/WhatsAppCloud/phone/phoneNumbers';
import { splitPhoneNumbers } from '../../../../nodes/WhatsAppCloud/validation/schemas/account';

describe('parsePhoneNumber', () => {
	it('reads "+1 (555) 123-4567" as +15551234567 in the US', () => {
		expect(parsePhoneNumber('+1 (555) 123-4567')).toEqual({
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
		const result = parsePhoneNumber('0015551234567');
		expect(result).toMatchObject({ possible: true, e164: '+15551234567', country: 'US', format: 'international' });
	});

	it('refuses a national number without a default country and says what to do', () => {
		const result = parsePhoneNumber('07911 123456', { defaultCountryField: 'Default Country' });
		expect(result.possible).toBe(false);
		expect(result.e164).toBeNull();
		expect(result.reason).toMatch(/national number/);
		expect(result.reason).toMatch(/Default Country/);
	});

	it('reads "07911 123456" with default country GB as +447911123456 (trunk 0 removed)', () => {
		expect(parsePhoneNumber('07911 123456', { defaultCountry: 'gb' })).toMatchObject({
			possible: true,
			e164: '+447911123456',
			country: 'GB',
			nationalNumber: '7911123456',
			format: 'national',
		});
		expect(parsePhoneNumber('07911 123456', { defaultCountry: '+44' }).e164).toBe('+447911123456');
	});

	it('keeps international input international even with a default country', () => {
		expect(parsePhoneNumber('+49 30 1234567', { defaultCountry: 'GB' })).toMatchObject({ country: 'DE', e164: '+49301234567' });
		expect(parsePhoneNumber('447911123456', { defaultCountry: 'GB' })).toMatchObject({ e164: '+447911123456', format: 'international' });
	});

	it('uses NANP habits with a US default: 10 digits, a leading 1, and 011 for abroad', () => {
		expect(parsePhoneNumber('(555) 123-4567', { defaultCountry: 'US' }).e164).toBe('+15551234567');
		expect(parsePhoneNumber('1 555 123 4567', { defaultCountry: 'US' }).e164).toBe('+15551234567');
		expect(parsePhoneNumber('011 44 7911 123456', { defaultCountry: 'US' }).e164).toBe('+447911123456');
	});

	it('keeps the leading 0 of Italian numbers', () => {
		expect(parsePhoneNumber('06 1234 5678', { defaultCountry: 'IT' }).e164).toBe('+390612345678');
	});

	it('tells NANP countries and Kazakhstan apart from the US and Russia', () => {
		expect(parsePhoneNumber('+1 416 555 0199')).toMatchObject({ country: 'CA', countryName: 'Canada' });
		expect(parsePhoneNumber('+1 876 555 0199')).toMatchObject({ country: 'JM' });
		expect(parsePhoneNumber('+7 701 123 4567')).toMatchObject({ country: 'KZ' });
		expect(parsePhoneNumber('+7 916 123 4567')).toMatchObject({ country: 'RU' });
	});

	it('says why a number is impossible: wrong length for the country, unknown code, letters, empty', () => {
		const long = parsePhoneNumber('+44 79111 234567');
		expect(long.possible).toBe(false);
		expect(long.country).toBe('GB');
		expect(long.e164).toBeNull();
		expect(long.reason).toBe('United Kingdom (+44) numbers have 7 to 10 digits after the country code; this one has 11');
		expect(parsePhoneNumber('+1 555 123 45678').reason).toMatch(/United States \(\+1\) numbers have 10 digits after the country code; this one has 11/);
		expect(parsePhoneNumber('+999 1234 5678').reason).toBe('no country uses the calling code +999: check the country code');
		expect(parsePhoneNumber('+44 79II 123456').reason).toMatch(/may only contain digits/);
		expect(parsePhoneNumber('   ').reason).toBe('it is empty');
		expect(parsePhoneNumber('+1234567890123456').reason).toMatch(/16 digits/);
	});

	it('rejects an unknown default country instead of guessing', () => {
		expect(parsePhoneNumber('07911 123456', { defaultCountry: 'XX' }).reason).toMatch(/default country "XX" is not known/);
	});

	it('accepts numbers given as numbers', () => {
		expect(parsePhoneNumber(15551234567).e164).toBe('+15551234567');
	});

	it('reads tel: URIs like any other number', () => {
		expect(parsePhoneNumber('tel:+44-7911-123456')).toMatchObject({ possible: true, e164: '+447911123456', country: 'GB' });
		expect(parsePhoneNumber('tel:07911123456', { defaultCountry: 'GB' }).e164).toBe('+447911123456');
	});
});

describe('countries table', () => {
	it('finds countries by ISO code and calling code', () => {
		expect(countryFor('de')).toMatchObject({ callingCode: '49', name: 'Germany' });
		expect(countryFor('+351')).toMatchObject({ iso: 'PT' });
		expect(countryFor('CA')).toMatchObject({ callingCode: '1', name: 'Canada' });
		expect(countryFor('ZZ')).toBeUndefined();
		expect(countryFor('+882')).toBeUndefined();
		expect(countryFor('')).toBeUndefined();
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
