import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/optionsCollection';
import { LIMITS } from '../../validation/limits';
import { textMessageInput } from '../../validation/schemas';
import { defineInput } from '../../validation/validateInput';
import { recipientParameter, replyToOption } from '../parameters';
import { sendOperation } from './sendOperation';

export const description: INodeProperties[] = [
	recipientParameter(),
	{
		displayName: 'Message Text',
		name: 'body',
		type: 'string',
		default: '',
		required: true,
		typeOptions: { rows: 4 },
		description: `The text to send, up to ${LIMITS.textBody} characters. WhatsApp formatting works: *bold*, _italic_, ~strike~, \`\`\`code\`\`\`.`,
	},
	{
		displayName: 'Show Link Preview',
		name: 'previewUrl',
		type: 'boolean',
		default: false,
		description: 'Whether WhatsApp shows a preview of the first http(s) link in the text',
	},
	optionsCollection([replyToOption]),
];

const textMessageInputCheck = defineInput('message.sendText', textMessageInput, description);

export const { inputs, execute } = sendOperation(
	textMessageInputCheck,
	function (itemIndex) {
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		return {
			to: this.getNodeParameter('to', itemIndex),
			body: this.getNodeParameter('body', itemIndex),
			previewUrl: this.getNodeParameter('previewUrl', itemIndex, false),
			replyTo: options.replyTo,
		};
	},
	(input) => ({
		message: {
			to: input.to,
			type: 'text',
			content: { body: input.body, preview_url: input.previewUrl },
			replyTo: input.replyTo,
		},
	}),
);
