/**
 * When a failed Graph request is worth sending again, and how long to wait first.
 *
 * Pure: the policy reads only the error's fields (Meta's code, the HTTP status, the
 * Retry-After header, the network error code) and time and randomness are injected.
 *
 * Retried: 130429 (the number's throughput), 131056 (pair rate limit — that recipient is
 * slowed down), 80007 (WABA rate limit), 4 (app call limit), 1 and 2 (temporary), 131000
 * (unknown), HTTP 429 and 5xx, and network failures where the request never left
 * (connection refused, DNS). Never retried: 131047 (24-hour window), 131026 (undeliverable),
 * 132xxx (template problems), 133010 (number not registered), any other 4xx — and a request
 * that timed out or lost its connection after it was sent, because Meta may have delivered
 * it; the user can opt in to retrying those (it may send a message twice).
 */
import type { Clock } from './pacing';
import { Pacer } from './pacing';

type FailureKind =
	| 'throughput'
	| 'pairRateLimit'
	| 'rateLimit'
	| 'temporary'
	| 'server'
	| 'notSent'
	| 'maybeSent'
	| 'permanent';

interface FailureDecision {
	kind: FailureKind;
	retry: boolean;
	/** Milliseconds the server asked us to wait (Retry-After), if it did. */
	retryAfterMs?: number;
	/** Why it is or is not retried, in words for the error description. */
	reason: string;
}

/** Meta codes that mean "try again later". */
const RETRYABLE_CODES: Record<number, FailureKind> = {
	130429: 'throughput',
	131056: 'pairRateLimit',
	80007: 'rateLimit',
	4: 'rateLimit',
	1: 'temporary',
	2: 'temporary',
	131000: 'temporary',
};

/** Meta codes that are never retried, even when they come with a 5xx status. */
function isNeverRetriedCode(code: number | null | undefined): boolean {
	if (code === null || code === undefined) return false;
	return code === 131047 || code === 131026 || code === 133010 || (code >= 132000 && code <= 132999);
}

/** Network error codes that mean the request never reached the server. */
const NOT_SENT_NETWORK_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'EADDRNOTAVAIL',
]);

/** Whether a network failure may have happened after Meta received the request. */
function mayHaveBeenSent(networkCode: string): boolean {
	return !NOT_SENT_NETWORK_CODES.has(networkCode);
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date. Undefined when absent or unreadable. */
export function parseRetryAfter(value: unknown, nowMs: number): number | undefined {
	const raw = Array.isArray(value) ? value[0] : value;
	if (typeof raw === 'number') return raw >= 0 ? raw * 1000 : undefined;
	if (typeof raw !== 'string' || raw.trim() === '') return undefined;
	const text = raw.trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	// An HTTP date starts with the day's name: "Wed, 21 Oct 2026 07:28:00 GMT".
	if (!/^[A-Za-z]{3}/.test(text)) return undefined;
	const date = Date.parse(text);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - nowMs);
}

interface ErrorShape {
	context?: {
		meta?: { httpStatus?: number | null; code?: number | null };
		networkError?: string;
		retryAfter?: unknown;
	};
	httpCode?: string | null;
}

interface ClassifyOptions {
	/** Retry requests that may have reached Meta (timeouts, connection resets). */
	retryTimedOut: boolean;
	/** The clock's current time, to read a Retry-After date. */
	nowMs: number;
}

