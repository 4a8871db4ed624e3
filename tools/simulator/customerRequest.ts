/**
 * "Play the customer" as data: one request names what the customer does (`kind`), who they are
 * (`customer`: the phone customer, the username customer, or any contact) and which sent message
 * it answers; customerPayload builds Meta's webhook delivery for it from the simulator's state.
 * Used by Simulator.customer() (in-process: tests, e2e suites) and POST /__sim/customer (other
 * processes, `npm run dev`). The builders are in customer.ts and customerEvents.ts.
 */
import {
	buttonReply,
	contactInfoShared,
	contactOf,
	type Customer,
	listReply,
	quickReply,
	type SentMessage,
	textReply,
	USERNAME_CUSTOMER,
} from './customer';
import { type DeliveryStatus, groupStatuses, type StatusFailure, statusUpdate, userChangedNumber, userChangedUserId } from './customerEvents';
import { businessEcho } from './echoes';
import { PHONE_NUMBER_ID } from './fixtures';
import type { SimState } from './state';

export const CUSTOMER_KINDS = [
	'text',
	'buttonReply',
	'listReply',
	'quickReply',
	'contactInfo',
	'status',
	'groupStatuses',
	'userChangedNumber',
	'userChangedUserId',
	'echo',
] as const;
export type CustomerKind = (typeof CUSTOMER_KINDS)[number];

export interface CustomerRequest {
	kind: CustomerKind;
	/** 'phone' (default), 'username', or a contact {name, waId?, userId?, username?, parentUserId?}. */
	customer?: Customer;
	/** The business number the customer writes to (default: the answered message's, else the first number). */
	phoneNumberId?: string;
	/**
	 * The sent message answered / reported on (default: the latest one the simulator accepted). For
	 * status (with `customer`) and groupStatuses (with `groupId`) it may be any id, e.g. a message
	 * this simulator never saw.
	 */
	messageId?: string;
	/** text: the words; quickReply: the button's text; echo: what the business wrote from the app. */
	text?: string;
	/** text, contactInfo: a swipe-reply to this message id. */
	replyTo?: string;
	/** buttonReply, listReply, quickReply: which button or row (0-based). */
	index?: number;
	/** status, groupStatuses (default 'delivered'). */
	status?: DeliveryStatus;
	/** status 'failed': the error (default 131026). */
	error?: StatusFailure;
	/** groupStatuses: the members (default: the phone and the username customer). */
	members?: Customer[];
	/** groupStatuses: the group id (default: the sent message's `to`). */
	groupId?: string;
	/** userChangedNumber: the new number (and optionally the new BSUID). */
	newWaId?: string;
	/** userChangedUserId (required), userChangedNumber (optional). */
	newUserId?: string;
}

/** The sent message a request refers to; `stand-in` is the body used for an id the simulator did not send. */
function sentOf(state: SimState, request: CustomerRequest, standIn?: Record<string, unknown>): SentMessage {
	const { messageId } = request;
	const list = state.sentMessages;
	const found = messageId === undefined ? list[list.length - 1] : list.find((m) => m.id === messageId);
	if (found) return { id: found.id, phoneNumberId: found.phoneNumberId, body: found.body as SentMessage['body'] };
	if (messageId !== undefined && standIn) return { id: messageId, phoneNumberId: request.phoneNumberId ?? PHONE_NUMBER_ID, body: standIn };
	throw new Error(messageId ? `no sent message ${messageId}` : 'no message was sent yet');
}

/** How a send to this customer is addressed: by phone number when Meta shares it, else by BSUID. */
function addressOf(customer: Customer): Record<string, unknown> {
	const contact = contactOf(customer);
	return contact.waId ? { to: contact.waId } : { recipient: contact.userId };
}

function required<T>(value: T | undefined, name: string, kind: string): T {
	if (value === undefined) throw new Error(`${kind} needs ${name}`);
	return value;
}

/** Meta's webhook delivery for what the request says the customer did. */
export function customerPayload(state: SimState, request: CustomerRequest): unknown {
	const { kind, customer, index = 0 } = request;
	if (!CUSTOMER_KINDS.includes(kind)) throw new Error(`kind must be one of ${CUSTOMER_KINDS.join(', ')}`);
	const phoneNumberId = () => request.phoneNumberId ?? PHONE_NUMBER_ID;
	const who = customer ?? 'phone';
	switch (kind) {
		case 'text':
			return textReply(phoneNumberId(), request.text ?? 'Hello', who, request.replyTo);
		case 'buttonReply':
			return buttonReply(sentOf(state, request), index, who);
		case 'listReply':
			return listReply(sentOf(state, request), index, who);
		case 'quickReply':
			return quickReply(sentOf(state, request), index, request.text ?? 'OK', who);
		case 'contactInfo':
			return contactInfoShared(phoneNumberId(), customer ?? USERNAME_CUSTOMER, request.replyTo);
		case 'status':
			return statusUpdate(sentOf(state, request, customer && addressOf(customer)), request.status ?? 'delivered', customer, request.error);
		case 'groupStatuses': {
			const standIn = request.groupId ? { recipient_type: 'group', to: request.groupId } : undefined;
			return groupStatuses(sentOf(state, request, standIn), request.members ?? ['phone', 'username'], request.status, request.groupId);
		}
		case 'userChangedNumber':
			return userChangedNumber(phoneNumberId(), who, required(request.newWaId, 'newWaId', kind), request.newUserId);
		case 'userChangedUserId':
			return userChangedUserId(phoneNumberId(), who, required(request.newUserId, 'newUserId', kind));
		case 'echo':
			return businessEcho(phoneNumberId(), who, request.text ?? 'Hello from the WhatsApp Business app');
	}
}
