import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { graphIdSchema } from '../../validation/schemas/account';
import { defineInput, type InputDefinition } from '../../validation/validateInput';
import { postForItem } from '../graphItem';
import { flowIdParameter, readFlowId } from './flowFields';

export const description: INodeProperties[] = [flowIdParameter()];

const input = defineInput('flow.deprecate', z.object({ flowId: graphIdSchema }), description);

export const inputs: InputDefinition[] = [input];

/** POST /{Flow-ID}/deprecate: PUBLISHED → DEPRECATED; the Flow can no longer be sent or opened. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const { flowId } = input.parse(this.getNode(), { flowId: readFlowId.call(this, itemIndex) }, itemIndex);
	return await postForItem.call(this, itemIndex, `${flowId}/deprecate`, undefined, (response) => ({
		flowId,
		deprecated: response.success === true,
	}));
}
