import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { LIMITS } from '../../helpers/limits';
import { validateInput } from '../../helpers/validate';
import { parsePhoneNumber } from '../../helpers/phone';
import {
	templateCreateInput,
	templateVariables,
	type TemplateButton,
	type TemplateComponent,
} from '../../helpers/schemas/account';
import { businessAccountId } from '../../methods/templates';
import { graphRequest } from '../../transport';

const show = { resource: ['template'], operation: ['create'] };
const showFields = { ...show, contentMode: ['fields'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Template Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'order_update',
		description: `Lowercase letters, digits and underscores only, up to ${LIMITS.templateName} characters`,
		displayOptions: { show },
	},
	{
		displayName: 'Category',
		name: 'category',
		type: 'options',
		default: 'UTILITY',
		options: [
			{ name: 'Authentication', value: 'AUTHENTICATION', description: 'One-time passcodes (use Using JSON)' },
			{ name: 'Marketing', value: 'MARKETING', description: 'Promotions, offers, announcements' },
			{ name: 'Utility', value: 'UTILITY', description: 'Updates about an order, account or booking' },
		],
		displayOptions: { show },
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'string',
		default: 'en_US',
		required: true,
		placeholder: 'en_US',
		description: 'Language code of this version of the template, e.g. en, en_US, pt_BR, es_MX',
		displayOptions: { show },
	},
	{
		displayName: 'Define Content',
		name: 'contentMode',
		type: 'options',
		default: 'fields',
		options: [
			{ name: 'Using Fields Below', value: 'fields' },
			{ name: 'Using JSON', value: 'json', description: 'Components exactly as Meta defines them' },
		],
		displayOptions: { show },
	},
	{
		displayName: 'Header',
		name: 'headerType',
		type: 'options',
		default: 'none',
		options: [
			{ name: 'Document', value: 'DOCUMENT' },
			{ name: 'Image', value: 'IMAGE' },
			{ name: 'Location', value: 'LOCATION' },
			{ name: 'None', value: 'none' },
			{ name: 'Text', value: 'TEXT' },
			{ name: 'Video', value: 'VIDEO' },
		],
		displayOptions: { show: showFields },
	},
	{
		displayName: 'Header Text',
		name: 'headerText',
		type: 'string',
		default: '',
		description: `Up to ${LIMITS.templateHeaderText} characters, with at most one variable like {{1}} or {{name}}`,
		displayOptions: { show: { ...showFields, headerType: ['TEXT'] } },
	},
	{
		displayName: 'Header Variable Example',
		name: 'headerExample',
		type: 'string',
		default: '',
		description: "Example value of the header variable, for Meta's review. Needed when the header text has a variable.",
		displayOptions: { show: { ...showFields, headerType: ['TEXT'] } },
	},
	{
		displayName: 'Header Sample Handle',
		name: 'headerHandle',
		type: 'string',
		default: '',
		placeholder: '4::aW1hZ2UvanBn:ARY…',
		description: "Handle of a sample file uploaded with the Resumable Upload API, for Meta's review",
		displayOptions: { show: { ...showFields, headerType: ['IMAGE', 'VIDEO', 'DOCUMENT'] } },
	},
	{
		displayName: 'Body Text',
		name: 'bodyText',
		type: 'string',
		default: '',
		typeOptions: { rows: 4 },
		description: `Up to ${LIMITS.templateBodyText} characters. Variables are numbered {{1}}, {{2}} … in order, or named like {{first_name}} (lowercase and underscores).`,
		displayOptions: { show: showFields },
	},
	{
		displayName: 'Body Variable Examples',
		name: 'bodyExamples',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add example',
		description: "One example value per body variable, for Meta's review",
		displayOptions: { show: showFields },
		options: [
			{
				displayName: 'Example',
				name: 'example',
				values: [
					{
						displayName: 'Variable',
						name: 'variable',
						type: 'string',
						default: '',
						placeholder: '1 or first_name',
						description: 'The variable this example is for: its number (1, 2 …) or name, without braces',
					},
					{
						displayName: 'Example Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'Maria',
					},
				],
			},
		],
	},
	{
		displayName: 'Footer Text',
		name: 'footerText',
		type: 'string',
		default: '',
		description: `Optional, up to ${LIMITS.templateFooterText} characters, no variables`,
		displayOptions: { show: showFields },
	},
	{
		displayName: 'Buttons',
		name: 'buttons',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add button',
		description: `Up to ${LIMITS.templateButtons} buttons`,
		displayOptions: { show: showFields },
		options: [
			{
				displayName: 'Button',
				name: 'button',
				values: [
					{
						displayName: 'Code Example',
						name: 'codeExample',
						type: 'string',
						default: '',
						placeholder: 'SAVE20',
						description: 'For Copy Code buttons: an example coupon code',
					},
					{
						displayName: 'Phone Number',
						name: 'phoneNumber',
						type: 'string',
						default: '',
						placeholder: '+1 555 123 4567',
						description: 'For Phone Number buttons, with country code',
					},
					{
						displayName: 'Text',
						name: 'text',
						type: 'string',
						default: '',
						description: `Button label, up to ${LIMITS.templateButtonText} characters (not used by Copy Code)`,
					},
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						default: 'QUICK_REPLY',
						options: [
							{ name: 'Copy Code', value: 'COPY_CODE' },
							{ name: 'Phone Number', value: 'PHONE_NUMBER' },
							{ name: 'Quick Reply', value: 'QUICK_REPLY' },
							{ name: 'URL', value: 'URL' },
						],
					},
					{
						displayName: 'URL',
						name: 'url',
						type: 'string',
						default: '',
						placeholder: 'https://example.com/orders/{{1}}',
						description: 'For URL buttons. May end with one variable {{1}}.',
					},
					{
						displayName: 'URL Variable Example',
						name: 'urlExample',
						type: 'string',
						default: '',
						placeholder: 'https://example.com/orders/12345',
						description: 'For URL buttons with {{1}}: an example of the full URL or of the part {{1}} stands for',
					},
				],
			},
		],
	},
	{
		displayName: 'Components (JSON)',
		name: 'componentsJson',
		type: 'json',
		default:
			'[\n  {\n    "type": "BODY",\n    "text": "Hi {{1}}, your order {{2}} has shipped.",\n    "example": { "body_text": [["Maria", "#1234"]] }\n  }\n]',
		description: 'The template\'s "components" array, as in Meta\'s message template reference',
		displayOptions: { show: { ...show, contentMode: ['json'] } },
	},
	{
		displayName: 'Parameter Format',
		name: 'parameterFormat',
		type: 'options',
		default: 'auto',
		options: [
			{ name: 'Detect From Variables', value: 'auto' },
			{ name: 'Positional', value: 'POSITIONAL', description: 'Numbered variables like {{1}}' },
			{ name: 'Named', value: 'NAMED', description: 'Named variables like {{first_name}}' },
		],
		description: 'Whether the variables are numbered or named',
		displayOptions: { show: { ...show, contentMode: ['json'] } },
	},
];

