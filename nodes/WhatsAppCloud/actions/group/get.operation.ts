import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { groupIdParameter, groupInput, groupRequest, readGroupId } from './groupFields';

const FIELDS = ['subject', 'description', 'join_approval_mode', 'suspended', 'creation_timestamp', 'participants', 'total_participant_count'] as const;

export const description: INodeProperties[] = [
	groupIdParameter,
	{
		displayName: 'Fields',
		name: 'fields',
		type: 'multiOptions',
		default: ['subject', 'description', 'join_approval_mode', 'participants', 'total_participant_count'],
		options: [
			{ name: 'Created At', value: 'creation_timestamp' },
			{ name: 'Description', value: 'description' },
			{ name: 'Join Approval Mode', value: 'join_approval_mode' },
			{ name: 'Participant Count', value: 'total_participant_count' },
			{ name: 'Participants', value: 'participants' },
			{ name: 'Subject', value: 'subject' },
			{ name: 'Suspended', value: 'suspended' },
		],
		description: 'What to read about the group (its ID always comes)',
	},
];

const input = groupInput('group.get', { fields: z.array(z.enum(FIELDS)) }, description);

export const inputs = [input];

/** GET /{group-id}?fields=…: the group's subject, description, settings and participants. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const { groupId, fields } = input.parse(
		this.getNode(),
		{ groupId: readGroupId.call(this, itemIndex), fields: this.getNodeParameter('fields', itemIndex, []) },
		itemIndex,
	);
	const response = await groupRequest.call(this, itemIndex, {
		method: 'GET',
		groupId,
		qs: { fields: ['id', ...fields].join(',') },
	});
	return [{ json: { ...response, groupId } }];
}
