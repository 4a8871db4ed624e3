import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { SendingSession } from '../../sending/retry';
import { sendMessage } from '../../sending/sendMessage';
import { LIMITS } from '../../validation/limits';
import { textMessageInput } from '../../validation/schemas';
import { defineInput, type InputDefinition } from '../../validation/validateInput';
import { getPhoneNumberId, recipientParameter, replyToOption, optionsCollection } from '../parameters';

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

export const inputs: InputDefinition[] = [textMessageInputCheck];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	sending?: SendingSession,
): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const input = textMessageInputCheck.parse(
		this.getNode(),
		{
			to: this.getNodeParameter('to', itemIndex),
			body: this.getNodeParameter('body', itemIndex),
			previewUrl: this.getNodeParameter('previewUrl', itemIndex, false),
			replyTo: options.replyTo,
		},
		itemIndex,
	);
	const phoneNumberId = getPhoneNumberId.call(this, itemIndex);

	const json = await sendMessage.call(
		this,
		itemIndex,
		phoneNumberId,
		{
			to: input.to,
			type: 'text',
			content: { body: input.body, preview_url: input.previewUrl },
			replyTo: input.replyTo,
		},
		sending,
	);
	return [{ json }];
}
