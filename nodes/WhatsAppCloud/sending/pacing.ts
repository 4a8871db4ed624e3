/**
 * Pacing for bulk sends: a token bucket for "messages per second" plus a cap on requests in
 * flight, and an ordered runner that keeps results in input order.
 *
 * Pure: time comes from an injected clock (`now` + `sleep`), so tests drive it with a fake
 * clock and the node drives it with `Date.now` and n8n-workflow's `sleep`. No timers here.
 */

/** Where time comes from. `sleep` must resolve after `ms` milliseconds of this clock. */
export interface Clock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

interface PacerOptions {
	/** Requests started per second, on average. */
	ratePerSecond: number;
	/** Requests started but not finished, at most. */
	maxInFlight: number;
	/**
	 * Requests that may start back to back to catch up after a late timer or a busy moment
	 * (the bucket size). Default: 250 ms worth of the rate, at least 1. The one-second window
	 * below still holds whatever the bucket allows.
	 */
	burst?: number;
}

/** The bucket size used when none is given: 250 ms worth of requests, at least one. */
export function defaultBurst(ratePerSecond: number): number {
	return Math.max(1, Math.ceil(ratePerSecond / 4));
}

/**
 * Hands out permission to start a request. `acquire()` resolves (first come, first served)
 * when the token bucket holds a token, fewer than `maxInFlight` requests are running and
 * fewer than `rate` requests started in the last second; the caller must call `release()`
 * once its request is finished, whatever the outcome.
 *
 * So requests start evenly spaced; after a stall the bucket lets up to `burst` catch up at
 * once; and no window of one second ever holds more than `rate` starts (nor any window of
 * `t` ms more than `burst + rate * t / 1000`).
 */
export class Pacer {
	readonly ratePerSecond: number;

	readonly maxInFlight: number;

	readonly burst: number;

	private tokens = 1;

	private lastRefill: number;

	private running = 0;

	private readonly waiting: Array<{ grant: () => void; refuse: (reason: Error) => void }> = [];

	private stopReason: Error | undefined;

	/** Start times of the last `windowSize` requests (a ring), for the one-second window. */
	private readonly recentStarts: number[];

	private readonly windowSize: number;

	private nextSlot = 0;

	private pumping = false;

	private wakeOnRelease: (() => void) | undefined;

	/** Most requests seen in flight at once (for tests and benchmarks). */
	peakInFlight = 0;

	/** Requests started so far. */
	started = 0;

	constructor(
		options: PacerOptions,
		private readonly clock: Clock,
	) {
		if (!(options.ratePerSecond > 0)) throw new RangeError('ratePerSecond must be above 0');
		if (!(options.maxInFlight >= 1)) throw new RangeError('maxInFlight must be at least 1');
		this.ratePerSecond = options.ratePerSecond;
		this.maxInFlight = Math.floor(options.maxInFlight);
		this.burst = Math.max(1, options.burst ?? defaultBurst(options.ratePerSecond));
		this.lastRefill = clock.now();
		this.windowSize = Math.max(1, Math.floor(this.ratePerSecond));
		this.recentStarts = new Array<number>(this.windowSize).fill(Number.NEGATIVE_INFINITY);
	}

	/** Requests currently in flight. */
	get inFlight(): number {
		return this.running;
	}

	/** Resolves when the caller may start one request; rejects once the pacer is stopped. */
	async acquire(): Promise<void> {
		if (this.stopReason) throw this.stopReason;
		const granted = new Promise<void>((grant, refuse) => this.waiting.push({ grant, refuse }));
		if (!this.pumping) void this.pump();
		return await granted;
	}

	/** Refuses every waiting and future `acquire()` with `reason`; running requests go on. */
	stop(reason: Error): void {
		this.stopReason ??= reason;
		for (const waiter of this.waiting.splice(0)) waiter.refuse(this.stopReason);
	}

	/** Whether `stop()` was called. */
	get stopped(): boolean {
		return this.stopReason !== undefined;
	}

