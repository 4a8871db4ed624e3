/** Account schemas: limits and formats, checked before any request, with the messages users see. */
import { describe, expect, it } from '@jest/globals';
import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { componentsFromFields } from '../../nodes/WhatsAppCloud/actions/template/create.operation';
import { description as profileUpdate } from '../../nodes/WhatsAppCloud/actions/businessProfile/update.operation';
import type { LabelSource } from '../../nodes/WhatsAppCloud/helpers/labels';
import { validateInput } from '../../nodes/WhatsAppCloud/helpers/validate';
import {
	businessProfileUpdateInput,
	checkTemplateStructure,
	checkTemplateVariables,
	registerInput,
	requestCodeInput,
	setPinInput,
	subscribeAppInput,
	templateCreateInput,
	templateVariables,
	verifyCodeInput,
	type TemplateComponent,
} from '../../nodes/WhatsAppCloud/helpers/schemas/account';

const node: INode = { id: '1', name: 'WhatsApp Cloud', type: 'whatsAppCloud', typeVersion: 1, position: [0, 0], parameters: {} };

function failure(schema: Parameters<typeof validateInput>[1], input: unknown, labels: LabelSource = {}): NodeOperationError {
	try {
		validateInput(node, schema, input, labels, 2);
	} catch (error) {
		expect(error).toBeInstanceOf(NodeOperationError);
		return error as NodeOperationError;
	}
	throw new Error('expected the input to be refused');
}

describe('phone number schemas', () => {
	it('takes a six-digit PIN and refuses anything else, naming the parameter and item', () => {
		expect(setPinInput.parse({ phoneNumberId: '106540352242922', pin: ' 012345 ' })).toEqual({ phoneNumberId: '106540352242922', pin: '012345' });
		for (const pin of ['12345', '1234567', '12a456', '12 3456', '']) {
			const error = failure(setPinInput, { phoneNumberId: '1', pin }, { pin: 'Two-Step Verification PIN' });
			expect(error.message).toBe('"Two-Step Verification PIN": must be exactly 6 digits (0-9), e.g. 123456 (item 3)');
		}
	});

	it('refuses a Phone Number ID that is not digits', () => {
		const error = failure(setPinInput, { phoneNumberId: '+1 555 0100', pin: '123456' }, { phoneNumberId: 'Phone Number' });
		expect(error.message).toMatch(/^"Phone Number": must be an ID made of digits only/);
	});

	it('register: region optional, only the contract regions', () => {
		expect(registerInput.parse({ phoneNumberId: '1', pin: '123456', dataLocalizationRegion: '' })).toEqual({ phoneNumberId: '1', pin: '123456', dataLocalizationRegion: undefined });
		expect(registerInput.parse({ phoneNumberId: '1', pin: '123456', dataLocalizationRegion: 'DE' }).dataLocalizationRegion).toBe('DE');
		expect(registerInput.safeParse({ phoneNumberId: '1', pin: '123456', dataLocalizationRegion: 'FR' }).success).toBe(false);
	});

	it('request code: SMS or VOICE, language like en_US', () => {
		expect(requestCodeInput.parse({ phoneNumberId: '1', codeMethod: 'VOICE', language: 'pt_BR' }).language).toBe('pt_BR');
		const error = failure(requestCodeInput, { phoneNumberId: '1', codeMethod: 'SMS', language: 'en' }, { language: 'Language' });
		expect(error.message).toBe('"Language": must be a language and region code like en_US, es_ES or pt_BR (item 3)');
		expect(requestCodeInput.safeParse({ phoneNumberId: '1', codeMethod: 'EMAIL', language: 'en_US' }).success).toBe(false);
	});

	it('verify code: six digits, "123-456" and "123 456" accepted as typed from an SMS', () => {
		expect(verifyCodeInput.parse({ phoneNumberId: '1', code: '123-456' }).code).toBe('123456');
		expect(verifyCodeInput.parse({ phoneNumberId: '1', code: ' 123 456 ' }).code).toBe('123456');
		expect(verifyCodeInput.safeParse({ phoneNumberId: '1', code: '12345' }).success).toBe(false);
		expect(verifyCodeInput.safeParse({ phoneNumberId: '1', code: '1234567' }).success).toBe(false);
	});
});

