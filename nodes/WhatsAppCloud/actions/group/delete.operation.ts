import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { groupIdParameter, groupInput, groupRequest, readGroupId } from './groupFields';

export const description: INodeProperties[] = [groupIdParameter];

const input = groupInput('group.delete', {}, description);

export const inputs = [input];

/** DELETE /{group-id}: the group is gone for everyone, the business included. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const { groupId } = input.parse(this.getNode(), { groupId: readGroupId.call(this, itemIndex) }, itemIndex);
	const response = await groupRequest.call(this, itemIndex, { method: 'DELETE', groupId });
	return [{ json: { groupId, deleted: response.success === true } }];
}
