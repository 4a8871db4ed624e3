import type { IWebhookFunctions } from 'n8n-workflow';

import { asArray, asObject, str } from '../shared/jsonValues';
import { incomingMessages, referenceText } from '../shared/sendAndWait/incomingMessages';
import {
	FREE_TEXT_REFERENCE_HEADER,
	parseReference,
	waitingUrl,
	type AnswerReference,
} from '../shared/sendAndWait/reference';
import { SIGNATURE_HEADER } from '../shared/webhookSignature';
import { triggerKey, triggerMemory } from './memory';

/**
 * How a contact's answer to Message → Send and Wait for Response reaches the waiting execution.
 * Meta delivers the tap (or the text) to the app's webhook: this trigger. For every message that
 * carries an answer reference signed with the credential's App Secret, the trigger posts the
 * delivery exactly as Meta sent it — raw body and X-Hub-Signature-256 — to the waiting URL the
 * reference names, on this n8n's own address. The waiting node checks everything again (Meta's
 * signature, the reference, who answered): the trigger is only a courier and cannot make a
 * waiting execution accept anything Meta did not sign.
 *
 * The waiting URL is n8n's signed one (the signature is in the reference), so it works with one
 * or many trigger workflows and behind a public WEBHOOK_URL; in queue mode any webhook process
 * can serve it. Never throws.
 */

interface RelayOutcome {
	/** Message IDs that were answers to a Send and Wait question (emitted only when the option says so). */
	answerIds: Set<string>;
	/** What happened to each, for the log: `wamid.X → execution 12 resumed`. */
	notes: string[];
}

/** This n8n's address as the trigger's own webhook URL shows it (`https://n8n.example.com`). */
function ownOrigin(ctx: IWebhookFunctions): string | null {
	try {
		return new URL(ctx.getNodeWebhookUrl('default') ?? '').origin;
	} catch {
		return null;
	}
}

interface PostResult {
	statusCode: number;
	body: unknown;
}

async function post(
	ctx: IWebhookFunctions,
	url: string,
	raw: Buffer,
	signature: string,
	extraHeaders: Record<string, string>,
): Promise<PostResult> {
	const response = (await ctx.helpers.httpRequest({
		method: 'POST',
		url,
		body: raw.toString('utf8'),
		headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signature, ...extraHeaders },
		json: false,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// Meta's signature and the customer's message go to this n8n only, never where a redirect points.
		disableFollowRedirect: true,
		timeout: 15_000,
	})) as { statusCode: number; body: unknown };
	return { statusCode: response.statusCode, body: response.body };
}

/** Words for the log about what the waiting URL answered. */
function describeResumeAnswer(result: PostResult): string {
	const text = typeof result.body === 'string' ? result.body : JSON.stringify(result.body ?? '');
	if (result.statusCode === 200 && text.includes('"resumed":true')) return 'resumed';
	if (result.statusCode === 200) return 'already answered or timed out (nothing changed)';
	const reason = /"reason":"([^"]*)"/.exec(text)?.[1];
	return `not resumed (HTTP ${result.statusCode}${reason ? `: ${reason}` : ''})`;
}

type Verdict = 'resumed' | 'closed' | 'refused';

function verdictOf(result: PostResult): Verdict {
	const text = describeResumeAnswer(result);
	if (text === 'resumed') return 'resumed';
	// n8n's "no action required" page (finished execution) or no such execution / node any more.
	if (result.statusCode === 200 || result.statusCode === 404 || result.statusCode === 409) return 'closed';
	return 'refused';
}

/**
 * Relays every Send and Wait answer of a delivery whose signature was verified (`signature` is
 * Meta's X-Hub-Signature-256 of `raw`): taps carrying a reference, and texts answering an open
 * Free Text question of the same contact. Registers the Free Text questions whose statuses the
 * delivery carries. Never throws.
 */
