import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { validateInput } from '../../helpers/validate';
import { graphIdSchema } from '../../helpers/schemas/account';
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
		displayOptions: { show: { resource: ['template'], operation: ['get'] } },
	},
];

/** GET /{TEMPLATE_ID}: name, language, status, category, parameter format and components. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const { templateId } = validateInput(
		this.getNode(),
		z.object({ templateId: graphIdSchema }),
		{ templateId: String(this.getNodeParameter('templateId', itemIndex, '')) },
		{ templateId: 'Template ID' },
		itemIndex,
	);
	const template = await fetchTemplateById.call(this, templateId, itemIndex);
	return [{ json: template as IDataObject }];
}