	/** Marks one started request as finished. */
	release(): void {
		if (this.running <= 0) throw new Error('Pacer.release() called more often than acquire()');
		this.running--;
		const wake = this.wakeOnRelease;
		this.wakeOnRelease = undefined;
		wake?.();
	}

	/** Runs `task` once a permit is granted and releases the permit when it settles. */
	async run<T>(task: () => Promise<T>): Promise<T> {
		await this.acquire();
		try {
			return await task();
		} finally {
			this.release();
		}
	}

	private refill(): void {
		const now = this.clock.now();
		const elapsed = now - this.lastRefill;
		if (elapsed > 0) {
			this.tokens = Math.min(this.burst, this.tokens + (elapsed * this.ratePerSecond) / 1000);
			this.lastRefill = now;
		}
	}

	/** The single loop that grants permits in arrival order. */
	private async pump(): Promise<void> {
		this.pumping = true;
		if (this.started === 0) {
			// Idle time before the first request earns no burst.
			this.lastRefill = this.clock.now();
			this.tokens = 1;
		}
		try {
			while (this.waiting.length > 0) {
				if (this.running >= this.maxInFlight) {
					await new Promise<void>((resolve) => (this.wakeOnRelease = resolve));
					continue;
				}
				this.refill();
				if (this.tokens < 1) {
					const wait = ((1 - this.tokens) * 1000) / this.ratePerSecond;
					await this.clock.sleep(Math.max(1, Math.ceil(wait)));
					continue;
				}
				// The start `windowSize` starts ago must be a full second old.
				const windowOpensAt = this.recentStarts[this.nextSlot] + 1000;
				const now = this.clock.now();
				if (windowOpensAt > now) {
					this.refill();
					await this.clock.sleep(Math.max(1, Math.ceil(windowOpensAt - now)));
					// Waiting for the window earns no tokens: saved up, they would leave as a burst the
					// moment it opens and fill the next window early, a cycle of bursts. Only time past
					// the opening (a late timer) earns catch-up tokens.
					if (windowOpensAt > this.lastRefill) this.lastRefill = windowOpensAt;
					continue;
				}
				this.recentStarts[this.nextSlot] = now;
				this.nextSlot = (this.nextSlot + 1) % this.windowSize;
				this.tokens -= 1;
				this.running++;
				this.started++;
				if (this.running > this.peakInFlight) this.peakInFlight = this.running;
				this.waiting.shift()?.grant();
			}
		} catch (error) {
			// The clock's sleep was aborted (the execution was canceled): nothing more starts.
			this.stop(error instanceof Error ? error : new Error(String(error)));
		} finally {
			this.pumping = false;
		}
	}
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

interface OrderedRunOptions {
	/** Tasks running at once, at most. */
	concurrency: number;
	/**
	 * Called after every failure; returning true stops new tasks from starting (the ones
	 * already running finish). Their slots in the result stay `undefined`.
	 */
	stopOnFailure?: (index: number, error: unknown) => boolean;
}

/**
 * Runs `task(0) … task(count - 1)`, starting them in index order with at most `concurrency`
 * at a time, and returns every outcome at its index, whatever order they finished in.
 * Entries for tasks that never started (after a stop) are `undefined`.
 */
export async function runOrdered<T>(
	count: number,
	task: (index: number) => Promise<T>,
	options: OrderedRunOptions,
): Promise<Array<Settled<T> | undefined>> {
	const results: Array<Settled<T> | undefined> = new Array<Settled<T> | undefined>(count).fill(undefined);
	const concurrency = Math.max(1, Math.floor(options.concurrency));
	let next = 0;
	let stopped = false;

	const worker = async (): Promise<void> => {
		while (!stopped && next < count) {
			const index = next++;
			try {
				results[index] = { ok: true, value: await task(index) };
			} catch (error) {
				results[index] = { ok: false, error };
				if (options.stopOnFailure?.(index, error)) stopped = true;
			}
		}
	};

	const workers: Array<Promise<void>> = [];
	for (let i = 0; i < Math.min(concurrency, count); i++) workers.push(worker());
	await Promise.all(workers);
	return results;
}
