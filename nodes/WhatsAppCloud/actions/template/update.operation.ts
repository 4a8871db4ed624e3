import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import { resolveTemplate } from '../../templates/fetch';
import { EDITABLE_TEMPLATE_STATUSES, TEMPLATE_CATEGORIES } from '../../templates/types';
import { defineInput, type InputDefinition } from '../../validation/validateInput';
import { businessAccountIdParameter, getBusinessAccountId } from '../businessAccount/wabaId';
import { postForItem } from '../graphItem';
import {
	categoryOptions,
	contentValues,
	fieldsShape,
	jsonShape,
	reviewFields,
	reviewJson,
	uploadHeaderSample,
	type TemplateContent,
} from './content';
import { contentFieldsDescription, contentJsonDescription } from './createContent';
import { pickedTemplateInput, templateLanguageParameter, templatePicker } from './picker';

export const description: INodeProperties[] = [
	{
		...businessAccountIdParameter(),
		description:
			"The WhatsApp Business Account (WABA) whose templates are listed and looked up by name. Leave empty to use the credential's WhatsApp Business Account ID. Not needed By ID.",
	},
	templatePicker(
		'The template to edit (one language): from the list, by its name, or by its ID. Meta edits only approved, rejected and paused templates.',
		true,
	),
	templateLanguageParameter(
		'Language code of the template version to edit. Leave empty for the picked template, or the only language of a template chosen by name.',
	),
	{
		displayName: 'New Category',
		name: 'category',
		type: 'options',
		default: 'keep',
		options: [{ name: 'Keep Current Category', value: 'keep' }, ...categoryOptions('One-time passcodes')],
		description: 'Meta does not change the category of an approved template (only of rejected or paused ones)',
	},
	{
		displayName: 'New Content',
		name: 'contentMode',
		type: 'options',
		default: 'fields',
		options: [
			{ name: 'Keep Current Content', value: 'keep' },
			{ name: 'Using Fields Below', value: 'fields', description: 'Replaces every component of the template' },
			{ name: 'Using JSON', value: 'json', description: 'Components exactly as Meta defines them' },
		],
		hint: 'An approved template can be edited once a day and 10 times in 30 days; it is reviewed again',
	},
	...contentFieldsDescription,
	...contentJsonDescription,
];

const categoryInput = defineInput(
	'template.update.category',
	z.object({ category: z.union([z.literal('keep'), z.enum(TEMPLATE_CATEGORIES)]) }),
	description,
);

type Category = (typeof TEMPLATE_CATEGORIES)[number];

/** The content is checked for the category the template will have: one input per category. */
const contentInputs = Object.fromEntries(
	TEMPLATE_CATEGORIES.map((reviewCategory) => [
		reviewCategory,
		{
			fields: defineInput(
				`template.update.${reviewCategory}`,
				z.object(fieldsShape).transform((input, ctx): TemplateContent => reviewFields(input, reviewCategory, ctx)),
				description,
			),
			json: defineInput(
				`template.update.${reviewCategory}.json`,
				z.object(jsonShape).transform((input, ctx): TemplateContent => reviewJson(input, reviewCategory, ctx)),
				description,
			),
		},
	]),
) as unknown as Record<Category, { fields: InputDefinition; json: InputDefinition }>;

const readPickedTemplate = pickedTemplateInput(
	{ byId: 'template.update.template', byName: 'template.update.name' },
	description,
);

function refuse(this: IExecuteFunctions, itemIndex: number, message: string, hint: string): never {
	throw new NodeOperationError(this.getNode(), `${message} (item ${itemIndex + 1})`, { itemIndex, description: hint });
}

export const inputs: InputDefinition[] = [categoryInput, ...Object.values(contentInputs).flatMap((input) => [input.fields, input.json]), ...readPickedTemplate.inputs];

/**
 * POST /{TEMPLATE_ID} with the new category and/or components. The template is read first
 * (GET): Meta edits only approved, rejected and paused templates, and never the category of an
 * approved one; the new content is checked against Meta's rules for the category it will have.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const pick = readPickedTemplate.call(this, itemIndex);
	const newCategory = categoryInput.parse(
		node,
		{ category: this.getNodeParameter('category', itemIndex, 'keep') },
		itemIndex,
	).category;
	const mode = String(this.getNodeParameter('contentMode', itemIndex, 'fields'));
	if (newCategory === 'keep' && mode === 'keep') {
		refuse.call(
			this,
			itemIndex,
			'Nothing to update: "New Category" and "New Content" both keep the current ones',
			'Choose a new category, new content, or both.',
		);
	}

	const template = await resolveTemplate.call(
		this,
		{ mode: pick.mode, value: pick.templateId },
		pick.templateLanguage || undefined,
		() => getBusinessAccountId.call(this, itemIndex, 'the template cannot be looked up by name or language'),
		itemIndex,
	);
	const label = `The template "${String(template.name)}" (${String(template.language)})`;
	const status = String(template.status ?? '');
	if (!(EDITABLE_TEMPLATE_STATUSES as readonly string[]).includes(status)) {
		refuse.call(
			this,
			itemIndex,
			`${label} is ${status || 'in an unknown state'}: Meta edits only approved, rejected and paused templates`,
			status === 'PENDING'
				? "Wait for Meta's review to finish, then edit it."
				: 'Create a new template instead (Template → Create).',
		);
	}
	const currentCategory = String(template.category ?? '').toUpperCase();
	const categoryChange = newCategory !== 'keep' && newCategory !== currentCategory ? newCategory : undefined;
	if (categoryChange && status === 'APPROVED') {
		refuse.call(
			this,
			itemIndex,
			`${label} is approved: Meta does not change the category of an approved template (${currentCategory} → ${categoryChange})`,
			'Set "New Category" to Keep Current Category, or create a new template in that category.',
		);
	}

	const body: IDataObject = {};
	if (categoryChange) body.category = categoryChange;
	if (mode === 'fields' || mode === 'json') {
		const reviewCategory = (categoryChange ?? currentCategory) as Category;
		const inputs = contentInputs[reviewCategory] ?? contentInputs.UTILITY;
		const values = contentValues.call(this, itemIndex, mode);
		const content = (mode === 'json' ? inputs.json : inputs.fields).parse(node, values, itemIndex) as TemplateContent;
		await uploadHeaderSample.call(this, itemIndex, content);
		body.components = content.components;
		if (content.parameterFormat) body.parameter_format = content.parameterFormat;
	}
	if (Object.keys(body).length === 0) {
		refuse.call(
			this,
			itemIndex,
			`Nothing to update: ${label} is already ${currentCategory}`,
			'Choose another category or new content.',
		);
	}
	const templateId = String(template.id);
	return await postForItem.call(
		this,
		itemIndex,
		encodeURIComponent(templateId),
		body,
		() => ({
			templateId,
			name: template.name,
			language: template.language,
			category: categoryChange ?? currentCategory,
			updated: Object.keys(body).filter((key) => key !== 'parameter_format'),
		}),
	);
}
