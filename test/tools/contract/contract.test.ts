import * as fs from 'node:fs';
import * as path from 'node:path';
import {
	MESSAGES_OPERATION,
	WEBHOOK_OPERATION,
	operationKeyFor,
	validateRequest,
	validateSchema,
	validateWebhook,
} from '../../../tools/contract/validate';

interface KnownInvalid {
	reason: string;
	expectError: string;
}
interface Examples {
	messages: Record<string, unknown>;
	webhooks: Record<string, unknown>;
	knownInvalid: { messages: Record<string, KnownInvalid>; webhooks: Record<string, KnownInvalid> };
}

const contractDir = path.join(__dirname, '..', '..', '..', 'tools', 'contract');
const examples = JSON.parse(fs.readFileSync(path.join(contractDir, 'examples.json'), 'utf8')) as Examples;
const schemasText = fs.readFileSync(path.join(contractDir, 'schemas.json'), 'utf8');

const MESSAGES_PATH = '/v23.0/106540352242922/messages';
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('contract examples', () => {
	test('examples.json holds the 50 message and 16 webhook examples of the contract', () => {
		expect(Object.keys(examples.messages)).toHaveLength(50);
		expect(Object.keys(examples.webhooks)).toHaveLength(16);
		expect(Object.keys(examples.knownInvalid.messages).sort()).toEqual([
			'Send Multi-Product Message',
			'Send Reply to List Message',
			'Send Sample Issue Resolution Template',
		]);
		expect(Object.keys(examples.knownInvalid.webhooks)).toEqual([]);
	});

	const validMessages = Object.keys(examples.messages).filter((name) => !(name in examples.knownInvalid.messages));
	test.each(validMessages)('message example "%s" validates', (name) => {
		const result = validateRequest('POST', MESSAGES_PATH, examples.messages[name]);
		expect(result.errors).toEqual([]);
		expect(result).toMatchObject({ valid: true, checked: true, operation: MESSAGES_OPERATION });
	});

	test.each(Object.entries(examples.knownInvalid.messages))('known-invalid message example "%s" fails for the documented reason', (name, known) => {
		const result = validateRequest('POST', MESSAGES_PATH, examples.messages[name]);
		expect(result.valid).toBe(false);
		expect(result.errors.join('\n')).toContain(known.expectError);
	});

	test.each(Object.keys(examples.webhooks))('webhook example "%s" validates', (name) => {
		const result = validateWebhook(examples.webhooks[name]);
		expect(result.errors).toEqual([]);
		expect(result).toMatchObject({ valid: true, checked: true, schema: 'WebhookPayload', operation: WEBHOOK_OPERATION });
	});

	test('the Message branch is chosen from type, read receipts use MarkMessageRequestPayload', () => {
		expect(validateRequest('POST', MESSAGES_PATH, examples.messages['Send Text Message']).schema).toBe('TextMessage');
		expect(validateRequest('POST', MESSAGES_PATH, examples.messages['Send Reply Button']).schema).toBe('InteractiveMessage');
		expect(validateRequest('POST', MESSAGES_PATH, examples.messages['Send Test Message']).schema).toBe('TemplateMessage');
		// no `type` = text (Meta's default)
		expect(validateRequest('POST', MESSAGES_PATH, examples.messages['Send Text Message with Preview URL']).schema).toBe('TextMessage');
		expect(validateRequest('POST', MESSAGES_PATH, examples.messages['Send typing indicator and read receipt']).schema).toBe('MarkMessageRequestPayload');
	});
});

