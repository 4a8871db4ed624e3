/**
 * The simulator and WhatsApp usernames / BSUIDs: `recipient` sends, the username customer's
 * webhooks (checked against the patched contract), statuses of BSUID sends, group statuses in
 * Meta's layout, identity system messages, the REQUEST_CONTACT_INFO answer, Block Users by BSUID,
 * the business username endpoints, and POST /__sim/customer.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { validateWebhook } from '../../../tools/contract/validate';
import { CUSTOMER, USERNAME_CUSTOMER } from '../../../tools/simulator/customer';
import type { CustomerRequest } from '../../../tools/simulator/customerRequest';
import { CUSTOMER_USER_ID, CUSTOMER_WA_ID, PHONE_NUMBER_ID, SECOND_PHONE_NUMBER_ID, TOKENS, USERNAME_CUSTOMER_USER_ID, WABA_ID } from '../../../tools/simulator/fixtures';
import { useSimulator } from '../../harness/simulator';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const { sim } = useSimulator();

async function call(method: string, path: string, json?: unknown, token: string = TOKENS.valid): Promise<{ status: number; body: Json }> {
	const response = await fetch(`${sim.url}${path}`, {
		method,
		headers: { authorization: `Bearer ${token}`, ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
		body: json === undefined ? undefined : JSON.stringify(json),
	});
	const text = await response.text();
	return { status: response.status, body: text ? (JSON.parse(text) as Json) : {} };
}

const messagesPath = `/v25.0/${PHONE_NUMBER_ID}/messages`;
const text = { messaging_product: 'whatsapp', recipient_type: 'individual', type: 'text', text: { body: 'Hello' } };

/** The payload of a customer request, checked against the contract. */
async function valid(request: CustomerRequest): Promise<Json> {
	const { payload } = await sim.customer(request);
	const check = validateWebhook(payload);
	expect(check.errors).toEqual([]);
	expect(check.valid).toBe(true);
	return payload as Json;
}

const valueOf = (payload: Json): Json => payload.entry[0].changes[0].value;

describe('recipient sends', () => {
	test('a BSUID in recipient is answered with contacts [{input, user_id}] and recorded', async () => {
		const { status, body } = await call('POST', messagesPath, { ...text, recipient: USERNAME_CUSTOMER_USER_ID });
		expect(status).toBe(200);
		expect(body.contacts).toEqual([{ input: USERNAME_CUSTOMER_USER_ID, user_id: USERNAME_CUSTOMER_USER_ID }]);
		expect(body.messages[0].id).toMatch(/^wamid\./);
		const [request] = sim.requests({ pathIncludes: '/messages' });
		expect(request.contract).toMatchObject({ checked: true, valid: true, schema: 'TextMessage' });
		expect(sim.state.sentMessages[0]).toMatchObject({ id: body.messages[0].id, to: USERNAME_CUSTOMER_USER_ID });
	});

	test('a phone send is still answered with wa_id', async () => {
		const { body } = await call('POST', messagesPath, { ...text, to: '+1 555 000 9999' });
		expect(body.contacts).toEqual([{ input: '+1 555 000 9999', wa_id: CUSTOMER_WA_ID }]);
	});

	test('both to and recipient: (#100) naming both, nothing sent', async () => {
		const { status, body } = await call('POST', messagesPath, { ...text, to: CUSTOMER_WA_ID, recipient: USERNAME_CUSTOMER_USER_ID });
		expect(status).toBe(400);
		expect(body.error).toMatchObject({ code: 100 });
		expect(body.error.error_data.details).toBe('(root) must NOT be valid: {"required":["to","recipient"]}');
		expect(sim.state.sentMessages).toHaveLength(0);
	});

	test('neither to nor recipient: (#100) naming both', async () => {
		const { status, body } = await call('POST', messagesPath, text);
		expect(status).toBe(400);
		expect(body.error.error_data.details).toContain("must have required property 'to'");
		expect(body.error.error_data.details).toContain("must have required property 'recipient'");
	});

	test('an authentication template to a BSUID: 131062', async () => {
		const template = { name: 'login_code', language: { code: 'en_US' }, components: [{ type: 'body', parameters: [{ type: 'text', text: '123456' }] }] };
		const { status, body } = await call('POST', messagesPath, { messaging_product: 'whatsapp', recipient: USERNAME_CUSTOMER_USER_ID, type: 'template', template });
		expect(status).toBe(400);
		expect(body.error).toMatchObject({ code: 131062, error_data: { details: 'Business-scoped User ID (BSUID) recipients are not supported for this message.' } });
	});
});

