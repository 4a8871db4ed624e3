import { Pacer, defaultBurst, runOrdered } from '../../../../nodes/WhatsAppCloud/sending/pacing';
import { FakeClock } from './fakeClock';

/** Most starts inside any window of `windowMs` (windows beginning at a start). */
function maxStartsInWindow(starts: number[], windowMs: number): number {
	const sorted = [...starts].sort((a, b) => a - b);
	let best = 0;
	let j = 0;
	for (let i = 0; i < sorted.length; i++) {
		while (sorted[i] - sorted[j] >= windowMs) j++;
		best = Math.max(best, i - j + 1);
	}
	return best;
}

/** Runs `count` paced tasks of `durationMs` each and records when each started and ended. */
async function pacedRun(
	clock: FakeClock,
	count: number,
	options: { ratePerSecond: number; maxInFlight: number; durationMs: (i: number) => number },
) {
	const pacer = new Pacer({ ratePerSecond: options.ratePerSecond, maxInFlight: options.maxInFlight }, clock);
	const starts: number[] = new Array(count);
	const ends: number[] = new Array(count);
	let running = 0;
	let peak = 0;
	const results = await clock.run(
		runOrdered(
			count,
			async (i) =>
				await pacer.run(async () => {
					starts[i] = clock.now();
					running++;
					peak = Math.max(peak, running);
					await clock.sleep(options.durationMs(i));
					running--;
					ends[i] = clock.now();
					return `result ${i}`;
				}),
			{ concurrency: count },
		),
	);
	return { pacer, starts, ends, peak, results };
}

describe('Pacer: messages per second', () => {
	it.each([
		[80, 400],
		[1000, 3000],
		[7, 50],
	])('starts at most %i per second over any window and keeps that pace (%i tasks)', async (rate, count) => {
		const clock = new FakeClock();
		const { starts } = await pacedRun(clock, count, { ratePerSecond: rate, maxInFlight: 10_000, durationMs: () => 0 });

		const burst = defaultBurst(rate);
		for (const windowMs of [50, 250, 1000]) {
			expect(maxStartsInWindow(starts, windowMs)).toBeLessThanOrEqual(Math.ceil((rate * windowMs) / 1000) + burst);
		}
		expect(maxStartsInWindow(starts, 1000)).toBeLessThanOrEqual(rate);
		// Sustained: the whole run takes (count - 1) / rate seconds, within one interval.
		const last = Math.max(...starts);
		const ideal = ((count - 1) * 1000) / rate;
		expect(last).toBeGreaterThanOrEqual(ideal - 1000 / rate);
		expect(last).toBeLessThanOrEqual(ideal + 1000 / rate + 1);
	});

	it('does not burst after an idle moment by more than the bucket size', async () => {
		const clock = new FakeClock();
		const pacer = new Pacer({ ratePerSecond: 100, maxInFlight: 1000 }, clock);
		await clock.run(Promise.all([pacer.run(async () => 0)]));
		await clock.run(clock.sleep(10_000)); // idle for 10 s
		const starts: number[] = [];
		await clock.run(
			Promise.all(
				Array.from({ length: 50 }, async () => await pacer.run(async () => starts.push(clock.now()))),
			),
		);
		const atOnce = starts.filter((t) => t === starts[0]).length;
		expect(atOnce).toBe(pacer.burst);
		expect(pacer.burst).toBe(25);
	});

	it.each([
		[80, 30],
		[80, 120],
		[1000, 30],
	])('at %i/s with timers up to %i ms late, catches up to the rate but never exceeds it in any second', async (rate, maxLate) => {
		let seed = 7;
		const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
		const clock = new FakeClock(() => Math.floor(random() * maxLate));
		const count = rate * 5;
		const { starts } = await pacedRun(clock, count, { ratePerSecond: rate, maxInFlight: 10_000, durationMs: () => 0 });
		expect(maxStartsInWindow(starts, 1000)).toBeLessThanOrEqual(rate);
		const achieved = (count - 1) / (Math.max(...starts) / 1000);
		// Catching up is limited to time past the opening of the one-second window (see the
		// next test): with timers up to 120 ms late that costs a few per cent.
		expect(achieved).toBeGreaterThanOrEqual(rate * (maxLate > 100 ? 0.9 : 0.95));
	});

	it('does not fall into a cycle of bursts after an idle start (even spacing, as seen in real n8n)', async () => {
		const clock = new FakeClock();
		const rate = 50;
		const pacer = new Pacer({ ratePerSecond: rate, maxInFlight: 10_000 }, clock);
		await clock.run(clock.sleep(2_000)); // the node prepares items before the first send
		const starts: number[] = [];
		await clock.run(
			runOrdered(300, async () => await pacer.run(async () => starts.push(clock.now())), { concurrency: 300 }),
		);
		// Evenly spaced: no quarter second holds much more than a quarter of the rate.
		expect(maxStartsInWindow(starts, 250)).toBeLessThanOrEqual(Math.ceil(rate / 4) + 1);
		expect(maxStartsInWindow(starts, 1000)).toBeLessThanOrEqual(rate);
	});

	it('rejects nonsense settings', () => {
		const clock = new FakeClock();
		expect(() => new Pacer({ ratePerSecond: 0, maxInFlight: 1 }, clock)).toThrow(RangeError);
		expect(() => new Pacer({ ratePerSecond: 1, maxInFlight: 0 }, clock)).toThrow(RangeError);
	});
});

