import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { graphRequest } from '../../../shared/transport/graphRequest';
import { graphIdSchema } from '../../validation/schemas/account';
import { defineInput, type InputDefinition } from '../../validation/validateInput';
import { accountPhoneNumberParameter, readPhoneNumberId } from '../phoneNumber/locator';
import { descriptionParameter, descriptionSchema, subjectParameter, subjectSchema } from './groupFields';

export const description: INodeProperties[] = [
	accountPhoneNumberParameter(),
	subjectParameter(true),
	descriptionParameter(false),
	{
		displayName: 'Join Approval',
		name: 'joinApprovalMode',
		type: 'options',
		default: 'auto_approve',
		options: [
			{ name: 'Anyone With the Link Joins', value: 'auto_approve' },
			{ name: 'Approve Each Join Request', value: 'approval_required' },
		],
		description: 'Whether people who open the invite link join at once, or ask to join and wait for Approve Join Requests',
	},
	{
		displayName:
			'Meta answers with a request ID; the group ID and its invite link arrive as a group_lifecycle_update item in the WhatsApp Cloud Trigger (type group_create)',
		name: 'createNotice',
		type: 'notice',
		default: '',
	},
];

const input = defineInput(
	'group.create',
	z.object({
		phoneNumberId: graphIdSchema,
		subject: subjectSchema.min(1),
		description: descriptionSchema,
		joinApprovalMode: z.enum(['auto_approve', 'approval_required']),
	}),
	description,
);

export const inputs: InputDefinition[] = [input];

/** POST /{Phone-Number-ID}/groups: Meta answers a request ID and posts the group (and its invite link) as a webhook. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const value = input.parse(
		this.getNode(),
		{
			phoneNumberId: readPhoneNumberId.call(this, itemIndex),
			subject: this.getNodeParameter('subject', itemIndex, ''),
			description: this.getNodeParameter('description', itemIndex, ''),
			joinApprovalMode: this.getNodeParameter('joinApprovalMode', itemIndex, 'auto_approve'),
		},
		itemIndex,
	);
	const response = (await graphRequest.call(this, {
		method: 'POST',
		path: `${value.phoneNumberId}/groups`,
		body: {
			messaging_product: 'whatsapp',
			subject: value.subject,
			...(value.description ? { description: value.description } : {}),
			join_approval_mode: value.joinApprovalMode,
		},
		itemIndex,
	})) as { request_id?: string };
	return [
		{
			json: {
				...response,
				requestId: response.request_id ?? null,
				phoneNumberId: value.phoneNumberId,
				subject: value.subject,
				joinApprovalMode: value.joinApprovalMode,
			},
		},
	];
}
