/**
 * Keeps refused requests from flooding n8n's log: anyone who knows a trigger's URL can send
 * thousands of bad handshakes or unsigned POSTs a minute. Each key (trigger + kind of refusal)
 * logs at most once per interval; the next line that gets through says how many were held back.
 * Pure: the caller passes the clock.
 */
import { KeyedMemory, triggerMemory } from './memory';

const WARN_INTERVAL_MS = 60_000;
/** At most this many keys are tracked; the least recently used one is dropped beyond. */
const MAX_WARN_KEYS = 1_000;

type WarnDecision = { log: false } | { log: true; suppressed: number };

/** When a key last logged and how many were held back since. */
interface LastLogged {
	at: number;
	suppressed: number;
}

export class WarnLimiter {
	constructor(
		private readonly intervalMs = WARN_INTERVAL_MS,
		// No TTL: a key whose interval is over still holds the count the next line reports.
		private readonly state = new KeyedMemory<LastLogged>({ maxEntries: MAX_WARN_KEYS }),
	) {}

	get size(): number {
		return this.state.size;
	}

	/** Whether to log this occurrence now, and how many of the same key were held back before it. */
	decide(key: string, now: number): WarnDecision {
		const entry = this.state.get(key, now);
		if (entry && now - entry.at < this.intervalMs) {
			entry.suppressed++;
			return { log: false };
		}
		this.state.set(key, { at: now, suppressed: 0 }, now);
		return { log: true, suppressed: entry?.suppressed ?? 0 };
	}
}

/** One per n8n process: refused handshakes, signatures and bodies log at most once a minute per trigger. */
export const refusalWarnings = new WarnLimiter(WARN_INTERVAL_MS, triggerMemory('refusal warnings', { maxEntries: MAX_WARN_KEYS }));

/** The log line with the count of held-back ones, e.g. "… (17 more like it in the last minute were not logged)". */
export function withSuppressed(message: string, suppressed: number, intervalMs = WARN_INTERVAL_MS): string {
	if (suppressed === 0) return message;
	const span = intervalMs === 60_000 ? 'minute' : `${Math.round(intervalMs / 1000)} s`;
	return `${message} (${suppressed} more like it since the last one were not logged; at most one per ${span})`;
}
