import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { getPhoneNumberId, recipientParameter, replyToOption } from '../common';
import { LIMITS, textMessageInput, validateInput } from '../../helpers/limits';
import { sendMessage } from './sendResult';

const show = { resource: ['message'], operation: ['sendText'] };

export const description: INodeProperties[] = [
	recipientParameter(['sendText']),
	{
		displayName: 'Message Text',
		name: 'body',
		type: 'string',
		default: '',
		required: true,
		typeOptions: { rows: 4 },
		description: `The text to send, up to ${LIMITS.textBody} characters. WhatsApp formatting works: *bold*, _italic_, ~strike~, \`\`\`code\`\`\`.`,
		displayOptions: { show },
	},
	{
		displayName: 'Show Link Preview',
		name: 'previewUrl',
		type: 'boolean',
		default: false,
		description: 'Whether WhatsApp shows a preview of the first http(s) link in the text',
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show },
		options: [
			replyToOption,
		],
	},
];

const labels = {
	to: 'Recipient Phone Number',
	body: 'Message Text',
	previewUrl: 'Show Link Preview',
	replyTo: 'Reply To Message ID',
};

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const input = validateInput(
		this.getNode(),
		textMessageInput,
		{
			to: this.getNodeParameter('to', itemIndex),
			body: this.getNodeParameter('body', itemIndex),
			previewUrl: this.getNodeParameter('previewUrl', itemIndex, false),
			replyTo: options.replyTo ? options.replyTo : undefined,
		},
		labels,
		itemIndex,
	);
	const phoneNumberId = getPhoneNumberId.call(this, itemIndex);

	const json = await sendMessage.call(this, itemIndex, phoneNumberId, {
		to: input.to,
		type: 'text',
		content: { body: input.body, preview_url: input.previewUrl },
		replyTo: input.replyTo,
	});
	return [{ json }];
}
