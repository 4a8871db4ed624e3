import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { SendingSession } from '../../sending/retry';
import { sendMessage } from '../../sending/sendMessage';
import { sendReactionInput } from '../../validation/schemas';
import { defineInput, type InputDefinition } from '../../validation/validateInput';
import { getPhoneNumberId, recipientParameter } from '../parameters';

export const description: INodeProperties[] = [
	recipientParameter(),
	{
		displayName: 'Message ID',
		name: 'reactionMessageId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'wamid.HBgL…',
		description: 'The message to react to (the WhatsApp Cloud Trigger outputs it as messageId)',
	},
	{
		displayName: 'Emoji',
		name: 'emoji',
		type: 'string',
		default: '👍',
		description: 'One emoji. Leave empty to remove your earlier reaction to the message.',
	},
];

const sendReactionInputCheck = defineInput('message.sendReaction', sendReactionInput, description);

export const inputs: InputDefinition[] = [sendReactionInputCheck];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	sending?: SendingSession,
): Promise<INodeExecutionData[]> {
	const input = sendReactionInputCheck.parse(
		this.getNode(),
		{
			to: this.getNodeParameter('to', itemIndex),
			reactionMessageId: this.getNodeParameter('reactionMessageId', itemIndex),
			emoji: this.getNodeParameter('emoji', itemIndex, ''),
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
			type: 'reaction',
			content: { message_id: input.reactionMessageId, emoji: input.emoji },
		},
		sending,
	);
	return [{ json: { ...json, reaction: input.emoji || null, removed: input.emoji === '' } }];
}
