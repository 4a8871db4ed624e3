import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { LIMITS } from '../../helpers/limits';
import { templateLanguageSchema } from '../../helpers/templates/languages';
import { templateNameSchema } from '../../helpers/templates/names';
import { TEMPLATE_CATEGORIES } from '../../helpers/templates/types';
import { defineInput } from '../../helpers/validate';
import { graphRequest } from '../../transport';
import { businessAccountIdParameter, getBusinessAccountId } from '../businessAccount/wabaId';
import {
	contentValues,
	fieldsShape,
	jsonShape,
	reviewFields,
	reviewJson,
	uploadHeaderSample,
	type TemplateContent,
} from './content';
import { contentFieldsDescription, contentJsonDescription } from './createContent';

export const description: INodeProperties[] = [
	businessAccountIdParameter(),
	{
		displayName: 'Template Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'order_update',
		description: `Lowercase letters, digits and underscores only, up to ${LIMITS.templateName} characters`,
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
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'string',
		default: 'en_US',
		required: true,
		placeholder: 'en_US',
		description:
			"Language code of this version of the template, from Meta's list of template languages, e.g. en, en_US, pt_BR, es_MX",
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
	},
	...contentFieldsDescription,
	...contentJsonDescription,
];

const identity = {
	name: templateNameSchema,
	category: z.enum(TEMPLATE_CATEGORIES),
	language: templateLanguageSchema,
};

/** What Create sends, once the input passed Meta's rules. */
interface NewTemplate extends TemplateContent {
	name: string;
	category: string;
	language: string;
}

const identityOf = ({ name, category, language }: NewTemplate | z.output<z.ZodObject<typeof identity>>) => ({
	name,
	category,
	language,
});

/** "Using Fields Below": problems are reported on the field they come from. */
const fieldsInput = defineInput(
	'template.create',
	z
		.object({ ...identity, ...fieldsShape })
		.transform((input, ctx): NewTemplate => ({ ...identityOf(input), ...reviewFields(input, input.category, ctx) })),
	description,
);

/** "Using JSON": problems are reported on "Components (JSON)", saying which part of it. */
const jsonInput = defineInput(
	'template.create.json',
	z
		.object({ ...identity, ...jsonShape })
		.transform((input, ctx): NewTemplate => ({ ...identityOf(input), ...reviewJson(input, input.category, ctx) })),
	description,
);

function readInput(this: IExecuteFunctions, itemIndex: number): NewTemplate {
	const parameter = (name: string, fallback: unknown = '') => this.getNodeParameter(name, itemIndex, fallback);
	const mode = parameter('contentMode', 'fields') === 'json' ? 'json' : 'fields';
	const values = {
		name: String(parameter('name') ?? ''),
		category: parameter('category', 'UTILITY'),
		language: String(parameter('language') ?? ''),
		...contentValues.call(this, itemIndex, mode),
	};
	return (mode === 'json' ? jsonInput : fieldsInput).parse(this.getNode(), values, itemIndex);
}

/** POST /{WABA-ID}/message_templates: submits a template for Meta's review. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const input = readInput.call(this, itemIndex);
	const waba = await getBusinessAccountId.call(this, itemIndex, 'there is no account to create the template in');
	await uploadHeaderSample.call(this, itemIndex, input);
	const body: IDataObject = {
		name: input.name,
		language: input.language,
		category: input.category,
		components: input.components,
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
