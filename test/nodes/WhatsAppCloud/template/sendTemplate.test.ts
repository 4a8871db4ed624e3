/**
 * Message → Send Template, in-process through n8n-core against the Graph API simulator: the
 * request bodies must be contract-valid and carry the right components; the list search and
 * the resource mapper method return what the editor shows.
 */
import { describe, expect, it } from '@jest/globals';
import type { INodeParameters, INodeType, ResourceMapperFields } from 'n8n-workflow';

import { WhatsAppCloudApi } from '../../../../credentials/WhatsAppCloudApi.credentials';
import { fetchTemplates } from '../../../../nodes/WhatsAppCloud/templates/fetch';
import { WhatsAppCloud } from '../../../../nodes/WhatsAppCloud/WhatsAppCloud.node';
import { PHONE_NUMBER_ID, WABA_ID } from '../../../../tools/simulator/fixtures';
import { runListSearch, runLoadOptions, runNode } from '../../../harness/runNode';
import { useSimulator } from '../../../harness/simulator';

const { sim, credentials } = useSimulator();
const nodeType = new WhatsAppCloud();
const credentialTypes = [new WhatsAppCloudApi()];

type Mapping = Record<string, string | number | null>;

/** Node parameters as the editor saves them, with the resource-mapper value shape n8n stores. */
function params(template: { mode: string; value: string }, mapping: Mapping = {}, extra: INodeParameters = {}): INodeParameters {
	return {
		resource: 'message',
		operation: 'sendTemplate',
		phoneNumberId: { __rl: true, mode: 'id', value: PHONE_NUMBER_ID },
		to: '+1 555 000 9999',
		template: { __rl: true, ...template },
		templateVariables: {
			mappingMode: 'defineBelow',
			value: mapping,
			matchingColumns: [],
			schema: Object.keys(mapping).map((id) => ({ id, displayName: id, required: false, defaultMatch: false, display: true, type: 'string' })),
			attemptToConvertTypes: false,
			convertFieldsToString: true,
		},
		...extra,
	};
}

async function run(parameters: INodeParameters, input = [{ json: {} }], continueOnFail = false) {
	return runNode({ nodeType, parameters, credentials: credentials(), credentialTypes, input, continueOnFail });
}

function sentMessages() {
	return sim.requests({ method: 'POST', pathIncludes: '/messages' });
}

function onlySend() {
	const sent = sentMessages();
	expect(sent).toHaveLength(1);
	expect(sent[0].contract).toMatchObject({ checked: true, valid: true });
	return sent[0].body as { to: string; type: string; template: { name: string; language: { code: string }; components?: unknown[] } };
}

/** Calls methods.resourceMapping[name] with n8n-core's real LoadOptionsContext (via the harness). */
async function mapperFields(parameters: INodeParameters): Promise<ResourceMapperFields> {
	const shim = {
		description: nodeType.description,
		methods: { loadOptions: { fields: nodeType.methods.resourceMapping.getTemplateVariables } },
	} as unknown as INodeType;
	return (await runLoadOptions({ nodeType: shim, method: 'fields', parameters, credentials: credentials(), credentialTypes, path: 'parameters.templateVariables' })) as unknown as ResourceMapperFields;
}

