import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { graphRequest } from '../../../shared/transport/graphRequest';
import { graphIdSchema } from '../../validation/schemas/account';
import { defineInput, type InputDefinition } from '../../validation/validateInput';
import { flowIdParameter, readFlowId } from './flowFields';

export const description: INodeProperties[] = [flowIdParameter()];

const input = defineInput('flow.delete', z.object({ flowId: graphIdSchema }), description);

export const inputs: InputDefinition[] = [input];

/** DELETE /{Flow-ID}: only a DRAFT Flow can be deleted (deprecate a published one). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const { flowId } = input.parse(this.getNode(), { flowId: readFlowId.call(this, itemIndex) }, itemIndex);
	const response = (await graphRequest.call(this, { method: 'DELETE', path: flowId, itemIndex })) as IDataObject;
	return [{ json: { ...response, flowId, deleted: response.success === true } }];
}
