import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { validateInput } from '../../../../nodes/WhatsAppCloud/validation/validateInput';
import { variableFormatSchema, type VariableFormat } from '../../../../nodes/WhatsAppCloud/templates/formats';
import { placeholdersOf } from '../../../../nodes/WhatsAppCloud/templates/placeholders';
import { buildTemplateComponents, templateValuesSchema, unknownFormatVariables } from '../../../../nodes/WhatsAppCloud/templates/send';
import type { TemplateDefinition } from '../../../../nodes/WhatsAppCloud/templates/types';
import { sendComponentsJsonSchema } from '../../../../nodes/WhatsAppCloud/templates/values';
import { parseTemplate, variablesToMapperFields } from '../../../../nodes/WhatsAppCloud/templates/variables';

const node: INode = { id: '1', name: 'WhatsApp Cloud', type: 'whatsAppCloud', typeVersion: 1, position: [0, 0], parameters: {} };

/** Validate like the operation does, then build. */
function send(definition: TemplateDefinition, values: Record<string, unknown>, formats: VariableFormat[] = [], itemIndex = 0) {
	const parsed = parseTemplate(definition);
	const { schema, labels } = templateValuesSchema(parsed, formats);
	const valid = validateInput(node, schema, values, labels, itemIndex) as Record<string, unknown>;
	return buildTemplateComponents(parsed, valid, formats);
}

function errorOf(fn: () => unknown): NodeOperationError {
	try {
		fn();
	} catch (error) {
		expect(error).toBeInstanceOf(NodeOperationError);
		return error as NodeOperationError;
	}
	throw new Error('expected an error');
}

const positional: TemplateDefinition = {
	id: '1001',
	name: 'seasonal_promotion',
	language: 'en',
	status: 'APPROVED',
	components: [
		{ type: 'HEADER', format: 'TEXT', text: 'Our {{1}} is on!', example: { header_text: ['Summer Sale'] } },
		{
			type: 'BODY',
			text: 'Shop now through {{1}} and use code {{3}} to get {{2}} off. Again: {{1}}',
			example: { body_text: [['the end of August', '25%', '25OFF']] },
		},
		{ type: 'FOOTER', text: 'Unsubscribe below' },
		{
			type: 'BUTTONS',
			buttons: [
				{ type: 'QUICK_REPLY', text: 'Stop promotions' },
				{ type: 'URL', text: 'Shop Now', url: 'https://shop.example.com/p/{{1}}', example: ['https://shop.example.com/p/summer'] },
				{ type: 'URL', text: 'Website', url: 'https://example.com' },
				{ type: 'PHONE_NUMBER', text: 'Call', phone_number: '15550001111' },
			],
		},
	],
};

const named: TemplateDefinition = {
	name: 'order_confirmation_named',
	language: 'en_US',
	status: 'APPROVED',
	parameter_format: 'NAMED',
	components: [
		{
			type: 'HEADER',
			format: 'TEXT',
			text: 'Hi {{first_name}}',
			example: { header_text_named_params: [{ param_name: 'first_name', example: 'Jessica' }] },
		},
		{
			type: 'BODY',
			text: 'Order {{order_id}} costs {{total}} and arrives {{delivery_date}}.',
			example: {
				body_text_named_params: [
					{ param_name: 'order_id', example: 'A-1' },
					{ param_name: 'total', example: '$10' },
					{ param_name: 'delivery_date', example: 'May 1' },
				],
			},
		},
	],
};

const media = (format: string): TemplateDefinition => ({
	name: `with_${format.toLowerCase()}`,
	language: 'en_US',
	status: 'APPROVED',
	components: [{ type: 'HEADER', format }, { type: 'BODY', text: 'Hello' }],
});

const buttons: TemplateDefinition = {
	name: 'many_buttons',
	language: 'en_US',
	status: 'APPROVED',
	components: [
		{ type: 'BODY', text: 'Your offer' },
		{
			type: 'BUTTONS',
			buttons: [
				{ type: 'COPY_CODE', text: 'Copy offer code', example: ['SAVE25'] },
				{ type: 'FLOW', text: 'Book now', flow_id: '123', flow_action: 'navigate', navigate_screen: 'S1' },
				{ type: 'QUICK_REPLY', text: 'Not now' },
			],
		},
	],
};

