import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { graphRequest } from '../../../shared/transport/graphRequest';
import { graphIdSchema } from '../../validation/schemas/account';
import { defineInput, type InputDefinition } from '../../validation/validateInput';
import { businessAccountIdParameter, getBusinessAccountId } from '../businessAccount/wabaId';
import {
	categoriesParameter,
	categoriesSchema,
	endpointUriParameter,
	endpointUriSchema,
	flowJsonParameters,
	flowNameSchema,
	nameParameter,
	readableValidationError,
	readFlowJson,
} from './flowFields';

export const description: INodeProperties[] = [
	businessAccountIdParameter(),
	nameParameter(true),
	categoriesParameter(true),
	...flowJsonParameters(true),
	endpointUriParameter,
	{
		displayName: 'Publish',
		name: 'publish',
		type: 'boolean',
		default: false,
		description: 'Whether to publish the Flow at once when its JSON has no validation errors (a published Flow cannot be changed)',
		displayOptions: { show: { flowJsonSource: ['text', 'binary'] } },
	},
];

const input = defineInput(
	'flow.create',
	z.object({ businessAccountId: graphIdSchema, name: flowNameSchema, categories: categoriesSchema, endpointUri: endpointUriSchema, publish: z.boolean() }),
	description,
);

export const inputs: InputDefinition[] = [input];

async function flowStatus(this: IExecuteFunctions, flowId: string, itemIndex: number): Promise<string | null> {
	const flow = (await graphRequest.call(this, { method: 'GET', path: flowId, qs: { fields: 'status' }, itemIndex })) as IDataObject;
	return typeof flow.status === 'string' ? flow.status : null;
}

/** POST /{WABA-ID}/flows: a DRAFT Flow, with its JSON and published at once when asked and valid. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const value = input.parse(
		this.getNode(),
		{
			businessAccountId: await getBusinessAccountId.call(this, itemIndex, 'the Flow cannot be created'),
			name: this.getNodeParameter('name', itemIndex, ''),
			categories: this.getNodeParameter('categories', itemIndex, []),
			endpointUri: this.getNodeParameter('endpointUri', itemIndex, ''),
			publish: this.getNodeParameter('publish', itemIndex, false),
		},
		itemIndex,
	);
	const flowJson = await readFlowJson.call(this, itemIndex);
	const publish = value.publish && flowJson !== undefined;
	const response = (await graphRequest.call(this, {
		method: 'POST',
		path: `${value.businessAccountId}/flows`,
		body: {
			name: value.name,
			categories: value.categories,
			...(flowJson !== undefined ? { flow_json: flowJson } : {}),
			...(publish ? { publish: true } : {}),
			...(value.endpointUri ? { endpoint_uri: value.endpointUri } : {}),
		},
		itemIndex,
	})) as IDataObject;
	const validationErrors = ((response.validation_errors as IDataObject[] | undefined) ?? []).map(readableValidationError);
	// Meta still creates a Flow it cannot publish (as a DRAFT): its status says which happened.
	const status = publish && typeof response.id === 'string' ? await flowStatus.call(this, response.id, itemIndex) : 'DRAFT';
	return [
		{
			json: {
				...response,
				flowId: response.id ?? null,
				name: value.name,
				categories: value.categories,
				validationErrors,
				status,
				published: status === 'PUBLISHED',
			},
		},
	];
}
