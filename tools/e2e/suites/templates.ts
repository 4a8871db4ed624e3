/**
 * Message → Send Template in a real n8n: the editor's own REST endpoints return the template
 * list (name · language · status) and the generated variable fields, and workflows whose
 * Send Template node holds a resource-mapper value in the shape the editor stores
 * ({mappingMode:'defineBelow', value, schema}) send exactly the expected contract-valid body
 * (rows run by ../cases.ts, like every other send).
 */
import assert from 'node:assert/strict';

import { GRAPH_VERSION, PHONE_NUMBER_ID } from '../../simulator/fixtures';
import { messageBody, refusalCases, sendCases, type SendEnv } from '../cases';
import { NODE_TYPE, setNode } from '../kit/workflows';
import { defineSuite } from '../runner';
import { simulatorCredentialData, CREDENTIAL_TYPE, createCredential } from '../kit/credential';

type State = SendEnv;

interface MapperField {
	id: string;
	displayName: string;
	required: boolean;
	defaultMatch: boolean;
	display: boolean;
	type?: string;
	removed?: boolean;
	canBeUsedToMatch?: boolean;
}

const NAMED_TEMPLATE_ID = '400000000000101'; // order_confirmation_named (en_US), see tools/simulator/fixtures.ts

function nodeParameters(
	template: Record<string, unknown>,
	extra: Record<string, unknown> = {},
): Record<string, unknown> {
	return {
		resource: 'message',
		operation: 'sendTemplate',
		phoneNumberId: { __rl: true, mode: 'id', value: PHONE_NUMBER_ID },
		to: '+1 555 000 9999',
		template: { __rl: true, ...template },
		templateLanguage: '',
		variablesMode: 'fields',
		...extra,
	};
}

/** The body the editor POSTs to /rest/dynamic-node-parameters/… for this node. */
function dynamicRequest(
	s: State,
	methodName: string,
	path: string,
	currentNodeParameters: Record<string, unknown>,
	extra: Record<string, unknown> = {},
) {
	return {
		nodeTypeAndVersion: { name: NODE_TYPE, version: 1 },
		path,
		methodName,
		currentNodeParameters,
		credentials: { [CREDENTIAL_TYPE]: { id: s.cred.id, name: s.cred.name } },
		...extra,
	};
}

async function mapperFields(s: State, template: Record<string, unknown>, extra: Record<string, unknown> = {}) {
	const res = await s.n8n.rest<{ data: { fields: MapperField[]; emptyFieldsNotice?: string } }>(
		'POST',
		'/dynamic-node-parameters/resource-mapper-fields',
		dynamicRequest(s, 'getTemplateVariables', 'parameters.templateVariables', nodeParameters(template, extra)),
	);
	return res.data;
}

/** A resource-mapper value exactly as the editor saves it: the values plus the field schema. */
function mapperValue(fields: MapperField[], value: Record<string, string>) {
	return {
		mappingMode: 'defineBelow',
		value,
		matchingColumns: [],
		schema: fields,
		attemptToConvertTypes: false,
		convertFieldsToString: true,
	};
}

const SENDS = [
	{
		name: 'workflow: named template with mapped fields, currency, date and buttons',
		before: [setNode('Customer', { first_name: 'Jessica', order: 'A-1001', total: '12.5' })],
		async parameters(s: State) {
			const { fields } = await mapperFields(s, { mode: 'list', value: NAMED_TEMPLATE_ID });
			return nodeParameters(
				{
					mode: 'list',
					value: NAMED_TEMPLATE_ID,
					cachedResultName: 'order_confirmation_named (en_US · APPROVED · UTILITY)',
				},
				{
					templateVariables: mapperValue(fields, {
						'header:order_id': '={{ $json.order }}',
						'body:first_name': '={{ $json.first_name }}',
						'body:order_id': '={{ $json.order }}',
						'body:total': '={{ $json.total }}',
						'body:delivery_date': 'May 1, 2026',
						'button:0:payload': 'CHANGE_DELIVERY',
						'button:1:url': '={{ $json.order }}',
					}),
					variableFormats: {
						formats: [
							{ variable: 'total', format: 'currency', currencyCode: 'EUR', fallbackText: '' },
							{ variable: 'delivery_date', format: 'date_time' },
						],
					},
				},
			);
		},
		expected: messageBody('template', {
			name: 'order_confirmation_named',
			language: { policy: 'deterministic', code: 'en_US' },
			components: [
				{ type: 'header', parameters: [{ type: 'text', parameter_name: 'order_id', text: 'A-1001' }] },
				{
					type: 'body',
					parameters: [
						{ type: 'text', parameter_name: 'first_name', text: 'Jessica' },
						{ type: 'text', parameter_name: 'order_id', text: 'A-1001' },
						{
							type: 'currency',
							parameter_name: 'total',
							currency: { fallback_value: '€12.50', code: 'EUR', amount_1000: 12500 },
						},
						{ type: 'date_time', parameter_name: 'delivery_date', date_time: { fallback_value: 'May 1, 2026' } },
					],
				},
				{
					type: 'button',
					sub_type: 'quick_reply',
					index: '0',
					parameters: [{ type: 'payload', payload: 'CHANGE_DELIVERY' }],
				},
				{ type: 'button', sub_type: 'url', index: '1', parameters: [{ type: 'text', text: 'A-1001' }] },
			],
		}),
		output: { template: { name: 'order_confirmation_named', language: 'en_US' } },
	},
	{
		name: 'workflow: image header + URL suffix template by name',
		async parameters(s: State) {
			const { fields } = await mapperFields(
				s,
				{ mode: 'name', value: 'shipping_update_image' },
				{ templateLanguage: 'en_US' },
			);
			return nodeParameters(
				{ mode: 'name', value: 'shipping_update_image' },
				{
					templateLanguage: 'en_US',
					templateVariables: mapperValue(fields, {
						'header:image': 'https://cdn.example.com/box.jpg',
						'body:1': 'Mark',
						'body:2': '860198',
						'body:3': 'May 1',
						'body:4': '10OFF',
						'button:0:url': 'summer',
					}),
				},
			);
		},
		expected: messageBody('template', {
			name: 'shipping_update_image',
			language: { policy: 'deterministic', code: 'en_US' },
			components: [
				{ type: 'header', parameters: [{ type: 'image', image: { link: 'https://cdn.example.com/box.jpg' } }] },
				{ type: 'body', parameters: ['Mark', '860198', 'May 1', '10OFF'].map((text) => ({ type: 'text', text })) },
				{ type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: 'summer' }] },
			],
		}),
	},
];

