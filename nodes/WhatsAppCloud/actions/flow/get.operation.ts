import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { graphRequest } from '../../../shared/transport/graphRequest';
import { graphIdSchema } from '../../validation/schemas/account';
import { defineInput, type InputDefinition } from '../../validation/validateInput';
import { flowIdParameter, readableValidationError, readFlowId } from './flowFields';

const FIELDS = [
	['Categories', 'categories'],
	['Data API Version', 'data_api_version'],
	['Endpoint URI', 'endpoint_uri'],
	['Flow JSON Version', 'json_version'],
	['Health Status', 'health_status'],
	['Name', 'name'],
	['Preview URL', 'preview'],
	['Status', 'status'],
	['Validation Errors', 'validation_errors'],
	['WhatsApp Business Account', 'whatsapp_business_account'],
] as const;

export const description: INodeProperties[] = [
	flowIdParameter(),
	{
		displayName: 'Fields',
		name: 'fields',
		type: 'multiOptions',
		default: ['name', 'categories', 'status', 'validation_errors', 'preview', 'endpoint_uri', 'json_version'],
		options: FIELDS.map(([name, value]) => ({ name, value })),
		description: 'What to read about the Flow (its ID always comes)',
	},
];

const input = defineInput(
	'flow.get',
	z.object({ flowId: graphIdSchema, fields: z.array(z.enum(FIELDS.map(([, v]) => v) as [string, ...string[]])) }),
	description,
);

export const inputs: InputDefinition[] = [input];

/** GET /{Flow-ID}?fields=…: status, validation errors (each with a line and column), preview URL. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const { flowId, fields } = input.parse(
		this.getNode(),
		{ flowId: readFlowId.call(this, itemIndex), fields: this.getNodeParameter('fields', itemIndex, []) },
		itemIndex,
	);
	const response = (await graphRequest.call(this, {
		method: 'GET',
		path: flowId,
		qs: { fields: ['id', ...fields].join(',') },
		itemIndex,
	})) as IDataObject;
	const preview = response.preview as IDataObject | undefined;
	const errors = response.validation_errors as IDataObject[] | undefined;
	return [
		{
			json: {
				...response,
				flowId,
				...(preview ? { previewUrl: preview.preview_url ?? null } : {}),
				...(errors ? { validationErrors: errors.map(readableValidationError) } : {}),
			},
		},
	];
}
