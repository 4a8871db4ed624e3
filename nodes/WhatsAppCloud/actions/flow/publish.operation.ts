import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { graphIdSchema } from '../../validation/schemas/account';
import { defineInput, type InputDefinition } from '../../validation/validateInput';
import { postForItem } from '../graphItem';
import { flowIdParameter, readFlowId } from './flowFields';

export const description: INodeProperties[] = [
	flowIdParameter(),
	{
		displayName: 'Publishing cannot be undone: a published Flow and its JSON can no longer change (create a new Flow to change it)',
		name: 'publishNotice',
		type: 'notice',
		default: '',
	},
];

const input = defineInput('flow.publish', z.object({ flowId: graphIdSchema }), description);

export const inputs: InputDefinition[] = [input];

/** POST /{Flow-ID}/publish: DRAFT → PUBLISHED; Meta refuses a Flow whose JSON has validation errors. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const { flowId } = input.parse(this.getNode(), { flowId: readFlowId.call(this, itemIndex) }, itemIndex);
	return await postForItem.call(this, itemIndex, `${flowId}/publish`, undefined, (response) => ({
		flowId,
		published: response.success === true,
	}));
}
