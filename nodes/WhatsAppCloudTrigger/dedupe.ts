/**
 * Redelivery dedupe. Meta delivers webhooks at least once, so the same message or status can
 * arrive twice. Each trigger (workflow + node) keeps the keys it emitted in a window bounded
 * by age and by count, held in memory of the n8n process that receives the webhook:
 * - a restart empties it;
 * - in queue mode every webhook process has its own window, so a redelivery that lands on
 *   another process is not caught.
 * Entries expire lazily (no timers): on every check the oldest expired keys are dropped.
 */
export const DEFAULT_WINDOW_MINUTES = 24 * 60;
export const MAX_KEYS_PER_TRIGGER = 10_000;
/** At most this many triggers keep a window; the least recently used one is dropped beyond. */
export const MAX_WINDOWS = 1_000;

export class DedupeWindow {
	/** key → time first seen (ms); Map keeps insertion order, so the oldest come first. */
	private readonly seen = new Map<string, number>();

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

	private expire(now: number): void {
		for (const [key, at] of this.seen) {
			if (now - at < this.windowMs) break;
			this.seen.delete(key);
		}
	}

	/**
	 * True the first time a key is seen within the window (and remembers it); false for a
	 * repeat. A key that aged out of the window counts as new again.
	 */
	firstTime(key: string, now = Date.now()): boolean {
		this.expire(now);
		const at = this.seen.get(key);
		if (at !== undefined && now - at < this.windowMs) return false;
		this.seen.delete(key);
		this.seen.set(key, now);
		while (this.seen.size > this.maxKeys) {
			const oldest = this.seen.keys().next().value as string;
			this.seen.delete(oldest);
		}
		return true;
	}

	/**
	 * Forgets keys claimed by firstTime() whose events never became an execution (n8n answered the
	 * delivery with an error), so Meta's retry of that delivery runs.
	 */
	forget(keys: Iterable<string>): void {
		for (const key of keys) this.seen.delete(key);
	}
}

const windows = new Map<string, DedupeWindow>();

/** The window of one trigger (created on first use), most recently used last. */
export function dedupeWindowFor(triggerKey: string, windowMs: number): DedupeWindow {
	let window = windows.get(triggerKey);
	if (window) {
		windows.delete(triggerKey);
		window.setWindow(windowMs);
	} else {
		window = new DedupeWindow(windowMs);
	}
	windows.set(triggerKey, window);
	while (windows.size > MAX_WINDOWS) {
		windows.delete(windows.keys().next().value as string);
	}
	return window;
}

/** Forgets a trigger's window (on deactivation). */
export function forgetDedupeWindow(triggerKey: string): void {
	windows.delete(triggerKey);
}
