import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import {
	BACKOFF,
	PAIR_BACKOFF,
	SendingSession,
	backoffDelay,
	classifyFailure,
	parseRetryAfter,
	retryDelay,
} from '../../../../nodes/WhatsAppCloud/sending/retry';
import { errorItemJson, graphError } from '../../../../nodes/shared/transport/metaErrors';
import { ACTION_NODE } from '../../../fixtures/node';
import { FakeClock, scripted } from './fakeClock';

const node: INode = { ...ACTION_NODE, id: 'n' };

/** A Graph error exactly as the transport throws it (Retry-After kept in the context). */
function metaError(httpStatus: number, code: number | undefined, retryAfter?: string): NodeApiError {
	const body = code === undefined ? {} : { error: { message: `error ${code}`, code, fbtrace_id: 'AbC' } };
	const error = graphError(node, httpStatus, body, 0);
	if (retryAfter !== undefined) error.context.retryAfter = retryAfter;
	return error;
}

/** A network failure as the transport marks it. */
function networkFailure(code: string): NodeApiError {
	const error = new NodeApiError(node, { message: code, code }, { message: `Could not reach (${code})` });
	error.context.networkError = code;
	return error;
}

const opts = { retryTimedOut: false, nowMs: 0 };

describe('classifyFailure: which failures are retried', () => {
	it.each([
		[429, 130429, 'throughput'],
		[400, 131056, 'pairRateLimit'],
		[429, 80007, 'rateLimit'],
		[400, 4, 'rateLimit'],
		[500, 1, 'temporary'],
		[503, 2, 'temporary'],
		[500, 131000, 'temporary'],
	])('HTTP %i with Meta code %i is retried as %s', (status, code, kind) => {
		expect(classifyFailure(metaError(status, code), opts)).toMatchObject({ retry: true, kind });
	});

	it.each([500, 502, 503, 504])('HTTP %i without a Meta code is retried', (status) => {
		expect(classifyFailure(metaError(status, undefined), opts)).toMatchObject({ retry: true, kind: 'server' });
	});

	it.each([
		[400, 131047],
		[400, 131026],
		[400, 132000],
		[400, 132001],
		[400, 132012],
		[400, 132999],
		[400, 133010],
		// Never retried even when Meta answers with a 5xx.
		[500, 131047],
		[502, 131047],
		[503, 131047],
		[504, 131047],
		[500, 131026],
		[500, 133010],
		[503, 132015],
		// Other 4xx: the request must change.
		[400, 100],
		[401, 190],
		[403, 10],
		[400, 131009],
	])('HTTP %i with Meta code %i is not retried', (status, code) => {
		expect(classifyFailure(metaError(status, code), opts)).toMatchObject({ retry: false, kind: 'permanent' });
	});

	it('retries a request that never reached Meta', () => {
		for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']) {
			expect(classifyFailure(networkFailure(code), opts)).toMatchObject({ retry: true, kind: 'notSent' });
		}
	});

	it('does not retry a request that may have been delivered unless the user opts in', () => {
		for (const code of ['ETIMEDOUT', 'ECONNABORTED', 'ECONNRESET', 'EPIPE', 'NETWORK_ERROR']) {
			const off = classifyFailure(networkFailure(code), opts);
			expect(off).toMatchObject({ retry: false, kind: 'maybeSent' });
			expect(off.reason).toContain('Retry Timed-Out Requests');
			expect(classifyFailure(networkFailure(code), { ...opts, retryTimedOut: true })).toMatchObject({
				retry: true,
				kind: 'maybeSent',
			});
		}
	});

	it('reads Retry-After from the error', () => {
		expect(classifyFailure(metaError(429, 130429, '7'), opts).retryAfterMs).toBe(7000);
		expect(classifyFailure(metaError(429, 130429), opts).retryAfterMs).toBeUndefined();
	});
});

describe('parseRetryAfter', () => {
	it('reads seconds, fractions and HTTP dates', () => {
		expect(parseRetryAfter('3', 0)).toBe(3000);
		expect(parseRetryAfter(' 1.5 ', 0)).toBe(1500);
		expect(parseRetryAfter(['2', '9'], 0)).toBe(2000);
		const now = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');
		expect(parseRetryAfter('Wed, 21 Oct 2026 07:28:30 GMT', now)).toBe(30_000);
		expect(parseRetryAfter('Wed, 21 Oct 2026 07:27:00 GMT', now)).toBe(0);
	});

	it('ignores what it cannot read', () => {
		for (const value of [undefined, '', 'soon', '-3', {}]) expect(parseRetryAfter(value, 0)).toBeUndefined();
	});
});