describe('Send Template in n8n-core against the simulator', () => {
	it('sends a positional text template picked from the list, in its language', async () => {
		const result = await run(params({ mode: 'list', value: '400000000000003' }, { 'body:1': 'Ana', 'body:2': 'A-7' }));
		expect(result.error).toBeUndefined();
		const body = onlySend();
		expect(body).toMatchObject({ to: '15550009999', type: 'template' });
		expect(body.template).toEqual({
			name: 'order_update',
			language: { policy: 'deterministic', code: 'es_ES' },
			components: [{ type: 'body', parameters: [{ type: 'text', text: 'Ana' }, { type: 'text', text: 'A-7' }] }],
		});
		expect(result.items[0][0].json).toMatchObject({ template: { name: 'order_update', language: 'es_ES' } });
		expect(String(result.items[0][0].json.messageId)).toMatch(/^wamid\./);
	});

	it('sends an image header and a URL suffix; values come from expressions per item (contract-valid)', async () => {
		const result = await run(
			params(
				{ mode: 'name', value: 'shipping_update_image' },
				{
					'header:image': '={{ $json.image }}',
					'body:1': '={{ $json.name }}',
					'body:2': '={{ $json.order }}',
					'body:3': 'May 1',
					'body:4': 'SAVE10',
					'button:0:url': '={{ $json.slug }}',
				},
				{ templateLanguage: 'en_US' },
			),
			[
				{ json: { image: 'https://cdn.example.com/box.jpg', name: 'Mark', order: 860198, slug: 'summer' } },
				{ json: { image: '300000000000001', name: 'Zoe', order: 5, slug: 'winter' } },
			],
		);
		expect(result.error).toBeUndefined();
		const sent = sentMessages();
		expect(sent).toHaveLength(2);
		for (const request of sent) expect(request.contract).toMatchObject({ checked: true, valid: true });
		const first = (sent[0].body as { template: { components: unknown[] } }).template.components;
		expect(first).toEqual([
			{ type: 'header', parameters: [{ type: 'image', image: { link: 'https://cdn.example.com/box.jpg' } }] },
			{
				type: 'body',
				parameters: [
					{ type: 'text', text: 'Mark' },
					{ type: 'text', text: '860198' },
					{ type: 'text', text: 'May 1' },
					{ type: 'text', text: 'SAVE10' },
				],
			},
			{ type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: 'summer' }] },
		]);
		const second = (sent[1].body as { template: { components: Array<{ parameters: unknown[] }> } }).template.components;
		expect(second[0].parameters).toEqual([{ type: 'image', image: { id: '300000000000001' } }]);
		expect(result.items[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		// One template lookup for both items.
		expect(sim.requests({ method: 'GET', pathIncludes: 'message_templates' })).toHaveLength(1);
	});

	it('sends a copy-code button as Meta documents it (contract fix R7l)', async () => {
		const result = await run(params({ mode: 'id', value: '400000000000109' }, { 'body:1': '10%', 'button:0:coupon_code': 'SAVE10' }));
		const sent = sentMessages();
		expect(sent).toHaveLength(1);
		expect((sent[0].body as { template: { components: unknown[] } }).template.components).toEqual([
			{ type: 'body', parameters: [{ type: 'text', text: '10%' }] },
			{ type: 'button', sub_type: 'copy_code', index: '0', parameters: [{ type: 'coupon_code', coupon_code: 'SAVE10' }] },
		]);
		expect(sent[0].contract).toMatchObject({ checked: true, valid: true });
		expect(result.error).toBeUndefined();
		expect(result.items[0][0].json.messageId).toMatch(/^wamid\./);
	});

	it('sends named parameters, a currency and a date, and a quick-reply payload (contract-valid)', async () => {
		const result = await run(
			params(
				{ mode: 'id', value: '400000000000101' },
				{
					'header:order_id': 'A-1001',
					'body:first_name': 'Jessica',
					'body:order_id': 'A-1001',
					'body:total': '12.5',
					'body:delivery_date': 'May 1, 2026',
					'button:0:payload': 'CHANGE_DELIVERY',
					'button:1:url': 'A-1001',
				},
				{
					variableFormats: {
						formats: [
							{ variable: 'total', format: 'currency', currencyCode: 'USD', fallbackText: '' },
							{ variable: '{{delivery_date}}', format: 'date_time' },
						],
					},
				},
			),
		);
		expect(result.error).toBeUndefined();
		expect(onlySend().template.components).toEqual([
			{ type: 'header', parameters: [{ type: 'text', parameter_name: 'order_id', text: 'A-1001' }] },
			{
				type: 'body',
				parameters: [
					{ type: 'text', parameter_name: 'first_name', text: 'Jessica' },
					{ type: 'text', parameter_name: 'order_id', text: 'A-1001' },
					{ type: 'currency', parameter_name: 'total', currency: { fallback_value: '$12.50', code: 'USD', amount_1000: 12500 } },
					{ type: 'date_time', parameter_name: 'delivery_date', date_time: { fallback_value: 'May 1, 2026' } },
				],
			},
			{ type: 'button', sub_type: 'quick_reply', index: '0', parameters: [{ type: 'payload', payload: 'CHANGE_DELIVERY' }] },
			{ type: 'button', sub_type: 'url', index: '1', parameters: [{ type: 'text', text: 'A-1001' }] },
		]);
	});

	it('sends a document header with file name, a video header and a flow button (contract-valid)', async () => {
		await run(params({ mode: 'id', value: '400000000000103' }, { 'header:document': 'https://x.example/inv.pdf', 'header:document:filename': 'INV-7.pdf', 'body:1': 'INV-7' }));
		expect(onlySend().template.components?.[0]).toEqual({
			type: 'header',
			parameters: [{ type: 'document', document: { link: 'https://x.example/inv.pdf', filename: 'INV-7.pdf' } }],
		});
		sim.reset();
		await run(params({ mode: 'id', value: '400000000000105' }, { 'header:video': 'https://x.example/v.mp4' }));
		expect(onlySend().template.components).toEqual([{ type: 'header', parameters: [{ type: 'video', video: { link: 'https://x.example/v.mp4' } }] }]);
		sim.reset();
		await run(params({ mode: 'id', value: '400000000000106' }, { 'body:1': 'Ann', 'button:0:flow_token': 'tok-9', 'button:0:flow_action_data': '{"visit":"dental"}' }));
		expect(onlySend().template.components?.[1]).toEqual({
			type: 'button',
			sub_type: 'flow',
			index: '0',
			parameters: [{ type: 'action', action: { flow_token: 'tok-9', flow_action_data: { visit: 'dental' } } }],
		});
	});

	it('sends a location header as Meta documents it (contract fix R7l)', async () => {
		const result = await run(
			params({ mode: 'id', value: '400000000000104' }, { 'header:location:latitude': '52.52', 'header:location:longitude': '13.405', 'header:location:name': 'Sim Shop', 'body:1': 'Ann' }),
		);
		const sent = sentMessages();
		expect(sent).toHaveLength(1);
		expect(sent[0].contract).toMatchObject({ checked: true, valid: true });
		expect((sent[0].body as { template: { components: unknown[] } }).template.components[0]).toEqual({
			type: 'header',
			parameters: [{ type: 'location', location: { latitude: 52.52, longitude: 13.405, name: 'Sim Shop' } }],
		});
		expect(result.error).toBeUndefined();
	});

	it('fills the one-time code of an authentication template into its OTP button', async () => {
		await run(params({ mode: 'name', value: 'login_code' }, { 'body:1': '482913' }));
		expect(onlySend().template.components).toEqual([
			{ type: 'body', parameters: [{ type: 'text', text: '482913' }] },
			{ type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: '482913' }] },
		]);
	});

	it('finds a template by exact name although Meta\'s filter is a prefix match', async () => {
		await run(params({ mode: 'name', value: 'order_update' }, { 'body:1': 'Ann', 'body:2': '7' }, { templateLanguage: 'en_US' }));
		expect(onlySend().template).toMatchObject({ name: 'order_update', language: { code: 'en_US' } });
		const lookups = sim.requests({ method: 'GET', pathIncludes: 'message_templates' });
		expect(lookups[0].query.name).toBe('order_update');
		// The simulator's prefix filter also returned order_update_v2 (3 variables); it was not used.
		expect(JSON.stringify(lookups[0].response.body)).toContain('order_update_v2');
	});

	it('sends a template with no variables (hello_world) without components', async () => {
		await run(params({ mode: 'name', value: 'hello_world' }));
		expect(onlySend().template).toEqual({ name: 'hello_world', language: { policy: 'deterministic', code: 'en_US' } });
	});

	it('sends raw components in "Components (JSON)" mode without looking the template up', async () => {
		const components = [{ type: 'body', parameters: [{ type: 'text', text: 'Ann' }, { type: 'text', text: 'A-1' }] }];
		await run(params({ mode: 'name', value: 'order_update' }, {}, { templateLanguage: 'en_US', variablesMode: 'json', componentsJson: JSON.stringify(components) }));
		expect(onlySend().template.components).toEqual(components);
		expect(sim.requests({ method: 'GET' })).toHaveLength(0);
	});

	it('fails before sending when a variable is missing, naming it and the item', async () => {
		const result = await run(params({ mode: 'list', value: '400000000000002' }, { 'body:1': 'Ann' }), [{ json: {} }, { json: {} }]);
		expect(result.error?.message).toBe('"Template Variables › Body {{2}}" is required (item 1)');
		expect(sentMessages()).toHaveLength(0);
	});

	it('continues on fail per item: the item with a bad value fails, the others are sent', async () => {
		const result = await run(
			params({ mode: 'list', value: '400000000000002' }, { 'body:1': '={{ $json.name }}', 'body:2': 'A-1' }),
			[{ json: { name: 'Ann' } }, { json: { name: 'two\nlines' } }, { json: { name: 'Bob' } }],
			true,
		);
		expect(sentMessages()).toHaveLength(2);
		const out = result.items[0];
		expect(out).toHaveLength(3);
		expect(out[1].json.error).toBe('"Template Variables › Body {{1}}": WhatsApp does not allow new lines or tabs in a template variable (item 2)');
		expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('refuses a template that is not approved before sending', async () => {
		const result = await run(params({ mode: 'id', value: '400000000000004' }, { 'body:1': 'X' }));
		expect(result.error?.message).toContain('"order_cancelled" (en_US) is PENDING; only APPROVED templates can be sent');
		expect(sentMessages()).toHaveLength(0);
	});

	it('says which languages exist when the language is wrong or missing', async () => {
		const wrong = await run(params({ mode: 'name', value: 'order_update' }, {}, { templateLanguage: 'de' }));
		expect(wrong.error?.message).toBe('The template "order_update" has no "de" version; it exists in en_US, es_ES');
		const missing = await run(params({ mode: 'name', value: 'order_update' }));
		expect(missing.error?.message).toBe('The template "order_update" exists in several languages (en_US, es_ES): set "Language"');
	});

	it('the simulator answers Meta\'s 132001 / 132000 / 132015 for raw components that do not fit', async () => {
		const send = (name: string, language: string, components: unknown[]) =>
			run(params({ mode: 'name', value: name }, {}, { templateLanguage: language, variablesMode: 'json', componentsJson: JSON.stringify(components) }));
		const unknownLanguage = await send('order_update', 'fr', []);
		expect(String((unknownLanguage.error as { description?: string })?.description ?? '') + unknownLanguage.error?.message).toContain('132001');
		const tooFew = await send('order_update', 'en_US', [{ type: 'body', parameters: [{ type: 'text', text: 'Ann' }] }]);
		expect(JSON.stringify(tooFew.error)).toContain('132000');
		const paused = await send('winter_promo', 'en_US', [{ type: 'body', parameters: [{ type: 'text', text: 'Ann' }] }]);
		expect(JSON.stringify(paused.error)).toContain('132015');
		expect(sim.requests({ method: 'POST' }).map((r) => r.response.status)).toEqual([400, 400, 400]);
	});
});

