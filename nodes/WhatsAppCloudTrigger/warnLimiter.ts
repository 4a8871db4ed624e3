/**
 * Keeps refused requests from flooding n8n's log: anyone who knows a trigger's URL can send
 * thousands of bad handshakes or unsigned POSTs a minute. Each key (trigger + kind of refusal)
 * logs at most once per interval; the next line that gets through says how many were held back.
 * Pure: the caller passes the clock.
 */
export const WARN_INTERVAL_MS = 60_000;
/** At most this many keys are tracked; the least recently logged one is dropped beyond. */
export const MAX_WARN_KEYS = 1_000;

export type WarnDecision = { log: false } | { log: true; suppressed: number };

export class WarnLimiter {
	/** key → when it last logged and how many were held back since; Map order = oldest first. */
	private readonly state = new Map<string, { at: number; suppressed: number }>();

	constructor(
		private readonly intervalMs = WARN_INTERVAL_MS,
		private readonly maxKeys = MAX_WARN_KEYS,
	) {}

	get size(): number {
		return this.state.size;
	}

	/** Whether to log this occurrence now, and how many of the same key were held back before it. */
	decide(key: string, now: number): WarnDecision {
		const entry = this.state.get(key);
		if (entry && now - entry.at < this.intervalMs) {
			entry.suppressed++;
			return { log: false };
		}
		const suppressed = entry?.suppressed ?? 0;
		this.state.delete(key);
		this.state.set(key, { at: now, suppressed: 0 });
		while (this.state.size > this.maxKeys) {
			this.state.delete(this.state.keys().next().value as string);
		}
		return { log: true, suppressed };
	}
}

/** The log line with the count of held-back ones, e.g. "… (17 more like it in the last minute were not logged)". */
export function withSuppressed(message: string, suppressed: number, intervalMs = WARN_INTERVAL_MS): string {
	if (suppressed === 0) return message;
	const span = intervalMs === 60_000 ? 'minute' : `${Math.round(intervalMs / 1000)} s`;
	return `${message} (${suppressed} more like it since the last one were not logged; at most one per ${span})`;
}