export async function relaySendAndWaitAnswers(
	ctx: IWebhookFunctions,
	payload: unknown,
	raw: Buffer,
	signature: string | undefined,
	appSecret: string | undefined,
): Promise<RelayOutcome> {
	const outcome: RelayOutcome = { answerIds: new Set(), notes: [] };
	if (!signature || !appSecret) return outcome;
	const now = Date.now();
	const stores = registriesOf(ctx.getWorkflowStaticData('node') as Record<string, unknown>, triggerKey(ctx), now);
	const registered = Math.max(...stores.map((store) => registerFreeTextQuestions(store, payload, appSecret, now)));
	if (registered > 0)
		ctx.logger.debug(`WhatsApp Cloud Trigger: registered ${registered} Free Text question status(es)`);
	const messages = incomingMessages(payload);
	if (messages.length === 0) return outcome;
	const origin = ownOrigin(ctx);
	if (origin === null) return outcome;

	const relay = async (reference: AnswerReference, headers: Record<string, string>): Promise<PostResult | string> => {
		const url = waitingUrl(reference, origin);
		if (url === null) return 'not relayed: the waiting URL would leave this n8n';
		try {
			return await post(ctx, url, raw, signature, headers);
		} catch (error) {
			return `could not be reached: ${error instanceof Error ? error.message : String(error)}`;
		}
	};
	for (const { message, phoneNumberId, contact } of messages) {
		const messageId = str(message.id) ?? '(a message without an ID)';
		const tap = parseReference(referenceText(message), appSecret);
		if (tap) {
			outcome.answerIds.add(messageId);
			const result = await relay(tap, {});
			const said = typeof result === 'string' ? result : describeResumeAnswer(result);
			outcome.notes.push(`${messageId} → execution ${tap.executionId} ${said}`);
			continue;
		}
		if (phoneNumberId === undefined) continue;
		const seen = new Set<string>();
		const candidates = stores
			.flatMap((store) => candidatesFor(store, phoneNumberId, message, now, contact))
			.filter((q) => !seen.has(q.messageId) && seen.add(q.messageId) !== undefined)
			.sort(byReplyThenAge(message));
		for (const question of candidates) {
			const forget = () => {
				for (const store of stores) forgetQuestion(store, phoneNumberId, question.messageId);
			};
			const reference = parseReference(question.reference, appSecret);
			if (reference === null) {
				forget();
				continue;
			}
			const result = await relay(reference, { [FREE_TEXT_REFERENCE_HEADER]: question.reference });
			if (typeof result === 'string') {
				outcome.notes.push(`${messageId} → execution ${reference.executionId} ${result}`);
				break;
			}
			const verdict = verdictOf(result);
			// An answered or timed-out question is dropped and the next open one is tried.
			if (verdict !== 'refused') forget();
			if (verdict === 'resumed') {
				outcome.answerIds.add(messageId);
				outcome.notes.push(`${messageId} → execution ${reference.executionId} resumed (Free Text)`);
				break;
			}
		}
	}
	return outcome;
}

// ------------------------------------------------------------------ Free Text questions

/**
 * A Free Text question has no button: the contact's next text answers it. The node sends the
 * question with its reference as `biz_opaque_callback_data`, which Meta echoes in the message's
 * status webhooks; the trigger keeps the questions it saw there per (phone number, contact) in
 * its workflow static data, under every identifier the status names (phone number, BSUID,
 * parent BSUID), so a text matches by `from` or `from_user_id`. A text from that contact answers
 * the question it swipe-replies to, else the oldest one still open.
 *
 * Bounded: a question is forgotten when answered, timed out or closed, and in any case after
 * PENDING_TTL_MS (7 days: a contact who never answers); at most MAX_PENDING_PER_CONTACT per
 * contact and MAX_PENDING_CONTACTS contact identifiers per registry (the least recently asked go
 * first). The same bounds hold for the static data and for this process's memory copy.
 * A question forgotten before its wait ends can no longer be answered by a text.
 *
 * Limits: n8n saves a trigger's static data after each webhook request as one object, last
 * writer wins — two n8n processes receiving webhooks for the same trigger at the same moment can
 * lose a registration. Every status (sent, delivered, read) registers the question again, which
 * repairs most such losses.
 */

export const PENDING_KEY = 'sendAndWaitQuestions';
export const PENDING_TTL_MS = 7 * 24 * 3_600_000;
const MAX_PENDING_PER_CONTACT = 20;
export const MAX_PENDING_CONTACTS = 500;

interface PendingQuestion {
	messageId: string;
	reference: string;
	at: number;
}

type Pending = Record<string, PendingQuestion[]>;

/**
 * The open questions; created only when one is registered. Reading never writes: an execution
 * started from the same delivery carries a copy of the static data and n8n may save that copy
 * when it ends, so a delivery that only reads must not mark the data changed.
 */
function pendingOf(staticData: Record<string, unknown>, create = false): Pending | undefined {
	const value = staticData[PENDING_KEY];
	if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Pending;
	if (!create) return undefined;
	staticData[PENDING_KEY] = {};
	return staticData[PENDING_KEY] as Pending;
}

const contactKey = (phoneNumberId: string, id: string) => `${phoneNumberId}:${id}`;

/**
 * The same registry in this n8n process's memory, per trigger. n8n saves the static data a
 * webhook request changed only when that request starts no execution before the save (starting
 * one wraps the data again and clears n8n's "changed" mark), so a status delivery that is also
 * emitted as an item may not persist its registration; the memory copy still has it. Not
 * evicted per trigger (it may be the only copy); each registry is bounded like the static data.
 */
const registries = triggerMemory<Record<string, unknown>>('free text questions', { maxEntries: Infinity });

/** The registries of a trigger: its static data and this process's memory. */
function registriesOf(staticData: Record<string, unknown>, triggerKey: string, now: number): Array<Record<string, unknown>> {
	let local = registries.get(triggerKey, now);
	if (!local) {
		local = {};
		registries.set(triggerKey, local, now);
	}
	return [staticData, local];
}