describe('backoff', () => {
	it('grows exponentially with jitter between half and the whole step, up to the cap', () => {
		for (let retry = 1; retry <= 10; retry++) {
			const ceiling = Math.min(BACKOFF.maxMs, BACKOFF.baseMs * 2 ** (retry - 1));
			expect(backoffDelay(retry, BACKOFF, () => 0)).toBe(ceiling / 2);
			expect(backoffDelay(retry, BACKOFF, () => 0.999999)).toBeCloseTo(ceiling, -1);
		}
		expect(backoffDelay(3, BACKOFF, () => 0.5)).toBe(3000);
		expect(backoffDelay(20, BACKOFF, () => 1)).toBe(BACKOFF.maxMs);
	});

	it('spreads retries of items that failed together', () => {
		let seed = 1;
		const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
		const delays = Array.from({ length: 100 }, () => backoffDelay(2, BACKOFF, random));
		expect(new Set(delays).size).toBeGreaterThan(50);
	});

	it('waits what Retry-After asks for, plus jitter of at most a quarter (≤ 1 s), on every retry', () => {
		const decision = classifyFailure(metaError(429, 130429, '2'), opts);
		for (const retry of [1, 2, 5]) {
			expect(retryDelay(decision, retry, () => 0)).toBe(2000);
			expect(retryDelay(decision, retry, () => 0.5)).toBe(2250);
			expect(retryDelay(decision, retry, () => 1)).toBe(2500);
		}
		const long = classifyFailure(metaError(429, 80007, '60'), opts);
		expect(retryDelay(long, 1, () => 1)).toBe(61_000);
		// Retry-After: 0 gives no information: the exponential backoff applies.
		const zero = classifyFailure(metaError(429, 130429, '0'), opts);
		expect(retryDelay(zero, 3, () => 1)).toBe(4000);
	});

	it('waits about 6 s and more for the pair rate limit', () => {
		const decision = classifyFailure(metaError(400, 131056), opts);
		expect(retryDelay(decision, 1, () => 0)).toBe(PAIR_BACKOFF.baseMs / 2);
		expect(retryDelay(decision, 2, () => 1)).toBe(PAIR_BACKOFF.baseMs * 2);
	});
});

