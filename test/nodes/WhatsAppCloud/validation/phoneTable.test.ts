/**
 * One table of phone numbers, fed to every consumer of the one parser: parsePhoneNumber, the
 * recipientNumber schema, Message → Send Text and Contact → Check (both in-process through n8n-core
 * against the Graph API simulator). They must agree: Send sends exactly the numbers Check calls
 * possible, with the same digits, and refuses the others with the same reason.
 */
import { describe, expect, it } from '@jest/globals';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { WhatsAppCloudApi } from '../../../../credentials/WhatsAppCloudApi.credentials';
import { WhatsAppCloud } from '../../../../nodes/WhatsAppCloud/WhatsAppCloud.node';
import { parsePhoneNumber, recipientNumber } from '../../../../nodes/WhatsAppCloud/phone/phoneNumbers';
import { PHONE_NUMBER_ID } from '../../../../tools/simulator/fixtures';
import { runNode } from '../../../harness/runNode';
import { useSimulator } from '../../../harness/simulator';

type Row = [input: string | number, digits: string | null, country: string | null, reason: string | null];

const NATIONAL = 'it starts with a single 0, so it looks like a national number: write it with the country code, e.g. +44 7911 123456';
const LETTERS = 'it may only contain digits, spaces, brackets, dots, dashes and a leading + or 00';
/** What Contact → Check adds to the national-number reason: it has a Default Country option, sends do not. */
const CHECK_NATIONAL_HINT = ', or set "Default Country"';

const TABLE: Row[] = [
	// formats with country code
	['+1 (555) 123-4567', '15551234567', 'US', null],
	['+44 7911 123456', '447911123456', 'GB', null],
	['447911123456', '447911123456', 'GB', null],
	['15551234567', '15551234567', 'US', null],
	[15551234567, '15551234567', 'US', null],
	['0044 7911 123456', '447911123456', 'GB', null],
	['00 49 30 901820', '4930901820', 'DE', null],
	['+49 (0)30 901820', '4930901820', 'DE', null],
	['+44.7911.123456', '447911123456', 'GB', null],
	['+44/7911/123456', '447911123456', 'GB', null],
	['+91-98765-43210', '919876543210', 'IN', null],
	['+55 11 91234-5678', '5511912345678', 'BR', null],
	['+52 1 55 1234 5678', '5215512345678', 'MX', null],
	['+33 6 12 34 56 78', '33612345678', 'FR', null],
	['+234 803 123 4567', '2348031234567', 'NG', null],
	['+61 412 345 678', '61412345678', 'AU', null],
	['+1 416 555 0199', '14165550199', 'CA', null],
	['+7 701 123 4567', '77011234567', 'KZ', null],
	['+971 50 123 4567', '971501234567', 'AE', null],
	['+39 06 1234 5678', '390612345678', 'IT', null],
	['+882 1234 5678', '88212345678', null, null],
	// tel: URIs and WhatsApp links
	['tel:+44-7911-123456', '447911123456', 'GB', null],
	['TEL:+1.555.123.4567', '15551234567', 'US', null],
	['https://wa.me/447911123456', '447911123456', 'GB', null],
	['wa.me/15551234567?text=Hello', '15551234567', 'US', null],
	['https://api.whatsapp.com/send?phone=4930901820&text=Hi', '4930901820', 'DE', null],
	['https://wa.me/message/ABCDEFGHIJKL1', null, null, 'it is a WhatsApp link without a phone number in it (wa.me/message/… and QR links hide it): use the number itself'],
	['https://wa.me/07911123456', null, null, 'country calling codes never start with 0'],
	// whitespace and invisible characters
	['  \t+44 7911 123456\u00a0 ', '447911123456', 'GB', null],
	['\u200e+44 7911 123456', '447911123456', 'GB', null],
	['', null, null, 'it is empty'],
	['   ', null, null, 'it is empty'],
	// national numbers (single leading 0)
	['07911 123456', null, null, NATIONAL],
	['030 901820', null, null, NATIONAL],
	['tel:07911123456', null, null, NATIONAL],
	// letters and stray characters
	['+1 555 CALL NOW', null, null, LETTERS],
	['+44 79l1 123456', null, null, LETTERS],
	['+44 7911 123456 ext. 12', null, null, LETTERS],
	['++44 7911 123456', null, null, LETTERS],
	// country codes: 0, unknown
	['+0 555 1234567', null, null, 'country calling codes never start with 0'],
	['000 44 7911 123456', null, null, 'country calling codes never start with 0'],
	['+999 1234567', null, null, 'no country uses the calling code +999: check the country code'],
	['+800 1234 5678', null, null, 'no country uses the calling code +800: check the country code'],
	// too short, too long (E.164: 7 to 15 digits; and the country's own lengths)
	['+1 555', null, null, 'it has 4 digits with the country code; phone numbers have 7 to 15'],
	['+1234567890123456', null, null, 'it has 16 digits with the country code; phone numbers have 7 to 15'],
	['+44 79111 234567', null, 'GB', 'United Kingdom (+44) numbers have 7 to 10 digits after the country code; this one has 11'],
	['+1 555 123 45678', null, 'US', 'United States (+1) numbers have 10 digits after the country code; this one has 11'],
	['+49 12345', null, 'DE', 'Germany (+49) numbers have 6 to 13 digits after the country code; this one has 5'],
];

