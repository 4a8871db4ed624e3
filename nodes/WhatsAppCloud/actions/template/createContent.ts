import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { parsePhoneNumber } from '../../phone/phoneNumbers';
import { bareVariableName, isPositional, placeholderNames, placeholdersOf } from '../../templates/placeholders';
import { detectParameterFormat } from '../../templates/review';
import type { TemplateButton, TemplateComponent } from '../../templates/types';
import { LIMITS } from '../../validation/limits';
import { HEADER_TYPE_ORDER, headerTypeOptions } from '../headerTypes';

/**
 * Template → Create, "Using Fields Below": the header, body, footer and button fields, and the
 * components they describe. "Using JSON" takes the components as Meta defines them instead.
 */

const fields = { show: { contentMode: ['fields'] } };
const fieldsOrCarousel = { show: { contentMode: ['fields', 'carousel'] } };
const textHeader = { show: { contentMode: ['fields'], headerType: ['TEXT'] } };
const mediaHeader = { show: { contentMode: ['fields'], headerType: ['IMAGE', 'VIDEO', 'DOCUMENT'] } };

export const contentFieldsDescription: INodeProperties[] = [
	{
		displayName: 'Header',
		name: 'headerType',
		type: 'options',
		default: 'none',
		options: headerTypeOptions(HEADER_TYPE_ORDER, (type) => (type === 'none' ? 'none' : type.toUpperCase())),
		displayOptions: fields,
	},
	{
		displayName: 'Header Text',
		name: 'headerText',
		type: 'string',
		default: '',
		description: `Up to ${LIMITS.templateHeaderText} characters, with at most one variable like {{1}} or {{name}}`,
		displayOptions: textHeader,
	},
	{
		displayName: 'Header Variable Example',
		name: 'headerExample',
		type: 'string',
		default: '',
		description: "Example value of the header variable, for Meta's review. Needed when the header text has a variable.",
		displayOptions: textHeader,
	},
	{
		displayName: 'Header Sample From',
		name: 'headerSampleSource',
		type: 'options',
		default: 'handle',
		options: [
			{
				name: 'Binary File (Uploaded First)',
				value: 'binary',
				description: "An input binary field, uploaded through Meta's Resumable Upload API (the credential's App ID)",
			},
			{ name: 'Handle', value: 'handle', description: 'A handle from Media → Upload for a template or profile photo' },
		],
		description: "Meta's review needs a sample of the header's image, video or document",
		displayOptions: mediaHeader,
	},
	{
		displayName: 'Header Sample Binary Field',
		name: 'headerBinaryProperty',
		type: 'string',
		default: 'data',
		hint: 'The input binary field with the sample: JPEG/PNG image, MP4 video or PDF document',
		displayOptions: { show: { ...mediaHeader.show, headerSampleSource: ['binary'] } },
	},
	{
		displayName: 'Header Sample Handle',
		name: 'headerHandle',
		type: 'string',
		default: '',
		placeholder: '4::aW1hZ2UvanBn:ARY…',
		description: "Handle of a sample file uploaded with the Resumable Upload API, for Meta's review",
		displayOptions: { show: { ...mediaHeader.show, headerSampleSource: ['handle'] } },
	},
	{
		displayName: 'Body Text',
		name: 'bodyText',
		type: 'string',
		default: '',
		typeOptions: { rows: 4 },
		description: `Up to ${LIMITS.templateBodyText} characters. Variables are numbered {{1}}, {{2}} … in order, or named like {{first_name}} (lowercase and underscores).`,
		displayOptions: fieldsOrCarousel,
	},
	{
		displayName: 'Body Variable Examples',
		name: 'bodyExamples',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add example',
		description: "One example value per body variable, for Meta's review",
		displayOptions: fieldsOrCarousel,
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
					{ displayName: 'Example Value', name: 'value', type: 'string', default: '', placeholder: 'Maria' },
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
		displayOptions: fields,
	},
	{
		displayName: 'Buttons',
		name: 'buttons',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add button',
		description: `Up to ${LIMITS.templateButtons} buttons`,
		displayOptions: fields,
		options: [
			{
				displayName: 'Button',
				name: 'button',
				values: [
					{
						displayName: 'Button Type',
						name: 'type',
						type: 'options',
						default: 'QUICK_REPLY',
						options: [
							{ name: 'Copy Code', value: 'COPY_CODE' },
							{ name: 'Phone Number', value: 'PHONE_NUMBER' },
							{ name: 'Quick Reply', value: 'QUICK_REPLY' },
							{ name: 'Request Contact Info', value: 'REQUEST_CONTACT_INFO', description: 'Asks the user to share their phone number (Utility and Marketing templates)' },
							{ name: 'URL', value: 'URL' },
							{ name: 'Voice Call', value: 'VOICE_CALL', description: 'Calls the business on WhatsApp; needs calling on for the sending number (Phone Number → Update Call Settings)' },
						],
					},
					{
						displayName: 'Code Example',
						name: 'codeExample',
						type: 'string',
						default: '',
						placeholder: 'SAVE20',
						description: "An example coupon code, for Meta's review",
						displayOptions: { show: { type: ['COPY_CODE'] } },
					},
					{
						displayName: 'Phone Number',
						name: 'phoneNumber',
						type: 'string',
						default: '',
						placeholder: '+1 555 123 4567',
						description: 'The number the button calls, with country code',
						displayOptions: { show: { type: ['PHONE_NUMBER'] } },
					},
					{
						displayName: 'Text',
						name: 'text',
						type: 'string',
						default: '',
						description: `Button label, up to ${LIMITS.templateButtonText} characters`,
						displayOptions: { show: { type: ['QUICK_REPLY', 'URL', 'PHONE_NUMBER', 'VOICE_CALL'] } },
					},
					{
						displayName: 'URL',
						name: 'url',
						type: 'string',
						default: '',
						placeholder: 'https://example.com/orders/{{1}}',
						description: 'May end with one variable {{1}}',
						displayOptions: { show: { type: ['URL'] } },
					},
					{
						displayName: 'URL Variable Example',
						name: 'urlExample',
						type: 'string',
						default: '',
						placeholder: 'https://example.com/orders/12345',
						description: 'When the URL has {{1}}: an example of the full URL or of the part {{1}} stands for',
						displayOptions: { show: { type: ['URL'] } },
					},
				],
			},
		],
	},
];

