import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, WAIT_INDEFINITELY } from 'n8n-workflow';

import { readCredentials } from '../../../../shared/credentials';
import { bindingFor, newWaitId, WAIT_KEY, type WaitBinding } from '../../../../shared/sendAndWait/binding';
import { buildReference, HitlReferenceError, splitSignedResumeUrl } from '../../../../shared/sendAndWait/reference';
import type { SendingSession } from '../../../sending/retry';
import { sendMessage } from '../../../sending/sendMessage';
import { getPhoneNumberId } from '../../parameters';
import { questionInput, questionMessage, readQuestion, type Question } from './question';

/** Until when the execution waits: forever, or Limit Wait Time (n8n's semantics). */
export function waitTillDate(limit: IDataObject | undefined, now: number): Date | null {
	if (!limit || Object.keys(limit).length === 0) return WAIT_INDEFINITELY;
	if (limit.limitType === 'atSpecifiedTime') {
		const date = new Date(String(limit.maxDateAndTime ?? ''));
		return Number.isNaN(date.getTime()) ? null : date;
	}
	const amount = Number(limit.resumeAmount ?? 1);
	const unit = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 }[String(limit.resumeUnit ?? 'hours')];
	if (!Number.isFinite(amount) || amount < 0 || unit === undefined) return null;
	return new Date(now + amount * unit);
}

/** The item the node outputs when Limit Wait Time runs out before an answer. */
function timedOutJson(question: Question, sent: IDataObject, waitTill: Date): IDataObject {
	return {
		timedOut: true,
		approved: false,
		responseType: question.responseType,
		answer: null,
		waitedUntil: waitTill.toISOString(),
		question: { messageId: sent.messageId ?? null, to: question.to, waId: sent.waId ?? null },
	};
}

/**
 * Keeps the wait's binding on this node's stack entry, which n8n saves with the waiting
 * execution and gives the resume handler as its input (a copy: the previous node's output is not
 * touched). `items` are what the entry holds: the input, or with Limit Wait Time the item n8n
 * passes on when the time runs out. Beside `json`, so no workflow sees it as data.
 */
function keepBinding(this: IExecuteFunctions, items: INodeExecutionData[], binding: WaitBinding): void {
	const executeData = this.getExecuteData();
	const [first, ...rest] = items.length > 0 ? items : [{ json: {} }];
	executeData.data = {
		...executeData.data,
		main: [[{ ...first, [WAIT_KEY]: binding as unknown as IDataObject }, ...rest]],
	};
}

/**
 * Sends the question and puts the execution to wait. Runs once per execution, for the first
 * input item, like n8n's own Send and Wait nodes (the other items are not sent).
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	sending?: SendingSession,
): Promise<INodeExecutionData[]> {
	if (itemIndex > 0) return [];
	const node = this.getNode();
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const question = questionInput.parse(
		node,
		readQuestion((name, fallback) => this.getNodeParameter(name, itemIndex, fallback)),
		itemIndex,
	);
	const phoneNumberId = getPhoneNumberId.call(this, itemIndex);
	const credentials = await readCredentials(this);
	if (!credentials.appSecret) {
		throw new NodeOperationError(
			node,
			'Send and Wait needs the App Secret on the WhatsApp Cloud API credential: the answer comes back signed with it',
			{
				itemIndex,
				description:
					'Open the credential and fill in App Secret (App Dashboard → App settings → Basic → App secret), the same the WhatsApp Cloud Trigger checks signatures with.',
			},
		);
	}
	const waitTill = waitTillDate((options.limitWaitTime as IDataObject | undefined)?.values as IDataObject, Date.now());
	if (waitTill === null) {
		throw new NodeOperationError(
			node,
			'"Limit Wait Time" is not a valid time: check Amount and Unit, or Max Date and Time',
			{
				itemIndex,
			},
		);
	}

	// n8n 1.x checks the waiting URL's signature only when the node asks for it (2.x always does).
	(this as unknown as { setSignatureValidationRequired?: () => void }).setSignatureValidationRequired?.();
	const executionId = this.getExecutionId();
	const resumeUrl = this.getSignedResumeUrl();
	const pieces = splitSignedResumeUrl(resumeUrl, executionId, node.id);
	if (pieces === null) {
		throw new NodeOperationError(node, `n8n gave a waiting URL this node cannot answer to: ${resumeUrl}`, {
			itemIndex,
		});
	}
	// New for every question: a tap on an earlier question of this node carries another one.
	const wait = newWaitId();
	const idFor = (option: number | null): string => {
		try {
			return buildReference(
				{
					executionId,
					nodeId: node.id,
					...pieces,
					phoneNumberId,
					wait,
					option,
				},
				credentials.appSecret as string,
			);
		} catch (error) {
			const why = error instanceof HitlReferenceError ? error.message : String(error);
			throw new NodeOperationError(node, `The answer buttons cannot be made: ${why}`, { itemIndex });
		}
	};

	const outgoing = questionMessage(question, idFor, resumeUrl);
	const sentAt = Date.now();
	// A Free Text answer is a plain text without any ID of ours: the reference travels as
	// callback data, which Meta echoes in the question's status webhooks for the trigger to see.
	const callbackData = question.responseType === 'freeText' ? idFor(null) : undefined;
	const sent = await sendMessage.call(
		this,
		itemIndex,
		phoneNumberId,
		{ to: question.to, type: outgoing.type, content: outgoing.content, replyTo: question.replyTo, callbackData },
		sending,
	);

	// When Limit Wait Time runs out, n8n resumes the node as disabled, which passes its input on:
	// that input becomes the "timed out" item. An answer replaces it with the answer item.
	const binding = bindingFor(wait, question.to, sent, sentAt);
	const waiting =
		waitTill === WAIT_INDEFINITELY
			? (this.getExecuteData().data.main?.[0] ?? [])
			: [{ json: timedOutJson(question, sent, waitTill), pairedItem: { item: 0 } }];
	keepBinding.call(this, waiting, binding);
	await this.putExecutionToWait(waitTill);
	return [{ json: sent }];
}