const text = (input: string | number) => String(input);

describe('the phone-number table', () => {
	it('has at least 30 rows, both usable and refused ones, and every row is consistent', () => {
		expect(TABLE.length).toBeGreaterThanOrEqual(30);
		expect(TABLE.filter(([, digits]) => digits !== null).length).toBeGreaterThan(10);
		expect(TABLE.filter(([, digits]) => digits === null).length).toBeGreaterThan(10);
		for (const [input, digits, , reason] of TABLE) expect([input, digits === null]).toEqual([input, reason !== null]);
	});
});

describe.each(TABLE)('%j', (input, digits, country, reason) => {
	it('parsePhoneNumber', () => {
		const parsed = parsePhoneNumber(input);
		expect(parsed).toMatchObject({
			input: text(input),
			possible: digits !== null,
			digits,
			e164: digits === null ? null : `+${digits}`,
			country,
			reason,
		});
	});

	it('recipientNumber', () => {
		const result = recipientNumber.safeParse(input);
		if (digits === null) {
			expect(result.success).toBe(false);
			if (!result.success) {
				expect(result.error.issues.map((i) => i.message)).toEqual([`"${text(input)}" is not a phone number WhatsApp can use: ${reason}`]);
			}
		} else {
			expect(result).toEqual({ success: true, data: digits });
		}
	});
});

/** What a recipient field says about a value that is no phone number (every row is meant as one). */
function recipientError(input: string, reason: string | null): string {
	const formats = 'a phone number with country code (+1 555 123 4567)';
	const userId = 'a WhatsApp user ID (US.13491208655302741918)';
	if (input.trim() === '') return `"${input}" is empty: enter ${formats} or ${userId}`;
	return `"${input}" is neither ${formats} nor ${userId}: as a phone number, ${reason}`;
}

describe('Send Text and Contact → Check agree on every row (in-process, simulator)', () => {
	const { sim, credentials } = useSimulator();
	const nodeType = new WhatsAppCloud();
	const credentialTypes = [new WhatsAppCloudApi()];

	const run = (parameters: INodeParameters, input: string | number) =>
		runNode({ nodeType, parameters, credentials: credentials(), credentialTypes, input: [{ json: { phone: input } }] });

	it.each(TABLE)('%j', async (input, digits, country, reason) => {
		const sent = await run(
			{
				resource: 'message',
				operation: 'sendText',
				phoneNumberId: { __rl: true, mode: 'id', value: PHONE_NUMBER_ID },
				to: '={{ $json.phone }}',
				body: 'Hello',
			},
			input,
		);
		const requests = sim.requests({ method: 'POST', pathIncludes: '/messages' });

		const checked = await run({ resource: 'contact', operation: 'check', phoneNumbers: '={{ $json.phone }}' }, input);
		expect(checked.error).toBeUndefined();
		expect(checked.items[0]).toHaveLength(1);
		const check = checked.items[0][0].json;

		if (digits === null) {
			expect(sent.error?.message).toBe(`"Recipient Phone Number or User ID": ${recipientError(text(input), reason)} (item 1)`);
			expect(requests).toHaveLength(0);
			expect(check).toMatchObject({
				status: 'invalid',
				possible: false,
				waId: null,
				e164: null,
				reason: reason === NATIONAL ? NATIONAL + CHECK_NATIONAL_HINT : reason,
			});
		} else {
			expect(sent.error).toBeUndefined();
			expect(requests).toHaveLength(1);
			expect(requests[0].contract).toMatchObject({ checked: true, valid: true });
			expect((requests[0].body as IDataObject).to).toBe(digits);
			expect(sent.items[0][0].json.waId).toBe(digits);
			expect(check).toMatchObject({ status: 'unknown', possible: true, waId: digits, e164: `+${digits}`, country, reason: null });
		}
	});
});
