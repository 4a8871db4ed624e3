import type { IDataObject } from 'n8n-workflow';

import { parseReference, type AnswerReference } from '../../../../shared/sendAndWait/reference';
import { answerOptions, type Question } from './question';

/**
 * Reading an answer out of a webhook body Meta signed: which message answers which question,
 * and the item the waiting node outputs. Pure (no n8n), shared by the resume handler and the
 * trigger's relay.
 */

/** One incoming message of a Meta webhook body, with its change's metadata and contact. */
export interface IncomingMessage {
	message: IDataObject;
	phoneNumberId: string | undefined;
	profileName: string | undefined;
}

function asObject(value: unknown): IDataObject | undefined {
	return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : undefined;
}

function asArray(value: unknown): unknown[] {
	return Array.isArray(value) ? value : [];
}

/** Every message of a `whatsapp_business_account` body, in order. */
export function incomingMessages(payload: unknown): IncomingMessage[] {
	const found: IncomingMessage[] = [];
	for (const entry of asArray(asObject(payload)?.entry)) {
		for (const change of asArray(asObject(entry)?.changes)) {
			const value = asObject(asObject(change)?.value);
			if (!value) continue;
			const phoneNumberId = asObject(value.metadata)?.phone_number_id;
			const contacts = asArray(value.contacts).map(asObject);
			// A Map: a delivery can carry thousands of messages and contacts.
			const byWaId = new Map<unknown, IDataObject | undefined>();
			for (const c of contacts) if (c && !byWaId.has(c.wa_id)) byWaId.set(c.wa_id, c);
			for (const raw of asArray(value.messages)) {
				const message = asObject(raw);
				if (!message) continue;
				const contact = byWaId.get(message.from) ?? contacts[0];
				const name = asObject(contact?.profile)?.name;
				found.push({
					message,
					phoneNumberId: typeof phoneNumberId === 'string' ? phoneNumberId : undefined,
					profileName: typeof name === 'string' ? name : undefined,
				});
			}
		}
	}
	return found;
}

/** The answer reference a message carries: a reply button, list row or template quick-reply payload. */
export function referenceText(message: IDataObject): unknown {
	const interactive = asObject(message.interactive);
	if (interactive?.type === 'button_reply') return asObject(interactive.button_reply)?.id;
	if (interactive?.type === 'list_reply') return asObject(interactive.list_reply)?.id;
	if (message.type === 'button') return asObject(message.button)?.payload;
	return undefined;
}

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
export type Refusal =
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