const labels = {
	name: 'Template Name',
	category: 'Category',
	language: 'Language',
	parameterFormat: 'Parameter Format',
	components: 'Template Content',
};

/** Named if any text uses a named variable, else positional (Meta's default). */
function detectFormat(components: TemplateComponent[]): 'NAMED' | undefined {
	const texts = components.flatMap((c) => (typeof c.text === 'string' ? [c.text] : []));
	const variables = texts.flatMap(templateVariables);
	if (variables.some((v) => v !== '' && !/^\d+$/.test(v))) return 'NAMED';
	return undefined;
}

/** The components described by the "Using Fields Below" parameters. */
export function componentsFromFields(fields: {
	headerType: string;
	headerText: string;
	headerExample: string;
	headerHandle: string;
	bodyText: string;
	bodyExamples: Array<{ variable?: string; value?: string }>;
	footerText: string;
	buttons: Array<{
		type?: string;
		text?: string;
		url?: string;
		urlExample?: string;
		phoneNumber?: string;
		codeExample?: string;
	}>;
}): { components: TemplateComponent[]; parameterFormat?: 'NAMED' } {
	const components: TemplateComponent[] = [];
	const examples = new Map<string, string>();
	for (const entry of fields.bodyExamples) {
		const key = String(entry.variable ?? '').replace(/[{}\s]/g, '');
		if (key) examples.set(key, String(entry.value ?? ''));
	}

	if (fields.headerType !== 'none') {
		const header: TemplateComponent = { type: 'HEADER', format: fields.headerType };
		if (fields.headerType === 'TEXT') {
			header.text = fields.headerText;
			const [variable] = templateVariables(fields.headerText);
			if (variable !== undefined) {
				header.example = /^\d+$/.test(variable)
					? { header_text: [fields.headerExample] }
					: { header_text_named_params: [{ param_name: variable, example: fields.headerExample }] };
			}
		} else if (fields.headerType !== 'LOCATION') {
			header.example = { header_handle: fields.headerHandle.trim() ? [fields.headerHandle.trim()] : [] };
		}
		components.push(header);
	}

	const body: TemplateComponent = { type: 'BODY', text: fields.bodyText };
	const bodyVariables = [...new Set(templateVariables(fields.bodyText))];
	const positional = bodyVariables.filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(a) - Number(b));
	const named = bodyVariables.filter((v) => !/^\d+$/.test(v));
	if (positional.length) {
		// In order {{1}}…{{n}}; an entry without a variable number fills the next free slot.
		const unnamed = fields.bodyExamples
			.filter((e) => !String(e.variable ?? '').replace(/[{}\s]/g, ''))
			.map((e) => String(e.value ?? ''));
		body.example = {
			body_text: [positional.map((variable) => examples.get(variable) ?? unnamed.shift() ?? '')],
		};
	}
	if (named.length) {
		body.example = {
			...(body.example ?? {}),
			body_text_named_params: named.map((variable) => ({
				param_name: variable,
				example: examples.get(variable) ?? '',
			})),
		};
	}
	components.push(body);

	if (fields.footerText.trim()) components.push({ type: 'FOOTER', text: fields.footerText });

	if (fields.buttons.length) {
		const buttons: TemplateButton[] = fields.buttons.map((entry) => {
			const type = entry.type ?? 'QUICK_REPLY';
			if (type === 'URL') {
				const button: TemplateButton = { type, text: entry.text ?? '', url: (entry.url ?? '').trim() };
				if (templateVariables(button.url ?? '').length) button.example = [String(entry.urlExample ?? '').trim()];
				return button;
			}
			if (type === 'PHONE_NUMBER') {
				const parsed = parsePhoneNumber(entry.phoneNumber);
				return { type, text: entry.text ?? '', phone_number: parsed.possible ? parsed.digits : String(entry.phoneNumber ?? '') };
			}
			if (type === 'COPY_CODE') return { type, example: String(entry.codeExample ?? '') };
			return { type, text: entry.text ?? '' };
		});
		components.push({ type: 'BUTTONS', buttons });
	}

	const parameterFormat = detectFormat(components);
	return { components, ...(parameterFormat ? { parameterFormat } : {}) };
}

