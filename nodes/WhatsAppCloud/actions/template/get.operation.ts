import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { graphIdSchema } from '../../helpers/schemas/account';
import { defineInput } from '../../helpers/validate';
import { fetchTemplateById } from '../../methods/templates';

export const description: INodeProperties[] = [
	{
		displayName: 'Template ID',
		name: 'templateId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '920070352646140',
		description: 'The ID of the template (Template → Get Many outputs it as "ID"; WhatsApp Manager shows it too)',
	},
];

const getInput = defineInput('template.get', z.object({ templateId: graphIdSchema }), description);

/** GET /{TEMPLATE_ID}: name, language, status, category, parameter format and components. No WABA is needed. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const { templateId } = getInput.parse(
		this.getNode(),
		{ templateId: String(this.getNodeParameter('templateId', itemIndex, '') ?? '') },
		itemIndex,
	);
	const template = await fetchTemplateById.call(this, templateId, itemIndex);
	return [{ json: template as IDataObject }];
}
