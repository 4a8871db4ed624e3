import type { IDataObject } from 'n8n-workflow';

import { asObject } from '../../../../shared/jsonValues';
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
	| 'the answer is not from the contact the question was sent to'
	| 'the answer reached another phone number';

/**
 * The message of `payload` that answers the waiting question (execution, node): a tap whose
 * reference (signed with the App Secret) points to it, or — for Free Text — a text message
 * from the recipient, with the reference the trigger found for it.
 */
export function findAnswer(
	payload: unknown,
	appSecret: string,
	target: { executionId: string; nodeId: string },
	freeTextReference?: string,
): Answer | Refusal {
	const relayed = freeTextReference ? parseReference(freeTextReference, appSecret) : null;
	let refusal: Refusal = 'no answer to this question in the body';
	for (const incoming of incomingMessages(payload)) {
		const fromTap = parseReference(referenceText(incoming.message), appSecret);
		const reference = fromTap ?? (incoming.message.type === 'text' && relayed?.option === null ? relayed : null);
		if (!reference || reference.executionId !== target.executionId || reference.nodeId !== target.nodeId) continue;
		if (incoming.message.from !== reference.recipient) {
			refusal = 'the answer is not from the contact the question was sent to';
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
	const { message } = answer.incoming;
	const timestamp = Number(message.timestamp);
	const answeredAt = Number.isFinite(timestamp) ? new Date(timestamp * 1000).toISOString() : new Date().toISOString();
	const base: IDataObject = {
		timedOut: false,
		responseType: question.responseType,
		answeredBy: { waId: message.from ?? null, name: answer.incoming.profileName ?? null },
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
