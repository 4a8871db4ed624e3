/**
 * Every recipient field takes a phone number or a WhatsApp user ID (BSUID / parent BSUID, issue
 * 18): in-process through n8n-core against the simulator, whose contract takes exactly one of
 * `to` (phone) and `recipient` (BSUID). A value that is neither fails before any request, naming
 * the field as the editor shows it and both formats.
 */
import { describe, expect, it } from '@jest/globals';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { PHONE_NUMBER_ID } from '../../../../tools/simulator/fixtures';
import { byId, errorMessage, useSimulator } from '../../../harness/simulator';

const { sim, run } = useSimulator();

/** Meta's examples (page "Business-scoped user IDs"); the first is the simulator's username customer. */
const BSUID = 'US.13491208655302741918';
const PARENT_BSUID = 'US.ENT.11815799212886844830';
const REPLY_TO = 'wamid.HBgLMTU1NTAwMDk5OTkVAgASGBQzQUYzMjEzNDM2RTZGQ0MzMDJBRgA=';

const message = (operation: string, extra: INodeParameters): INodeParameters => ({
	resource: 'message',
	operation,
	phoneNumberId: byId(PHONE_NUMBER_ID),
	...extra,
});

/** The one message request, contract-valid. */
function onlySend(): IDataObject {
	const sent = sim.requests({ method: 'POST', pathIncludes: '/messages' });
	expect(sent).toHaveLength(1);
	expect(sent[0].contract).toMatchObject({ checked: true, valid: true, errors: [] });
	return sent[0].body as IDataObject;
}

describe('Send Text: phone number or user ID', () => {
	it('a BSUID goes in `recipient`, never in `to`; the output names the user', async () => {
		const result = await run(message('sendText', { to: BSUID, body: 'Hi from a username 👋' }));
		expect(result.error).toBeUndefined();
		expect(onlySend()).toEqual({
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			recipient: BSUID,
			type: 'text',
			text: { body: 'Hi from a username 👋', preview_url: false },
		});
		expect(result.items[0][0].json).toMatchObject({ userId: BSUID, waId: null });
		expect(String(result.items[0][0].json.messageId)).toMatch(/^wamid\./);
	});

	it('a phone number goes in `to` as digits, never in `recipient`', async () => {
		const result = await run(message('sendText', { to: '+1 (555) 000-9999', body: 'Hi' }));
		expect(result.error).toBeUndefined();
		const body = onlySend();
		expect(body.to).toBe('15550009999');
		expect(body).not.toHaveProperty('recipient');
		expect(result.items[0][0].json).toMatchObject({ waId: '15550009999', userId: null });
	});

	it('a parent BSUID is a recipient too; spaces around an ID are dropped', async () => {
		const result = await run(message('sendText', { to: ` ${PARENT_BSUID}\n`, body: 'Hi' }));
		expect(result.error).toBeUndefined();
		const body = onlySend();
		expect(body.recipient).toBe(PARENT_BSUID);
		expect(body).not.toHaveProperty('to');
	});

	it('from the trigger item: {{ $json.recipient }} sends each item to the right key', async () => {
		const result = await run(message('sendText', { to: '={{ $json.recipient }}', body: 'Thanks!' }), {
			input: [{ json: { recipient: BSUID } }, { json: { recipient: '15550009999' } }],
		});
		expect(result.error).toBeUndefined();
		const bodies = sim.requests({ method: 'POST', pathIncludes: '/messages' }).map((r) => r.body as IDataObject);
		expect(bodies.map((b) => [b.to, b.recipient])).toEqual([
			[undefined, BSUID],
			['15550009999', undefined],
		]);
	});

	it.each([
		['abc', '"abc" is neither a phone number with country code (+1 555 123 4567) nor a WhatsApp user ID (US.13491208655302741918)'],
		['us.13491208655302741918', '"us.13491208655302741918" is neither a phone number with country code (+1 555 123 4567) nor a WhatsApp user ID (US.13491208655302741918)'],
		['US-13491208655302741918', '"US-13491208655302741918" is neither a phone number with country code (+1 555 123 4567) nor a WhatsApp user ID (US.13491208655302741918)'],
		[
			'+1 555',
			'"+1 555" is neither a phone number with country code (+1 555 123 4567) nor a WhatsApp user ID (US.13491208655302741918): as a phone number, it has 4 digits with the country code; phone numbers have 7 to 15',
		],
	])('%j is refused before any request, naming the field and both formats', async (to, why) => {
		const result = await run(message('sendText', { to, body: 'Hi' }));
		expect(errorMessage(result)).toBe(`"Recipient Phone Number or User ID": ${why} (item 1)`);
		expect(sim.requests({ pathIncludes: '/messages' })).toHaveLength(0);
	});
});

