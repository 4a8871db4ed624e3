import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { Operation } from '../types';
import { GROUP_LIMITS, groupIdParameter, groupInput, groupRequest, idList, readGroupId } from './groupFields';

/**
 * Approve (POST) or reject (DELETE) /{group-id}/join_requests: Meta answers which IDs it handled
 * and, per ID, why one failed (failed_join_requests), which the item keeps.
 */
export function joinRequestsOperation(verb: 'approve' | 'reject'): Operation {
	const description: INodeProperties[] = [
		groupIdParameter,
		{
			displayName: 'Join Request IDs',
			name: 'joinRequestIds',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'MTY0NjcwNDM1OTU6MTIwMzYzNDA0Njk0MjMzODIw',
			hint: "The trigger's joinRequestId, or IDs from Get Join Requests",
			description: `The join requests to ${verb}: separated by commas or new lines, or a list from an expression. Up to ${GROUP_LIMITS.joinRequestsPerRequest} per item.`,
		},
	];
	const input = groupInput(`group.${verb}JoinRequests`, { joinRequestIds: idList(GROUP_LIMITS.joinRequestsPerRequest) }, description);
	return {
		description,
		inputs: [input],
		async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
			const { groupId, joinRequestIds } = input.parse(
				this.getNode(),
				{ groupId: readGroupId.call(this, itemIndex), joinRequestIds: this.getNodeParameter('joinRequestIds', itemIndex, '') },
				itemIndex,
			);
			const response = await groupRequest.call(this, itemIndex, {
				method: verb === 'approve' ? 'POST' : 'DELETE',
				groupId,
				edge: 'join_requests',
				body: { messaging_product: 'whatsapp', join_requests: joinRequestIds },
			});
			const done = (verb === 'approve' ? response.approved_join_requests : response.rejected_join_requests) ?? [];
			return [{ json: { groupId, ...response, [verb === 'approve' ? 'approved' : 'rejected']: done, failed: response.failed_join_requests ?? [] } }];
		},
	};
}
