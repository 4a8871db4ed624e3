/**
 * Template → Create: what Meta's review would refuse, found before sending (templates/review.ts),
 * each problem with the field it comes from; and the components "Using Fields Below" describes.
 */
import { describe, expect, it } from '@jest/globals';

import { componentsFromFields } from '../../../../nodes/WhatsAppCloud/actions/template/createContent';
import { placeholderNames } from '../../../../nodes/WhatsAppCloud/templates/placeholders';
import { reviewTemplate, type TemplateProblem } from '../../../../nodes/WhatsAppCloud/templates/review';
import type { TemplateComponent } from '../../../../nodes/WhatsAppCloud/templates/types';

const body = (text: string, example?: TemplateComponent['example']): TemplateComponent => ({
	type: 'BODY',
	text,
	...(example ? { example } : {}),
});

/** Problems as "where: message @ field". */
function review(components: TemplateComponent[], category = 'UTILITY', format?: 'NAMED' | 'POSITIONAL'): string[] {
	const at = (p: TemplateProblem) => ('button' in p.part ? `buttons.${p.part.button}.${p.part.key}` : p.part.field);
	return reviewTemplate(components, category, format).map((p) => `${p.where}: ${p.message} @ ${at(p)}`);
}

describe('one placeholder rule', () => {
	it('finds every {{…}} in order, trimmed, positional and named alike', () => {
		expect(placeholderNames('Hi {{1}}, order {{ 2 }} for {{name}} and {{First Name}}')).toEqual([
			'1',
			'2',
			'name',
			'First Name',
		]);
	});
});

