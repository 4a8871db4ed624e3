import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { groupIdParameter, groupInput, groupRequest, readGroupId } from './groupFields';

export const description: INodeProperties[] = [groupIdParameter];

const input = groupInput('group.resetInviteLink', {}, description);

export const inputs = [input];

/** POST /{group-id}/invite_link: a new link; the old one stops working. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const { groupId } = input.parse(this.getNode(), { groupId: readGroupId.call(this, itemIndex) }, itemIndex);
	const response = await groupRequest.call(this, itemIndex, {
		method: 'POST',
		groupId,
		edge: 'invite_link',
		body: { messaging_product: 'whatsapp' },
	});
	return [{ json: { groupId, inviteLink: response.invite_link ?? null } }];
}
