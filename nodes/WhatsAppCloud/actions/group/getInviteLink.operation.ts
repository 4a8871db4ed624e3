import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { groupIdParameter, groupInput, groupRequest, readGroupId } from './groupFields';

export const description: INodeProperties[] = [groupIdParameter];

const input = groupInput('group.getInviteLink', {}, description);

export const inputs = [input];

/** GET /{group-id}/invite_link: the link people join the group with. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const { groupId } = input.parse(this.getNode(), { groupId: readGroupId.call(this, itemIndex) }, itemIndex);
	const response = await groupRequest.call(this, itemIndex, { method: 'GET', groupId, edge: 'invite_link' });
	return [{ json: { groupId, inviteLink: response.invite_link ?? null } }];
}
