import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { graphIdSchema } from '../../validation/schemas/account';
import { defineInput, type InputDefinition } from '../../validation/validateInput';
import { postForItem } from '../graphItem';
import { categoriesParameter, categoriesSchema, endpointUriParameter, endpointUriSchema, flowIdParameter, flowNameSchema, nameParameter, readFlowId } from './flowFields';

export const description: INodeProperties[] = [
	flowIdParameter(),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: [categoriesParameter(false), endpointUriParameter, nameParameter(false)],
	},
];

const input = defineInput(
	'flow.updateMetadata',
	z
		.object({
			flowId: graphIdSchema,
			updateFields: z.object({ name: flowNameSchema.optional(), categories: categoriesSchema.optional(), endpointUri: endpointUriSchema }),
		})
		.refine((v) => Object.values(v.updateFields).some((field) => field !== undefined), {
			message: 'is empty; add the name, categories or endpoint URI to change',
			path: ['updateFields'],
		}),
	description,
);

export const inputs: InputDefinition[] = [input];

/** POST /{Flow-ID}: name, categories, endpoint URI of a DRAFT Flow. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const { flowId, updateFields } = input.parse(
		this.getNode(),
		{ flowId: readFlowId.call(this, itemIndex), updateFields: this.getNodeParameter('updateFields', itemIndex, {}) },
		itemIndex,
	);
	const body: IDataObject = {};
	if (updateFields.name !== undefined) body.name = updateFields.name;
	if (updateFields.categories !== undefined) body.categories = updateFields.categories;
	if (updateFields.endpointUri !== undefined) body.endpoint_uri = updateFields.endpointUri;
	return await postForItem.call(this, itemIndex, flowId, body, (response) => ({ flowId, updated: response.success === true, ...updateFields }));
}
