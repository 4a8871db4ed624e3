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

import { optionsCollection } from '../../../shared/optionsCollection';
import { isUserId } from '../../../shared/userIds';
import type { SendingSession } from '../../sending/retry';
import { sendMessage } from '../../sending/sendMessage';
import { sendableTemplate, templateForItem, type TemplateLocator } from '../../templates/fetch';
import { variableFormatSchema } from '../../templates/formats';
import { templateLanguageSchema } from '../../templates/languages';
import { templateNameSchema } from '../../templates/names';
import { oneTimeCodeOf, redactCode } from '../../templates/redact';
import { buildTemplateComponents, templateValuesSchema, unknownFormatVariables } from '../../templates/send';
import { sendComponentsJsonSchema } from '../../templates/values';
import { recipientId } from '../../validation/limits';
import { replyToSchema } from '../../validation/schemas';
import { graphIdSchema } from '../../validation/schemas/account';
import { defineInput, validateInput, type InputDefinition } from '../../validation/validateInput';
import { businessAccountIdParameter } from '../businessAccount/wabaId';
import { getPhoneNumberId, recipientParameter, replyToOption } from '../parameters';
import {
	addFieldMapping,
	InputFields,
	mappingModeOf,
	recipientFieldParameter,
	runParameter,
	templateValuesFromInput,
	templateVariablesFieldParameter,
} from './fieldMapping';
import { templateLanguageParameter, templatePicker } from '../template/picker';
import { routeSend, sendViaParameters } from './sendVia';

export const description: INodeProperties[] = [
	recipientParameter(),
	{
		...businessAccountIdParameter(),
		description:
			"The WhatsApp Business Account (WABA) whose templates are listed and looked up by name. Leave empty to use the credential's WhatsApp Business Account ID.",
	},
	// Stored as `template` (Template → Get / Delete store theirs as `templateId`).
	{ ...templatePicker('The approved message template to send', true), name: 'template' },
	templateLanguageParameter(
		'Language code of the template version to send. Leave empty to use the language of the template picked from the list or by ID.',
	),
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
			loadOptionsDependsOn: ['template.value', 'templateLanguage', 'businessAccountId'],
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
	...sendViaParameters,
	optionsCollection([replyToOption]),
];

const blank = (value: unknown) => value === undefined || value === null || String(value).trim() === '';
const optional = <T extends z.ZodTypeAny>(schema: T) =>
	z.preprocess((value) => (blank(value) ? undefined : value), schema.optional());

const sendInput = defineInput(
	'message.sendTemplate',
	z.object({
		to: recipientId,
		/** By name: Meta's name rule; from the list or by ID: a template ID. */
		template: z.discriminatedUnion('mode', [
			z.object({ mode: z.literal('name'), value: templateNameSchema }),
			z.object({ mode: z.enum(['list', 'id']), value: graphIdSchema }),
		]),
		templateLanguage: optional(templateLanguageSchema),
		replyTo: replyToSchema,
		variableFormats: z.array(variableFormatSchema),
	}),
	description,
);

const componentsJsonInput = defineInput(
	'message.sendTemplate.json',
	z.object({ componentsJson: sendComponentsJsonSchema }),
	description,
);

export const inputs: InputDefinition[] = [sendInput, componentsJsonInput];