describe('the two customers webhooks (contract-valid)', () => {
	test('the username customer: user_id, username, no phone number anywhere', async () => {
		const payload = await valid({ kind: 'text', customer: 'username', text: 'hi' });
		const value = valueOf(payload);
		expect(value.contacts).toEqual([{ profile: { name: 'Sim Shopper', username: 'sim.shopper' }, user_id: USERNAME_CUSTOMER_USER_ID }]);
		expect(value.messages[0]).toMatchObject({ from_user_id: USERNAME_CUSTOMER_USER_ID, type: 'text', text: { body: 'hi' } });
		expect(value.messages[0]).not.toHaveProperty('from');
		expect(JSON.stringify(payload)).not.toContain(USERNAME_CUSTOMER.phone);
	});

	test('the phone customer: wa_id/from and user_id/from_user_id', async () => {
		const value = valueOf(await valid({ kind: 'text', text: 'hi' }));
		expect(value.contacts).toEqual([{ profile: { name: 'Sim Customer' }, wa_id: CUSTOMER_WA_ID, user_id: CUSTOMER_USER_ID }]);
		expect(value.messages[0]).toMatchObject({ from: CUSTOMER_WA_ID, from_user_id: CUSTOMER_USER_ID });
	});

	test('a button reply of the username customer to a BSUID send', async () => {
		const interactive = { type: 'button', body: { text: 'Pick' }, action: { buttons: [{ type: 'reply', reply: { id: 'yes', title: 'Yes' } }] } };
		const sent = await call('POST', messagesPath, { messaging_product: 'whatsapp', recipient: USERNAME_CUSTOMER_USER_ID, type: 'interactive', interactive });
		const value = valueOf(await valid({ kind: 'buttonReply', customer: 'username' }));
		expect(value.messages[0]).toMatchObject({ context: { id: sent.body.messages[0].id }, interactive: { button_reply: { id: 'yes' } } });
	});

	test('the REQUEST_CONTACT_INFO answer: a contacts message with origin and the number', async () => {
		const value = valueOf(await valid({ kind: 'contactInfo' }));
		expect(value.messages[0]).toMatchObject({ type: 'contacts', origin: 'contact_request', from_user_id: USERNAME_CUSTOMER_USER_ID });
		expect(value.messages[0].contacts[0].phones).toEqual([{ phone: `+${USERNAME_CUSTOMER.phone}`, wa_id: USERNAME_CUSTOMER.phone, type: 'CELL' }]);
		expect(value.messages[0].contacts[0].vcard).toContain(`waid=${USERNAME_CUSTOMER.phone}`);
	});

	test.each(['userChangedNumber', 'userChangedUserId'] as const)('system message %s names the old and new identifiers', async (kind) => {
		const value = valueOf(await valid({ kind, customer: kind === 'userChangedNumber' ? 'phone' : 'username', newWaId: '15550007777', newUserId: 'US.777' }));
		expect(value).not.toHaveProperty('contacts');
		const { system } = value.messages[0];
		if (kind === 'userChangedNumber') {
			expect(system).toMatchObject({ type: 'user_changed_number', wa_id: '15550007777', user_id: 'US.777', previous_user_id: CUSTOMER_USER_ID });
		} else {
			expect(system).toMatchObject({ type: 'user_changed_user_id', user_id: 'US.777', previous_user_id: USERNAME_CUSTOMER_USER_ID });
			expect(system).not.toHaveProperty('wa_id');
			expect(value.messages[0]).not.toHaveProperty('from');
		}
	});
});

