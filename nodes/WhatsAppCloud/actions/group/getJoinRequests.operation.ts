import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { groupIdParameter, groupInput, groupRequest, readGroupId } from './groupFields';

export const description: INodeProperties[] = [groupIdParameter];

const input = groupInput('group.getJoinRequests', {}, description);

export const inputs = [input];

/** GET /{group-id}/join_requests (every page): one item per open request, with who asked. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const { groupId } = input.parse(this.getNode(), { groupId: readGroupId.call(this, itemIndex) }, itemIndex);
	const requests: IDataObject[] = [];
	let after: string | undefined;
	do {
		const page = await groupRequest.call(this, itemIndex, {
			method: 'GET',
			groupId,
			edge: 'join_requests',
			qs: after ? { after } : undefined,
		});
		requests.push(...((page.data as IDataObject[] | undefined) ?? []));
		const paging = page.paging as { cursors?: { after?: string }; next?: string } | undefined;
		after = paging?.next ? paging.cursors?.after : undefined;
	} while (after);
	return requests.map((request) => ({
		json: {
			groupId,
			joinRequestId: request.join_request_id ?? null,
			waId: request.wa_id ?? null,
			userId: request.user_id ?? null,
			createdAt: typeof request.creation_timestamp === 'number' ? new Date(request.creation_timestamp * 1000).toISOString() : null,
			...request,
		},
	}));
}
