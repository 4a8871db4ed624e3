import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { graphRequest } from '../../../shared/transport/graphRequest';
import type { InputDefinition } from '../../validation/validateInput';
import { getBusinessAccountId } from '../businessAccount/wabaId';
import { templateIdsDescription, templateIdsInput } from './templateIds';

export const description: INodeProperties[] = templateIdsDescription('delete (each one language of a template)');

const deleteManyInput = templateIdsInput('template.deleteMany', description);

export const inputs: InputDefinition[] = [deleteManyInput];

/** DELETE /{WABA-ID}/message_templates?hsm_ids=[…]: Meta's bulk delete by template ID (changelog). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const { templateIds } = deleteManyInput.parse(
		this.getNode(),
		{ templateIds: this.getNodeParameter('templateIds', itemIndex, '') },
		itemIndex,
	);
	const waba = await getBusinessAccountId.call(this, itemIndex, 'there is no account to delete templates from');
	const response = (await graphRequest.call(this, {
		method: 'DELETE',
		path: `${waba}/message_templates`,
		qs: { hsm_ids: JSON.stringify(templateIds) },
		itemIndex,
	})) as IDataObject;
	return [{ json: { ...response, templateIds, deleted: response.success === true } }];
}