describe('broken bodies fail with readable errors', () => {
	const text = { messaging_product: 'whatsapp', recipient_type: 'individual', to: '15550009999', type: 'text', text: { body: 'hi' } };

	test('unknown top-level property of a text message', () => {
		const result = validateRequest('POST', MESSAGES_PATH, { ...text, colour: 'red' });
		expect(result).toMatchObject({ valid: false, schema: 'TextMessage' });
		expect(result.errors).toEqual(["(root) must NOT have unevaluated properties: 'colour'"]);
	});

	test('unknown property inside text', () => {
		const result = validateRequest('POST', MESSAGES_PATH, { ...text, text: { body: 'hi', bold: true } });
		expect(result.errors).toEqual(["/text must NOT have additional properties: 'bold'"]);
	});

	test('property of another message type is rejected', () => {
		const result = validateRequest('POST', MESSAGES_PATH, { ...text, image: { id: '1' } });
		expect(result.errors).toContain("(root) must NOT have unevaluated properties: 'image'");
	});

	test('interactive message without action', () => {
		const body = clone(examples.messages['Send Reply Button']) as { interactive: Record<string, unknown> };
		delete body.interactive.action;
		const result = validateRequest('POST', MESSAGES_PATH, body);
		expect(result).toMatchObject({ valid: false, schema: 'InteractiveMessage' });
		expect(result.errors).toEqual(["/interactive must have required property 'action'"]);
	});

	test('unknown message type', () => {
		const result = validateRequest('POST', MESSAGES_PATH, { ...text, type: 'hologram' });
		expect(result.valid).toBe(false);
		expect(result.errors[0]).toMatch(/^\/type must be equal to one of the allowed values: .*"text"/);
	});

	test('missing recipient', () => {
		const { to: _to, ...body } = text;
		expect(validateRequest('POST', MESSAGES_PATH, body).errors).toContain("(root) must have required property 'to'");
	});

	test('template text parameter without text (checked through the template discriminators)', () => {
		const body = {
			messaging_product: 'whatsapp',
			to: '15550009999',
			type: 'template',
			template: { name: 'order_update', language: { code: 'en_US' }, components: [{ type: 'body', parameters: [{ type: 'text', value: 'x' }] }] },
		};
		expect(validateRequest('POST', MESSAGES_PATH, body).errors).toEqual(["/template/components/0/parameters/0 must have required property 'text'"]);
	});

	test('media by id and link at once', () => {
		const { text: _text, ...base } = text;
		const result = validateRequest('POST', MESSAGES_PATH, { ...base, type: 'image', image: { id: '1', link: 'https://x' } });
		expect(result.valid).toBe(false);
		expect(result.errors.join('\n')).toContain('/image must match exactly one schema in oneOf');
	});

	test('read receipt without message_id', () => {
		const result = validateRequest('POST', MESSAGES_PATH, { messaging_product: 'whatsapp', status: 'read' });
		expect(result).toMatchObject({ valid: false, schema: 'MarkMessageRequestPayload' });
		expect(result.errors).toEqual(["(root) must have required property 'message_id'"]);
	});

	test('incoming webhook message without sender', () => {
		const payload = clone(examples.webhooks['Text Message']) as { entry: Array<{ changes: Array<{ value: { messages: Array<Record<string, unknown>> } }> }> };
		delete payload.entry[0].changes[0].value.messages[0].from;
		const result = validateWebhook(payload);
		expect(result.valid).toBe(false);
		expect(result.errors[0]).toBe("/entry/0/changes/0/value/messages/0 must have required property 'from'");
	});

	test('register with a 4-digit PIN', () => {
		const result = validateRequest('POST', '/v23.0/106540352242922/register', { messaging_product: 'whatsapp', pin: '1234' });
		expect(result).toMatchObject({ valid: false, schema: 'WhatsAppBusinessPhoneNumberRegistrationRequest' });
		expect(result.errors.join('\n')).toContain('/pin must match pattern');
	});
});

describe('operation lookup', () => {
	test.each([
		['POST', '/v23.0/1/messages', undefined, 'POST /{Version}/{Phone-Number-ID}/messages'],
		['POST', '/v21.0/1/media?x=1', undefined, 'POST /{Version}/{Phone-Number-ID}/media'],
		['POST', '/1/register', undefined, 'POST /{Version}/{Phone-Number-ID}/register'],
		['GET', '/v23.0/2/phone_numbers', undefined, 'GET /{Version}/{WABA-ID}/phone_numbers'],
		['DELETE', '/v23.0/2/subscribed_apps', undefined, 'DELETE /{Version}/{WABA-ID}/subscribed_apps'],
		['POST', '/v23.0/3', undefined, 'POST /{Version}/{Phone-Number-ID}'],
		['POST', '/v23.0/3', 'TEMPLATE_ID', 'POST /{Version}/{TEMPLATE_ID}'],
		['GET', '/v23.0/3', 'Media-ID', 'GET /{Version}/{Media-ID}'],
		['POST', '/whatsapp/webhooks', undefined, 'POST /whatsapp/webhooks'],
	])('%s %s (%s) -> %s', (method, graphPath, hint, key) => {
		expect(operationKeyFor(method, graphPath, hint)).toBe(key);
	});

	test('unknown paths are not checked', () => {
		expect(operationKeyFor('POST', '/v23.0/1/nothing_here')).toBeUndefined();
		expect(validateRequest('POST', '/v23.0/1/nothing_here', { a: 1 })).toEqual({ valid: true, schema: '', errors: [], checked: false, operation: '' });
	});

	test('an absent optional body is not checked, an absent required one fails', () => {
		expect(validateRequest('POST', '/v23.0/2/subscribed_apps', undefined).checked).toBe(false);
		expect(validateRequest('POST', '/whatsapp/webhooks', undefined)).toMatchObject({ valid: false, checked: true });
	});
});