/** Every Send operation with the shared recipient field, sent to a BSUID. */
const SENDS: Array<[string, INodeParameters]> = [
	['sendMedia', { mediaType: 'image', mediaSource: 'link', mediaUrl: 'https://example.com/photo.jpg' }],
	['sendLocation', { latitude: 51.5072, longitude: -0.1276, locationName: 'Office' }],
	['sendContacts', { contacts: { contact: [{ formattedName: 'Ana Silva', firstName: 'Ana', phones: { phone: [{ phone: '+1 555 010 0001' }] } }] } }],
	['sendReaction', { reactionMessageId: REPLY_TO, emoji: '👍' }],
	['sendInteractive', { interactiveType: 'locationRequest', bodyText: 'Where should we deliver?' }],
	[
		'sendInteractive',
		{ interactiveType: 'buttons', bodyText: 'Confirm?', buttons: { button: [{ title: 'Yes', id: 'yes' }] } },
	],
	[
		'sendTemplate',
		{
			template: { __rl: true, mode: 'list', value: '400000000000003' },
			templateVariables: {
				mappingMode: 'defineBelow',
				value: { 'body:1': 'Ana', 'body:2': 'A-7' },
				matchingColumns: [],
				schema: [],
				attemptToConvertTypes: false,
				convertFieldsToString: true,
			},
		},
	],
];

describe('every Send operation addresses a BSUID by `recipient`', () => {
	it.each(SENDS)('%s', async (operation, extra) => {
		const result = await run(message(operation, { to: BSUID, ...extra }));
		expect(result.error).toBeUndefined();
		const body = onlySend();
		expect(body.recipient).toBe(BSUID);
		expect(body).not.toHaveProperty('to');
		expect(result.items[0][0].json.userId).toBe(BSUID);
	});

	it.each(SENDS)('%s refuses a value that is neither, by the same label', async (operation, extra) => {
		const result = await run(message(operation, { to: 'not-a-user', ...extra }));
		expect(errorMessage(result)).toMatch(/^"Recipient Phone Number or User ID": "not-a-user" is neither a phone number with country code/);
		expect(sim.requests({ pathIncludes: '/messages' })).toHaveLength(0);
	});
});

describe('Send Interactive → Request Contact Info', () => {
	it("asks a username user for their phone number: body text and WhatsApp's button, contract-valid", async () => {
		const result = await run(
			message('sendInteractive', {
				to: BSUID,
				interactiveType: 'requestContactInfo',
				bodyText: 'Share your number so our courier can call you.',
				options: { replyTo: REPLY_TO },
			}),
		);
		expect(result.error).toBeUndefined();
		const body = onlySend();
		expect(body).toMatchObject({ recipient: BSUID, type: 'interactive', context: { message_id: REPLY_TO } });
		expect(body.interactive).toEqual({
			type: 'request_contact_info',
			body: { text: 'Share your number so our courier can call you.' },
			action: { name: 'request_contact_info' },
		});
	});
});

describe('Send Template: authentication templates need a phone number', () => {
	const otp = (template: INodeParameters['template'], extra: INodeParameters = {}) =>
		message('sendTemplate', {
			to: BSUID,
			template,
			templateVariables: {
				mappingMode: 'defineBelow',
				value: { 'body:1': '482913' },
				matchingColumns: [],
				schema: [],
				attemptToConvertTypes: false,
				convertFieldsToString: true,
			},
			...extra,
		});

	it('to a user ID: refused before the send, saying why', async () => {
		const result = await run(otp({ __rl: true, mode: 'name', value: 'login_code' }));
		expect(errorMessage(result)).toBe(
			'"Recipient Phone Number or User ID" is a user ID, but "login_code" is an authentication template, which WhatsApp sends only to phone numbers (item 1)',
		);
		expect(sim.requests({ method: 'POST', pathIncludes: '/messages' })).toHaveLength(0);
	});

	it('to a phone number: sent as before', async () => {
		const result = await run(otp({ __rl: true, mode: 'name', value: 'login_code' }, { to: '+1 555 000 9999' }));
		expect(result.error).toBeUndefined();
		expect(onlySend().to).toBe('15550009999');
	});
});

describe('Contact → Validate Phone Numbers stays phone-only', () => {
	it('names a user ID as such instead of calling it a malformed number; sends nothing', async () => {
		const result = await run({ resource: 'contact', operation: 'check', phoneNumbers: `${BSUID}, +1 555 000 9999` });
		expect(result.error).toBeUndefined();
		expect(result.items[0].map((i) => [i.json.input, i.json.status, i.json.reason])).toEqual([
			[
				BSUID,
				'invalid',
				'it is a WhatsApp user ID (BSUID), not a phone number: it cannot be checked, and Meta does not reveal the number behind it (send to it directly)',
			],
			['+1 555 000 9999', 'unknown', null],
		]);
		expect(sim.requests()).toHaveLength(0);
	});
});
