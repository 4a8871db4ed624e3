import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { graphRequest } from '../../../shared/transport/graphRequest';
import { fetchTemplateById } from '../../templates/fetch';
import { templateNameSchema } from '../../templates/names';
import { graphIdSchema } from '../../validation/schemas/account';
import { defineInput, type InputDefinition } from '../../validation/validateInput';
import { businessAccountIdParameter, getBusinessAccountId } from '../businessAccount/wabaId';
import { templateLocatorOf, templatePicker } from './picker';

export const description: INodeProperties[] = [
	businessAccountIdParameter(),
	templatePicker(
		'The template to delete. From List or By ID: only that template (one language). By Name: every language of the name.',
		false,
	),
	{
		displayName: 'Template Name',
		name: 'name',
		type: 'string',
		default: '',
		placeholder: 'order_update',
		description:
			'Only needed when Template is empty or a plain ID (workflows saved before the picker): the name to delete, every language of it, or with that ID only that one',
	},
];

const optionalId = z.preprocess((value) => String(value ?? '').trim(), z.union([z.literal(''), graphIdSchema]));
const optionalName = z.preprocess((value) => String(value ?? '').trim(), z.union([z.literal(''), templateNameSchema]));

const deleteInput = defineInput(
	'template.delete',
	z
		.object({ name: optionalName, templateId: optionalId })
		.refine((input) => input.name !== '' || input.templateId !== '', {
			path: ['templateId'],
			message: 'is empty; pick the template to delete (or enter its Template Name)',
		}),
	description,
);

const deleteByNameInput = defineInput(
	'template.delete.name',
	z.object({ templateId: templateNameSchema }),
	description,
);

export const inputs: InputDefinition[] = [deleteInput, deleteByNameInput];

/** DELETE /{WABA-ID}/message_templates?name=…[&hsm_id=…]. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const locator = templateLocatorOf(this.getNodeParameter('templateId', itemIndex, ''));
	const typedName = this.getNodeParameter('name', itemIndex, '');
	let name: string;
	let templateId = '';
	if (locator.mode === 'name' && locator.value !== '') {
		name = deleteByNameInput.parse(this.getNode(), { templateId: locator.value }, itemIndex).templateId;
	} else {
		const input = deleteInput.parse(this.getNode(), { name: typedName, templateId: locator.value }, itemIndex);
		templateId = input.templateId;
		// Meta deletes one language by name and ID together: the name comes from the template.
		name = input.name || String((await fetchTemplateById.call(this, templateId, itemIndex)).name ?? '');
	}
	const waba = await getBusinessAccountId.call(this, itemIndex, 'there is no account to delete the template from');
	const qs: IDataObject = { name };
	if (templateId) qs.hsm_id = templateId;
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
				name,
				templateId: templateId || null,
				deleted: response.success === true,
			},
		},
	];
}