describe('placeholdersOf', () => {
	it('orders positional placeholders by number and de-duplicates them', () => {
		expect(placeholdersOf('{{3}} {{1}} {{ 2 }} {{1}}')).toEqual({ names: ['1', '2', '3'], named: false });
	});
	it('keeps named placeholders in order of appearance', () => {
		expect(placeholdersOf('{{b}} {{a}} {{b}}')).toEqual({ names: ['b', 'a'], named: true });
	});
	it('finds nothing in text without placeholders', () => {
		expect(placeholdersOf('Hello {world}')).toEqual({ names: [], named: false });
		expect(placeholdersOf(undefined)).toEqual({ names: [], named: false });
	});
});

describe('parseTemplate', () => {
	it('lists header text, body variables in order, and button values with examples', () => {
		const parsed = parseTemplate(positional);
		expect(parsed.variables.map((v) => [v.id, v.label, v.required, v.example])).toEqual([
			['header:1', 'Header {{1}}', true, 'Summer Sale'],
			['body:1', 'Body {{1}}', true, 'the end of August'],
			['body:2', 'Body {{2}}', true, '25%'],
			['body:3', 'Body {{3}}', true, '25OFF'],
			['button:0:payload', "Button 1 'Stop promotions' Payload", false, undefined],
			['button:1:url', "Button 2 'Shop Now' URL Suffix", true, 'https://shop.example.com/p/summer'],
		]);
		expect(parsed.unsupported).toEqual([]);
	});

	it('reads named parameters and their examples', () => {
		const parsed = parseTemplate(named);
		expect(parsed.variables.map((v) => [v.id, v.named, v.example])).toEqual([
			['header:first_name', true, 'Jessica'],
			['body:order_id', true, 'A-1'],
			['body:total', true, '$10'],
			['body:delivery_date', true, 'May 1'],
		]);
	});

	it.each([
		['IMAGE', ['header:image']],
		['VIDEO', ['header:video']],
		['DOCUMENT', ['header:document', 'header:document:filename']],
		['LOCATION', ['header:location:latitude', 'header:location:longitude', 'header:location:name', 'header:location:address']],
	])('asks for a %s header', (format, ids) => {
		expect(parseTemplate(media(format)).variables.map((v) => v.id)).toEqual(ids);
	});

	it('asks for a coupon code, flow token/data and a quick-reply payload', () => {
		const parsed = parseTemplate(buttons);
		expect(parsed.variables.map((v) => [v.id, v.required])).toEqual([
			['button:0:coupon_code', true],
			['button:1:flow_token', false],
			['button:1:flow_action_data', false],
			['button:2:payload', false],
		]);
	});

	it('reports what it cannot fill instead of guessing', () => {
		const parsed = parseTemplate({
			name: 'call_me',
			language: 'en',
			components: [
				{ type: 'BODY', text: 'Hi {{1}}' },
				{ type: 'CALL_PERMISSION_REQUEST' },
				{ type: 'BUTTONS', buttons: [{ type: 'MPM', text: 'View items' }] },
			],
		});
		expect(parsed.unsupported).toEqual(['call_permission_request component', 'mpm button']);
	});

	it('has no variables for hello_world', () => {
		const parsed = parseTemplate({
			name: 'hello_world',
			language: 'en_US',
			components: [
				{ type: 'HEADER', format: 'TEXT', text: 'Hello World' },
				{ type: 'BODY', text: 'Welcome and congratulations!!' },
				{ type: 'FOOTER', text: 'WhatsApp Business API Team' },
			],
		});
		expect(parsed.variables).toEqual([]);
		expect(buildTemplateComponents(parsed, {})).toEqual([]);
	});
});

