/**
 * The contract's username / BSUID additions (generator/patches/usernames.ts R7s–u, R8c): what
 * Meta's "Business-scoped user IDs" page documents is valid, and what our package must never send
 * (both `to` and `recipient`, neither) is not.
 */
import { validateRequest, validateSchema, validateWebhook } from '../../../tools/contract/validate';

const MESSAGES_PATH = '/v25.0/106540352242922/messages';
const BSUID = 'US.13491208655302741918';
const PARENT_BSUID = 'US.ENT.11815799212886844830';
const text = { messaging_product: 'whatsapp', type: 'text', text: { body: 'hi' } };

function messagesDelivery(value: Record<string, unknown>) {
	return {
		object: 'whatsapp_business_account',
		entry: [
			{
				id: '102290129340398',
				changes: [
					{
						field: 'messages',
						value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' }, ...value },
					},
				],
			},
		],
	};
}

describe('send: to or recipient, exactly one', () => {
	test.each([
		['a BSUID', BSUID],
		['a parent BSUID', PARENT_BSUID],
	])('recipient = %s is valid', (_name, recipient) => {
		expect(validateRequest('POST', MESSAGES_PATH, { ...text, recipient })).toMatchObject({ valid: true, schema: 'TextMessage' });
	});

	test('both to and recipient are refused, naming them', () => {
		const result = validateRequest('POST', MESSAGES_PATH, { ...text, to: '15550009999', recipient: BSUID });
		expect(result.valid).toBe(false);
		expect(result.errors).toEqual(['(root) must NOT be valid: {"required":["to","recipient"]}']);
	});

	test('neither is refused, naming both', () => {
		const result = validateRequest('POST', MESSAGES_PATH, { ...text });
		expect(result.valid).toBe(false);
		expect(result.errors).toEqual(expect.arrayContaining(["(root) must have required property 'to'", "(root) must have required property 'recipient'"]));
	});

	test('a phone number in recipient is refused', () => {
		expect(validateRequest('POST', MESSAGES_PATH, { ...text, recipient: '15550009999' }).valid).toBe(false);
	});

	test('every message type takes recipient (template)', () => {
		const body = { messaging_product: 'whatsapp', recipient: BSUID, type: 'template', template: { name: 'hello_world', language: { code: 'en_US' } } };
		expect(validateRequest('POST', MESSAGES_PATH, body).valid).toBe(true);
	});

	test('interactive request_contact_info', () => {
		const body = {
			messaging_product: 'whatsapp',
			recipient: BSUID,
			type: 'interactive',
			interactive: { type: 'request_contact_info', body: { text: 'Share your number?' }, action: { name: 'request_contact_info' } },
		};
		expect(validateRequest('POST', MESSAGES_PATH, body)).toMatchObject({ valid: true });
	});

	test('the send response of a BSUID send', () => {
		const response = { messaging_product: 'whatsapp', contacts: [{ input: BSUID, user_id: BSUID }], messages: [{ id: 'wamid.X' }] };
		expect(validateSchema('MessageResponsePayload', response).valid).toBe(true);
		expect(validateSchema('MessageResponsePayload', { ...response, contacts: [{ input: BSUID, user_id: '15550009999' }] }).valid).toBe(false);
	});
});