/** Decides whether `error` (thrown by graphRequest) is worth another attempt. */
export function classifyFailure(error: unknown, options: ClassifyOptions): FailureDecision {
	const context = (error as ErrorShape | undefined)?.context;
	const networkCode = context?.networkError;
	if (networkCode) {
		if (!mayHaveBeenSent(networkCode)) {
			return { kind: 'notSent', retry: true, reason: `the request never reached Meta (${networkCode})` };
		}
		return {
			kind: 'maybeSent',
			retry: options.retryTimedOut,
			reason: options.retryTimedOut
				? `no answer after the request was sent (${networkCode}); retried because "Retry Timed-Out Requests" is on`
				: `no answer after the request was sent (${networkCode}): Meta may have delivered it, so it was not sent again. Turn on "Retry Timed-Out Requests" to retry such requests (the recipient may then get the message twice).`,
		};
	}

	const meta = context?.meta;
	const code = meta?.code ?? null;
	const status = meta?.httpStatus ?? (Number((error as ErrorShape | undefined)?.httpCode) || null);
	const retryAfterMs = parseRetryAfter(context?.retryAfter, options.nowMs);

	if (isNeverRetriedCode(code)) {
		return { kind: 'permanent', retry: false, reason: `Meta error ${code} does not go away by sending again` };
	}
	if (code !== null && RETRYABLE_CODES[code]) {
		return { kind: RETRYABLE_CODES[code], retry: true, retryAfterMs, reason: `Meta error ${code} is temporary` };
	}
	if (status === 429) {
		return { kind: 'rateLimit', retry: true, retryAfterMs, reason: 'HTTP 429: too many requests' };
	}
	if (status !== null && status >= 500) {
		return { kind: 'server', retry: true, retryAfterMs, reason: `HTTP ${status}: server error` };
	}
	return { kind: 'permanent', retry: false, reason: 'the request itself must be changed' };
}

interface BackoffOptions {
	/** Delay before the first retry, before jitter. */
	baseMs: number;
	/** Longest delay between two attempts. */
	maxMs: number;
}

export const BACKOFF: BackoffOptions = { baseMs: 1000, maxMs: 60_000 };

/** Meta's pair rate limit allows about one message per 6 seconds to the same user. */
export const PAIR_BACKOFF: BackoffOptions = { baseMs: 6000, maxMs: 120_000 };

/** The longest Retry-After we wait for; a longer one fails the item with Meta's error. */
const MAX_RETRY_AFTER_MS = 300_000;

/**
 * Exponential backoff with "equal jitter": retry n (1-based) waits between half and all of
 * `base * 2^(n-1)` (capped at `maxMs`), so that many items failing together spread out.
 */
export function backoffDelay(retry: number, options: BackoffOptions, random: () => number): number {
	const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, retry - 1));
	return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * The wait before retry n. When Meta says how long (Retry-After), exactly that plus up to a
 * quarter more (at most 1 s more) of jitter, so items that failed together do not come back
 * together; otherwise the jittered exponential backoff.
 */
export function retryDelay(decision: FailureDecision, retry: number, random: () => number): number {
	const retryAfter = decision.retryAfterMs ?? 0;
	if (retryAfter > 0) return Math.round(retryAfter + random() * Math.min(1000, retryAfter / 4));
	return backoffDelay(retry, decision.kind === 'pairRateLimit' ? PAIR_BACKOFF : BACKOFF, random);
}

/** What requests of a stopped session fail with: they were never sent. */
export class SendingStopped extends Error {
	constructor() {
		super('Not sent: an earlier item failed and stopped the node');
		this.name = 'SendingStopped';
	}
}

export interface SendingSettings {
	ratePerSecond: number;
	maxInFlight: number;
	/** Attempts after the first one, at most. */
	maxRetries: number;
	retryTimedOut: boolean;
}

interface SendingStats {
	attempts: number;
	retries: number;
	retriesByKind: Partial<Record<FailureKind, number>>;
	gaveUp: number;
}

/**
 * One bulk run: every request goes through the pacer (retries too: Meta counts them), a
 * failed one is retried per the policy, and after a 131056 every request to that recipient
 * waits (longer each time) while the others go on.
 */
export class SendingSession {
	readonly pacer: Pacer;

	readonly stats: SendingStats = { attempts: 0, retries: 0, retriesByKind: {}, gaveUp: 0 };

	private readonly recipientNotBefore = new Map<string, number>();

	private readonly recipientHits = new Map<string, number>();

	constructor(
		readonly settings: SendingSettings,
		private readonly clock: Clock,
		private readonly random: () => number = Math.random,
	) {
		this.pacer = new Pacer({ ratePerSecond: settings.ratePerSecond, maxInFlight: settings.maxInFlight }, clock);
	}

	/** Items after this one send nothing more (an item failed without Continue On Fail). */
	private stoppedAfter: number | undefined;

