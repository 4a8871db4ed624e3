import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { graphRequest } from '../../shared/transport/graphRequest';
import { addressee } from '../../shared/userIds';
import type { SendingSession } from './retry';

/** What the messages endpoint answers for a send. */
interface SendResponse extends IDataObject {
	messaging_product?: string;
	contacts?: Array<{ input?: string; wa_id?: string; user_id?: string }>;
	messages?: Array<{ id?: string; message_status?: string }>;
}

/**
 * The Graph response plus the values workflows use most, at the top level: Meta answers a phone
 * send with the contact's `wa_id` and a BSUID send with its `user_id` (null when absent).
 */
function sendResultJson(response: SendResponse): IDataObject {
	return {
		...response,
		messageId: response.messages?.[0]?.id ?? null,
		waId: response.contacts?.[0]?.wa_id ?? null,
		userId: response.contacts?.[0]?.user_id ?? null,
	};
}

/** One message to one recipient: `content` goes under the key named by `type`. */
export interface OutgoingMessage {
	/** The checked recipient: phone digits, or a BSUID / parent BSUID (sent as `recipient`, see addressee()). */
	to: string;
	type:
		| 'text'
		| 'template'
		| 'image'
		| 'audio'
		| 'video'
		| 'document'
		| 'sticker'
		| 'interactive'
		| 'location'
		| 'contacts'
		| 'reaction';
	content: IDataObject | IDataObject[];
	/** Quote this message (Meta's `context.message_id`). */
	replyTo?: string;
	/** Meta's `biz_opaque_callback_data`: echoed in the message's status webhooks (Send and Wait's Free Text). */
	callbackData?: string;
}

/**
 * Sends one message from `phoneNumberId`: wraps it in the Cloud API envelope, posts it to
 * `/{phone-number-id}/messages` and returns the response with `messageId`, `waId` and `userId`. Inside a
 * bulk run (`sending`) the request is paced and retried, slowed down per recipient on 131056.
 */
export async function sendMessage(
	this: IExecuteFunctions,
	itemIndex: number,
	phoneNumberId: string,
	message: OutgoingMessage,
	sending?: SendingSession,
): Promise<IDataObject> {
	const body: IDataObject = {
		messaging_product: 'whatsapp',
		recipient_type: 'individual',
		...addressee(message.to),
		type: message.type,
		[message.type]: message.content,
	};
	if (message.callbackData) body.biz_opaque_callback_data = message.callbackData;
	if (message.replyTo) body.context = { message_id: message.replyTo };
	const response = await postToMessages.call(this, itemIndex, phoneNumberId, body, sending, message.to);
	return sendResultJson(response);
}

/**
 * Posts `body` to `/{phone-number-id}/messages` (a message, or a read receipt), paced and retried
 * inside a bulk run; `recipient` slows down sends to one contact on 131056.
 */
export async function postToMessages(
	this: IExecuteFunctions,
	itemIndex: number,
	phoneNumberId: string,
	body: IDataObject,
	sending?: SendingSession,
	recipient?: string,
): Promise<SendResponse> {
	return (await graphRequest.call(this, {
		method: 'POST',
		path: `${phoneNumberId}/messages`,
		body,
		itemIndex,
		sending,
		recipient,
	})) as SendResponse;
}
