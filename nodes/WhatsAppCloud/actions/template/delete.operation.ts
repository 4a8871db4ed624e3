import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { validateInput } from '../../helpers/validate';
import { templateDeleteInput } from '../../helpers/schemas/account';
import { businessAccountId } from '../../methods/templates';
import { graphRequest } from '../../transport';

const show = { resource: ['template'], operation: ['delete'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Template Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'order_update',
		description: 'Name of the template to delete. Without a Template ID, every language of this template is deleted.',
		displayOptions: { show },
	},
	{
		displayName: 'Template ID',
		name: 'templateId',
		type: 'string',
		default: '',
		placeholder: '920070352646140',
		description: 'Optional: delete only the template with this ID (one language), not every language of the name',
		displayOptions: { show },
	},
];

/** DELETE /{WABA-ID}/message_templates?name=…[&hsm_id=…]. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const input = validateInput(
		this.getNode(),
		templateDeleteInput,
		{
			name: String(this.getNodeParameter('name', itemIndex, '')),
			templateId: String(this.getNodeParameter('templateId', itemIndex, '')).trim(),
		},
		{ name: 'Template Name', templateId: 'Template ID' },
		itemIndex,
	);
	const waba = await businessAccountId.call(this, itemIndex);
	const qs: IDataObject = { name: input.name };
	if (input.templateId) qs.hsm_id = input.templateId;
	const response = (await graphRequest.call(this, {
		method: 'DELETE',
		path: `${waba}/message_templates`,
		qs,
		itemIndex,
	})) as IDataObject;
	return [
		{
			json: {
				...response,
				name: input.name,
				templateId: input.templateId || null,
				deleted: response.success === true,
			},
		},
	];
}
