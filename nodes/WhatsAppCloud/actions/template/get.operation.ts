import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { resolveTemplate } from '../../templates/fetch';
import { businessAccountIdParameter, getBusinessAccountId } from '../businessAccount/wabaId';
import { pickedTemplateInput, templateLanguageParameter, templatePicker } from './picker';

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
	templateLanguageParameter(
		'Language code of the template version to get. Leave empty to get the picked template, or the only language of a template chosen by name.',
	),
];

const readPickedTemplate = pickedTemplateInput({ byId: 'template.get', byName: 'template.get.name' }, description);

export const inputs = readPickedTemplate.inputs;

/**
 * GET /{TEMPLATE_ID} (no WABA needed), or the WABA's template of that exact name (and language):
 * name, language, status, category, parameter format, components, rejected_reason, quality_score.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const input = readPickedTemplate.call(this, itemIndex);
	const template = await resolveTemplate.call(
		this,
		{ mode: input.mode, value: input.templateId },
		input.templateLanguage || undefined,
		() => getBusinessAccountId.call(this, itemIndex, 'the template cannot be looked up by name or language'),
		itemIndex,
	);
	return [{ json: template as IDataObject }];
}
