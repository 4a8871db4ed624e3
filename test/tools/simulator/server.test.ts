import { createHash, createHmac } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { validateSchema } from '../../../tools/contract/validate';
import {
	APP_SECRET,
	APP_TOKEN,
	EXPIRED_AT,
	PHONE_NUMBER_ID,
	SAMPLE_MEDIA_ID,
	SCOPE_MANAGEMENT,
	SCOPE_MESSAGING,
	SECOND_PHONE_NUMBER_ID,
	TOKENS,
	VERIFY_TOKEN,
	WABA_ID,
} from '../../../tools/simulator/fixtures';
import { useSimulator } from '../../harness/simulator';

interface Examples {
	messages: Record<string, unknown>;
	knownInvalid: { messages: Record<string, unknown> };
}
const examples = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'tools', 'contract', 'examples.json'), 'utf8')) as Examples;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const { sim } = useSimulator();

async function call(
	method: string,
	pathAndQuery: string,
	options: { token?: string; json?: unknown; form?: FormData } = {},
): Promise<{ status: number; body: Json; headers: Headers }> {
	const headers: Record<string, string> = {};
	if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
	let body: string | FormData | undefined;
	if (options.json !== undefined) {
		headers['content-type'] = 'application/json';
		body = JSON.stringify(options.json);
	}
	if (options.form) body = options.form;
	const response = await fetch(`${sim.url}${pathAndQuery}`, { method, headers, body });
	const text = await response.text();
	return { status: response.status, body: text ? (JSON.parse(text) as Json) : {}, headers: response.headers };
}

const messagesPath = `/v23.0/${PHONE_NUMBER_ID}/messages`;
const textMessage = { messaging_product: 'whatsapp', recipient_type: 'individual', to: '+1 555 000 9999', type: 'text', text: { body: 'Hello' } };

describe('debug_token', () => {
	const debug = (input: string, caller: string) => call('GET', `/v23.0/debug_token?input_token=${encodeURIComponent(input)}`, { token: caller });

	test('valid system user token', async () => {
		const { status, body } = await debug(TOKENS.valid, TOKENS.valid);
		expect(status).toBe(200);
		expect(body.data).toMatchObject({ type: 'SYSTEM_USER', application: 'Sim WhatsApp App', is_valid: true, expires_at: 0, data_access_expires_at: 0 });
		expect(body.data.scopes).toEqual([SCOPE_MESSAGING, SCOPE_MANAGEMENT]);
		expect(body.data.granular_scopes).toEqual([
			{ scope: SCOPE_MESSAGING, target_ids: [WABA_ID] },
			{ scope: SCOPE_MANAGEMENT, target_ids: [WABA_ID] },
		]);
	});

	test('expired token, debugged with the app token', async () => {
		const { status, body } = await debug(TOKENS.expired, APP_TOKEN);
		expect(status).toBe(200);
		expect(body.data).toMatchObject({ is_valid: false, expires_at: EXPIRED_AT, error: { code: 190, subcode: 463, message: 'Session has expired on Friday, 01-Mar-24 10:00:00 PST' } });
		expect(body.data.expires_at).toBeLessThan(Date.now() / 1000);
	});

	test('expired token debugging itself gets the 190/463 error as HTTP 400', async () => {
		const { status, body } = await debug(TOKENS.expired, TOKENS.expired);
		expect(status).toBe(400);
		expect(body.error).toMatchObject({ type: 'OAuthException', code: 190, error_subcode: 463 });
		expect(body.error.message).toMatch(/^Error validating access token: Session has expired on Friday, 01-Mar-24 10:00:00 PST\. The current time is \w+day, \d\d-\w{3}-\d\d \d\d:\d\d:\d\d P[SD]T\.$/);
	});

	test('tokens missing a scope', async () => {
		expect((await debug(TOKENS.missingScope, APP_TOKEN)).body.data).toMatchObject({ is_valid: true, scopes: [SCOPE_MESSAGING] });
		expect((await debug(TOKENS.noMessaging, APP_TOKEN)).body.data).toMatchObject({ is_valid: true, scopes: [SCOPE_MANAGEMENT] });
	});

	test('unparseable input token', async () => {
		const { status, body } = await debug('garbage', TOKENS.valid);
		expect(status).toBe(200);
		expect(body).toEqual({ data: { is_valid: false, error: { code: 190, message: 'Invalid OAuth access token - Cannot parse access token' } } });
	});

	test('app token as input, and access_token in the query', async () => {
		const { body } = await call('GET', `/debug_token?input_token=${encodeURIComponent(APP_TOKEN)}&access_token=${encodeURIComponent(APP_TOKEN)}`);
		expect(body.data).toMatchObject({ type: 'APP', is_valid: true });
	});

	test('no caller token', async () => {
		const { status, body } = await call('GET', `/v23.0/debug_token?input_token=${TOKENS.valid}`);
		expect(status).toBe(400);
		expect(body.error.code).toBe(2500);
	});
});

