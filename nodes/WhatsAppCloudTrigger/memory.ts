/**
 * What the trigger remembers between requests in the memory of one n8n process: a restart empties
 * it, and in queue mode every webhook process has its own. Every store is a KeyedMemory with the
 * same eviction rule, checked when the store is used (no timers):
 * - an entry older than the store's `ttlMs` (counted from when it was set) is gone;
 * - beyond `maxEntries`, the least recently used entry (read or set) is dropped.
 * The caller passes the time, which keeps the stores pure and their tests free of clocks.
 *
 * The stores (name: key → value, limits; where):
 * - dedupe windows: trigger → its DedupeWindow, 1,000 triggers (dedupe.ts)
 * - signing secrets: trigger + credential → App Secret read, 1,000, 5 s (signingSecret.ts)
 * - refusal warnings: trigger + refusal → last log line, 1,000 (warnLimiter.ts)
 * - free text questions: trigger → Send and Wait registry, never evicted (sendAndWaitRelay.ts)
 * - app of token: token hash → app ID, 200 (tokenApp.ts)
 * - repair attempts: trigger → tried, 1,000, 60 s; just checked: trigger → Meta's state, 1,000, 5 s (subscription.ts)
 */
import type { TriggerContext } from './triggerSettings';

export interface MemoryLimits {
	maxEntries: number;
	/** How long an entry lives after it was set; for ever when absent. */
	ttlMs?: number;
}

/** At most this many triggers keep an entry in a store keyed by trigger. */
export const MAX_TRIGGERS = 1_000;

/** The key of a trigger in the stores keyed by trigger: workflow id : node id. */
export function triggerKey(ctx: TriggerContext): string {
	return `${ctx.getWorkflow().id ?? ''}:${ctx.getNode().id}`;
}

interface Entry<V> {
	value: V;
	at: number;
}

export class KeyedMemory<V> {
	/** Map order = least recently used first. */
	private readonly entries = new Map<string, Entry<V>>();

	constructor(private readonly limits: MemoryLimits) {}

	get size(): number {
		return this.entries.size;
	}

	/** The live value of `key` (now the most recently used), or undefined when absent or expired. */
	get(key: string, now: number): V | undefined {
		const entry = this.entries.get(key);
		if (entry === undefined) return undefined;
		this.entries.delete(key);
		if (this.limits.ttlMs !== undefined && now - entry.at >= this.limits.ttlMs) return undefined;
		this.entries.set(key, entry);
		return entry.value;
	}

	/** Remembers `value` from `now` on, as the most recently used entry. */
	set(key: string, value: V, now: number): void {
		this.entries.delete(key);
		this.entries.set(key, { value, at: now });
		while (this.entries.size > this.limits.maxEntries) {
			this.entries.delete(this.entries.keys().next().value as string);
		}
	}

	delete(key: string): void {
		this.entries.delete(key);
	}

	/** Forgets every key that starts with `prefix`. */
	deletePrefix(prefix: string): void {
		for (const key of [...this.entries.keys()]) if (key.startsWith(prefix)) this.entries.delete(key);
	}

	clear(): void {
		this.entries.clear();
	}
}

/** The stores of this process, by name. */
const stores = new Map<string, KeyedMemory<unknown>>();

/** A store of this process; `name` says what it holds (one store per name). */
export function triggerMemory<V>(name: string, limits: MemoryLimits): KeyedMemory<V> {
	const store = new KeyedMemory<V>(limits);
	stores.set(name, store as KeyedMemory<unknown>);
	return store;
}

/** Empties every store, as a restart of n8n does: tests start a case from a fresh process with it. */
export function forgetTriggerMemory(): void {
	for (const store of stores.values()) store.clear();
}
