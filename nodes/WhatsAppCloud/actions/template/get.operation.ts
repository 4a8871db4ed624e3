import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { graphIdSchema } from '../../validation/schemas/account';
import { templateLanguageSchema } from '../../templates/languages';
import { templateNameSchema } from '../../templates/names';
import { defineInput } from '../../validation/validateInput';
import { resolveTemplate } from '../../templates/fetch';
import { businessAccountIdParameter, getBusinessAccountId } from '../businessAccount/wabaId';
import { templateLocatorOf, templatePicker } from './picker';

export const description: INodeProperties[] = [
	{
		...businessAccountIdParameter(),
		description:
			"The WhatsApp Business Account (WABA) whose templates are listed and looked up by name. Leave empty to use the credential's WhatsApp Business Account ID. Not needed By ID.",
	},
	templatePicker(
		'The template to get: from the list, by its name, or by its ID (Template → Get Many outputs it as "ID")',
		true,
	),
	{
		displayName: 'Language',
		name: 'templateLanguage',
		type: 'string',
		default: '',
		placeholder: 'e.g. en_US',
		description:
			'Language code of the template version to get. Leave empty to get the picked template, or the only language of a template chosen by name.',
		hint: 'Needed when the template is chosen by name and exists in several languages',
	},
];

const language = z.preprocess((value) => String(value ?? '').trim(), z.union([z.literal(''), templateLanguageSchema]));
const byIdInput = defineInput(
	'template.get',
	z.object({ templateId: graphIdSchema, templateLanguage: language }),
	description,
);
const byNameInput = defineInput(
	'template.get.name',
	z.object({ templateId: templateNameSchema, templateLanguage: language }),
	description,
);

/**
 * GET /{TEMPLATE_ID} (no WABA needed), or the WABA's template of that exact name (and language):
 * name, language, status, category, parameter format, components, rejected_reason, quality_score.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const locator = templateLocatorOf(this.getNodeParameter('templateId', itemIndex, ''));
	const raw = { templateId: locator.value, templateLanguage: this.getNodeParameter('templateLanguage', itemIndex, '') };
	const input =
		locator.mode === 'name'
			? byNameInput.parse(this.getNode(), raw, itemIndex)
			: byIdInput.parse(this.getNode(), raw, itemIndex);
	const template = await resolveTemplate.call(
		this,
		{ mode: locator.mode, value: input.templateId },
		input.templateLanguage || undefined,
		() => getBusinessAccountId.call(this, itemIndex, 'the template cannot be looked up by name or language'),
		itemIndex,
	);
	return [{ json: template as IDataObject }];
}
