import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { splitPhoneNumbers } from '../../validation/schemas/account';
import { recipientId } from '../../validation/recipient';
import { GROUP_LIMITS, groupIdParameter, groupInput, groupRequest, readGroupId } from './groupFields';

export const description: INodeProperties[] = [
	groupIdParameter,
	{
		displayName: 'Participants',
		name: 'participants',
		type: 'string',
		default: '',
		required: true,
		placeholder: '+1 555 000 9999, US.13491208655302741918',
		hint: "Phone numbers with country code or user IDs (BSUIDs), e.g. a trigger item's {{ $json.recipient }}",
		description: `Who leaves the group: phone numbers with country code or WhatsApp user IDs (BSUIDs), separated by commas or new lines, or a list from an expression. Up to ${GROUP_LIMITS.participantsPerRequest} per item (a group has at most ${GROUP_LIMITS.participantsPerRequest} participants).`,
	},
];

const input = groupInput(
	'group.removeParticipants',
	{ participants: z.preprocess(splitPhoneNumbers, z.array(recipientId).min(1).max(GROUP_LIMITS.participantsPerRequest)) },
	description,
);

export const inputs = [input];

/** DELETE /{group-id}/participants with [{user}] (a phone number or a BSUID, as Meta takes either). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const { groupId, participants } = input.parse(
		this.getNode(),
		{ groupId: readGroupId.call(this, itemIndex), participants: this.getNodeParameter('participants', itemIndex, '') },
		itemIndex,
	);
	const response = await groupRequest.call(this, itemIndex, {
		method: 'DELETE',
		groupId,
		edge: 'participants',
		body: { messaging_product: 'whatsapp', participants: participants.map((user) => ({ user })) },
	});
	return [{ json: { groupId, removed: participants, ...response } }];
}