export const contentJsonDescription: INodeProperties[] = [
	{
		displayName: 'Components (JSON)',
		name: 'componentsJson',
		type: 'json',
		default:
			'[\n  {\n    "type": "BODY",\n    "text": "Hi {{1}}, your order {{2}} has shipped.",\n    "example": { "body_text": [["Maria", "#1234"]] }\n  }\n]',
		description: 'The template\'s "components" array, as in Meta\'s message template reference',
		displayOptions: { show: { contentMode: ['json'] } },
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
		displayOptions: { show: { contentMode: ['json'] } },
	},
];

/** The "Using Fields Below" parameters, as Template → Create reads them. */
interface ContentFields {
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
}

function header(content: ContentFields): TemplateComponent | undefined {
	if (content.headerType === 'none') return undefined;
	const component: TemplateComponent = { type: 'HEADER', format: content.headerType };
	if (content.headerType === 'TEXT') {
		component.text = content.headerText;
		const [variable] = placeholderNames(content.headerText);
		if (variable !== undefined) {
			component.example = isPositional(variable)
				? { header_text: [content.headerExample] }
				: { header_text_named_params: [{ param_name: variable, example: content.headerExample }] };
		}
	} else if (content.headerType !== 'LOCATION') {
		const handle = content.headerHandle.trim();
		component.example = { header_handle: handle ? [handle] : [] };
	}
	return component;
}

function body(content: ContentFields): TemplateComponent {
	const component: TemplateComponent = { type: 'BODY', text: content.bodyText };
	const byVariable = new Map<string, string>();
	// In order {{1}}…{{n}}; an entry without a variable name fills the next free slot.
	const unnamed: string[] = [];
	for (const entry of content.bodyExamples) {
		const key = bareVariableName(entry.variable);
		if (key) byVariable.set(key, String(entry.value ?? ''));
		else unnamed.push(String(entry.value ?? ''));
	}
	const variables = [...new Set(placeholderNames(content.bodyText))];
	const positional = variables.filter(isPositional).sort((a, b) => Number(a) - Number(b));
	const named = variables.filter((v) => !isPositional(v));
	if (positional.length) {
		component.example = { body_text: [positional.map((v) => byVariable.get(v) ?? unnamed.shift() ?? '')] };
	}
	if (named.length) {
		component.example = {
			...component.example,
			body_text_named_params: named.map((v) => ({ param_name: v, example: byVariable.get(v) ?? '' })),
		};
	}
	return component;
}

function button(entry: ContentFields['buttons'][number]): TemplateButton {
	const type = entry.type || 'QUICK_REPLY';
	if (type === 'URL') {
		const url = (entry.url ?? '').trim();
		const result: TemplateButton = { type, text: entry.text ?? '', url };
		if (placeholdersOf(url).names.length) result.example = [String(entry.urlExample ?? '').trim()];
		return result;
	}
	if (type === 'PHONE_NUMBER') {
		const parsed = parsePhoneNumber(entry.phoneNumber);
		return {
			type,
			text: entry.text ?? '',
			phone_number: parsed.possible ? parsed.digits : String(entry.phoneNumber ?? ''),
		};
	}
	if (type === 'COPY_CODE') return { type, example: String(entry.codeExample ?? '') };
	// Its label is WhatsApp's own: the button has no text (Meta, "Business-scoped user IDs").
	if (type === 'REQUEST_CONTACT_INFO') return { type };
	return { type, text: entry.text ?? '' };
}

/** The components the "Using Fields Below" parameters describe, and their parameter format. */
export function componentsFromFields(content: ContentFields): {
	components: TemplateComponent[];
	parameterFormat?: 'NAMED';
} {
	const components: TemplateComponent[] = [];
	const head = header(content);
	if (head) components.push(head);
	components.push(body(content));
	if (content.footerText.trim()) components.push({ type: 'FOOTER', text: content.footerText });
	if (content.buttons.length) components.push({ type: 'BUTTONS', buttons: content.buttons.map(button) });
	const parameterFormat = detectParameterFormat(components);
	return { components, ...(parameterFormat ? { parameterFormat } : {}) };
}

/** "Components (JSON)" of Template → Create: a components array (or an object with one), parsed from text. */
export const componentsJsonSchema = z.unknown().transform((raw, ctx): TemplateComponent[] => {
	let value = raw;
	if (typeof raw === 'string') {
		try {
			value = JSON.parse(raw);
		} catch (error) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, message: `is not valid JSON: ${(error as Error).message}` });
			return z.NEVER;
		}
	}
	if (value && typeof value === 'object' && !Array.isArray(value) && Array.isArray((value as IDataObject).components)) {
		value = (value as IDataObject).components;
	}
	if (!Array.isArray(value) || value.some((c) => !c || typeof c !== 'object' || Array.isArray(c))) {
		ctx.addIssue({
			code: z.ZodIssueCode.custom,
			message: 'must be a list of components like [{"type": "BODY", "text": "…"}]',
		});
		return z.NEVER;
	}
	return value as TemplateComponent[];
});
