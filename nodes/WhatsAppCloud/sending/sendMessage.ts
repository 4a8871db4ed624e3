import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { graphRequest } from '../../shared/transport/graphRequest';
import { addressee, isGroupId } from '../../shared/userIds';
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
	/**
	 * Meta's endpoint: the Cloud API's `messages` (default) or the Marketing Messages API's
	 * `marketing_messages` (actions/message/sendVia.ts), with `extra` top-level body fields for it.
	 */
	endpoint?: 'messages' | 'marketing_messages';
	extra?: IDataObject;
}

/** Where "Send To" may be Group: Meta takes text, media and templates in groups ("Group messaging"). */
export const GROUP_SEND_RULE =
	'WhatsApp groups take only text, media (image, video, audio, document, sticker) and template messages (Meta, Groups API "Group messaging")';

/** The item's "Send To" (actions/parameters.ts sendToParameter; User where the operation has none). */
function getRecipientType(this: IExecuteFunctions, itemIndex: number): 'individual' | 'group' {
	return this.getNodeParameter('recipientType', itemIndex, 'individual') === 'group' ? 'group' : 'individual';
}

/** The message types Meta lets a business send to a group (Groups API, "Group messaging"). */
const GROUP_TYPES: ReadonlySet<OutgoingMessage['type']> = new Set(['text', 'image', 'video', 'audio', 'document', 'sticker', 'template']);
const RECIPIENT_LABEL = '"Recipient Phone Number or User ID"';

/**
 * The item's recipient kind ("Send To"), checked against the message before anything is sent: a
 * group takes a group ID and only the types Meta allows in groups; a user never takes a group ID.
 */
function recipientKind(this: IExecuteFunctions, itemIndex: number, message: OutgoingMessage): 'individual' | 'group' {
	const kind = getRecipientType.call(this, itemIndex);
	const to = message.to.trim();
	const refuse = (text: string, description?: string) =>
		new NodeOperationError(this.getNode(), `${text} (item ${itemIndex + 1})`, { itemIndex, description });
	if (kind === 'group') {
		if (!GROUP_TYPES.has(message.type))
			throw refuse(`A ${message.type} message cannot go to a group: ${GROUP_SEND_RULE}`, 'Send it to each user instead ("Send To": User), or send a text, media or template message to the group.');
		if (!isGroupId(to))
			throw refuse(`${RECIPIENT_LABEL} is "${to}", which is no group ID; with "Send To": Group it takes a group ID (Group → Get Many, or the trigger's groupId)`);
	} else if (isGroupId(to)) {
		throw refuse(`${RECIPIENT_LABEL} is "${to}", a group ID; set "Send To" to Group to message a group`);
	}
	return kind;
}

/**
 * Sends one message from `phoneNumberId`: wraps it in the Cloud API envelope, posts it to
 * `/{phone-number-id}/messages` and returns the response with `messageId`, `waId` and `userId`
 * (and `groupId` for a group). Inside a bulk run (`sending`) the request is paced and retried,
 * slowed down per recipient on 131056.
 */
export async function sendMessage(
	this: IExecuteFunctions,
	itemIndex: number,
	phoneNumberId: string,
	message: OutgoingMessage,
	sending?: SendingSession,
): Promise<IDataObject> {
	const kind = recipientKind.call(this, itemIndex, message);
	const body: IDataObject = {
		messaging_product: 'whatsapp',
		recipient_type: kind,
		...addressee(message.to, kind),
		type: message.type,
		[message.type]: message.content,
	};
	if (message.callbackData) body.biz_opaque_callback_data = message.callbackData;
	if (message.replyTo) body.context = { message_id: message.replyTo };
	if (message.extra) Object.assign(body, message.extra);
	const response = await postToMessages.call(this, itemIndex, phoneNumberId, body, sending, message.to, message.endpoint);
	const json = sendResultJson(response);
	return kind === 'group' ? { ...json, groupId: message.to.trim() } : json;
}

/**
 * Posts `body` to `/{phone-number-id}/messages` (a message, or a read receipt) or to `endpoint`,
 * paced and retried inside a bulk run; `recipient` slows down sends to one contact on 131056.
 */
export async function postToMessages(
	this: IExecuteFunctions,
	itemIndex: number,
	phoneNumberId: string,
	body: IDataObject,
	sending?: SendingSession,
	recipient?: string,
	endpoint: 'messages' | 'marketing_messages' = 'messages',
): Promise<SendResponse> {
	return (await graphRequest.call(this, {
		method: 'POST',
		path: `${phoneNumberId}/${endpoint}`,
		body,
		itemIndex,
		sending,
		recipient,
	})) as SendResponse;
}