describe('editor methods', () => {
	it('lists templates with name, language and status, page by page', async () => {
		const first = await runListSearch({ nodeType, method: 'searchTemplates', credentials: credentials(), credentialTypes });
		const names = first.results.map((r) => r.name);
		expect(names).toContain('order_update (es_ES · APPROVED · UTILITY)');
		expect(names).toContain('order_cancelled (en_US · PENDING · UTILITY)');
		expect(first.results.find((r) => r.name.startsWith('order_confirmation_named'))?.value).toBe('400000000000101');
		const filtered = await runListSearch({ nodeType, method: 'searchTemplates', credentials: credentials(), credentialTypes, filter: 'order_up' });
		expect(filtered.results.map((r) => r.value).sort()).toEqual(['400000000000002', '400000000000003', '400000000000107']);
	});

	it('Send Template lists the approved templates first, marks the others and shows each body text', async () => {
		const parameters = { resource: 'message', operation: 'sendTemplate' };
		const { results } = await runListSearch({ nodeType, method: 'searchTemplates', credentials: credentials(), credentialTypes, parameters });
		const approved = (r: { name: string }) => r.name.includes('· APPROVED ·');
		const firstOther = results.findIndex((r) => !approved(r));
		expect(firstOther).toBeGreaterThan(0);
		expect(results.slice(firstOther).some(approved)).toBe(false);
		const pending = results.find((r) => r.name.startsWith('order_cancelled ('));
		expect(pending?.description).toMatch(/^Not sendable until Meta approves it \(PENDING\)\./);
		expect(results.find((r) => r.name.startsWith('order_confirmation_named'))?.description).toBe(
			'Hi {{first_name}}, your order {{order_id}} of {{total}} arrives {{delivery_date}}.',
		);
		// elsewhere (Template → Get / Delete) the list is Meta's order and nothing is marked
		const elsewhere = await runListSearch({ nodeType, method: 'searchTemplates', credentials: credentials(), credentialTypes, parameters: { resource: 'template', operation: 'get' } });
		expect(elsewhere.results.find((r) => r.name.startsWith('order_cancelled ('))?.description ?? '').not.toContain('Not sendable');
	});

	it('fetchTemplates follows paging to the last page', async () => {
		const shim = {
			description: nodeType.description,
			methods: {
				loadOptions: {
					async all(this: never) {
						const templates = await fetchTemplates.call(this, { wabaId: WABA_ID, pageSize: 2 });
						return templates.map((t) => ({ name: t.name, value: `${t.id}` }));
					},
				},
			},
		} as unknown as INodeType;
		const all = await runLoadOptions({ nodeType: shim, method: 'all', credentials: credentials(), credentialTypes });
		expect(all.length).toBe(sim.state.templates.length);
		expect(sim.requests({ method: 'GET', pathIncludes: 'message_templates' }).length).toBe(Math.ceil(sim.state.templates.length / 2));
	});

	it('the resource mapper generates the fields of the chosen template', async () => {
		const result = await mapperFields(params({ mode: 'list', value: '400000000000101' }));
		expect(result.fields.map((f) => [f.id, f.displayName, f.required, f.removed])).toEqual([
			['header:order_id', 'Header {{order_id}}', true, false],
			['body:first_name', 'Body {{first_name}}', true, false],
			['body:order_id', 'Body {{order_id}}', true, false],
			['body:total', 'Body {{total}}', true, false],
			['body:delivery_date', 'Body {{delivery_date}}', true, false],
			['button:0:payload', "Button 1 'Change delivery' Payload", false, true],
			['button:1:url', "Button 2 'Track order' URL Suffix", true, false],
		]);
	});

	it('the resource mapper explains when there is nothing to show', async () => {
		expect(await mapperFields(params({ mode: 'list', value: '' }))).toEqual({ fields: [], emptyFieldsNotice: 'Choose a template above to see its variables' });
		expect((await mapperFields(params({ mode: 'name', value: 'hello_world' }))).emptyFieldsNotice).toBe(
			'The template "hello_world" (en_US) has no variables: nothing to fill in',
		);
		expect((await mapperFields(params({ mode: 'id', value: '={{ $json.id }}' }))).emptyFieldsNotice).toContain('set by an expression');
		// The same language rule as when the node runs: no lookup for a code Meta does not have.
		expect(await mapperFields(params({ mode: 'name', value: 'order_update' }, {}, { templateLanguage: 'EN_us' }))).toEqual({
			fields: [],
			emptyFieldsNotice: '"Language": "EN_us" is not written as WhatsApp writes it: use "en_US"',
		});
	});
});