describe('statuses', () => {
	test('of a BSUID send: recipient_user_id and contacts[] (username on delivered/read, not on sent), none when failed', async () => {
		await call('POST', messagesPath, { ...text, recipient: USERNAME_CUSTOMER_USER_ID, biz_opaque_callback_data: 'cb' });
		const sent = valueOf(await valid({ kind: 'status', status: 'sent' }));
		expect(sent.statuses[0]).toMatchObject({ status: 'sent', recipient_user_id: USERNAME_CUSTOMER_USER_ID, biz_opaque_callback_data: 'cb' });
		expect(sent.statuses[0]).not.toHaveProperty('recipient_id');
		expect(sent.contacts).toEqual([{ profile: { name: 'Sim Shopper' }, user_id: USERNAME_CUSTOMER_USER_ID }]);
		const read = valueOf(await valid({ kind: 'status', status: 'read' }));
		expect(read.contacts[0].profile.username).toBe('sim.shopper');
		const failed = valueOf(await valid({ kind: 'status', status: 'failed' }));
		expect(failed).not.toHaveProperty('contacts');
		expect(failed.statuses[0]).toMatchObject({ status: 'failed', recipient_user_id: USERNAME_CUSTOMER_USER_ID, errors: [{ code: 131026 }] });
	});

	test('of a phone send: recipient_id and the BSUID; failed: recipient_id only', async () => {
		await call('POST', messagesPath, { ...text, to: CUSTOMER_WA_ID });
		const delivered = valueOf(await valid({ kind: 'status' }));
		expect(delivered.statuses[0]).toMatchObject({ recipient_id: CUSTOMER_WA_ID, recipient_user_id: CUSTOMER_USER_ID });
		expect(delivered.contacts[0]).toMatchObject({ wa_id: CUSTOMER_WA_ID, user_id: CUSTOMER_USER_ID });
		const failed = valueOf(await valid({ kind: 'status', status: 'failed' }));
		expect(failed.statuses[0]).not.toHaveProperty('recipient_user_id');
		expect(failed.statuses[0].recipient_id).toBe(CUSTOMER_WA_ID);
	});

	test("group: one status per member in Meta's layout", async () => {
		const group = 'Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD';
		await call('POST', messagesPath, { ...text, recipient_type: 'group', to: group });
		const other = { waId: '15550001111', name: 'Someone Else' };
		const value = valueOf(await valid({ kind: 'groupStatuses', members: ['phone', 'username', other] }));
		expect(value.statuses).toHaveLength(3);
		for (const status of value.statuses) expect(status).toMatchObject({ status: 'delivered', recipient_id: group, recipient_type: 'group' });
		expect(value.statuses.map((s: Json) => s.recipient_participant_id ?? s.recipient_participant_user_id)).toEqual([CUSTOMER_WA_ID, USERNAME_CUSTOMER_USER_ID, '15550001111']);
		expect(new Set(value.statuses.map((s: Json) => s.id)).size).toBe(1);
		expect(value.contacts).toHaveLength(3);
	});

	test('of a message the simulator never sent: by messageId with customer / groupId', async () => {
		const single = valueOf(await valid({ kind: 'status', messageId: 'wamid.elsewhere', customer: 'username', status: 'read' }));
		expect(single.statuses[0]).toMatchObject({ id: 'wamid.elsewhere', recipient_user_id: USERNAME_CUSTOMER_USER_ID });
		const group = valueOf(await valid({ kind: 'groupStatuses', messageId: 'wamid.g', groupId: 'GROUP1' }));
		expect(group.statuses.map((s: Json) => [s.id, s.recipient_id])).toEqual([
			['wamid.g', 'GROUP1'],
			['wamid.g', 'GROUP1'],
		]);
	});
});

describe('REQUEST_CONTACT_INFO template button', () => {
	test('a utility template with the button is created (contract-valid) and stored as sent', async () => {
		const components = [
			{ type: 'BODY', text: 'Can we have your number for delivery updates?' },
			{ type: 'BUTTONS', buttons: [{ type: 'REQUEST_CONTACT_INFO' }] },
		];
		const { status, body } = await call('POST', `/v25.0/${WABA_ID}/message_templates`, { name: 'ask_number', language: 'en_US', category: 'UTILITY', components });
		expect(status).toBe(200);
		expect(body.status).toBe('PENDING');
		expect(sim.requests({ pathIncludes: '/message_templates' })[0].contract).toMatchObject({ checked: true, valid: true });
		expect(sim.state.templates.find((t) => t.name === 'ask_number')?.components).toEqual(components);
	});
});

describe('Block Users by BSUID', () => {
	const path = `/v25.0/${PHONE_NUMBER_ID}/block_users`;
	test('block, list and unblock by user_id', async () => {
		const blocked = await call('POST', path, { messaging_product: 'whatsapp', block_users: [{ user_id: USERNAME_CUSTOMER_USER_ID }, { user: CUSTOMER_WA_ID }] });
		expect(blocked.status).toBe(200);
		expect(blocked.body.block_users.added_users).toEqual([
			{ input: USERNAME_CUSTOMER_USER_ID, user_id: USERNAME_CUSTOMER_USER_ID },
			{ input: CUSTOMER_WA_ID, wa_id: CUSTOMER_WA_ID },
		]);
		expect((await call('GET', path)).body.data).toEqual([
			{ messaging_product: 'whatsapp', user_id: USERNAME_CUSTOMER_USER_ID },
			{ messaging_product: 'whatsapp', wa_id: CUSTOMER_WA_ID },
		]);
		const removed = await call('DELETE', path, { messaging_product: 'whatsapp', block_users: [{ user_id: USERNAME_CUSTOMER_USER_ID }] });
		expect(removed.body.block_users.removed_users).toEqual([{ input: USERNAME_CUSTOMER_USER_ID, user_id: USERNAME_CUSTOMER_USER_ID }]);
	});

	test('a BSUID that never wrote: 131047 for that user', async () => {
		const { status, body } = await call('POST', path, { messaging_product: 'whatsapp', block_users: [{ user_id: 'US.404' }] });
		expect(status).toBe(400);
		expect(body.block_users.failed_users[0]).toMatchObject({ input: 'US.404', user_id: 'US.404', errors: [{ code: 131047 }] });
	});

	test('user and user_id in one entry: (#100)', async () => {
		const { status } = await call('POST', path, { messaging_product: 'whatsapp', block_users: [{ user: CUSTOMER_WA_ID, user_id: CUSTOMER_USER_ID }] });
		expect(status).toBe(400);
	});
});

