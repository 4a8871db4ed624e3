import type { INodeProperties } from 'n8n-workflow';

import { sendReactionInput } from '../../validation/schemas';
import { defineInput } from '../../validation/validateInput';
import { recipientParameter } from '../parameters';
import { sendOperation } from './sendOperation';

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

export const { inputs, execute } = sendOperation(
	sendReactionInputCheck,
	function (itemIndex) {
		return {
			to: this.getNodeParameter('to', itemIndex),
			reactionMessageId: this.getNodeParameter('reactionMessageId', itemIndex),
			emoji: this.getNodeParameter('emoji', itemIndex, ''),
		};
	},
	(input) => ({
		message: { to: input.to, type: 'reaction', content: { message_id: input.reactionMessageId, emoji: input.emoji } },
		output: { reaction: input.emoji || null, removed: input.emoji === '' },
	}),
);
