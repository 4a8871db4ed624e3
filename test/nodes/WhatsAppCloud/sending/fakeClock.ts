import type { Clock } from '../../../../nodes/WhatsAppCloud/sending/pacing';

interface Timer {
	at: number;
	seq: number;
	resolve: () => void;
}

/**
 * A discrete-event clock: `sleep` registers a wake-up, and `run` lets every pending promise
 * settle, then jumps time to the earliest wake-up, until the awaited promise settles.
 * Time only moves when everything else is waiting, like a real, infinitely fast machine.
 */
export class FakeClock implements Clock {
	time = 0;

	private seq = 0;

	private timers: Timer[] = [];

	/** Every sleep requested, in ms (to check what the code under test waited for). */
	readonly sleeps: number[] = [];

	/**
	 * @param lateness extra ms each sleep oversleeps by, like timers on a busy machine
	 */
	constructor(private readonly lateness: () => number = () => 0) {}

	now = (): number => this.time;

	sleep = async (ms: number): Promise<void> => {
		this.sleeps.push(ms);
		await new Promise<void>((resolve) => {
			this.timers.push({ at: this.time + Math.max(0, ms) + this.lateness(), seq: this.seq++, resolve });
		});
	};

	async run<T>(promise: Promise<T>): Promise<T> {
		let settled = false;
		promise.then(
			() => (settled = true),
			() => (settled = true),
		);
		for (;;) {
			await new Promise<void>((resolve) => setImmediate(resolve));
			if (settled) return await promise;
			if (this.timers.length === 0) throw new Error('FakeClock: nothing left to wait for, but the promise is still pending');
			this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
			const next = this.timers.shift() as Timer;
			this.time = Math.max(this.time, next.at);
			next.resolve();
		}
	}
}

/** An attempt function failing with `failures` in turn, then answering 'ok'; records when each attempt ran. */
export function scripted(clock: FakeClock, failures: Array<Error | undefined>) {
	const times: number[] = [];
	const attempt = async () => {
		times.push(clock.now());
		const failure = failures[times.length - 1];
		if (failure) throw failure;
		return 'ok';
	};
	return { attempt, times };
}