describe('Pacer: requests in flight', () => {
	it('never has more than maxInFlight running, and then runs at maxInFlight / duration', async () => {
		const clock = new FakeClock();
		const { peak, pacer, starts } = await pacedRun(clock, 200, {
			ratePerSecond: 1000,
			maxInFlight: 5,
			durationMs: () => 100,
		});
		expect(peak).toBe(5);
		expect(pacer.peakInFlight).toBe(5);
		// 5 in flight × 10 per second each = 50 per second: 200 tasks start over ~3.9 s.
		expect(Math.max(...starts)).toBeGreaterThanOrEqual(3900);
		expect(Math.max(...starts)).toBeLessThanOrEqual(4000);
	});

	it('is limited by the rate, not the cap, when the cap is large enough', async () => {
		const clock = new FakeClock();
		const { peak, starts } = await pacedRun(clock, 400, { ratePerSecond: 80, maxInFlight: 100, durationMs: () => 100 });
		// 80/s × 0.1 s = 8 requests in flight (+ the bucket's burst at most).
		expect(peak).toBeLessThanOrEqual(8 + defaultBurst(80));
		expect(peak).toBeGreaterThanOrEqual(8);
		expect(Math.max(...starts)).toBeGreaterThanOrEqual((399 * 1000) / 80 - 1000 / 80);
	});

	it('throws when release() is called without acquire()', () => {
		const pacer = new Pacer({ ratePerSecond: 10, maxInFlight: 1 }, new FakeClock());
		expect(() => pacer.release()).toThrow(/more often/);
	});

	it('releases the permit when a task fails', async () => {
		const clock = new FakeClock();
		const pacer = new Pacer({ ratePerSecond: 1000, maxInFlight: 1 }, clock);
		await expect(clock.run(pacer.run(async () => Promise.reject(new Error('boom'))))).rejects.toThrow('boom');
		expect(pacer.inFlight).toBe(0);
		await expect(clock.run(pacer.run(async () => 'next'))).resolves.toBe('next');
	});
});

describe('runOrdered: order', () => {
	it('returns results at their input index although they finish in another order', async () => {
		const clock = new FakeClock();
		// Durations that make later items finish first.
		const { results, starts, ends } = await pacedRun(clock, 60, {
			ratePerSecond: 1000,
			maxInFlight: 30,
			durationMs: (i) => 500 - i * 7,
		});
		expect(results.map((r) => (r?.ok ? r.value : 'failed'))).toEqual(Array.from({ length: 60 }, (_, i) => `result ${i}`));
		// They did finish out of order…
		const finishOrder = ends.map((t, i) => [t, i]).sort((a, b) => a[0] - b[0]).map(([, i]) => i);
		expect(finishOrder).not.toEqual([...finishOrder].sort((a, b) => a - b));
		// …and started in input order.
		for (let i = 1; i < starts.length; i++) expect(starts[i]).toBeGreaterThanOrEqual(starts[i - 1]);
	});

	it('keeps failures at their index and never runs more than `concurrency` tasks', async () => {
		const clock = new FakeClock();
		let running = 0;
		let peak = 0;
		const results = await clock.run(
			runOrdered(
				20,
				async (i) => {
					running++;
					peak = Math.max(peak, running);
					await clock.sleep(10 + ((i * 37) % 11));
					running--;
					if (i % 4 === 1) throw new Error(`item ${i} failed`);
					return i * 10;
				},
				{ concurrency: 3 },
			),
		);
		expect(peak).toBe(3);
		results.forEach((result, i) => {
			if (i % 4 === 1) expect(result).toEqual({ ok: false, error: new Error(`item ${i} failed`) });
			else expect(result).toEqual({ ok: true, value: i * 10 });
		});
	});

	it('stops starting new tasks after a failure when asked, and lets running ones finish', async () => {
		const clock = new FakeClock();
		const started: number[] = [];
		const results = await clock.run(
			runOrdered(
				50,
				async (i) => {
					started.push(i);
					await clock.sleep(i === 4 ? 5 : 20);
					if (i === 4) throw new Error('stop here');
					return i;
				},
				{ concurrency: 5, stopOnFailure: () => true },
			),
		);
		expect(started).toEqual([0, 1, 2, 3, 4]);
		expect(results.slice(0, 4).every((r) => r?.ok)).toBe(true);
		expect(results[4]).toEqual({ ok: false, error: new Error('stop here') });
		expect(results.slice(5).every((r) => r === undefined)).toBe(true);
	});
});

describe('Pacer: cancellation', () => {
	it('refuses waiting and later requests when its sleep is aborted (execution cancelled)', async () => {
		const cancelled = new Error('The execution was cancelled');
		let calls = 0;
		const clock = {
			now: () => 0,
			sleep: async () => {
				calls++;
				throw cancelled;
			},
		};
		const pacer = new Pacer({ ratePerSecond: 1, maxInFlight: 10 }, clock);
		await expect(pacer.run(async () => 'first')).resolves.toBe('first'); // the initial token
		await expect(pacer.run(async () => 'second')).rejects.toBe(cancelled);
		await expect(pacer.run(async () => 'third')).rejects.toBe(cancelled);
		expect(pacer.stopped).toBe(true);
		expect(calls).toBe(1);
	});
});