describe('subscribe app schema', () => {
	it('needs https and a verify token for an override URL', () => {
		expect(subscribeAppInput.parse({ businessAccountId: '2', overrideCallbackUrl: '', verifyToken: '' })).toMatchObject({ overrideCallbackUrl: '' });
		expect(subscribeAppInput.safeParse({ businessAccountId: '2', overrideCallbackUrl: 'https://x.example/hook', verifyToken: 't' }).success).toBe(true);
		const http = failure(subscribeAppInput, { businessAccountId: '2', overrideCallbackUrl: 'http://x.example/hook', verifyToken: 't' }, { overrideCallbackUrl: 'Override Callback URL' });
		expect(http.message).toMatch(/"Override Callback URL": must use https:\/\//);
		const noToken = failure(subscribeAppInput, { businessAccountId: '2', overrideCallbackUrl: 'https://x.example/hook', verifyToken: ' ' }, { verifyToken: 'Verify Token' });
		expect(noToken.message).toMatch(/^"Verify Token": is needed with an override callback URL/);
	});
});

describe('business profile schema', () => {
	const base = { phoneNumberId: '1' };
	it('about: 1 to 139 characters, reported with the length', () => {
		expect(businessProfileUpdateInput.safeParse({ ...base, about: 'a'.repeat(139) }).success).toBe(true);
		const error = failure(businessProfileUpdateInput, { ...base, about: 'a'.repeat(140) }, { about: 'About' });
		expect(error.message).toBe('"About" is too long: 140 characters; WhatsApp allows at most 139 (item 3)');
	});
	it('websites: at most 2 http(s) URLs', () => {
		expect(businessProfileUpdateInput.safeParse({ ...base, websites: ['https://a.example', 'http://b.example'] }).success).toBe(true);
		const many = failure(businessProfileUpdateInput, { ...base, websites: ['https://a.example', 'https://b.example', 'https://c.example'] }, profileUpdate);
		expect(many.message).toBe('"Websites" has too many entries: 3; WhatsApp allows at most 2 (item 3)');
		const ftp = failure(businessProfileUpdateInput, { ...base, websites: ['ftp://a.example'] }, profileUpdate);
		expect(ftp.message).toMatch(/^"Websites" \(entry 1\): must start with http/);
	});
	it('email, vertical and at least one field', () => {
		expect(businessProfileUpdateInput.safeParse({ ...base, email: 'not-an-email' }).success).toBe(false);
		expect(businessProfileUpdateInput.safeParse({ ...base, vertical: 'PETS' }).success).toBe(false);
		expect(businessProfileUpdateInput.safeParse({ ...base, vertical: 'RESTAURANT' }).success).toBe(true);
		const empty = failure(businessProfileUpdateInput, base, { updateFields: 'Update Fields' });
		expect(empty.message).toMatch(/^"Update Fields": is empty: add at least one field/);
	});
});

describe('template variables', () => {
	const body = (text: string, example?: TemplateComponent['example']): TemplateComponent => ({ type: 'BODY', text, ...(example ? { example } : {}) });

	it('lists variables in order', () => {
		expect(templateVariables('Hi {{1}}, order {{ 2 }} for {{name}}')).toEqual(['1', '2', 'name']);
	});

	it('accepts {{1}}…{{n}} with one example each', () => {
		expect(checkTemplateVariables([body('Hi {{1}}, order {{2}} shipped.', { body_text: [['Ann', 'A-1']] })], undefined)).toEqual([]);
	});

	it('refuses gaps and numbering that does not start at 1', () => {
		expect(checkTemplateVariables([body('Hi {{1}}, order {{3}} shipped.', { body_text: [['Ann', 'A-1']] })], undefined)).toContain(
			'Body: variables must be numbered {{1}} to {{2}} without gaps; found {{1}}, {{3}}',
		);
		expect(checkTemplateVariables([body('Hi {{2}} there.', { body_text: [['Ann']] })], undefined)[0]).toMatch(/numbered \{\{1\}\} to \{\{1\}\}/);
	});

	it('refuses missing or empty examples', () => {
		expect(checkTemplateVariables([body('Hi {{1}}, order {{2}} shipped.', { body_text: [['Ann']] })], undefined)).toContain(
			'Body: has 2 variables ({{1}}…{{2}}) but 1 example value; give one example per variable, in order',
		);
		expect(checkTemplateVariables([body('Hi {{1}}, order {{2}} shipped.')], undefined)[0]).toMatch(/but 0 example values/);
		expect(checkTemplateVariables([body('Hi {{1}}, order {{2}} shipped.', { body_text: [['Ann', ' ']] })], undefined)).toEqual([
			'Body: the variable {{2}} needs an example value',
		]);
	});

	it('named variables need parameter_format NAMED and an example each', () => {
		const named = body('Hi {{first_name}}, order {{order_id}} shipped.', {
			body_text_named_params: [{ param_name: 'first_name', example: 'Ann' }],
		});
		const problems = checkTemplateVariables([named], 'NAMED');
		expect(problems).toEqual(['Body: the variable {{order_id}} needs an example value (Meta reviews templates with their examples)']);
		expect(checkTemplateVariables([named], undefined)).toContain('Variables: the template uses named variables, so its parameter_format must be "NAMED"');
	});

	it('refuses mixed, malformed, leading/trailing variables and more than one header variable', () => {
		expect(checkTemplateVariables([body('Hi {{1}} and {{name}} ok', { body_text: [['a']] })], 'NAMED')).toContain(
			'Variables: use either numbered variables ({{1}}) or named ones ({{first_name}}) in one template, not both',
		);
		expect(checkTemplateVariables([body('Hi {{First Name}} ok')], undefined)[0]).toMatch(/\{\{First Name\}\} is not a valid variable/);
		expect(checkTemplateVariables([body('{{1}} is your code', { body_text: [['1']] })], undefined)).toContain('Body: must not start with a variable; put some text before it');
		expect(checkTemplateVariables([body('Your code is {{1}}', { body_text: [['1']] })], undefined)).toContain('Body: must not end with a variable; put some text after it');
		const header: TemplateComponent = { type: 'HEADER', format: 'TEXT', text: '{{1}} and {{2}}', example: { header_text: ['a', 'b'] } };
		expect(checkTemplateVariables([header], undefined)).toContain('Header: has 2 variables; a header may have at most 1');
	});

	it('URL buttons: one {{1}} at the end, with an example', () => {
		const buttons = (url: string, example?: string[]): TemplateComponent => ({ type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Track', url, ...(example ? { example } : {}) }] });
		expect(checkTemplateVariables([buttons('https://x.example/t/{{1}}', ['https://x.example/t/9'])], undefined)).toEqual([]);
		expect(checkTemplateVariables([buttons('https://x.example/t/{{1}}')], undefined)[0]).toMatch(/Button 1 URL: the variable \{\{1\}\} needs an example/);
		expect(checkTemplateVariables([buttons('https://x.example/{{1}}/t', ['a'])], undefined)[0]).toMatch(/at the very end of the URL/);
	});

	it('structure: lengths, one body, button count, media header sample', () => {
		expect(checkTemplateStructure([{ type: 'HEADER', format: 'TEXT', text: 'x'.repeat(61) }, body('ok')], 'UTILITY')).toContain(
			'Header: is too long: 61 characters; WhatsApp allows at most 60',
		);
		expect(checkTemplateStructure([{ type: 'FOOTER', text: 'f' }], 'UTILITY')).toContain('Body: every template needs a BODY component');
		expect(checkTemplateStructure([{ type: 'HEADER', format: 'IMAGE' }, body('ok')], 'MARKETING')[0]).toMatch(/image header needs a sample file handle/);
		const eleven = Array.from({ length: 11 }, (_, i) => ({ type: 'QUICK_REPLY', text: `b${i}` }));
		expect(checkTemplateStructure([body('ok'), { type: 'BUTTONS', buttons: eleven }], 'MARKETING')).toContain(
			'Buttons: has too many entries: 11; WhatsApp allows at most 10',
		);
		expect(checkTemplateStructure([body('ok'), { type: 'BUTTONS', buttons: [{ type: 'PHONE_NUMBER', text: 'Call', phone_number: '0791' }] }], 'UTILITY')[0]).toMatch(
			/Button 1 phone number: "0791" is not usable/,
		);
		expect(checkTemplateStructure([{ type: 'BODY', add_security_recommendation: true }], 'AUTHENTICATION')).toEqual([]);
	});

	it('templateCreateInput: name ^[a-z0-9_]+$ up to 512, all problems listed', () => {
		const ok = { name: 'order_update_2', language: 'en_US', category: 'UTILITY', components: [body('Hi {{1}}, done.', { body_text: [['Ann']] })] };
		expect(templateCreateInput.safeParse(ok).success).toBe(true);
		const error = failure(templateCreateInput, { ...ok, name: 'Order Update' }, { name: 'Template Name' });
		expect(error.message).toBe('"Template Name": may only contain lowercase letters a-z, digits and underscores, e.g. order_update_2 (item 3)');
		expect(templateCreateInput.safeParse({ ...ok, name: 'a'.repeat(513) }).success).toBe(false);
		expect(templateCreateInput.safeParse({ ...ok, name: 'a'.repeat(512) }).success).toBe(true);
		const both = failure(templateCreateInput, { ...ok, components: [body('{{1}} and {{3}}')] }, { components: 'Template Content' });
		expect(both.message).toBe('"Template Content": Body: variables must be numbered {{1}} to {{2}} without gaps; found {{1}}, {{3}} (item 3)');
		expect(both.description).toMatch(/Body: must not start with a variable/);
		expect(both.description).toMatch(/but 0 example values/);
	});
});

describe('componentsFromFields (Template → Create, "Using Fields Below")', () => {
	const empty = { headerType: 'none', headerText: '', headerExample: '', headerHandle: '', bodyText: '', bodyExamples: [], footerText: '', buttons: [] };

	it('builds header, body with ordered examples, footer and buttons', () => {
		const { components, parameterFormat } = componentsFromFields({
			...empty,
			headerType: 'TEXT',
			headerText: 'Order {{1}}',
			headerExample: 'A-1',
			bodyText: 'Hi {{1}}, order {{2}} ships {{3}}.',
			bodyExamples: [{ variable: '2', value: 'A-1' }, { variable: '{{1}}', value: 'Ann' }, { value: 'today' }],
			footerText: 'Sim Shop',
			buttons: [
				{ type: 'URL', text: 'Track', url: 'https://x.example/t/{{1}}', urlExample: 'https://x.example/t/A-1' },
				{ type: 'PHONE_NUMBER', text: 'Call', phoneNumber: '+1 (555) 010-0001' },
				{ type: 'COPY_CODE', codeExample: 'SAVE20' },
			],
		});
		expect(parameterFormat).toBeUndefined();
		expect(components).toEqual([
			{ type: 'HEADER', format: 'TEXT', text: 'Order {{1}}', example: { header_text: ['A-1'] } },
			{ type: 'BODY', text: 'Hi {{1}}, order {{2}} ships {{3}}.', example: { body_text: [['Ann', 'A-1', 'today']] } },
			{ type: 'FOOTER', text: 'Sim Shop' },
			{
				type: 'BUTTONS',
				buttons: [
					{ type: 'URL', text: 'Track', url: 'https://x.example/t/{{1}}', example: ['https://x.example/t/A-1'] },
					{ type: 'PHONE_NUMBER', text: 'Call', phone_number: '15550100001' },
					{ type: 'COPY_CODE', example: 'SAVE20' },
				],
			},
		]);
		expect(checkTemplateVariables(components, parameterFormat)).toEqual([]);
	});

	it('detects named variables and pairs examples by name', () => {
		const { components, parameterFormat } = componentsFromFields({
			...empty,
			bodyText: 'Hi {{first_name}}, see you {{day}}.',
			bodyExamples: [{ variable: 'day', value: 'Monday' }, { variable: 'first_name', value: 'Ann' }],
		});
		expect(parameterFormat).toBe('NAMED');
		expect(components[0].example).toEqual({
			body_text_named_params: [
				{ param_name: 'first_name', example: 'Ann' },
				{ param_name: 'day', example: 'Monday' },
			],
		});
	});
});
