import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { SendingSession } from '../../sending/retry';
import { postToMessages } from '../../sending/sendMessage';
import { markAsReadInput } from '../../validation/schemas';
import { defineInput, type InputDefinition } from '../../validation/validateInput';
import { getPhoneNumberId } from '../parameters';

export const description: INodeProperties[] = [
	{
		displayName: 'Message ID',
		name: 'readMessageId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'wamid.HBgL…',
		description:
			'The message the contact sent (the WhatsApp Cloud Trigger outputs it as messageId). It and every earlier message in the chat show as read (blue ticks).',
	},
	{
		displayName: 'Show Typing Indicator',
		name: 'typingIndicator',
		type: 'boolean',
		default: false,
		description:
			'Whether the contact also sees "typing…" until you reply or for up to 25 seconds. Use it when your answer takes a moment (e.g. an AI agent).',
	},
];

const markAsReadInputCheck = defineInput('message.markAsRead', markAsReadInput, description);

export const inputs: InputDefinition[] = [markAsReadInputCheck];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	sending?: SendingSession,
): Promise<INodeExecutionData[]> {
	const input = markAsReadInputCheck.parse(
		this.getNode(),
		{
			readMessageId: this.getNodeParameter('readMessageId', itemIndex),
			typingIndicator: this.getNodeParameter('typingIndicator', itemIndex, false),
		},
		itemIndex,
	);
	const phoneNumberId = getPhoneNumberId.call(this, itemIndex);

	const body: IDataObject = { messaging_product: 'whatsapp', status: 'read', message_id: input.readMessageId };
	if (input.typingIndicator) body.typing_indicator = { type: 'text' };
	const response = await postToMessages.call(this, itemIndex, phoneNumberId, body, sending);
	return [{ json: { ...response, messageId: input.readMessageId, typingIndicator: input.typingIndicator } }];
}
