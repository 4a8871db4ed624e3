import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { getPhoneNumberId } from '../common';
import { validateInput } from '../../helpers/limits';
import { markAsReadInput, markAsReadLabels } from '../../helpers/schemas';
import { graphRequest } from '../../transport';

const OPERATION = 'markAsRead';
const show = { resource: ['message'], operation: [OPERATION] };

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
		displayOptions: { show },
	},
	{
		displayName: 'Show Typing Indicator',
		name: 'typingIndicator',
		type: 'boolean',
		default: false,
		description:
			'Whether the contact also sees "typing…" until you reply or for up to 25 seconds. Use it when your answer takes a moment (e.g. an AI agent).',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const input = validateInput(
		this.getNode(),
		markAsReadInput,
		{
			messageId: this.getNodeParameter('readMessageId', itemIndex),
			typingIndicator: this.getNodeParameter('typingIndicator', itemIndex, false),
		},
		markAsReadLabels,
		itemIndex,
	);
	const phoneNumberId = getPhoneNumberId.call(this, itemIndex);

	const body: IDataObject = { messaging_product: 'whatsapp', status: 'read', message_id: input.messageId };
	if (input.typingIndicator) body.typing_indicator = { type: 'text' };
	const response = (await graphRequest.call(this, {
		method: 'POST',
		path: `${phoneNumberId}/messages`,
		body,
		itemIndex,
	})) as IDataObject;
	return [{ json: { ...response, messageId: input.messageId, typingIndicator: input.typingIndicator } }];
}