// "Fields From Input" (fieldMapping.ts): recipient and variables from the input item.
addFieldMapping(description, { to: recipientFieldParameter(), templateVariables: templateVariablesFieldParameter() });

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	sending?: SendingSession,
): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const mode = this.getNodeParameter('variablesMode', itemIndex, 'fields') as 'fields' | 'json';
	const fields = mappingModeOf.call(this, itemIndex) === 'fieldsFromInput' ? new InputFields(this, itemIndex) : undefined;
	const locatorRaw = this.getNodeParameter('template', itemIndex) as INodeParameterResourceLocator;
	const templateValue = String(locatorRaw.value ?? '').trim();
	if (!templateValue) {
		throw new NodeOperationError(
			node,
			`"Template" is empty: pick a template from the list, or enter its name or ID (item ${itemIndex + 1})`,
			{ itemIndex },
		);
	}
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const formats = (this.getNodeParameter('variableFormats.formats', itemIndex, []) as IDataObject[]) ?? [];
	const input = validateInput(
		node,
		sendInput.schema,
		{
			to: fields ? fields.take('to', 'toField', 'Recipient Field') : runParameter(this, 'to', itemIndex, undefined),
			template: {
				mode: locatorRaw.mode === 'name' || locatorRaw.mode === 'list' ? locatorRaw.mode : 'id',
				value: templateValue,
			},
			templateLanguage: this.getNodeParameter('templateLanguage', itemIndex, ''),
			replyTo: options.replyTo,
			variableFormats: mode === 'fields' ? formats : [],
		},
		fields ? fields.labels(description) : description,
		itemIndex,
	);
	const phoneNumberId = getPhoneNumberId.call(this, itemIndex);
	const locator: TemplateLocator = input.template;
	const language = input.templateLanguage;

	let name: string;
	let code: string;
	let components: Array<Record<string, unknown>>;
	// An authentication template's one-time code: masked in any error this send produces.
	let otpCode: string | undefined;
	if (mode === 'json') {
		const raw = this.getNodeParameter('componentsJson', itemIndex, '[]');
		components = componentsJsonInput.parse(node, { componentsJson: raw }, itemIndex).componentsJson;
		if (locator.mode === 'name' && language) {
			[name, code] = [locator.value, language];
		} else {
			const definition = await templateForItem.call(this, locator, language, itemIndex);
			[name, code] = [definition.name, definition.language];
		}
	} else {
		const parsed = await sendableTemplate.call(this, locator, language, itemIndex);
		if (parsed.otpButtons.length && isUserId(input.to)) {
			// Meta answers 131062: one-time-passcode templates need a phone number ("Business-scoped user IDs").
			throw new NodeOperationError(
				node,
				`"Recipient Phone Number or User ID" is a user ID, but "${parsed.name}" is an authentication template, which WhatsApp sends only to phone numbers (item ${itemIndex + 1})`,
				{ itemIndex, description: 'Ask the user for their number first, e.g. with a Request Contact Info button.' },
			);
		}
		const unknown = unknownFormatVariables(parsed, input.variableFormats);
		if (unknown.length) {
			const known = parsed.variables.filter((v) => v.kind === 'body').map((v) => `{{${v.param}}}`);
			throw new NodeOperationError(
				node,
				`"Currency and Date Variables" names ${unknown.map((v) => `{{${v}}}`).join(', ')}, which is not a body variable of "${parsed.name}" (item ${itemIndex + 1})`,
				{
					itemIndex,
					description: known.length ? `Its body variables are ${known.join(', ')}.` : 'Its body has no variables.',
				},
			);
		}
		const { schema, labels } = templateValuesSchema(parsed, input.variableFormats);
		let values: Record<string, unknown>;
		if (fields) {
			const source = fields.object('variables', 'variablesField', 'Variables Field');
			const mapped = templateValuesFromInput(parsed.variables, source.value, source.field, labels);
			values = validateInput(node, schema, mapped.values, mapped.labels, itemIndex) as Record<string, unknown>;
		} else {
			const mapper = this.getNodeParameter('templateVariables', itemIndex, null) as ResourceMapperValue | null;
			values = validateInput(node, schema, mapper?.value ?? {}, labels, itemIndex) as Record<string, unknown>;
		}
		components = buildTemplateComponents(parsed, values, input.variableFormats);
		otpCode = oneTimeCodeOf(components, parsed.otpButtons.length > 0);
		[name, code] = [parsed.name, parsed.language];
	}

	const template: IDataObject = { name, language: { policy: 'deterministic', code } };
	if (components.length) template.components = components;
	const route = await routeSend.call(this, itemIndex, {
		to: input.to,
		replyTo: input.replyTo,
		category: async () => String((await templateForItem.call(this, { mode: 'name', value: name }, code, itemIndex)).category ?? ''),
	});
	let json: IDataObject;
	try {
		json = await sendMessage.call(
			this,
			itemIndex,
			phoneNumberId,
			{ to: input.to, type: 'template', content: template, replyTo: input.replyTo, endpoint: route.endpoint, extra: route.extra },
			sending,
		);
	} catch (error) {
		throw redactCode(error, otpCode);
	}
	const via = route.endpoint === 'marketing_messages' ? 'marketing_messages_api' : 'cloud_api';
	const viaFields: IDataObject = this.getNodeParameter('sendVia', itemIndex, 'cloudApi') === 'cloudApi' ? {} : { sentVia: via, sentViaReason: route.reason ?? null };
	return [{ json: { ...json, template: { name, language: code }, ...viaFields } }];
}