describe('schemas.json rewrites', () => {
	const doc = JSON.parse(schemasText) as { $defs: Record<string, unknown>; operations: Record<string, unknown> };

	function visit(value: unknown, fn: (node: Record<string, unknown>) => void): void {
		if (Array.isArray(value)) value.forEach((v) => visit(v, fn));
		else if (typeof value === 'object' && value !== null) {
			fn(value as Record<string, unknown>);
			Object.values(value).forEach((v) => visit(v, fn));
		}
	}

	test('no OpenAPI-only keywords and no prose remain', () => {
		visit(doc.$defs, (node) => {
			expect(node.discriminator).toBeUndefined();
			expect(node.nullable).toBeUndefined();
			expect(typeof node.description === 'string' || typeof node.example === 'string' || typeof node.summary === 'string').toBe(false);
		});
	});

	test('no allOf branch closes itself with additionalProperties:false', () => {
		visit(doc.$defs, (node) => {
			if (Array.isArray(node.allOf)) {
				for (const branch of node.allOf as Array<Record<string, unknown>>) expect(branch.additionalProperties).not.toBe(false);
			}
		});
		expect((doc.$defs.TextMessage as Record<string, unknown>).unevaluatedProperties).toBe(false);
	});

	test('webhook messages use the webhook-side schemas (merge-renamed $refs repaired)', () => {
		const textMessage2 = doc.$defs.TextMessage_2 as { allOf: Array<{ $ref?: string }> };
		expect(textMessage2.allOf[0].$ref).toBe('#/$defs/BaseMessageProperties_1');
		expect(schemasText).not.toContain('#/components/');
	});

	test('all requested operations are present', () => {
		expect(Object.keys(doc.operations)).toEqual(
			expect.arrayContaining([
				'POST /{Version}/{Phone-Number-ID}/messages',
				'POST /{Version}/{Phone-Number-ID}/media',
				'GET /{Version}/{Media-ID}',
				'DELETE /{Version}/{Media-ID}',
				'GET /{Version}/{Phone-Number-ID}',
				'POST /{Version}/{Phone-Number-ID}',
				'POST /{Version}/{Phone-Number-ID}/register',
				'POST /{Version}/{Phone-Number-ID}/deregister',
				'POST /{Version}/{Phone-Number-ID}/request_code',
				'POST /{Version}/{Phone-Number-ID}/verify_code',
				'GET /{Version}/{Phone-Number-ID}/whatsapp_business_profile',
				'POST /{Version}/{Phone-Number-ID}/whatsapp_business_profile',
				'GET /{Version}/{WABA-ID}/phone_numbers',
				'GET /{Version}/{WABA-ID}/subscribed_apps',
				'POST /{Version}/{WABA-ID}/subscribed_apps',
				'DELETE /{Version}/{WABA-ID}/subscribed_apps',
				'GET /{Version}/{WABA-ID}/message_templates',
				'POST /{Version}/{WABA-ID}/message_templates',
				'DELETE /{Version}/{WABA-ID}/message_templates',
				'GET /{Version}/{TEMPLATE_ID}',
				'POST /{Version}/{TEMPLATE_ID}',
				'POST /whatsapp/webhooks',
			]),
		);
		expect(doc.operations['POST /{Version}/{Phone-Number-ID}/media']).toMatchObject({ multipartFields: ['file', 'messaging_product'] });
	});

	test('validateSchema checks any definition', () => {
		expect(validateSchema('GraphAPIError', { error: { message: 'x', type: 'OAuthException', code: 100 } }).valid).toBe(true);
		expect(validateSchema('GraphAPIError', { error: { message: 'x' } }).valid).toBe(false);
	});
});
