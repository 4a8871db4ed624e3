/**
 * Redelivery dedupe. Meta delivers webhooks at least once, so the same message or status can
 * arrive twice. Each trigger (workflow + node) keeps the keys it emitted in a window bounded
 * by age and by count, held in memory of the n8n process that receives the webhook:
 * - a restart empties it;
 * - in queue mode every webhook process has its own window, so a redelivery that lands on
 *   another process is not caught.
 * Entries expire lazily (no timers): on every check the oldest expired keys are dropped.
 */
import { str, type Obj } from '../shared/jsonValues';
import { MAX_TRIGGERS, triggerMemory } from './memory';

export const DEFAULT_WINDOW_MINUTES = 24 * 60;
export const MAX_KEYS_PER_TRIGGER = 10_000;

interface Seen {
	/** when first seen (ms) */
	at: number;
	/** which entry of the queue holds it (a key forgotten and claimed again gets a new one) */
	seq: number;
}

export class DedupeWindow {
	private readonly seen = new Map<string, Seen>();
	/**
	 * Keys in the order they were claimed, oldest first, read from `head`. Expiry and the count
	 * bound drop from the front; entries whose key was forgotten or claimed again are skipped.
	 * (Deleting the first key of a Map over and over is not O(1) in V8: the holes at its front
	 * are walked again by every `keys().next()`.)
	 */
	private queue: Array<{ key: string; seq: number }> = [];
	private head = 0;
	private nextSeq = 0;

	constructor(
		private windowMs: number,
		private readonly maxKeys = MAX_KEYS_PER_TRIGGER,
	) {}

	setWindow(windowMs: number): void {
		this.windowMs = windowMs;
	}

	get size(): number {
		return this.seen.size;
	}

	/** The oldest live entry of the queue, dropping dead ones on the way. */
	private oldest(): { key: string; entry: Seen } | undefined {
		while (this.head < this.queue.length) {
			const { key, seq } = this.queue[this.head];
			const entry = this.seen.get(key);
			if (entry && entry.seq === seq) return { key, entry };
			this.head++;
		}
		return undefined;
	}

	private dropOldest(): void {
		const oldest = this.oldest();
		if (!oldest) return;
		this.seen.delete(oldest.key);
		this.head++;
	}

	private compact(): void {
		if (this.head > 1024 && this.head * 2 > this.queue.length) {
			this.queue = this.queue.slice(this.head);
			this.head = 0;
		}
	}

	private expire(now: number): void {
		for (let oldest = this.oldest(); oldest && now - oldest.entry.at >= this.windowMs; oldest = this.oldest()) {
			this.dropOldest();
		}
	}

	/**
	 * True the first time a key is seen within the window (and remembers it); false for a
	 * repeat. A key that aged out of the window counts as new again.
	 */
	firstTime(key: string, now = Date.now()): boolean {
		return this.claim([key], now)[0];
	}

	/**
	 * firstTime() over the keys of one delivery, in order. The count bound is applied afterwards
	 * and never drops a key of this delivery, so a delivery with more events than the bound is
	 * still caught whole when it comes again (the window briefly holds that many).
	 */
	claim(keys: readonly string[], now = Date.now()): boolean[] {
		this.expire(now);
		let claimed = 0;
		const fresh = keys.map((key) => {
			const known = this.seen.get(key);
			if (known !== undefined && now - known.at < this.windowMs) return false;
			const seq = this.nextSeq++;
			this.seen.set(key, { at: now, seq });
			this.queue.push({ key, seq });
			claimed++;
			return true;
		});
		while (this.seen.size > Math.max(this.maxKeys, claimed)) this.dropOldest();
		this.compact();
		return fresh;
	}

	/**
	 * Forgets keys claimed by firstTime() whose events never became an execution (n8n answered the
	 * delivery with an error), so Meta's retry of that delivery runs.
	 */
	forget(keys: Iterable<string>): void {
		for (const key of keys) this.seen.delete(key);
	}
}

/** At most MAX_TRIGGERS triggers keep a window; the least recently used one is dropped beyond. */
const windows = triggerMemory<DedupeWindow>('dedupe windows', { maxEntries: MAX_TRIGGERS });

/** The window of one trigger (created on first use). */
export function dedupeWindowFor(triggerKey: string, windowMs: number, now = Date.now()): DedupeWindow {
	let window = windows.get(triggerKey, now);
	if (window) window.setWindow(windowMs);
	else window = new DedupeWindow(windowMs);
	windows.set(triggerKey, window, now);
	return window;
}

/** Forgets a trigger's window (on deactivation). */
export function forgetDedupeWindow(triggerKey: string): void {
	windows.delete(triggerKey);
}

// ---------------------------------------------------------------------------------------------
// The key of an event

type HashOf = (value: unknown) => string;

/*
 * What identifies an event across Meta's redeliveries: the one key the windows above remember, and
 * the `dedupeKey` field of every item (fanOut.ts), for a check that lasts: n8n's Remove Duplicates
 * node ("Remove Items Processed in Previous Executions", Value to Dedupe On `{{ $json.dedupeKey }}`)
 * keeps it in n8n's database. The parts are JSON-encoded, so they stay apart whatever characters
 * they contain. A message or status without an ID (Meta always sends one) is keyed by a hash of its
 * content, like the other events, so every item has a key.
 */

/** A message: business phone number ID, message ID and type. */
export function messageKey(phoneNumberId: string | null, message: Obj, hashOf: HashOf): string {
	const id = str(message.id);
	const type = str(message.type);
	return `message|${JSON.stringify(id ? [phoneNumberId, id, type] : [phoneNumberId, null, type, hashOf(message)])}`;
}

/**
 * Whom a status is about: `recipientId` (the user, or the group's member) and `groupId`. Meta's
 * group layout puts the group in `recipient_id` (`recipient_type: "group"`) and the member in
 * `recipient_participant_id` (or `recipient_participant_user_id` when Meta withholds the phone);
 * the contract's older layout has the member in `recipient_id` and the group in `group_id`. An
 * individual send to a BSUID may have no `recipient_id`: its `recipient_user_id` names the user.
 */
export function statusParties(status: Obj): { group: boolean; recipientId: string | null; groupId: string | null } {
	if (str(status.recipient_type) === 'group') {
		const member = str(status.recipient_participant_id) ?? str(status.recipient_participant_user_id) ?? str(status.recipient_participant_parent_user_id);
		return { group: true, recipientId: member, groupId: str(status.recipient_id) };
	}
	const recipientId = str(status.recipient_id) ?? str(status.recipient_user_id) ?? str(status.recipient_parent_user_id);
	return { group: false, recipientId, groupId: str(status.group_id) };
}

/**
 * A status. A message sent to a group gets one status per member and stage, and sent → delivered
 * → read share the message ID: the member and the group are part of the key (statusParties), so
 * each member's delivered and read come through once and only their redeliveries are dropped.
 */
export function statusKey(phoneNumberId: string | null, status: Obj, hashOf: HashOf): string {
	const id = str(status.id);
	const { recipientId, groupId } = statusParties(status);
	const parts = [phoneNumberId, id, str(status.status), recipientId, groupId];
	return `status|${JSON.stringify(id ? parts : [...parts, hashOf(status)])}`;
}

/** Any other change (no ID): its WABA, field and `hash`, the hash of the change's time and value. */
export function otherKey(wabaId: string | null, field: string, hash: string): string {
	return `other|${JSON.stringify([wabaId, field, hash])}`;
}