describe('business username', () => {
	const path = (id: string = PHONE_NUMBER_ID) => `/v25.0/${id}/username`;
	test('claim, read, change, delete', async () => {
		expect((await call('GET', path())).body).toEqual({});
		expect(await call('POST', path(), { username: 'sim.shop' })).toEqual({ status: 200, body: { status: 'approved' } });
		expect((await call('GET', path())).body).toEqual({ username: 'sim.shop', status: 'approved' });
		expect((await call('POST', path(), { username: 'reserved.sim' })).body).toEqual({ status: 'reserved' });
		expect((await call('DELETE', path())).body).toEqual({ success: true });
		expect((await call('DELETE', path())).body).toEqual({ success: false });
	});

	test.each([
		['sim..shop', 100],
		['simshop.com', 100],
		['taken.name', 147001],
	])('%s is refused with %i', async (username, code) => {
		const { status, body } = await call('POST', path(), { username });
		expect(status).toBe(400);
		expect(body.error.code).toBe(code);
	});

	test('a name another number holds (any case): 147001; a management scope is needed', async () => {
		await call('POST', path(), { username: 'Sim.Shop' });
		expect((await call('POST', path(SECOND_PHONE_NUMBER_ID), { username: 'sim.shop' })).body.error.code).toBe(147001);
		expect((await call('GET', path(), undefined, TOKENS.missingScope)).status).toBe(403);
	});
});

describe('POST /__sim/customer', () => {
	let receiver: http.Server;
	let url = '';
	const received: Json[] = [];
	beforeAll(async () => {
		receiver = http.createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (c: Buffer) => chunks.push(c));
			req.on('end', () => {
				received.push({ signature: req.headers['x-hub-signature-256'], body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
				res.end('ok');
			});
		});
		await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
		url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
	});
	afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

	test('posts the username customer signed, and answers with the payload', async () => {
		const response = await fetch(`${sim.url}/__sim/customer`, { method: 'POST', body: JSON.stringify({ kind: 'text', customer: 'username', text: 'hey', url }) });
		const body = (await response.json()) as Json;
		expect(response.status).toBe(200);
		expect(body.delivery).toEqual({ status: 200, body: 'ok' });
		expect(received.at(-1)?.signature).toMatch(/^sha256=/);
		expect(valueOf(received.at(-1)?.body).messages[0]).toMatchObject({ from_user_id: USERNAME_CUSTOMER_USER_ID, text: { body: 'hey' } });
		expect(body.payload).toEqual(received.at(-1)?.body);
	});

	test('the customers, and a clear error for a request that cannot be built', async () => {
		const customers = (await (await fetch(`${sim.url}/__sim/customers`)).json()) as Json;
		expect(customers).toEqual({ phone: CUSTOMER, username: USERNAME_CUSTOMER });
		const response = await fetch(`${sim.url}/__sim/customer`, { method: 'POST', body: JSON.stringify({ kind: 'status' }) });
		expect(response.status).toBe(400);
		expect(await response.json()).toEqual({ error: 'no message was sent yet' });
	});
});

describe('echo: the business answers from the WhatsApp Business app', () => {
	test('a username customer gets an smb_message_echoes delivery addressed by user ID only, contract-valid', async () => {
		const payload = await valid({ kind: 'echo', customer: 'username', text: 'I will take it from here' });
		expect(payload.entry[0].changes[0].field).toBe('smb_message_echoes');
		const echo = valueOf(payload).message_echoes[0];
		expect(echo).toMatchObject({ to_user_id: USERNAME_CUSTOMER_USER_ID, type: 'text', text: { body: 'I will take it from here' } });
		expect(echo.to).toBeUndefined();
	});
});
