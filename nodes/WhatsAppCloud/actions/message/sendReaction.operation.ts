import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { getPhoneNumberId, recipientParameter } from '../common';
import { validateInput } from '../../helpers/limits';
import { sendReactionInput, sendReactionLabels } from '../../helpers/schemas';
import { sendMessage } from './sendResult';

const OPERATION = 'sendReaction';
const show = { resource: ['message'], operation: [OPERATION] };

export const description: INodeProperties[] = [
	recipientParameter([OPERATION]),
	{
		displayName: 'Message ID',
		name: 'reactionMessageId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'wamid.HBgL…',
		description: 'The message to react to (the WhatsApp Cloud Trigger outputs it as messageId)',
		displayOptions: { show },
	},
	{
		displayName: 'Emoji',
		name: 'emoji',
		type: 'string',
		default: '👍',
		description: 'One emoji. Leave empty to remove your earlier reaction to the message.',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const input = validateInput(
		this.getNode(),
		sendReactionInput,
		{
			to: this.getNodeParameter('to', itemIndex),
			messageId: this.getNodeParameter('reactionMessageId', itemIndex),
			emoji: this.getNodeParameter('emoji', itemIndex, ''),
		},
		sendReactionLabels,
		itemIndex,
	);
	const phoneNumberId = getPhoneNumberId.call(this, itemIndex);

	const json = await sendMessage.call(this, itemIndex, phoneNumberId, {
		to: input.to,
		type: 'reaction',
		content: { message_id: input.messageId, emoji: input.emoji },
	});
	return [{ json: { ...json, reaction: input.emoji || null, removed: input.emoji === '' } }];
}