describe('reviewTemplate', () => {
	it('accepts {{1}}…{{n}} with one example each', () => {
		expect(review([body('Hi {{1}}, order {{2}} shipped.', { body_text: [['Ann', 'A-1']] })])).toEqual([]);
	});

	it('refuses gaps and numbering that does not start at 1', () => {
		expect(review([body('Hi {{1}}, order {{3}} shipped.', { body_text: [['Ann', 'A-1']] })])).toEqual([
			'Body: variables must be numbered {{1}} to {{2}} without gaps; found {{1}}, {{3}} @ bodyText',
		]);
		expect(review([body('Hi {{2}} there.', { body_text: [['Ann']] })])).toEqual([
			'Body: variables must be numbered {{1}} to {{1}} without gaps; found {{2}} @ bodyText',
		]);
	});

	it('refuses missing or empty examples, on the examples field', () => {
		expect(review([body('Hi {{1}}, order {{2}} shipped.', { body_text: [['Ann']] })])).toEqual([
			'Body: the body has 2 variables ({{1}}…{{2}}) but 1 example value; give one example per variable, in order @ bodyExamples',
		]);
		expect(review([body('Hi {{1}}, order {{2}} shipped.')])).toEqual([
			'Body: the body has 2 variables ({{1}}…{{2}}) but 0 example values; give one example per variable, in order @ bodyExamples',
		]);
		expect(review([body('Hi {{1}}, order {{2}} shipped.', { body_text: [['Ann', ' ']] })])).toEqual([
			'Body: the variable {{2}} needs an example value @ bodyExamples',
		]);
	});

	it('named variables need the Named format and an example each', () => {
		const named = body('Hi {{first_name}}, order {{order_id}} shipped.', {
			body_text_named_params: [{ param_name: 'first_name', example: 'Ann' }],
		});
		expect(review([named], 'UTILITY', 'NAMED')).toEqual([
			'Body: the variable {{order_id}} needs an example value (Meta reviews templates with their examples) @ bodyExamples',
		]);
		expect(review([named])).toContain(
			'Variables: the template uses named variables ({{first_name}}), so its format must be Named @ parameterFormat',
		);
	});

	it('refuses mixed and malformed variables, variables at the ends of the body, two header variables', () => {
		expect(review([body('Hi {{1}} and {{name}} ok', { body_text: [['a']] })], 'UTILITY', 'NAMED')).toContain(
			'Variables: use either numbered variables ({{1}}) or named ones ({{first_name}}) in one template, not both @ bodyText',
		);
		expect(review([body('Hi {{First Name}} ok')])).toEqual([
			'Body: {{First Name}} is not a valid variable; use numbers {{1}}, {{2}} … or lowercase names with underscores like {{first_name}} @ bodyText',
		]);
		expect(review([body('{{1}} is your code', { body_text: [['1']] })])).toEqual([
			'Body: must not start with a variable; put some text before it @ bodyText',
		]);
		expect(review([body('Your code is {{1}}', { body_text: [['1']] })])).toEqual([
			'Body: must not end with a variable; put some text after it @ bodyText',
		]);
		const header: TemplateComponent = {
			type: 'HEADER',
			format: 'TEXT',
			text: '{{1}} and {{2}}',
			example: { header_text: ['a', 'b'] },
		};
		expect(review([header, body('ok')])).toEqual(['Header: has 2 variables; a header may have at most 1 @ headerText']);
	});

	it('URL buttons: one {{1}} at the end, with an example', () => {
		const buttons = (url: string, example?: string[]): TemplateComponent => ({
			type: 'BUTTONS',
			buttons: [{ type: 'URL', text: 'Track', url, ...(example ? { example } : {}) }],
		});
		expect(review([body('ok'), buttons('https://x.example/t/{{1}}', ['https://x.example/t/9'])])).toEqual([]);
		expect(review([body('ok'), buttons('https://x.example/t/{{1}}')])).toEqual([
			'Button 1 URL: the variable {{1}} needs an example value (the part of the URL it stands for) @ buttons.0.urlExample',
		]);
		expect(review([body('ok'), buttons('https://x.example/{{1}}/t', ['a'])])).toEqual([
			'Button 1 URL: may have one variable, {{1}}, at the very end of the URL @ buttons.0.url',
		]);
	});

	it('structure: lengths, one body, button count, media header sample, phone numbers', () => {
		expect(review([{ type: 'HEADER', format: 'TEXT', text: 'x'.repeat(61) }, body('ok')])).toEqual([
			'Header: is too long: 61 characters; WhatsApp allows at most 60 @ headerText',
		]);
		expect(review([{ type: 'FOOTER', text: 'f' }])).toEqual([
			'Body: every template needs a BODY component @ components',
		]);
		expect(review([{ type: 'HEADER', format: 'IMAGE' }, body('ok')], 'MARKETING')).toEqual([
			'Header: an image header needs a sample file handle (example.header_handle), uploaded with the Resumable Upload API @ headerHandle',
		]);
		const eleven = Array.from({ length: 11 }, (_, i) => ({ type: 'QUICK_REPLY', text: `b${i}` }));
		expect(review([body('ok'), { type: 'BUTTONS', buttons: eleven }], 'MARKETING')).toEqual([
			'Buttons: has too many entries: 11; WhatsApp allows at most 10 @ buttons',
		]);
		const phone = { type: 'BUTTONS', buttons: [{ type: 'PHONE_NUMBER', text: 'Call', phone_number: '0791' }] };
		expect(review([body('ok'), phone])[0]).toMatch(
			/^Button 1 phone number: "0791" is not usable: .* @ buttons\.0\.phoneNumber$/,
		);
		expect(review([body('ok'), body('again')])).toEqual([
			'Body: appears 2 times; a template has at most one @ components',
		]);
		const otp = { type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE' }] };
		expect(review([{ type: 'BODY', add_security_recommendation: true }, otp], 'AUTHENTICATION')).toEqual([]);
	});
});

describe('componentsFromFields (Template → Create, "Using Fields Below")', () => {
	const empty = {
		headerType: 'none',
		headerText: '',
		headerExample: '',
		headerHandle: '',
		bodyText: '',
		bodyExamples: [],
		footerText: '',
		buttons: [],
	};

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
		expect(reviewTemplate(components, 'UTILITY', parameterFormat)).toEqual([]);
	});

	it('detects named variables and pairs examples by name', () => {
		const { components, parameterFormat } = componentsFromFields({
			...empty,
			bodyText: 'Hi {{first_name}}, see you {{day}}.',
			bodyExamples: [
				{ variable: 'day', value: 'Monday' },
				{ variable: 'first_name', value: 'Ann' },
			],
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