describe('token errors on Graph endpoints', () => {
	test('expired -> 401 code 190 subcode 463', async () => {
		const { status, body, headers } = await call('POST', messagesPath, { token: TOKENS.expired, json: textMessage });
		expect(status).toBe(401);
		expect(body.error).toMatchObject({ type: 'OAuthException', code: 190, error_subcode: 463 });
		expect(body.error.message).toContain('Session has expired on Friday, 01-Mar-24 10:00:00 PST. The current time is');
		expect(typeof body.error.fbtrace_id).toBe('string');
		expect(headers.get('www-authenticate')).toContain('invalid_token');
	});

	test('invalid -> 401 code 190', async () => {
		const { status, body } = await call('GET', `/v23.0/${WABA_ID}/phone_numbers`, { token: 'not-a-token' });
		expect(status).toBe(401);
		expect(body.error).toMatchObject({ code: 190, message: 'Invalid OAuth access token - Cannot parse access token' });
	});

	test('none -> 400 code 2500', async () => {
		const { status, body } = await call('GET', `/v23.0/${WABA_ID}/phone_numbers`);
		expect(status).toBe(400);
		expect(body.error).toMatchObject({ code: 2500, message: 'An active access token must be used to query information about the current user.' });
	});

	test('missing scope -> 403 code 200', async () => {
		const management = await call('GET', `/v23.0/${WABA_ID}/phone_numbers`, { token: TOKENS.missingScope });
		expect(management.status).toBe(403);
		expect(management.body.error).toMatchObject({ code: 200, message: '(#200) Permissions error' });
		const messaging = await call('POST', messagesPath, { token: TOKENS.noMessaging, json: textMessage });
		expect(messaging.status).toBe(403);
		expect(messaging.body.error.code).toBe(200);
		// each token still works where it has the scope
		expect((await call('POST', messagesPath, { token: TOKENS.missingScope, json: textMessage })).status).toBe(200);
		expect((await call('GET', `/v23.0/${WABA_ID}/phone_numbers`, { token: TOKENS.noMessaging })).status).toBe(200);
	});
});

