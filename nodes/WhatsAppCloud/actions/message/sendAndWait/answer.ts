import type { IDataObject } from 'n8n-workflow';

import { asObject } from '../../../../shared/jsonValues';
import { senderIds, type WaitBinding } from '../../../../shared/sendAndWait/binding';
import { incomingMessages, referenceText, type IncomingMessage } from '../../../../shared/sendAndWait/incomingMessages';
import { parseReference, type AnswerReference } from '../../../../shared/sendAndWait/reference';
import { answerOptions, type Question } from './question';

/**
 * Reading an answer out of a webhook body Meta signed: which message answers which question,
 * and the item the waiting node outputs. Pure (no n8n), shared by the resume handler and the
 * trigger's relay.
 */

/** The title WhatsApp showed for the option the contact picked. */
function pickedTitle(message: IDataObject): string | undefined {
	const interactive = asObject(message.interactive);
	const reply = asObject(interactive?.button_reply) ?? asObject(interactive?.list_reply);
	const title = reply?.title ?? asObject(message.button)?.text;
	return typeof title === 'string' ? title : undefined;
}

export interface Answer {
	incoming: IncomingMessage;
	reference: AnswerReference;
}

/** Why a delivery does not answer this question; the resume handler's refusal text. */
type Refusal =
	| 'no answer to this question in the body'
	| 'the waiting execution has no question to bind an answer to'
	| 'the answer is to an earlier question of this node'
	| 'the answer replies to another message'
	| 'the answer was written before the question was sent'
	| 'the answer is not from the contact the question was sent to'
	| 'the answer reached another phone number';

/** Meta's message timestamp (epoch seconds, a string of digits), or null. */
function messageSeconds(message: IDataObject): number | null {
	const value = message.timestamp;
	const seconds = typeof value === 'string' && /^\d{1,12}$/.test(value) ? Number(value) : value;
	// Up to year 9999 in seconds: anything else would make an invalid Date.
	return typeof seconds === 'number' && Number.isInteger(seconds) && seconds >= 0 && seconds < 253_402_300_800
		? seconds
		: null;
}

/** Why `incoming` (with `reference`) does not answer the wait `binding`; null when it does. */
function bindingRefusal(incoming: IncomingMessage, reference: AnswerReference, binding: WaitBinding): Refusal | null {
	const { message } = incoming;
	if (reference.wait !== binding.wait) return 'the answer is to an earlier question of this node';
	// A tap names the message whose button it is; a text may swipe-reply to anything.
	const repliedTo = asObject(message.context)?.id;
	if (reference.option !== null && repliedTo !== undefined && binding.questionId !== null && repliedTo !== binding.questionId) {
		return 'the answer replies to another message';
	}
	if (reference.option === null) {
		// A text has no reference of its own: one written before the question answered something else.
		const seconds = messageSeconds(message);
		if (seconds === null || seconds < Math.floor(binding.sentAt / 1000)) {
			return 'the answer was written before the question was sent';
		}
	}
	const answerers = new Set(binding.answerers);
	if (!senderIds(message, incoming.contact).some((id) => answerers.has(id))) {
		return 'the answer is not from the contact the question was sent to';
	}
	return null;
}

/**
 * The message of `payload` that answers the waiting question (execution, node, wait): a tap
 * whose reference (signed with the App Secret) points to this wait, or — for Free Text — a text
 * message from the recipient, with the reference the trigger found for it. `binding` is what
 * the node kept when it sent the question; without one nothing is accepted.
 */
export function findAnswer(
	payload: unknown,
	appSecret: string,
	target: { executionId: string; nodeId: string; binding: WaitBinding | null },
	freeTextReference?: string,
): Answer | Refusal {
	const relayed = freeTextReference ? parseReference(freeTextReference, appSecret) : null;
	let refusal: Refusal = 'no answer to this question in the body';
	for (const incoming of incomingMessages(payload)) {
		const fromTap = parseReference(referenceText(incoming.message), appSecret);
		const reference = fromTap ?? (incoming.message.type === 'text' && relayed?.option === null ? relayed : null);
		if (!reference || reference.executionId !== target.executionId || reference.nodeId !== target.nodeId) continue;
		if (target.binding === null) {
			refusal = 'the waiting execution has no question to bind an answer to';
			continue;
		}
		const unbound = bindingRefusal(incoming, reference, target.binding);
		if (unbound !== null) {
			refusal = unbound;
			continue;
		}
		if (incoming.phoneNumberId !== reference.phoneNumberId) {
			refusal = 'the answer reached another phone number';
			continue;
		}
		return { incoming, reference };
	}
	return refusal;
}

/** The item the node outputs for an answer. */
export function answerJson(answer: Answer, question: Question): IDataObject {
	const { message, contact } = answer.incoming;
	const seconds = messageSeconds(message);
	const answeredAt = new Date(seconds === null ? Date.now() : seconds * 1000).toISOString();
	const id = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
	const base: IDataObject = {
		timedOut: false,
		responseType: question.responseType,
		answeredBy: {
			waId: id(message.from) ?? id(contact?.wa_id),
			userId: id(message.from_user_id) ?? id(contact?.user_id),
			name: answer.incoming.profileName ?? null,
		},
		answeredAt,
		message,
	};
	if (question.responseType === 'freeText') {
		const text = asObject(message.text)?.body;
		return { approved: true, text: typeof text === 'string' ? text : '', ...base };
	}
	const index = answer.reference.option ?? -1;
	const option = answerOptions(question)[index];
	const title = pickedTitle(message) ?? option?.title ?? null;
	return {
		approved: option?.approved ?? true,
		option: { index, value: option?.value ?? null, title },
		...base,
	};
}
