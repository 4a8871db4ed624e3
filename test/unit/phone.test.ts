import { checkPhoneNumber } from '../../nodes/WhatsAppCloud/helpers/phone';

describe('checkPhoneNumber', () => {
	it.each([
		['+1 (555) 123-4567', '15551234567'],
		['0015551234567', '15551234567'],
		['15551234567', '15551234567'],
		['+44 7911 123456', '447911123456'],
		['+49 30 901820', '4930901820'],
		['  +91-98765-43210 ', '919876543210'],
	])('accepts %p as %p', (input, digits) => {
		expect(checkPhoneNumber(input)).toEqual({ valid: true, digits, e164: `+${digits}` });
	});

	it('accepts a number given as a JSON number', () => {
		expect(checkPhoneNumber(15551234567)).toMatchObject({ valid: true, digits: '15551234567' });
	});

	it.each([
		['', /empty/],
		['07911 123456', /national number/],
		['+1 555 CALL NOW', /only contain digits/],
		['+0 555 1234567', /never start with 0/],
		['+1 555', /4 digits/],
		['+1234567890123456', /16 digits/],
	])('rejects %p with a reason', (input, reason) => {
		const check = checkPhoneNumber(input);
		expect(check.valid).toBe(false);
		if (!check.valid) expect(check.reason).toMatch(reason);
	});
});