describe('SendingSession', () => {
	const settings = { ratePerSecond: 1000, maxInFlight: 10, maxRetries: 3, retryTimedOut: false };


	it('retries 130429 after the Retry-After and then succeeds', async () => {
		const clock = new FakeClock();
		const session = new SendingSession(settings, clock, () => 0);
		const { attempt, times } = scripted(clock, [metaError(429, 130429, '3'), metaError(429, 130429, '3')]);
		await expect(clock.run(session.send(attempt))).resolves.toBe('ok');
		expect(times).toHaveLength(3);
		expect(times[1] - times[0]).toBeGreaterThanOrEqual(3000);
		expect(times[2] - times[1]).toBeGreaterThanOrEqual(3000);
		expect(session.stats).toMatchObject({ attempts: 3, retries: 2, retriesByKind: { throughput: 2 } });
	});

	it('sends a non-retryable error on after one attempt, untouched', async () => {
		for (const code of [131047, 131026, 132001, 133010, 100]) {
			const clock = new FakeClock();
			const session = new SendingSession(settings, clock);
			const failure = metaError(400, code);
			const { attempt, times } = scripted(clock, [failure]);
			await expect(clock.run(session.send(attempt))).rejects.toBe(failure);
			expect(times).toHaveLength(1);
			expect(clock.sleeps).toEqual([]);
			expect(errorItemJson(failure)).toMatchObject({ code, fbtraceId: 'AbC' });
			expect(errorItemJson(failure).attempts).toBeUndefined();
		}
	});

	it.each([500, 503])('sends a 131047 that came with HTTP %i once: the 24-hour window does not reopen by retrying', async (status) => {
		const clock = new FakeClock();
		const session = new SendingSession(settings, clock);
		const failure = metaError(status, 131047, '1');
		const { attempt, times } = scripted(clock, [failure]);
		await expect(clock.run(session.send(attempt))).rejects.toBe(failure);
		expect(times).toHaveLength(1);
		expect(clock.sleeps).toEqual([]);
		expect(session.stats).toMatchObject({ attempts: 1, retries: 0 });
		expect(errorItemJson(failure)).toMatchObject({ code: 131047, httpStatus: status });
	});

	it('gives up after Max Retries and says so in the error', async () => {
		const clock = new FakeClock();
		const session = new SendingSession({ ...settings, maxRetries: 2 }, clock, () => 0.5);
		const failures = Array.from({ length: 10 }, () => metaError(500, 131000));
		const { attempt, times } = scripted(clock, failures);
		const error = (await clock.run(session.send(attempt)).catch((e: unknown) => e)) as NodeApiError;
		expect(error).toBe(failures[2]);
		expect(times).toHaveLength(3);
		expect(error.description).toContain('Gave up after 3 attempts');
		expect(errorItemJson(error)).toMatchObject({ code: 131000, attempts: 3 });
		// Jittered exponential backoff: 750 ms, then 1500 ms (random = 0.5).
		expect(times[1] - times[0]).toBe(750);
		expect(times[2] - times[1]).toBe(1500);
	});

	it('with Max Retries 0 sends once', async () => {
		const clock = new FakeClock();
		const session = new SendingSession({ ...settings, maxRetries: 0 }, clock);
		const { attempt, times } = scripted(clock, [metaError(429, 130429, '1')]);
		await expect(clock.run(session.send(attempt))).rejects.toBeInstanceOf(NodeApiError);
		expect(times).toHaveLength(1);
	});

	it('does not resend a request that timed out after it was sent, unless opted in', async () => {
		const clock = new FakeClock();
		const off = new SendingSession(settings, clock);
		const first = scripted(clock, [networkFailure('ECONNABORTED')]);
		const error = (await clock.run(off.send(first.attempt)).catch((e: unknown) => e)) as NodeApiError;
		expect(first.times).toHaveLength(1);
		expect(error.description).toContain('Retry Timed-Out Requests');

		const on = new SendingSession({ ...settings, retryTimedOut: true }, clock);
		const second = scripted(clock, [networkFailure('ECONNABORTED')]);
		await expect(clock.run(on.send(second.attempt))).resolves.toBe('ok');
		expect(second.times).toHaveLength(2);
	});

	it('resends a request that never reached Meta', async () => {
		const clock = new FakeClock();
		const session = new SendingSession(settings, clock);
		const { attempt, times } = scripted(clock, [networkFailure('ECONNREFUSED'), networkFailure('ECONNREFUSED')]);
		await expect(clock.run(session.send(attempt))).resolves.toBe('ok');
		expect(times).toHaveLength(3);
	});

	it('does not wait for a Retry-After longer than 5 minutes', async () => {
		const clock = new FakeClock();
		const session = new SendingSession(settings, clock);
		const { attempt, times } = scripted(clock, [metaError(429, 80007, '3600')]);
		const error = (await clock.run(session.send(attempt)).catch((e: unknown) => e)) as NodeApiError;
		expect(times).toHaveLength(1);
		expect(error.description).toContain('wait 3600 s');
	});

	it('slows down one recipient after 131056 while the others go on', async () => {
		const clock = new FakeClock();
		const session = new SendingSession(settings, clock, () => 0);
		const calls: Array<[string, number]> = [];
		let pairFailures = 1;
		const attemptFor = (recipient: string) => async () => {
			calls.push([recipient, clock.now()]);
			if (recipient === 'A' && pairFailures-- > 0) throw metaError(400, 131056);
			await clock.sleep(10);
			return recipient;
		};
		const sends = [
			session.send(attemptFor('A'), 'A'),
			session.send(attemptFor('B'), 'B'),
			// Another item for A, sent after the limit was hit.
			clock.sleep(5).then(async () => await session.send(attemptFor('A'), 'A')),
			clock.sleep(5).then(async () => await session.send(attemptFor('C'), 'C')),
		];
		await expect(clock.run(Promise.all(sends))).resolves.toEqual(['A', 'B', 'A', 'C']);

		const timesOf = (r: string) => calls.filter(([x]) => x === r).map(([, t]) => t);
		const firstA = timesOf('A')[0];
		expect(timesOf('B')[0]).toBeLessThan(100);
		expect(timesOf('C')[0]).toBeLessThan(100);
		// Both later requests for A (the retry and the other item) waited ≥ 3 s (half of 6 s, random = 0).
		expect(timesOf('A')).toHaveLength(3);
		for (const t of timesOf('A').slice(1)) expect(t - firstA).toBeGreaterThanOrEqual(PAIR_BACKOFF.baseMs / 2);
		expect(session.notBefore('A')).toBeGreaterThanOrEqual(firstA + PAIR_BACKOFF.baseMs / 2);
		expect(session.notBefore('B')).toBe(0);
	});

	it('paces retries too: they count against Messages Per Second', async () => {
		const clock = new FakeClock();
		const session = new SendingSession({ ...settings, ratePerSecond: 10, maxRetries: 5 }, clock, () => 0);
		const { attempt } = scripted(clock, [metaError(500, 2), metaError(500, 2)]);
		await clock.run(Promise.all([session.send(attempt), ...Array.from({ length: 9 }, async () => session.send(async () => 'x'))]));
		expect(session.pacer.started).toBe(12);
	});
});
