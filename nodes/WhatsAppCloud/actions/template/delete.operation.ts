import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { graphIdSchema } from '../../helpers/schemas/account';
import { templateNameSchema } from '../../helpers/templates/names';
import { defineInput } from '../../helpers/validate';
import { graphRequest } from '../../transport';
import { businessAccountIdParameter, getBusinessAccountId } from '../businessAccount/wabaId';

export const description: INodeProperties[] = [
	businessAccountIdParameter(),
	{
		displayName: 'Template Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'order_update',
		description: 'Name of the template to delete. Without a Template ID, every language of this template is deleted.',
	},
	{
		displayName: 'Template ID',
		name: 'templateId',
		type: 'string',
		default: '',
		placeholder: '920070352646140',
		description: 'Optional: delete only the template with this ID (one language), not every language of the name',
	},
];

const deleteInput = defineInput(
	'template.delete',
	z.object({
		name: templateNameSchema,
		templateId: z.preprocess((value) => String(value ?? '').trim(), z.union([z.literal(''), graphIdSchema])),
	}),
	description,
);

/** DELETE /{WABA-ID}/message_templates?name=…[&hsm_id=…]. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const input = deleteInput.parse(
		this.getNode(),
		{
			name: String(this.getNodeParameter('name', itemIndex, '') ?? ''),
			templateId: this.getNodeParameter('templateId', itemIndex, ''),
		},
		itemIndex,
	);
	const waba = await getBusinessAccountId.call(this, itemIndex, 'there is no account to delete the template from');
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
