/**
 * Meta's per-number message throughput: each business phone number accepts so many messages per
 * second (80 by default, up to 1,000 after an upgrade), shared by everything that sends from it.
 * Above it Meta answers error 130429 "Rate limit hit" (HTTP 400, no Retry-After). The limiter
 * counts the messages it let through per phone number in the trailing second; a request that
 * would exceed the limit is refused (and not counted). Off unless a limit is set.
 */
import { graphError } from './graphError';

export interface ThroughputLimit {
	/** messages per second per phone number */
	perSecond: number;
	/** HTTP status of the refusal (default 400, as Meta sends 130429) */
	status?: number;
	/** send a Retry-After header with the refusal */
	retryAfterSeconds?: number;
}

export interface ThroughputStats {
	/** per phone number: requests let through / refused with 130429 */
	accepted: Record<string, number>;
	refused: Record<string, number>;
}

export const THROUGHPUT_ERROR = {
	message: '(#130429) Rate limit hit',
	type: 'OAuthException',
	code: 130429,
	error_data: { messaging_product: 'whatsapp', details: 'Cloud API message throughput has been reached.' },
};

const WINDOW_MS = 1000;

export class ThroughputLimiter {
	private limit: ThroughputLimit | undefined;
	/** per phone number: times (ms) of the requests let through in the trailing window */
	private readonly recent = new Map<string, number[]>();
	private stats: ThroughputStats = { accepted: {}, refused: {} };

	set(limit: ThroughputLimit | undefined): void {
		if (limit !== undefined && (!Number.isInteger(limit.perSecond) || limit.perSecond < 1)) {
			throw new Error('throughput perSecond must be an integer >= 1');
		}
		this.limit = limit;
		this.recent.clear();
		this.stats = { accepted: {}, refused: {} };
	}

	get current(): ThroughputLimit | undefined {
		return this.limit;
	}

	counts(): ThroughputStats {
		return structuredClone(this.stats);
	}

	/**
	 * For a message send from `phoneNumberId` at `now`: undefined = let through (and counted),
	 * else the refusal to answer with.
	 */
	check(
		phoneNumberId: string,
		now: number,
	): { status: number; body: unknown; headers?: Record<string, string> } | undefined {
		if (!this.limit) return undefined;
		let times = this.recent.get(phoneNumberId);
		if (!times) this.recent.set(phoneNumberId, (times = []));
		let drop = 0;
		while (drop < times.length && now - times[drop] >= WINDOW_MS) drop++;
		if (drop > 0) times.splice(0, drop);
		if (times.length >= this.limit.perSecond) {
			this.stats.refused[phoneNumberId] = (this.stats.refused[phoneNumberId] ?? 0) + 1;
			const headers =
				this.limit.retryAfterSeconds !== undefined
					? { 'retry-after': String(this.limit.retryAfterSeconds) }
					: undefined;
			return { status: this.limit.status ?? 400, body: graphError({ ...THROUGHPUT_ERROR }), headers };
		}
		times.push(now);
		this.stats.accepted[phoneNumberId] = (this.stats.accepted[phoneNumberId] ?? 0) + 1;
		return undefined;
	}
}

/** The phone number ID of a message send (POST /{version}/{phone-number-id}/messages or …/marketing_messages), else undefined. */
export function messageSender(method: string, path: string): string | undefined {
	if (method !== 'POST') return undefined;
	return /^\/v\d+\.\d+\/(\d+)\/(?:marketing_)?messages\/?$/.exec(path)?.[1];
}