describe('messages', () => {
	test('a send is answered like Meta and recorded with its contract check', async () => {
		const { status, body } = await call('POST', messagesPath, { token: TOKENS.valid, json: textMessage });
		expect(status).toBe(200);
		expect(body).toMatchObject({ messaging_product: 'whatsapp', contacts: [{ input: '+1 555 000 9999', wa_id: '15550009999' }] });
		expect(body.messages[0].id).toMatch(/^wamid\.[A-Za-z0-9+/=]+$/);
		expect(validateSchema('MessageResponsePayload', body).valid).toBe(true);

		const recorded = sim.requests({ method: 'post', pathIncludes: '/messages' });
		expect(recorded).toHaveLength(1);
		expect(recorded[0]).toMatchObject({
			seq: 1,
			method: 'POST',
			path: messagesPath,
			body: textMessage,
			rawBody: JSON.stringify(textMessage),
			contract: { checked: true, valid: true, schema: 'TextMessage', errors: [] },
			response: { status: 200, body },
		});
		expect(recorded[0].headers.authorization).toBe(`Bearer ${TOKENS.valid}`);
		expect(sim.state.sentMessages).toHaveLength(1);
		expect(sim.state.sentMessages[0]).toMatchObject({ id: body.messages[0].id, type: 'text', phoneNumberId: PHONE_NUMBER_ID });
	});

	test('message ids are unique', async () => {
		const ids = new Set<string>();
		for (let i = 0; i < 5; i++) ids.add((await call('POST', messagesPath, { token: TOKENS.valid, json: textMessage })).body.messages[0].id as string);
		expect(ids.size).toBe(5);
	});

	test('every valid contract example passes the contract check and is sent (templates the WABA lacks: 132001)', async () => {
		const names = Object.keys(examples.messages).filter((n) => !(n in examples.knownInvalid.messages));
		expect(names).toHaveLength(47);
		// Template examples name templates the simulated WABA does not have: Meta answers 132001.
		const missingTemplates = [
			'Send Catalog Template Message',
			'Send Flow Template Message',
			'Send Message Template Interactive',
			'Send Message Template Media',
			'Send Message Template Text',
			'Send Sample Shipping Confirmation Template',
			'Send Sample Text Message',
		];
		const outcomes: Record<string, string> = {};
		for (const name of names) {
			const { status, body } = await call('POST', messagesPath, { token: TOKENS.valid, json: examples.messages[name] });
			const record = sim.requests().at(-1);
			expect({ name, contract: record?.contract.valid }).toEqual({ name, contract: true });
			outcomes[name] = status === 200 ? '200' : `${status} ${String(body.error?.code)}`;
		}
		expect(outcomes).toEqual(Object.fromEntries(names.map((name) => [name, missingTemplates.includes(name) ? '400 132001' : '200'])));
		expect(names).toEqual(expect.arrayContaining(missingTemplates));
		expect(sim.requests().every((r) => r.contract.checked)).toBe(true);
		expect(sim.requests()).toHaveLength(47);
	});

	test('template sends report message_status accepted, read receipts answer success', async () => {
		const template = await call('POST', messagesPath, {
			token: TOKENS.valid,
			json: { messaging_product: 'whatsapp', to: '15550009999', type: 'template', template: { name: 'hello_world', language: { code: 'en_US' } } },
		});
		expect(template.status).toBe(200);
		expect(template.body.messages[0].message_status).toBe('accepted');
		const read = await call('POST', messagesPath, { token: TOKENS.valid, json: examples.messages['Send typing indicator and read receipt'] });
		expect(read).toMatchObject({ status: 200, body: { success: true } });
		expect(sim.requests()[1].contract.schema).toBe('MarkMessageRequestPayload');
	});

	test('an invalid body gets (#100) with the schema errors and is recorded as invalid', async () => {
		const { status, body } = await call('POST', messagesPath, { token: TOKENS.valid, json: { ...textMessage, text: { body: 'x', colour: 'red' } } });
		expect(status).toBe(400);
		expect(body.error).toMatchObject({
			message: '(#100) Invalid parameter',
			type: 'OAuthException',
			code: 100,
			error_data: { messaging_product: 'whatsapp', details: "/text must NOT have additional properties: 'colour'" },
		});
		expect(sim.requests()[0].contract).toEqual({ checked: true, valid: false, schema: 'TextMessage', errors: ["/text must NOT have additional properties: 'colour'"] });
		expect(sim.state.sentMessages).toHaveLength(0);
	});

	test('an empty body is checked as no parameters', async () => {
		const { status, body } = await call('POST', messagesPath, { token: TOKENS.valid });
		expect(status).toBe(400);
		expect(body.error.error_data.details).toContain("must have required property 'messaging_product'");
	});

	test('unknown phone number id -> 400 code 100 subcode 33', async () => {
		const { status, body } = await call('POST', '/v23.0/123456789/messages', { token: TOKENS.valid, json: textMessage });
		expect(status).toBe(400);
		expect(body.error).toMatchObject({ code: 100, error_subcode: 33, type: 'GraphMethodException' });
		expect(body.error.message).toMatch(/^Unsupported post request\. Object with ID '123456789' does not exist/);
	});

	test('any version prefix is accepted', async () => {
		expect((await call('POST', `/v19.0/${PHONE_NUMBER_ID}/messages`, { token: TOKENS.valid, json: textMessage })).status).toBe(200);
	});
});

