/**
 * Oracle: which messages and statuses must come out of a delivery, written from the contract and the
 * documented redelivery keys (not from the trigger's fanOut.ts).
 */
import type { Outcome } from '../../test/harness/triggerWebhook';
import { isObj } from './mutations';

const idText = (x: unknown): string | null => (typeof x === 'string' && x !== '' ? x : typeof x === 'number' ? String(x) : null);
const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);

/**
 * The identities of the valid messages and statuses of a payload: a WhatsApp Business Account
 * payload (`object`), `entry[].changes[]` with field "messages" and an object value; a message
 * with an id (key: phone number id, id, type), a status with an id (key: phone number id, id,
 * status, recipient_id, group_id). Duplicates inside one payload count once.
 */
export function expectedIdentities(payload: unknown): Set<string> {
	const out = new Set<string>();
	if (!isObj(payload) || payload.object !== 'whatsapp_business_account') return out;
	for (const entry of list(payload.entry)) {
		if (!isObj(entry)) continue;
		for (const change of list(entry.changes)) {
			if (!isObj(change) || change.field !== 'messages' || !isObj(change.value)) continue;
			const value = change.value;
			const phone = isObj(value.metadata) ? idText(value.metadata.phone_number_id) : null;
			for (const m of list(value.messages)) {
				if (isObj(m) && idText(m.id)) out.add(JSON.stringify(['message', phone, idText(m.id), idText(m.type)]));
			}
			for (const s of list(value.statuses)) {
				if (isObj(s) && idText(s.id)) {
					out.add(JSON.stringify(['status', phone, idText(s.id), idText(s.status), idText(s.recipient_id), idText(s.group_id)]));
				}
			}
		}
	}
	return out;
}

/** Identities of what the trigger emitted (separate outputs: Messages, Statuses, Other). */
export function emittedIdentities(outcome: Outcome): string[] {
	const [messages = [], statuses = []] = outcome.items ?? [];
	const out: string[] = [];
	for (const { json: j } of messages) if (j.messageId !== null) out.push(JSON.stringify(['message', j.phoneNumberId, j.messageId, j.type]));
	for (const { json: j } of statuses) {
		if (j.statusId !== null) out.push(JSON.stringify(['status', j.phoneNumberId, j.statusId, j.status, j.recipientId, j.groupId]));
	}
	return out;
}

/** What is wrong with one delivery's emitted events against the oracle ([] = nothing). */
export function compare(expected: Set<string>, emitted: string[]): string[] {
	const problems: string[] = [];
	const counts = new Map<string, number>();
	for (const id of emitted) counts.set(id, (counts.get(id) ?? 0) + 1);
	for (const id of expected) {
		const n = counts.get(id) ?? 0;
		if (n !== 1) problems.push(`${id} emitted ${n}×, expected once`);
	}
	for (const id of counts.keys()) if (!expected.has(id)) problems.push(`${id} emitted but not a valid event of the payload`);
	return problems;
}

// ---------------------------------------------------------------------------------------------
// Forgeries