const REFUSALS = refusalCases<State>([
	{
		name: 'workflow: a missing variable fails before sending, naming it and the item',
		async parameters(s) {
			const { fields } = await mapperFields(s, { mode: 'list', value: '400000000000002' });
			// {{2}} is mapped to a field the request does not have, so it resolves to nothing.
			return nodeParameters(
				{ mode: 'list', value: '400000000000002' },
				{
					templateVariables: mapperValue(fields, {
						'body:1': '={{ $json.body.name }}',
						'body:2': '={{ $json.body.order }}',
					}),
				},
			);
		},
		input: { name: 'Ann' },
		error: '"Template Variables › Body {{2}}" is required (item 1)',
		requests: [`GET /${GRAPH_VERSION}/400000000000002`],
	},
]);

export const templates = defineSuite<State>({
	name: 'templates',
	async setup(ctx) {
		const [n8n, sim] = await Promise.all([ctx.n8n(), ctx.simulator()]);
		const cred = await createCredential(n8n, 'WhatsApp (sim, templates)', simulatorCredentialData(sim.url));
		return { n8n, sim, cred };
	},
	cases: [
		{
			name: 'editor: resource-locator-results lists templates with name, language and status',
			async run(ctx, s) {
				const res = await s.n8n.rest<{
					data: { results: Array<{ name: string; value: string }>; paginationToken?: string };
				}>(
					'POST',
					'/dynamic-node-parameters/resource-locator-results',
					dynamicRequest(s, 'searchTemplates', 'parameters.template', nodeParameters({ mode: 'list', value: '' })),
				);
				const names = res.data.results.map((r) => r.name);
				ctx.log(`${names.length} templates, e.g. ${names.slice(0, 3).join(' | ')}`);
				assert.ok(names.includes('order_update (es_ES · APPROVED · UTILITY)'), names.join('\n'));
				assert.ok(names.includes('order_cancelled (en_US · PENDING · UTILITY)'), names.join('\n'));
				assert.equal(
					res.data.results.find((r) => r.name.startsWith('order_confirmation_named'))?.value,
					NAMED_TEMPLATE_ID,
				);

				const filtered = await s.n8n.rest<{ data: { results: Array<{ name: string; value: string }> } }>(
					'POST',
					'/dynamic-node-parameters/resource-locator-results',
					dynamicRequest(s, 'searchTemplates', 'parameters.template', nodeParameters({ mode: 'list', value: '' }), {
						filter: 'order_up',
					}),
				);
				assert.deepEqual(filtered.data.results.map((r) => r.name).sort(), [
					'order_update (en_US · APPROVED · UTILITY)',
					'order_update (es_ES · APPROVED · UTILITY)',
					'order_update_v2 (en_US · APPROVED · UTILITY)',
				]);
			},
		},
		{
			name: "editor: resource-mapper-fields generates the chosen template's variables",
			async run(ctx, s) {
				const data = await mapperFields(s, { mode: 'list', value: NAMED_TEMPLATE_ID });
				for (const f of data.fields) ctx.log(`${f.id.padEnd(20)} ${f.displayName}${f.required ? ' (required)' : ''}`);
				ctx.note(
					`mapper fields for order_confirmation_named: ${data.fields.map((f) => `${f.id}${f.required ? '*' : ''}`).join(', ')}`,
				);
				assert.deepEqual(
					data.fields.map((f) => [f.id, f.required]),
					[
						['header:order_id', true],
						['body:first_name', true],
						['body:order_id', true],
						['body:total', true],
						['body:delivery_date', true],
						['button:0:payload', false],
						['button:1:url', true],
					],
				);
				assert.equal(data.fields[1].displayName, 'Body {{first_name}}');
				const image = await mapperFields(
					s,
					{ mode: 'name', value: 'shipping_update_image' },
					{ templateLanguage: 'en_US' },
				);
				assert.deepEqual(
					image.fields.map((f) => f.id),
					['header:image', 'body:1', 'body:2', 'body:3', 'body:4', 'button:0:url'],
				);
				const none = await mapperFields(s, { mode: 'name', value: 'hello_world' });
				assert.deepEqual(none.fields, []);
				assert.match(String(none.emptyFieldsNotice), /has no variables/);
			},
		},
		...sendCases(SENDS),
		...REFUSALS,
	],
});
