import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { LIMITS } from '../../validation/limits';
import { recipientId } from '../../validation/recipient';
import { optionalText } from '../../validation/schemas/fields';
import { defineInput } from '../../validation/validateInput';
import { recipientParameter } from '../parameters';
import { sendOperation } from './sendOperation';

/**
 * The free-form call permission request (Meta, "Obtain user call permissions",
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/calling/user-call-permissions):
 * an interactive message of type call_permission_request whose only customizable part is the body
 * (no header or footer). Sent inside the customer service window; outside it, a template with a
 * call permission request component is needed. The user's answer reaches the WhatsApp Cloud
 * Trigger as a message of type call_permission_reply (callPermission accept / reject).
 */
export const description: INodeProperties[] = [
	{
		displayName:
			'Meta allows 1 request per user a day and 2 a week (reset by any connected call). A user who accepts can be called for 7 days, or for good if they choose so; their answer arrives at the WhatsApp Cloud Trigger as a message with callPermission "accept" or "reject".',
		name: 'callPermissionNotice',
		type: 'notice',
		default: '',
	},
	recipientParameter(),
	{
		displayName: 'Message Text',
		name: 'body',
		type: 'string',
		default: '',
		typeOptions: { rows: 3 },
		placeholder: 'May we call you about your order ON-12853?',
		description: `Why you would like to call, up to ${LIMITS.interactiveBody} characters, shown above the Allow buttons. Optional for Meta, but users decide better with a reason.`,
	},
];

const input = defineInput(
	'message.sendCallPermissionRequest',
	z.object({ to: recipientId, body: optionalText(LIMITS.interactiveBody) }),
	description,
);

export const { inputs, execute } = sendOperation(
	input,
	function (itemIndex) {
		return { to: this.getNodeParameter('to', itemIndex), body: this.getNodeParameter('body', itemIndex, '') };
	},
	(value) => ({
		message: {
			to: value.to,
			type: 'interactive',
			content: {
				type: 'call_permission_request',
				action: { name: 'call_permission_request' },
				...(value.body ? { body: { text: value.body } } : {}),
			},
		},
	}),
);