describe('faults and latency', () => {
	test('a fault answers once with a Meta error and Retry-After, then is consumed', async () => {
		sim.addFault({ pathIncludes: '/messages', status: 429, retryAfterSeconds: 7 });
		const first = await call('POST', messagesPath, { token: TOKENS.valid, json: textMessage });
		expect(first.status).toBe(429);
		expect(first.headers.get('retry-after')).toBe('7');
		expect(first.body.error).toMatchObject({ code: 80007, type: 'OAuthException' });
		const second = await call('POST', messagesPath, { token: TOKENS.valid, json: textMessage });
		expect(second.status).toBe(200);
		expect(sim.requests().map((r) => r.response.status)).toEqual([429, 200]);
	});

	test('faults match by method and path, in order, with a custom error and times', async () => {
		sim.addFault({ method: 'GET', status: 500, times: 2, error: { message: 'Boom', code: 131000, error_data: { details: 'Something went wrong' } } });
		sim.addFault({ status: 503 });
		expect((await call('POST', messagesPath, { token: TOKENS.valid, json: textMessage })).status).toBe(503);
		const get = await call('GET', `/v23.0/${WABA_ID}/phone_numbers`, { token: TOKENS.valid });
		expect(get.status).toBe(500);
		expect(get.body.error).toMatchObject({ message: 'Boom', code: 131000, type: 'OAuthException', error_data: { details: 'Something went wrong' } });
		expect((await call('GET', `/v23.0/${WABA_ID}/phone_numbers`, { token: TOKENS.valid })).status).toBe(500);
		expect((await call('GET', `/v23.0/${WABA_ID}/phone_numbers`, { token: TOKENS.valid })).status).toBe(200);
	});

	test('probability 0 never fires, clearFaults removes faults', async () => {
		sim.addFault({ status: 500, probability: 0 });
		expect((await call('GET', `/v23.0/${WABA_ID}/phone_numbers`, { token: TOKENS.valid })).status).toBe(200);
		sim.addFault({ status: 500, times: Infinity });
		expect((await call('GET', `/v23.0/${WABA_ID}/phone_numbers`, { token: TOKENS.valid })).status).toBe(500);
		expect((await call('GET', `/v23.0/${WABA_ID}/phone_numbers`, { token: TOKENS.valid })).status).toBe(500);
		sim.clearFaults();
		expect((await call('GET', `/v23.0/${WABA_ID}/phone_numbers`, { token: TOKENS.valid })).status).toBe(200);
	});

	test('dropConnection destroys the socket without an answer', async () => {
		sim.addFault({ pathIncludes: '/messages', status: 500, dropConnection: true });
		await expect(call('POST', messagesPath, { token: TOKENS.valid, json: textMessage })).rejects.toThrow();
		expect(sim.requests()[0].response.status).toBe(0);
		expect((await call('POST', messagesPath, { token: TOKENS.valid, json: textMessage })).status).toBe(200);
	});

	test('latency delays answers by at least the latency', async () => {
		sim.setLatency(300);
		const started = Date.now();
		await call('GET', `/v23.0/${WABA_ID}/phone_numbers`, { token: TOKENS.valid });
		// A floor only: how fast an undelayed answer comes depends on the machine (10 ms slack for clocks).
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);
	});
});