const open = (now: number) => (q: PendingQuestion) => now - q.at < PENDING_TTL_MS;

/** Drops expired questions, then the least recently asked contacts beyond the cap. */
function prune(pending: Pending, now: number): void {
	const newest: Array<[string, number]> = [];
	for (const [key, list] of Object.entries(pending)) {
		const kept = Array.isArray(list) ? list.filter(open(now)) : [];
		if (kept.length === 0) delete pending[key];
		else {
			pending[key] = kept;
			newest.push([key, Math.max(...kept.map((q) => q.at))]);
		}
	}
	if (newest.length <= MAX_PENDING_CONTACTS) return;
	newest.sort((a, b) => a[1] - b[1]);
	for (const [key] of newest.slice(0, newest.length - MAX_PENDING_CONTACTS)) delete pending[key];
}

/** Every identifier a status names its user by. */
function statusUserIds(status: Record<string, unknown>): string[] {
	const ids = [status.recipient_id, status.recipient_user_id, status.recipient_parent_user_id];
	for (const contact of asArray(status.contacts)) ids.push(asObject(contact)?.wa_id, asObject(contact)?.user_id);
	return [...new Set(ids.filter((id): id is string => typeof id === 'string' && id !== ''))];
}

/** Registers the Free Text questions whose status updates this delivery carries; returns how many. */
export function registerFreeTextQuestions(
	staticData: Record<string, unknown>,
	payload: unknown,
	appSecret: string | undefined,
	now: number,
): number {
	let count = 0;
	for (const entry of asArray(asObject(payload)?.entry)) {
		for (const change of asArray(asObject(entry)?.changes)) {
			const value = asObject(asObject(change)?.value);
			const phoneNumberId = asObject(value?.metadata)?.phone_number_id;
			for (const raw of asArray(value?.statuses)) {
				const status = asObject(raw);
				const reference = parseReference(status?.biz_opaque_callback_data, appSecret);
				if (!status || !reference || reference.option !== null || typeof status.id !== 'string') continue;
				const userIds = statusUserIds(status);
				if (status.status === 'failed' || userIds.length === 0) continue;
				if (phoneNumberId !== reference.phoneNumberId) continue;
				const pending = pendingOf(staticData, true) as Pending;
				for (const userId of userIds) {
					const key = contactKey(reference.phoneNumberId, userId);
					const list = asArray(pending[key]) as PendingQuestion[];
					if (!list.some((q) => q.messageId === status.id)) {
						list.push({ messageId: status.id, reference: status.biz_opaque_callback_data as string, at: now });
					}
					pending[key] = list.slice(-MAX_PENDING_PER_CONTACT);
				}
				prune(pending, now);
				count++;
			}
		}
	}
	return count;
}

/** Every identifier a text's sender has: `from`, `from_user_id`, `from_parent_user_id`, its contact's. */
function senderKeys(message: Record<string, unknown>, contact: Record<string, unknown> | undefined): string[] {
	const ids = [message.from, message.from_user_id, message.from_parent_user_id, contact?.wa_id, contact?.user_id];
	return ids.filter((id): id is string => typeof id === 'string' && id !== '');
}

/** The open questions a text message may answer: the one it replies to first, then oldest first. */
export function candidatesFor(
	staticData: Record<string, unknown>,
	phoneNumberId: string,
	message: Record<string, unknown>,
	now: number,
	contact?: Record<string, unknown>,
): PendingQuestion[] {
	if (message.type !== 'text') return [];
	const pending = pendingOf(staticData);
	const found = new Map<string, PendingQuestion>();
	for (const id of senderKeys(message, contact)) {
		for (const q of asArray(pending?.[contactKey(phoneNumberId, id)]) as PendingQuestion[]) {
			if (open(now)(q) && !found.has(q.messageId)) found.set(q.messageId, q);
		}
	}
	return [...found.values()].sort(byReplyThenAge(message));
}

/** The question a text swipe-replies to first, then the oldest. */
function byReplyThenAge(message: Record<string, unknown>): (a: PendingQuestion, b: PendingQuestion) => number {
	const repliedTo = asObject(message.context)?.id;
	return (a, b) => Number(b.messageId === repliedTo) - Number(a.messageId === repliedTo) || a.at - b.at;
}

/** Forgets a question (answered, timed out or closed) under every identifier of its contact. */
function forgetQuestion(staticData: Record<string, unknown>, phoneNumberId: string, messageId: string): void {
	const pending = pendingOf(staticData);
	if (pending === undefined) return;
	for (const [key, list] of Object.entries(pending)) {
		if (!key.startsWith(`${phoneNumberId}:`) || !Array.isArray(list)) continue;
		if (!list.some((q) => q.messageId === messageId)) continue;
		const kept = list.filter((q) => q.messageId !== messageId);
		if (kept.length > 0) pending[key] = kept;
		else delete pending[key];
	}
}