	/**
	 * Runs `attempt` (one request of item `itemIndex`) paced, retrying it as the policy allows.
	 * Refused with SendingStopped once an earlier item has stopped the run.
	 */
	async send<T>(attempt: () => Promise<T>, recipient?: string, itemIndex?: number): Promise<T> {
		const guarded = async () => {
			// Checked again when the turn comes: the stop may have come while this one waited.
			if (this.isStopped(itemIndex)) throw new SendingStopped();
			return await attempt();
		};
		for (let retry = 0; ; retry++) {
			if (this.isStopped(itemIndex)) throw new SendingStopped();
			await this.waitForRecipient(recipient);
			this.stats.attempts++;
			// The transport's errors are NodeApiError/NodeOperationError already: a final one is
			// passed on unchanged (plus the attempts note), so it is caught as a value here.
			const outcome = await this.pacer.run(guarded).then(
				(value) => ({ ok: true as const, value }),
				(error: unknown) => ({ ok: false as const, error }),
			);
			if (outcome.ok) return outcome.value;
			const error = outcome.error;
			if (error instanceof SendingStopped) throw error;
			const decision = classifyFailure(error, {
				retryTimedOut: this.settings.retryTimedOut,
				nowMs: this.clock.now(),
			});
			const tooLong = (decision.retryAfterMs ?? 0) > MAX_RETRY_AFTER_MS;
			if (!decision.retry || retry >= this.settings.maxRetries || tooLong) {
				if (retry > 0 || decision.kind === 'maybeSent' || tooLong) {
					this.stats.gaveUp++;
					describeGivingUp(error, retry + 1, decision, tooLong);
				}
				throw error;
			}
			this.stats.retries++;
			this.stats.retriesByKind[decision.kind] = (this.stats.retriesByKind[decision.kind] ?? 0) + 1;
			if (decision.kind === 'pairRateLimit' && recipient) {
				// Every request to this recipient now waits; waitForRecipient does it for this one too.
				this.slowDown(recipient, decision);
			} else {
				await this.clock.sleep(retryDelay(decision, retry + 1, this.random));
			}
		}
	}

	/** Sends nothing more: requests waiting for their turn (or a retry) fail with SendingStopped. */
	stop(): void {
		this.pacer.stop(new SendingStopped());
	}

	/**
	 * Item `itemIndex` failed the run: later items send nothing more, earlier ones (which a
	 * one-by-one run would have sent before it) still go out.
	 */
	stopAfter(itemIndex: number): void {
		if (this.stoppedAfter === undefined || itemIndex < this.stoppedAfter) this.stoppedAfter = itemIndex;
	}

	private isStopped(itemIndex: number | undefined): boolean {
		if (this.stoppedAfter === undefined) return false;
		return itemIndex === undefined || itemIndex > this.stoppedAfter;
	}

	/** Earliest time a request to `recipient` may start (0 when it was never slowed down). */
	notBefore(recipient: string): number {
		return this.recipientNotBefore.get(recipient) ?? 0;
	}

	private slowDown(recipient: string, decision: FailureDecision): void {
		const hits = (this.recipientHits.get(recipient) ?? 0) + 1;
		this.recipientHits.set(recipient, hits);
		const wait = retryDelay(decision, hits, this.random);
		const until = this.clock.now() + wait;
		if (until > this.notBefore(recipient)) this.recipientNotBefore.set(recipient, until);
	}

	private async waitForRecipient(recipient: string | undefined): Promise<void> {
		if (!recipient) return;
		for (;;) {
			const wait = this.notBefore(recipient) - this.clock.now();
			if (wait <= 0) return;
			await this.clock.sleep(wait);
		}
	}
}

/** Adds how many attempts were made, and why the last failure was final, to the error the user sees. */
function describeGivingUp(error: unknown, attempts: number, decision: FailureDecision, tooLong: boolean): void {
	const e = error as { description?: string | null; context?: Record<string, unknown> };
	if (!e || typeof e !== 'object') return;
	let note: string;
	if (tooLong) {
		note = `Not retried: Meta asked to wait ${Math.round((decision.retryAfterMs ?? 0) / 1000)} s, longer than this node waits. Run the workflow again later.`;
	} else if (decision.retry) {
		note = `Gave up after ${attempts} attempts (Sending → Max Retries).`;
	} else {
		note = `Not retried after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${decision.reason}.`;
	}
	e.description = e.description ? `${e.description}\n${note}` : note;
	if (e.context && typeof e.context === 'object') {
		e.context.attempts = attempts;
		const meta = e.context.meta as Record<string, unknown> | undefined;
		if (meta && typeof meta === 'object') meta.attempts = attempts;
	}
}