describe('variablesToMapperFields', () => {
	it('makes one string field per variable; optional ones start hidden', () => {
		const fields = variablesToMapperFields(parseTemplate(positional));
		expect(fields[0]).toEqual({
			id: 'header:1',
			displayName: 'Header {{1}}',
			required: true,
			defaultMatch: false,
			canBeUsedToMatch: false,
			display: true,
			type: 'string',
			removed: false,
		});
		expect(fields.find((f) => f.id === 'button:0:payload')).toMatchObject({ required: false, removed: true });
	});
});

describe('buildTemplateComponents', () => {
	it('builds header, body (in {{n}} order) and button components', () => {
		const components = send(positional, {
			'header:1': 'Summer Sale',
			'body:3': '25OFF',
			'body:1': 'the end of August',
			'body:2': 25,
			'button:1:url': 'summer',
			'button:0:payload': 'STOP',
		});
		expect(components).toEqual([
			{ type: 'header', parameters: [{ type: 'text', text: 'Summer Sale' }] },
			{
				type: 'body',
				parameters: [
					{ type: 'text', text: 'the end of August' },
					{ type: 'text', text: '25' },
					{ type: 'text', text: '25OFF' },
				],
			},
			{ type: 'button', sub_type: 'quick_reply', index: '0', parameters: [{ type: 'payload', payload: 'STOP' }] },
			{ type: 'button', sub_type: 'url', index: '1', parameters: [{ type: 'text', text: 'summer' }] },
		]);
	});

	it('leaves out a quick-reply button whose payload is empty', () => {
		const components = send(positional, { 'header:1': 'a', 'body:1': 'b', 'body:2': 'c', 'body:3': 'd', 'button:1:url': 'x', 'button:0:payload': '' });
		expect(components.filter((c) => c.type === 'button').map((c) => c.sub_type)).toEqual(['url']);
	});

	it('sends named parameters with parameter_name', () => {
		const components = send(named, { 'header:first_name': 'Jessica', 'body:order_id': 'A-1', 'body:total': '$10', 'body:delivery_date': 'May 1' });
		expect(components).toEqual([
			{ type: 'header', parameters: [{ type: 'text', parameter_name: 'first_name', text: 'Jessica' }] },
			{
				type: 'body',
				parameters: [
					{ type: 'text', parameter_name: 'order_id', text: 'A-1' },
					{ type: 'text', parameter_name: 'total', text: '$10' },
					{ type: 'text', parameter_name: 'delivery_date', text: 'May 1' },
				],
			},
		]);
	});

	it('sends currency and date_time body parameters', () => {
		const formats = [
			variableFormatSchema.parse({ variable: 'total', format: 'currency', currencyCode: 'eur' }),
			variableFormatSchema.parse({ variable: 'delivery_date', format: 'date_time' }),
		];
		const components = send(named, { 'header:first_name': 'J', 'body:order_id': 'A-1', 'body:total': '12,5', 'body:delivery_date': 'February 25, 1977' }, formats);
		expect(components[1].parameters).toEqual([
			{ type: 'text', parameter_name: 'order_id', text: 'A-1' },
			{ type: 'currency', parameter_name: 'total', currency: { fallback_value: '€12.50', code: 'EUR', amount_1000: 12500 } },
			{ type: 'date_time', parameter_name: 'delivery_date', date_time: { fallback_value: 'February 25, 1977' } },
		]);
	});

	it('uses the given text for a currency when there is one', () => {
		const formats = [variableFormatSchema.parse({ variable: '2', format: 'currency', currencyCode: 'USD', fallbackText: '$100.99' })];
		const components = send(positional, { 'header:1': 'a', 'body:1': 'b', 'body:2': 100.99, 'body:3': 'd', 'button:1:url': 'x' }, formats);
		expect(components[1].parameters[1]).toEqual({ type: 'currency', currency: { fallback_value: '$100.99', code: 'USD', amount_1000: 100990 } });
	});

	it.each([
		['https://cdn.example.com/a.jpg', { link: 'https://cdn.example.com/a.jpg' }],
		['1234567890', { id: '1234567890' }],
	])('sends an image header from %s', (value, image) => {
		expect(send(media('IMAGE'), { 'header:image': value })).toEqual([{ type: 'header', parameters: [{ type: 'image', image }] }]);
	});

	it('sends a video header and a document header with a file name', () => {
		expect(send(media('VIDEO'), { 'header:video': 'https://x.example/v.mp4' })[0].parameters).toEqual([
			{ type: 'video', video: { link: 'https://x.example/v.mp4' } },
		]);
		expect(send(media('DOCUMENT'), { 'header:document': '998877', 'header:document:filename': 'invoice.pdf' })[0].parameters).toEqual([
			{ type: 'document', document: { id: '998877', filename: 'invoice.pdf' } },
		]);
	});

	it('sends a location header with numbers', () => {
		const components = send(media('LOCATION'), {
			'header:location:latitude': '37.4847',
			'header:location:longitude': -122.1477,
			'header:location:name': 'HQ',
		});
		expect(components[0]).toEqual({
			type: 'header',
			parameters: [{ type: 'location', location: { latitude: 37.4847, longitude: -122.1477, name: 'HQ' } }],
		});
	});

	it('sends copy_code and flow buttons, and a flow button with only data', () => {
		const components = send(buttons, {
			'button:0:coupon_code': 'SAVE25',
			'button:1:flow_token': 'tok-1',
			'button:1:flow_action_data': '{"product_id":"42"}',
		});
		expect(components).toEqual([
			{ type: 'button', sub_type: 'copy_code', index: '0', parameters: [{ type: 'coupon_code', coupon_code: 'SAVE25' }] },
			{ type: 'button', sub_type: 'flow', index: '1', parameters: [{ type: 'action', action: { flow_token: 'tok-1', flow_action_data: { product_id: '42' } } }] },
		]);
		const dataOnly = send(buttons, { 'button:0:coupon_code': 'X', 'button:1:flow_action_data': { a: 1 } });
		expect(dataOnly[1]).toEqual({ type: 'button', sub_type: 'flow', index: '1', parameters: [{ type: 'action', action: { flow_action_data: { a: 1 } } }] });
	});

	it('puts the one-time code of an authentication template into its OTP button', () => {
		const auth: TemplateDefinition = {
			name: 'auth_code',
			language: 'en_US',
			status: 'APPROVED',
			components: [
				{ type: 'BODY', text: '*{{1}}* is your verification code.' },
				{ type: 'FOOTER', text: 'This code expires in 10 minutes.' },
				{ type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE', text: 'Copy code' }] },
			],
		};
		expect(send(auth, { 'body:1': '123456' })).toEqual([
			{ type: 'body', parameters: [{ type: 'text', text: '123456' }] },
			{ type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: '123456' }] },
		]);
	});

	it('sends a catalog button with its thumbnail', () => {
		const catalog: TemplateDefinition = {
			name: 'intro_catalog_offer',
			language: 'en_US',
			components: [{ type: 'BODY', text: 'Now shop for your favourite products right here on WhatsApp!' }, { type: 'BUTTONS', buttons: [{ type: 'CATALOG', text: 'View catalog' }] }],
		};
		expect(send(catalog, { 'button:0:thumbnail_product_retailer_id': '2lc20305pt' })).toEqual([
			{ type: 'button', sub_type: 'catalog', index: '0', parameters: [{ type: 'action', action: { thumbnail_product_retailer_id: '2lc20305pt' } }] },
		]);
	});
});

