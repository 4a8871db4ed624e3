import { parsePhoneNumber, recipientNumber } from '../../../../nodes/WhatsAppCloud/phone/phoneNumbers';

describe('parsePhoneNumber without a default country (as sends read numbers)', () => {
	it.each([
		['+1 (555) 123-4567', '15551234567'],
		['0015551234567', '15551234567'],
		['15551234567', '15551234567'],
		['+44 7911 123456', '447911123456'],
		['+49 30 901820', '4930901820'],
		['  +91-98765-43210 ', '919876543210'],
	])('accepts %p as %p', (input, digits) => {
		expect(parsePhoneNumber(input)).toMatchObject({ possible: true, digits, e164: `+${digits}`, format: 'international', reason: null });
	});

	it('accepts a number given as a JSON number', () => {
		expect(parsePhoneNumber(15551234567)).toMatchObject({ possible: true, digits: '15551234567', input: '15551234567' });
	});

	it.each([
		['', 'it is empty'],
		['07911 123456', 'it starts with a single 0, so it looks like a national number: write it with the country code, e.g. +44 7911 123456'],
		['+1 555 CALL NOW', 'it may only contain digits, spaces, brackets, dots, dashes and a leading + or 00'],
		['+0 555 1234567', 'country calling codes never start with 0'],
		['+1 555', 'it has 4 digits with the country code; phone numbers have 7 to 15'],
		['+1234567890123456', 'it has 16 digits with the country code; phone numbers have 7 to 15'],
	])('refuses %p: %s', (input, reason) => {
		expect(parsePhoneNumber(input)).toMatchObject({ possible: false, digits: null, e164: null, reason });
	});

	it('names the option that could fix a national number when the caller has one', () => {
		expect(parsePhoneNumber('07911 123456', { defaultCountryField: 'Default Country' }).reason).toBe(
			'it starts with a single 0, so it looks like a national number: write it with the country code, e.g. +44 7911 123456, or set "Default Country"',
		);
	});

	it('reads wa.me and api.whatsapp.com links as international numbers even with a default country', () => {
		expect(parsePhoneNumber('https://wa.me/4930901820?text=Hi', { defaultCountry: 'US' })).toMatchObject({ digits: '4930901820', country: 'DE' });
		expect(parsePhoneNumber('https://api.whatsapp.com/send?phone=+447911123456&text=Hi').digits).toBe('447911123456');
		expect(parsePhoneNumber('whatsapp://send?phone=15551234567').digits).toBe('15551234567');
		expect(parsePhoneNumber('https://wa.me/message/ABCDEFGHIJKL1').reason).toMatch(/^it is a WhatsApp link without a phone number in it/);
		expect(parsePhoneNumber('https://wa.me/07911123456').reason).toBe('country calling codes never start with 0');
	});

	it('drops the "(0)" that is dialled only inside the country, and invisible characters', () => {
		expect(parsePhoneNumber('+44 (0)7911 123456').digits).toBe('447911123456');
		expect(parsePhoneNumber('\u202a+44 7911 123456\u202c').digits).toBe('447911123456');
		expect(parsePhoneNumber('＋４４ ７９１１ １２３４５６').digits).toBe('447911123456');
	});

	it('knows the non-geographic network codes but gives them no country', () => {
		expect(parsePhoneNumber('+882 1234 5678')).toMatchObject({ possible: true, country: null, countryName: 'International Networks', callingCode: '882' });
	});

	it('takes the old "1" of Mexican mobile WhatsApp IDs', () => {
		expect(parsePhoneNumber('5215512345678')).toMatchObject({ possible: true, country: 'MX', nationalNumber: '15512345678' });
	});
});

describe('recipientNumber', () => {
	it('outputs the digits and turns numbers into text', () => {
		expect(recipientNumber.parse('+1 (555) 123-4567')).toBe('15551234567');
		expect(recipientNumber.parse(447911123456)).toBe('447911123456');
	});

	it('says why a number is refused', () => {
		const result = recipientNumber.safeParse('+999 1234567');
		expect(result.success).toBe(false);
		if (!result.success) {
			expect(result.error.issues[0].message).toBe(
				'"+999 1234567" is not a phone number WhatsApp can use: no country uses the calling code +999: check the country code',
			);
		}
	});
});