describe('webhooks of username users', () => {
	test("Meta's example: a text from a username user, no phone number", () => {
		const payload = messagesDelivery({
			contacts: [{ profile: { name: 'Sheena Nelson', username: '@realsheenanelson' }, user_id: BSUID, parent_user_id: PARENT_BSUID }],
			messages: [{ from_user_id: BSUID, from_parent_user_id: PARENT_BSUID, id: 'wamid.A', timestamp: '1749416383', type: 'text', text: { body: 'Hi' } }],
		});
		expect(validateWebhook(payload)).toMatchObject({ valid: true });
	});

	test('a message with neither from nor from_user_id is refused', () => {
		const payload = messagesDelivery({
			contacts: [{ profile: { name: 'X' }, user_id: BSUID }],
			messages: [{ id: 'wamid.A', timestamp: '1', type: 'text', text: { body: 'Hi' } }],
		});
		expect(validateWebhook(payload).valid).toBe(false);
	});

	test('a delivered status of a BSUID send with contacts[], and a failed one without', () => {
		const delivered = messagesDelivery({
			contacts: [{ profile: { name: 'Pablo M.', username: '@pablomorales' }, user_id: BSUID }],
			statuses: [{ id: 'wamid.B', status: 'delivered', timestamp: '1750030073', recipient_user_id: BSUID, recipient_parent_user_id: PARENT_BSUID }],
		});
		expect(validateWebhook(delivered)).toMatchObject({ valid: true });
		const failed = messagesDelivery({
			statuses: [{ id: 'wamid.B', status: 'failed', timestamp: '1750030073', recipient_user_id: BSUID, errors: [{ code: 131062, title: 'BSUID not supported' }] }],
		});
		expect(validateWebhook(failed)).toMatchObject({ valid: true });
		const nobody = messagesDelivery({ statuses: [{ id: 'wamid.B', status: 'sent', timestamp: '1750030073' }] });
		expect(validateWebhook(nobody).valid).toBe(false);
	});

	test('group statuses in Meta layout', () => {
		const payload = messagesDelivery({
			contacts: [
				{ profile: { name: 'A' }, wa_id: '15550001111', user_id: 'US.1' },
				{ profile: { name: 'B', username: 'b.user' }, user_id: 'US.2' },
			],
			statuses: [
				{ id: 'wamid.G', status: 'delivered', timestamp: '1', recipient_id: 'GROUP1', recipient_type: 'group', recipient_participant_id: '15550001111' },
				{ id: 'wamid.G', status: 'delivered', timestamp: '1', recipient_id: 'GROUP1', recipient_type: 'group', recipient_participant_user_id: 'US.2' },
			],
		});
		expect(validateWebhook(payload)).toMatchObject({ valid: true });
	});

	test.each(['user_changed_number', 'user_changed_user_id'])('system message %s with the BSUIDs', (type) => {
		const payload = messagesDelivery({
			messages: [
				{
					from_user_id: BSUID,
					id: 'wamid.S',
					timestamp: '1',
					type: 'system',
					system: { body: 'User X changed', type, user_id: 'US.99', previous_user_id: BSUID },
				},
			],
		});
		expect(validateWebhook(payload)).toMatchObject({ valid: true });
	});

	test('the answer to REQUEST_CONTACT_INFO: a contacts message with origin', () => {
		const payload = messagesDelivery({
			contacts: [{ profile: { name: 'X', username: 'x.y' }, user_id: BSUID }],
			messages: [
				{
					from_user_id: BSUID,
					id: 'wamid.C',
					timestamp: '1',
					type: 'contacts',
					origin: 'contact_request',
					contacts: [{ name: { formatted_name: 'X' }, vcard: 'BEGIN:VCARD\nEND:VCARD', phones: [{ phone: '+1 555 000 9999', wa_id: '15550009999' }] }],
				},
			],
		});
		expect(validateWebhook(payload)).toMatchObject({ valid: true });
		(payload.entry[0].changes[0].value as unknown as { messages: Array<Record<string, unknown>> }).messages[0].origin = 'forwarded';
		expect(validateWebhook(payload).valid).toBe(false);
	});
});

describe('block users and usernames', () => {
	const PATH = '/v25.0/106540352242922/block_users';
	test('an entry takes user or user_id, not both', () => {
		expect(validateRequest('POST', PATH, { messaging_product: 'whatsapp', block_users: [{ user: '15550009999' }, { user_id: BSUID }] }).valid).toBe(true);
		expect(validateRequest('DELETE', PATH, { messaging_product: 'whatsapp', block_users: [{ user_id: PARENT_BSUID }] }).valid).toBe(true);
		expect(validateRequest('POST', PATH, { messaging_product: 'whatsapp', block_users: [{ user: '15550009999', user_id: BSUID }] }).valid).toBe(false);
		expect(validateRequest('POST', PATH, { messaging_product: 'whatsapp', block_users: [{}] }).valid).toBe(false);
	});

	test.each([
		['sim.shop', true],
		['Sim_Shop2', true],
		['ab', false],
		['.shop', false],
		['shop.', false],
		['sim..shop', false],
		['www.shop', false],
		['12345', false],
		['sim-shop', false],
	])('username %s valid: %s', (username, valid) => {
		expect(validateRequest('POST', '/v25.0/106540352242922/username', { username }).valid).toBe(valid);
	});
});
