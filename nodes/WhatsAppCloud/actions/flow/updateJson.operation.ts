import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { graphRequest } from '../../../shared/transport/graphRequest';
import { multipartBody } from '../../../shared/transport/media';
import { graphIdSchema } from '../../validation/schemas/account';
import { defineInput, type InputDefinition } from '../../validation/validateInput';
import { flowIdParameter, flowJsonParameters, readableValidationError, readFlowId, readFlowJson } from './flowFields';

export const description: INodeProperties[] = [
	flowIdParameter(),
	...flowJsonParameters(false),
	{
		displayName:
			'Meta checks the Flow JSON: each validation error comes out as one item (line, column, message); a Flow with validation errors cannot be published',
		name: 'updateJsonNotice',
		type: 'notice',
		default: '',
	},
];

const input = defineInput('flow.updateJson', z.object({ flowId: graphIdSchema }), description);

export const inputs: InputDefinition[] = [input];

/**
 * POST /{Flow-ID}/assets (multipart: file, name "flow.json", asset_type FLOW_JSON). One item when
 * Meta finds nothing wrong, else one item per validation error, each saying where (line, column).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const { flowId } = input.parse(this.getNode(), { flowId: readFlowId.call(this, itemIndex) }, itemIndex);
	const text = (await readFlowJson.call(this, itemIndex)) ?? '';
	const { body, contentType } = multipartBody(
		{ data: Buffer.from(text, 'utf8'), mimeType: 'application/json', fileName: 'flow.json' },
		{ name: 'flow.json', asset_type: 'FLOW_JSON' },
	);
	const response = (await graphRequest.call(this, {
		method: 'POST',
		path: `${flowId}/assets`,
		body,
		headers: { 'Content-Type': contentType },
		itemIndex,
	})) as IDataObject;
	const errors = (response.validation_errors as IDataObject[] | undefined) ?? [];
	if (errors.length === 0) return [{ json: { flowId, success: response.success === true, valid: true, validationErrors: [] } }];
	return errors.map((error) => ({ json: { flowId, success: response.success === true, valid: false, ...readableValidationError(error) } }));
}