describe('webhooks', () => {
	let receiver: http.Server;
	let receiverUrl: string;
	let received: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders; body: string }>;

	beforeAll(async () => {
		receiver = http.createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (c: Buffer) => chunks.push(c));
			req.on('end', () => {
				const body = Buffer.concat(chunks).toString('utf8');
				received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
				const url = new URL(req.url ?? '/', 'http://localhost');
				if (req.method === 'GET') {
					const ok = url.searchParams.get('hub.mode') === 'subscribe' && url.searchParams.get('hub.verify_token') === VERIFY_TOKEN;
					res.writeHead(ok ? 200 : 403);
					res.end(ok ? (url.searchParams.get('hub.challenge') ?? '') : 'forbidden');
					return;
				}
				const expected = `sha256=${createHmac('sha256', APP_SECRET).update(body).digest('hex')}`;
				const ok = req.headers['x-hub-signature-256'] === expected;
				res.writeHead(ok ? 200 : 401);
				res.end(ok ? 'EVENT_RECEIVED' : 'bad signature');
			});
		});
		await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
		receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhook`;
	});
	afterAll(async () => {
		await new Promise<void>((resolve) => receiver.close(() => resolve()));
	});
	beforeEach(() => {
		received = [];
	});

	const payload = { object: 'whatsapp_business_account', entry: [{ id: WABA_ID, changes: [] }] };

	test('valid signature is the HMAC-SHA256 of the raw body with the app secret', async () => {
		const result = await sim.postWebhook(receiverUrl, payload);
		expect(result).toEqual({ status: 200, body: 'EVENT_RECEIVED' });
		expect(received[0].headers['content-type']).toBe('application/json');
		expect(received[0].body).toBe(JSON.stringify(payload));
		expect(received[0].headers['x-hub-signature-256']).toBe(`sha256=${createHmac('sha256', APP_SECRET).update(received[0].body).digest('hex')}`);
	});

	test('forged signature has the same format but the wrong value; none sends no header', async () => {
		expect((await sim.postWebhook(receiverUrl, payload, { sign: 'forged' })).status).toBe(401);
		expect(received[0].headers['x-hub-signature-256']).toMatch(/^sha256=[0-9a-f]{64}$/);
		expect((await sim.postWebhook(receiverUrl, payload, { sign: 'none' })).status).toBe(401);
		expect(received[1].headers['x-hub-signature-256']).toBeUndefined();
	});

	test('rawBody is sent byte for byte and signed as sent', async () => {
		const rawBody = '{"object":"whatsapp_business_account",  "entry":[]}';
		expect((await sim.postWebhook(receiverUrl, undefined, { rawBody })).status).toBe(200);
		expect(received[0].body).toBe(rawBody);
	});

	test('handshake sends hub.* parameters and returns the answer', async () => {
		expect(await sim.handshake(receiverUrl, VERIFY_TOKEN, '1234567')).toEqual({ status: 200, body: '1234567' });
		expect(received[0].url).toBe('/webhook?hub.mode=subscribe&hub.challenge=1234567&hub.verify_token=sim-verify-token');
		expect((await sim.handshake(receiverUrl, 'wrong')).status).toBe(403);
	});

	test('the same over the admin API', async () => {
		const result = await call('POST', '/__sim/webhook', { json: { url: receiverUrl, payload, sign: 'valid' } });
		expect(result.body).toEqual({ status: 200, body: 'EVENT_RECEIVED' });
		const shake = await call('POST', '/__sim/handshake', { json: { url: receiverUrl, verifyToken: VERIFY_TOKEN, challenge: '42' } });
		expect(shake.body).toEqual({ status: 200, body: '42' });
		expect(sim.requests()).toHaveLength(0); // admin calls are not recorded
	});
});

describe('WABA state endpoints', () => {
	test('phone numbers: fields, limit and cursor paging; contract-shaped', async () => {
		const first = await call('GET', `/v23.0/${WABA_ID}/phone_numbers?limit=1`, { token: TOKENS.valid });
		expect(first.status).toBe(200);
		expect(first.body.data.map((p: Json) => p.id)).toEqual([PHONE_NUMBER_ID]);
		expect(validateSchema('WhatsAppBusinessAccountPhoneNumbersConnection', first.body).errors).toEqual([]);
		expect(first.body.paging.cursors.after).toEqual(expect.any(String));
		const next = new URL(first.body.paging.next as string);
		const second = await call('GET', `${next.pathname}${next.search}`);
		expect(second.body.data.map((p: Json) => p.id)).toEqual([SECOND_PHONE_NUMBER_ID]);
		expect(second.body.paging.next).toBeUndefined();
		expect(second.body.paging.previous).toEqual(expect.any(String));

		const fields = await call('GET', `/v23.0/${WABA_ID}/phone_numbers?fields=display_phone_number,throughput{level}`, { token: TOKENS.valid });
		expect(fields.body.data[0]).toEqual({ display_phone_number: '+1 555-010-0001', throughput: { level: 'STANDARD' }, id: PHONE_NUMBER_ID });
		const bad = await call('GET', `/v23.0/${WABA_ID}/phone_numbers?fields=pin`, { token: TOKENS.valid });
		expect(bad.status).toBe(400);
		expect(bad.body.error.message).toBe('(#100) Tried accessing nonexisting field (pin) on node type (WhatsAppBusinessPhoneNumber)');
	});

	test('single phone number', async () => {
		const { status, body } = await call('GET', `/v23.0/${SECOND_PHONE_NUMBER_ID}?fields=verified_name,quality_rating`, { token: TOKENS.valid });
		expect(status).toBe(200);
		expect(body).toEqual({ verified_name: 'Sim Shop Support', quality_rating: 'GREEN', id: SECOND_PHONE_NUMBER_ID });
		expect(validateSchema('PhoneNumberInfo', body).valid).toBe(true);
	});

	test('templates: name is a prefix match, status/category/language filters, paging', async () => {
		// Other seeded templates may be added to the state; the assertions only rely on the basic ones.
		const list = async (query: string) => (await call('GET', `/v23.0/${WABA_ID}/message_templates?${query}`, { token: TOKENS.valid })).body;
		const all = (await list('limit=100')).data as Json[];
		expect(all.length).toBe(sim.state.templates.length);

		const order = (await list('name=order&limit=100')).data as Json[];
		expect(order.map((t) => `${t.name}/${t.language}`)).toEqual(expect.arrayContaining(['order_update/en_US', 'order_update/es_ES', 'order_cancelled/en_US']));
		expect(order.every((t) => (t.name as string).startsWith('order'))).toBe(true);
		expect(order).toHaveLength(all.filter((t) => (t.name as string).startsWith('order')).length);
		expect((await list('name=update')).data).toEqual([]);

		const marketing = (await list('status=APPROVED&category=MARKETING&limit=100')).data as Json[];
		expect(marketing.map((t) => t.name)).toContain('summer_sale');
		expect(marketing.every((t) => t.status === 'APPROVED' && t.category === 'MARKETING')).toBe(true);
		const spanish = (await list('language=es_ES&limit=100')).data as Json[];
		expect(spanish.map((t) => t.name)).toContain('order_update');
		expect(spanish.every((t) => t.language === 'es_ES')).toBe(true);

		const page = await list('limit=2&fields=name');
		expect(page.data).toEqual(all.slice(0, 2).map((t) => ({ name: t.name, id: t.id })));
		const rest = await list(`limit=3&fields=name&after=${page.paging.cursors.after}`);
		expect(rest.data.map((t: Json) => t.id)).toEqual(all.slice(2, 5).map((t) => t.id));
		expect(validateSchema('GetTemplateByNameDefaultFieldsResponse', await list('')).valid).toBe(true);
	});

	test('media: multipart upload, URL lookup, authenticated download, delete', async () => {
		const bytes = Buffer.from('%PDF-1.4 simulated document');
		const form = new FormData();
		form.append('messaging_product', 'whatsapp');
		form.append('type', 'application/pdf');
		form.append('file', new Blob([bytes], { type: 'application/pdf' }), 'invoice.pdf');
		const upload = await call('POST', `/v23.0/${PHONE_NUMBER_ID}/media`, { token: TOKENS.valid, form });
		expect(upload.status).toBe(200);
		const id = upload.body.id as string;
		expect(id).toMatch(/^[0-9]{16}$/);
		expect(sim.requests()[0]).toMatchObject({
			body: { messaging_product: 'whatsapp', type: 'application/pdf', file: { filename: 'invoice.pdf', contentType: 'application/pdf', size: bytes.length } },
			contract: { checked: true, valid: true, schema: 'UploadImageMultipartRequest' },
		});

		const info = await call('GET', `/v23.0/${id}`, { token: TOKENS.valid });
		expect(info.body).toEqual({
			messaging_product: 'whatsapp',
			url: `${sim.url}/__media/${id}`,
			mime_type: 'application/pdf',
			sha256: createHash('sha256').update(bytes).digest('hex'),
			file_size: String(bytes.length),
			id,
		});
		expect(validateSchema('RetrieveMediaUrlResponse', info.body).valid).toBe(true);

		const download = await fetch(info.body.url as string, { headers: { authorization: `Bearer ${TOKENS.valid}` } });
		expect(download.status).toBe(200);
		expect(download.headers.get('content-type')).toBe('application/pdf');
		expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
		expect((await fetch(info.body.url as string)).status).toBe(400);

		expect((await call('DELETE', `/v23.0/${id}`, { token: TOKENS.valid })).body).toEqual({ success: true });
		const gone = await call('GET', `/v23.0/${id}`, { token: TOKENS.valid });
		expect(gone.body.error).toMatchObject({ code: 100, error_subcode: 33 });
	});

	test('upload without a file', async () => {
		const form = new FormData();
		form.append('messaging_product', 'whatsapp');
		const { status, body } = await call('POST', `/v23.0/${PHONE_NUMBER_ID}/media`, { token: TOKENS.valid, form });
		expect(status).toBe(400);
		expect(body.error.message).toBe('(#100) The parameter file is required.');
	});

	test('the seeded sample media exists after reset', async () => {
		expect((await call('GET', `/v23.0/${SAMPLE_MEDIA_ID}`, { token: TOKENS.valid })).body.mime_type).toBe('image/png');
	});

	test('unknown edge', async () => {
		const { status, body } = await call('GET', `/v23.0/${PHONE_NUMBER_ID}/nothing`, { token: TOKENS.valid });
		expect(status).toBe(400);
		expect(body.error).toMatchObject({ code: 2500, message: 'Unknown path components: /nothing' });
	});
});

describe('admin API', () => {
	test('requests, faults, latency, state over HTTP', async () => {
		await call('POST', messagesPath, { token: TOKENS.valid, json: textMessage });
		await call('GET', `/v23.0/${WABA_ID}/phone_numbers`, { token: TOKENS.valid });
		const listed = await call('GET', '/__sim/requests?method=POST&pathIncludes=messages');
		expect(listed.body).toHaveLength(1);
		expect(listed.body[0]).toMatchObject({ method: 'POST', contract: { valid: true } });

		expect((await call('POST', '/__sim/faults', { json: { pathIncludes: 'phone_numbers', status: 500, times: 'Infinity' } })).body).toEqual({ success: true, faults: 1 });
		expect((await call('GET', `/v23.0/${WABA_ID}/phone_numbers`, { token: TOKENS.valid })).status).toBe(500);
		expect((await call('GET', `/v23.0/${WABA_ID}/phone_numbers`, { token: TOKENS.valid })).status).toBe(500);
		expect((await call('DELETE', '/__sim/faults')).body).toEqual({ success: true });
		expect((await call('GET', `/v23.0/${WABA_ID}/phone_numbers`, { token: TOKENS.valid })).status).toBe(200);

		expect((await call('POST', '/__sim/faults', { json: { status: 'oops' } })).status).toBe(400);
		expect((await call('POST', '/__sim/latency', { json: { ms: 5 } })).body).toEqual({ success: true, ms: 5 });

		const state = await call('GET', '/__sim/state');
		expect(state.body.waba.id).toBe(WABA_ID);
		expect(state.body.sentMessages).toHaveLength(1);
		expect(state.body.media[SAMPLE_MEDIA_ID].bytes).toBe('<70 bytes>');

		expect((await call('DELETE', '/__sim/requests')).body).toEqual({ success: true });
		expect(sim.requests()).toHaveLength(0);
	});
});
