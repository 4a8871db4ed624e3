/**
 * Oracle: which messages and statuses must come out of a delivery, and whom each names, written from
 * the contract, Meta's "Business-scoped user IDs" page and the documented redelivery keys (not from
 * the trigger's fanOut.ts).
 */
import type { Outcome } from '../../test/harness/triggerWebhook';
import { isObj } from './mutations';

const idText = (x: unknown): string | null =>
	typeof x === 'string' && x !== '' ? x : typeof x === 'number' && Number.isFinite(x) ? String(x) : null;
const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);

/**
 * Whom a status is about. Meta's group layout (`recipient_type: "group"`): `recipient_id` is the
 * group and the member is in `recipient_participant_id` (or its BSUID); otherwise the user is
 * `recipient_id` (or `recipient_user_id` for a BSUID send) and the group, if any, `group_id`.
 */
function statusParties(s: Record<string, unknown>): [string | null, string | null] {
	if (idText(s.recipient_type) === 'group') {
		const member = idText(s.recipient_participant_id) ?? idText(s.recipient_participant_user_id) ?? idText(s.recipient_participant_parent_user_id);
		return [member, idText(s.recipient_id)];
	}
	return [idText(s.recipient_id) ?? idText(s.recipient_user_id) ?? idText(s.recipient_parent_user_id), idText(s.group_id)];
}

/** What the oracle expects of a payload: the identities of its valid events, and the BSUID an event's item must carry. */
export interface Expected {
	identities: Set<string>;
	/** identity → the BSUID the event itself carries (`from_user_id` / `recipient_user_id`), which its item's `userId` must be. */
	userIds: Map<string, string | null>;
	/** identities whose copies name different users */
	ambiguous: Set<string>;
}

/** Copies of one event (same identity) that name different users make it ambiguous: which copy comes out is not the oracle's to say. */
function expectUser(expected: Expected, identity: string, userId: string | null): void {
	const known = expected.userIds.get(identity);
	expected.userIds.set(identity, known === undefined || known === userId ? userId : null);
	if (known !== undefined && known !== userId) expected.ambiguous.add(identity);
}

/**
 * The valid messages and statuses of a payload: a WhatsApp Business Account payload (`object`),
 * `entry[].changes[]` with field "messages" and an object value; a message with an id (key: phone
 * number id, id, type), a status with an id (key: phone number id, id, status, the member or user,
 * the group). Duplicates inside one payload count once.
 */
export function expectedEvents(payload: unknown): Expected {
	const expected: Expected = { identities: new Set(), userIds: new Map(), ambiguous: new Set() };
	if (!isObj(payload) || payload.object !== 'whatsapp_business_account') return expected;
	for (const entry of list(payload.entry)) {
		if (!isObj(entry)) continue;
		for (const change of list(entry.changes)) {
			if (!isObj(change) || change.field !== 'messages' || !isObj(change.value)) continue;
			const value = change.value;
			const phone = isObj(value.metadata) ? idText(value.metadata.phone_number_id) : null;
			for (const m of list(value.messages)) {
				if (!isObj(m) || !idText(m.id)) continue;
				const identity = JSON.stringify(['message', phone, idText(m.id), idText(m.type)]);
				expected.identities.add(identity);
				expectUser(expected, identity, idText(m.from_user_id));
			}
			for (const s of list(value.statuses)) {
				if (!isObj(s) || !idText(s.id)) continue;
				const identity = JSON.stringify(['status', phone, idText(s.id), idText(s.status), ...statusParties(s)]);
				expected.identities.add(identity);
				const group = idText(s.recipient_type) === 'group';
				expectUser(expected, identity, group ? idText(s.recipient_participant_user_id) : idText(s.recipient_user_id));
			}
		}
	}
	return expected;
}

/** Identities of what the trigger emitted (separate outputs: Messages, Statuses, Other), with their items. */
export function emittedEvents(outcome: Outcome): Array<{ identity: string; json: Record<string, unknown> }> {
	const [messages = [], statuses = []] = outcome.items ?? [];
	const out: Array<{ identity: string; json: Record<string, unknown> }> = [];
	for (const { json: j } of messages) {
		if (j.messageId !== null) out.push({ identity: JSON.stringify(['message', j.phoneNumberId, j.messageId, j.type]), json: j });
	}
	for (const { json: j } of statuses) {
		if (j.statusId !== null) out.push({ identity: JSON.stringify(['status', j.phoneNumberId, j.statusId, j.status, j.recipientId, j.groupId]), json: j });
	}
	return out;
}

/** Identities only. */
export function emittedIdentities(outcome: Outcome): string[] {
	return emittedEvents(outcome).map((e) => e.identity);
}

/** The identities of the valid events of a payload. */
export function expectedIdentities(payload: unknown): Set<string> {
	return expectedEvents(payload).identities;
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

/**
 * Whom the emitted items of a signed delivery name: `recipient` = `waId` ?? `userId` ??
 * `parentUserId`, `signatureVerified: true`, and the BSUID the event itself carries as `userId`.
 */
export function namingProblems(expected: Expected, outcome: Outcome): string[] {
	const problems: string[] = [];
	for (const { identity, json: j } of emittedEvents(outcome)) {
		const recipient = j.waId ?? j.userId ?? j.parentUserId ?? null;
		if (j.recipient !== recipient) problems.push(`${identity}: recipient ${JSON.stringify(j.recipient)}, expected ${JSON.stringify(recipient)}`);
		if (j.signatureVerified !== true) problems.push(`${identity}: signatureVerified ${JSON.stringify(j.signatureVerified)} on a signed delivery`);
		const userId = expected.ambiguous.has(identity) ? undefined : expected.userIds.get(identity);
		if (userId && j.userId !== userId) problems.push(`${identity}: userId ${JSON.stringify(j.userId)}, expected ${JSON.stringify(userId)}`);
	}
	return problems;
}
