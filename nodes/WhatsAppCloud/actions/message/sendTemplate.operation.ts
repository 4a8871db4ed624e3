import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameterResourceLocator,
	INodeProperties,
	ResourceMapperValue,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import { getPhoneNumberId, recipientParameter, replyToOption } from '../common';
import { messageIdSchema, recipientNumber } from '../../helpers/limits';
import { defineInput, validateInput } from '../../helpers/validate';
import {
	languageCodeSchema,
	rawComponentsSchema,
	templateIdSchema,
	templateNameSchema,
	variableFormatSchema,
	type VariableFormat,
} from '../../helpers/schemas/template';
import {
	buildTemplateComponents,
	parseTemplate,
	templateValuesSchema,
	unknownFormatVariables,
	type TemplateDefinition,
} from '../../helpers/templateVariables';
import { resolveTemplate, type TemplateLocator } from '../../methods/templates';
import { sendMessage } from './sendResult';
import type { SendingSession } from '../../helpers/retry';

export const description: INodeProperties[] = [
	recipientParameter(),
	{
		displayName: 'Template',
		name: 'template',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The approved message template to send',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a template…',
				typeOptions: { searchListMethod: 'searchTemplates', searchable: true },
			},
			{
				displayName: 'By Name',
				name: 'name',
				type: 'string',
				placeholder: 'e.g. order_update',
				hint: 'The exact template name from WhatsApp Manager; also set Language if it exists in several languages',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^\\s*[a-z0-9_]+\\s*$',
							errorMessage: 'Template names have only lowercase letters, digits and underscores',
						},
					},
				],
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 1192339204654487',
				validation: [
					{ type: 'regex', properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'A template ID has only digits' } },
				],
			},
		],
	},
	{
		displayName: 'Language',
		name: 'templateLanguage',
		type: 'string',
		default: '',
		placeholder: 'e.g. en_US',
		description:
			'Language code of the template version to send. Leave empty to use the language of the template picked from the list or by ID.',
		hint: 'Needed when the template is chosen by name and exists in several languages',
	},
	{
		displayName: 'Variables',
		name: 'variablesMode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Fill In Fields From the Template',
				value: 'fields',
				description: 'One field per variable of the chosen template',
			},
			{
				name: 'Components (JSON)',
				value: 'json',
				description: "Give the message's components array yourself, as in Meta's documentation",
			},
		],
		default: 'fields',
	},
	{
		displayName: 'Template Variables',
		name: 'templateVariables',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		typeOptions: {
			loadOptionsDependsOn: ['template.value', 'templateLanguage'],
			resourceMapper: {
				resourceMapperMethod: 'getTemplateVariables',
				mode: 'add',
				fieldWords: { singular: 'variable', plural: 'variables' },
				addAllFields: true,
				multiKeyMatch: false,
				supportAutoMap: false,
				noFieldsError: 'This template has no variables to fill in',
			},
		},
		displayOptions: { show: { variablesMode: ['fields'] } },
	},
	{
		displayName: 'Currency and Date Variables',
		name: 'variableFormats',
		type: 'fixedCollection',
		placeholder: 'Add Currency or Date Variable',
		typeOptions: { multipleValues: true },
		default: {},
		description:
			'Body variables to send as a currency amount or a date instead of plain text. Everything not listed here is sent as text.',
		displayOptions: { show: { variablesMode: ['fields'] } },
		options: [
			{
				displayName: 'Variable',
				name: 'formats',
				values: [
					{
						displayName: 'Variable',
						name: 'variable',
						type: 'string',
						default: '',
						placeholder: 'e.g. 2 or total',
						description: 'The body variable: its number for {{2}}, or its name for {{total}}',
					},
					{
						displayName: 'Format',
						name: 'format',
						type: 'options',
						options: [
							{ name: 'Currency', value: 'currency', description: 'The mapped value is an amount such as 12.50' },
							{
								name: 'Date and Time',
								value: 'date_time',
								description: 'The mapped value is the date text shown to the customer',
							},
						],
						default: 'currency',
					},
					{
						displayName: 'Currency Code',
						name: 'currencyCode',
						type: 'string',
						default: 'USD',
						placeholder: 'e.g. EUR',
						description: 'ISO 4217 code of the currency',
						displayOptions: { show: { format: ['currency'] } },
					},
					{
						displayName: 'Text Shown',
						name: 'fallbackText',
						type: 'string',
						default: '',
						placeholder: 'e.g. €12.50',
						description:
							'What WhatsApp shows for the amount. Leave empty to format the amount with the currency, e.g. $12.50.',
						displayOptions: { show: { format: ['currency'] } },
					},
				],
			},
		],
	},
	{
		displayName: 'Components (JSON)',
		name: 'componentsJson',
		type: 'json',
		default: '[]',
		description:
			'The template.components array of the message, e.g. [{"type":"body","parameters":[{"type":"text","text":"Ann"}]}]',
		displayOptions: { show: { variablesMode: ['json'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [replyToOption],
	},
];

const commonInput = z.object({
	to: recipientNumber,
	language: languageCodeSchema.optional(),
	templateName: templateNameSchema.optional(),
	templateId: templateIdSchema.optional(),
	replyTo: messageIdSchema.optional(),
	formats: z.array(variableFormatSchema).default([]),
});

/** Template lookups are cached per execution: 10,000 items with one template cost one GET. */
const definitionCache = new WeakMap<object, Map<string, Promise<TemplateDefinition>>>();

function cachedDefinition(
	this: IExecuteFunctions,
	locator: TemplateLocator,
	language: string | undefined,
	itemIndex: number,
): Promise<TemplateDefinition> {
	let cache = definitionCache.get(this);
	if (!cache) {
		cache = new Map();
		definitionCache.set(this, cache);
	}
	const key = `${locator.mode === 'name' ? 'name' : 'id'}:${locator.value}:${language ?? ''}`;
	let pending = cache.get(key);
	if (!pending) {
		pending = resolveTemplate.call(this, locator, language, itemIndex);
		cache.set(key, pending);
		pending.catch(() => cache?.delete(key));
	}
	return pending;
}

function blankToUndefined(value: unknown): unknown {
	return typeof value === 'string' && value.trim() === '' ? undefined : value;
}

const commonInputCheck = defineInput('message.sendTemplate', commonInput, description);
const componentsJsonCheck = defineInput(
	'message.sendTemplate.json',
	z.object({ components: rawComponentsSchema }),
	description,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	sending?: SendingSession,
): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const mode = this.getNodeParameter('variablesMode', itemIndex, 'fields') as 'fields' | 'json';
	const locatorRaw = this.getNodeParameter('template', itemIndex) as INodeParameterResourceLocator;
	const locatorMode = locatorRaw.mode === 'name' ? 'name' : locatorRaw.mode === 'list' ? 'list' : 'id';
	const locatorValue = String(locatorRaw.value ?? '').trim();
	if (!locatorValue) {
		throw new NodeOperationError(
			node,
			`"Template" is empty: pick a template from the list, or enter its name or ID (item ${itemIndex + 1})`,
			{
				itemIndex,
			},
		);
	}
	const formatEntries = ((this.getNodeParameter('variableFormats', itemIndex, {}) as IDataObject).formats ??
		[]) as IDataObject[];

	const input = commonInputCheck.parse(
		node,
		{
			to: this.getNodeParameter('to', itemIndex),
			language: blankToUndefined(this.getNodeParameter('templateLanguage', itemIndex, '')),
			templateName: locatorMode === 'name' ? locatorValue : undefined,
			templateId: locatorMode === 'name' ? undefined : locatorValue,
			replyTo: blankToUndefined(options.replyTo),
			formats:
				mode === 'fields'
					? formatEntries.map((entry) => ({
							...entry,
							variable: String(entry.variable ?? '').replace(/^\s*\{\{\s*|\s*\}\}\s*$/g, ''),
							fallbackText: blankToUndefined(entry.fallbackText),
						}))
					: [],
		},
		itemIndex,
	);
	const phoneNumberId = getPhoneNumberId.call(this, itemIndex);
	const locator: TemplateLocator = { mode: locatorMode, value: locatorValue };

	let name: string;
	let language: string;
	let components: Array<Record<string, unknown>>;
	if (mode === 'json') {
		const raw = componentsJsonCheck.parse(
			node,
			{ components: this.getNodeParameter('componentsJson', itemIndex, '[]') },
			itemIndex,
		);
		components = raw.components;
		if (locator.mode === 'name' && input.language) {
			name = locator.value;
			language = input.language;
		} else {
			const definition = await cachedDefinition.call(this, locator, input.language, itemIndex);
			name = definition.name;
			language = definition.language;
		}
	} else {
		const definition = await cachedDefinition.call(this, locator, input.language, itemIndex);
		const status = String(definition.status ?? 'APPROVED').toUpperCase();
		if (status !== 'APPROVED') {
			throw new NodeOperationError(
				node,
				`The template "${definition.name}" (${definition.language}) is ${status}; only APPROVED templates can be sent (item ${itemIndex + 1})`,
				{ itemIndex, description: 'Check its review status in WhatsApp Manager → Message templates.' },
			);
		}
		const parsed = parseTemplate(definition);
		if (parsed.unsupported.length) {
			throw new NodeOperationError(
				node,
				`The template "${definition.name}" has parts the variable fields cannot fill: ${parsed.unsupported.join(', ')} (item ${itemIndex + 1})`,
				{ itemIndex, description: 'Set "Variables" to "Components (JSON)" and give the components yourself.' },
			);
		}
		const formats = input.formats as VariableFormat[];
		const unknown = unknownFormatVariables(parsed, formats);
		if (unknown.length) {
			const known = parsed.variables.filter((v) => v.kind === 'body').map((v) => `{{${v.param}}}`);
			throw new NodeOperationError(
				node,
				`"Currency and Date Variables" names ${unknown.map((v) => `{{${v}}}`).join(', ')}, which is not a body variable of "${definition.name}" (item ${itemIndex + 1})`,
				{
					itemIndex,
					description: known.length ? `Its body variables are ${known.join(', ')}.` : 'Its body has no variables.',
				},
			);
		}
		const mapper = this.getNodeParameter('templateVariables', itemIndex, null) as ResourceMapperValue | null;
		const { schema, labels: variableLabels } = templateValuesSchema(parsed, formats);
		const values = validateInput(node, schema, mapper?.value ?? {}, variableLabels, itemIndex) as Record<
			string,
			unknown
		>;
		components = buildTemplateComponents(parsed, values, formats);
		name = definition.name;
		language = definition.language;
	}

	const template: IDataObject = { name, language: { policy: 'deterministic', code: language } };
	if (components.length) template.components = components;
	const json = await sendMessage.call(
		this,
		itemIndex,
		phoneNumberId,
		{
			to: input.to,
			type: 'template',
			content: template,
			replyTo: input.replyTo,
		},
		sending,
	);
	return [{ json: { ...json, template: { name, language } } }];
}