function parseComponentsJson(this: IExecuteFunctions, raw: unknown, itemIndex: number): TemplateComponent[] {
	let value = raw;
	if (typeof raw === 'string') {
		try {
			value = JSON.parse(raw);
		} catch (error) {
			throw new NodeOperationError(
				this.getNode(),
				`"Components (JSON)" is not valid JSON: ${(error as Error).message} (item ${itemIndex + 1})`,
				{ itemIndex },
			);
		}
	}
	if (value && typeof value === 'object' && !Array.isArray(value) && Array.isArray((value as IDataObject).components)) {
		value = (value as IDataObject).components;
	}
	if (!Array.isArray(value) || value.some((c) => !c || typeof c !== 'object' || Array.isArray(c))) {
		throw new NodeOperationError(
			this.getNode(),
			`"Components (JSON)" must be a list of components like [{"type": "BODY", "text": "…"}] (item ${itemIndex + 1})`,
			{ itemIndex },
		);
	}
	return value as TemplateComponent[];
}

/** POST /{WABA-ID}/message_templates: submits a template for Meta's review. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const mode = this.getNodeParameter('contentMode', itemIndex, 'fields') as string;
	let components: TemplateComponent[];
	let parameterFormat: 'POSITIONAL' | 'NAMED' | undefined;
	if (mode === 'json') {
		components = parseComponentsJson.call(this, this.getNodeParameter('componentsJson', itemIndex, '[]'), itemIndex);
		const chosen = this.getNodeParameter('parameterFormat', itemIndex, 'auto') as string;
		parameterFormat = chosen === 'auto' ? detectFormat(components) : (chosen as 'POSITIONAL' | 'NAMED');
	} else {
		const examples = this.getNodeParameter('bodyExamples.example', itemIndex, []) as IDataObject[];
		const buttons = this.getNodeParameter('buttons.button', itemIndex, []) as IDataObject[];
		const built = componentsFromFields({
			headerType: this.getNodeParameter('headerType', itemIndex, 'none') as string,
			headerText: this.getNodeParameter('headerText', itemIndex, '') as string,
			headerExample: this.getNodeParameter('headerExample', itemIndex, '') as string,
			headerHandle: this.getNodeParameter('headerHandle', itemIndex, '') as string,
			bodyText: this.getNodeParameter('bodyText', itemIndex, '') as string,
			bodyExamples: examples as Array<{ variable?: string; value?: string }>,
			footerText: this.getNodeParameter('footerText', itemIndex, '') as string,
			buttons: buttons as Array<{ type?: string; text?: string }>,
		});
		components = built.components;
		parameterFormat = built.parameterFormat;
	}

	const input = validateInput(
		this.getNode(),
		templateCreateInput,
		{
			name: String(this.getNodeParameter('name', itemIndex, '')),
			category: this.getNodeParameter('category', itemIndex, 'UTILITY'),
			language: String(this.getNodeParameter('language', itemIndex, '')),
			parameterFormat,
			components,
		},
		labels,
		itemIndex,
	);
	const waba = await businessAccountId.call(this, itemIndex);
	const body: IDataObject = {
		name: input.name,
		language: input.language,
		category: input.category,
		components: input.components as IDataObject[],
	};
	if (input.parameterFormat) body.parameter_format = input.parameterFormat;
	const response = (await graphRequest.call(this, {
		method: 'POST',
		path: `${waba}/message_templates`,
		body,
		itemIndex,
	})) as IDataObject;
	return [{ json: { ...response, name: input.name, language: input.language } }];
}
