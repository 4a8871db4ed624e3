import { randomBytes } from 'crypto';

import type { IDataObject } from 'n8n-workflow';

import { asArray, asObject } from '../jsonValues';

/**
 * What binds an answer to one wait of Send and Wait for Response. The node keeps it on the
 * waiting execution (beside `json` on its own stack entry's first item, which n8n saves with the
 * execution and hands the resume handler as its input), so nothing from outside can change it:
 * - `wait`: a random ID, also in every answer reference of this question — a tap on an earlier
 *   question of the same node (a loop, an AI agent calling the tool twice, a redelivered tap)
 *   carries another wait ID;
 * - `questionId`: the question's message ID — a tap names the message it answers (`context.id`);
 * - `sentAt`: when the question was sent — a Free Text answer written before it is not its answer;
 * - `answerers`: who may answer — the recipient as entered and the `wa_id` / `user_id` Meta
 *   returned on send (Brazil's and Mexico's numbers come back as another `wa_id`; a username
 *   customer answers with a BSUID).
 * Pure: no n8n, no I/O.
 */

/** The key, beside `json`, of the waiting stack entry's first item that holds the binding. */
export const WAIT_KEY = 'whatsAppCloudWait';

export interface WaitBinding {
	wait: string;
	questionId: string | null;
	/** Epoch milliseconds. */
	sentAt: number;
	answerers: string[];
}

/** A fresh wait ID: 64 random bits, URL-safe base64 (11 characters). */
export function newWaitId(): string {
	return randomBytes(8).toString('base64url');
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** The binding of a question sent to `to`, from Meta's send response (`contacts[0]`). */
export function bindingFor(wait: string, to: string, sent: IDataObject, sentAt: number): WaitBinding {
	const contact = asObject(asArray(sent.contacts)[0]);
	const ids = [to, text(sent.waId), text(contact?.wa_id), text(contact?.user_id), text(contact?.parent_user_id)];
	return {
		wait,
		questionId: text(sent.messageId) ?? null,
		sentAt,
		answerers: [...new Set(ids.filter((id): id is string => id !== undefined))],
	};
}

/** The binding stored on the waiting item, or null when there is none or it was altered. */
export function readBinding(value: unknown): WaitBinding | null {
	const object = asObject(value);
	if (!object) return null;
	const { wait, questionId, sentAt, answerers } = object;
	if (typeof wait !== 'string' || wait === '' || typeof sentAt !== 'number' || !Number.isFinite(sentAt)) return null;
	const ids = asArray(answerers).filter((id): id is string => typeof id === 'string' && id !== '');
	if (ids.length === 0) return null;
	return { wait, questionId: typeof questionId === 'string' ? questionId : null, sentAt, answerers: ids };
}

/**
 * Every identifier the answer's sender has in the delivery: the message's `from`,
 * `from_user_id`, `from_parent_user_id` and its contact's `wa_id` / `user_id` / `parent_user_id`.
 */
export function senderIds(message: IDataObject, contact: IDataObject | undefined): string[] {
	const ids = [
		message.from,
		message.from_user_id,
		message.from_parent_user_id,
		contact?.wa_id,
		contact?.user_id,
		contact?.parent_user_id,
	];
	return ids.filter((id): id is string => typeof id === 'string' && id !== '');
}