describe('validation before sending', () => {
	it('names the missing variable and the item', () => {
		const error = errorOf(() => send(positional, { 'header:1': 'a', 'body:1': 'b', 'body:3': 'd', 'button:1:url': 'x' }, [], 4));
		expect(error.message).toBe('"Template Variables › Body {{2}}" is required (item 5)');
	});

	it('treats a blank value as missing and lists every problem', () => {
		const error = errorOf(() => send(named, { 'header:first_name': '  ', 'body:order_id': 'x', 'body:total': '', 'body:delivery_date': 'd' }));
		expect(error.message).toBe('"Template Variables › Header {{first_name}}" is required (item 1)');
		expect(error.description).toContain('"Template Variables › Body {{total}}" is required');
	});

	it('rejects new lines, tabs and long runs of spaces (Meta error 132018)', () => {
		const base = { 'header:1': 'a', 'body:1': 'b', 'body:3': 'd', 'button:1:url': 'x' };
		expect(errorOf(() => send(positional, { ...base, 'body:2': 'line\nbreak' })).message).toBe(
			'"Template Variables › Body {{2}}": WhatsApp does not allow new lines or tabs in a template variable (item 1)',
		);
		expect(errorOf(() => send(positional, { ...base, 'body:2': 'a     b' })).message).toContain('more than 4 spaces in a row');
	});

	it('rejects a header text over 60 characters', () => {
		const error = errorOf(() => send(positional, { 'header:1': 'x'.repeat(61), 'body:1': 'b', 'body:2': 'c', 'body:3': 'd', 'button:1:url': 'x' }));
		expect(error.message).toBe('"Template Variables › Header {{1}}" is too long: 61 characters; WhatsApp allows at most 60 (item 1)');
	});

	it('rejects a coupon code over 15 characters', () => {
		const error = errorOf(() => send(buttons, { 'button:0:coupon_code': 'ABCDEFGHIJKLMNOP' }));
		expect(error.message).toBe(`"Template Variables › Button 1 'Copy offer code' Coupon Code" is too long: 16 characters; WhatsApp allows at most 15 (item 1)`);
	});

	it('rejects a media header that is neither a link nor an ID', () => {
		const error = errorOf(() => send(media('IMAGE'), { 'header:image': 'ftp://x/y.jpg' }));
		expect(error.message).toBe('"Template Variables › Header Image (Link or Media ID)": "ftp://x/y.jpg" is neither a public http(s) link nor a media ID (digits only) (item 1)');
	});

	it('rejects an out-of-range latitude and a non-numeric currency amount', () => {
		expect(errorOf(() => send(media('LOCATION'), { 'header:location:latitude': 91, 'header:location:longitude': 0 })).message).toBe(
			'"Template Variables › Header Location Latitude" must be at most 90 (item 1)',
		);
		const formats = [variableFormatSchema.parse({ variable: '2', format: 'currency', currencyCode: 'USD' })];
		const error = errorOf(() => send(positional, { 'header:1': 'a', 'body:1': 'b', 'body:2': 'ten', 'body:3': 'd', 'button:1:url': 'x' }, formats));
		expect(error.message).toBe(
			'"Template Variables › Body {{2}}": is sent as a USD amount ("Currency and Date Variables"), so it must be a number such as 12.50, not "ten" (item 1)',
		);
	});

	it('rejects flow data that is not a JSON object', () => {
		const error = errorOf(() => send(buttons, { 'button:0:coupon_code': 'X', 'button:1:flow_action_data': '[1,2]' }));
		expect(error.message).toBe(
			`"Template Variables › Button 2 'Book now' Flow Data (JSON)": must be a JSON object such as {"product_id": "123"} (item 1)`,
		);
	});

	it('checks the currency code and finds formats that point nowhere', () => {
		expect(variableFormatSchema.safeParse({ variable: '1', format: 'currency', currencyCode: 'EURO' }).success).toBe(false);
		const parsed = parseTemplate(positional);
		expect(unknownFormatVariables(parsed, [variableFormatSchema.parse({ variable: '{{7}}', format: 'date_time' })])).toEqual(['7']);
		expect(unknownFormatVariables(parsed, [variableFormatSchema.parse({ variable: '3', format: 'date_time' })])).toEqual([]);
	});
});

describe('Components (JSON)', () => {
	it('accepts the components of Meta\'s flow template example', () => {
		const parsed = sendComponentsJsonSchema.parse(
			'[{"type":"button","sub_type":"flow","index":"0","parameters":[{"type":"action","action":{"flow_token":"T"}}]}]',
		);
		expect(parsed).toHaveLength(1);
	});
	it('rejects text that is not JSON and a button without an index', () => {
		expect(sendComponentsJsonSchema.safeParse('[{type:body}]').success).toBe(false);
		const result = sendComponentsJsonSchema.safeParse([{ type: 'button', sub_type: 'url', parameters: [] }]);
		expect(result.success).toBe(false);
		expect(JSON.stringify(result.error?.issues)).toContain('button position as index');
	});
});
