/**
 * The retry policy at its edges: status and code boundaries, Retry-After forms, what the user is
 * told when the node gives up, and which items a stopped run still sends.
 */
import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import {
	BACKOFF,
	SendingSession,
	SendingStopped,
	backoffDelay,
	classifyFailure,
	parseRetryAfter,
} from '../../../../nodes/WhatsAppCloud/sending/retry';
import { errorItemJson, graphError } from '../../../../nodes/shared/transport/metaErrors';
import { ACTION_NODE } from '../../../fixtures/node';
import { FakeClock, scripted } from './fakeClock';

const node: INode = { ...ACTION_NODE, id: 'n' };
const opts = { retryTimedOut: false, nowMs: 0 };
const settings = { ratePerSecond: 1000, maxInFlight: 10, maxRetries: 3, retryTimedOut: false };

function metaError(httpStatus: number, code: number | undefined, retryAfter?: unknown): NodeApiError {
	const body = code === undefined ? {} : { error: { message: `error ${code}`, code, fbtrace_id: 'AbC' } };
	const error = graphError(node, httpStatus, body, 0);
	if (retryAfter !== undefined) error.context.retryAfter = retryAfter;
	return error;
}


describe('classifyFailure at the boundaries', () => {
	it.each([
		[500, 131999, 'server'],
		[500, 133000, 'server'],
		[503, 133011, 'server'],
		[429, undefined, 'rateLimit'],
		[500, undefined, 'server'],
		[599, 100, 'server'],
	])('HTTP %i with code %s is retried as %s', (status, code, kind) => {
		expect(classifyFailure(metaError(status, code), opts)).toMatchObject({ retry: true, kind });
	});

	it.each([
		[499, undefined],
		[400, undefined],
		[404, 131999],
		[500, 132000],
		[500, 132999],
	])('HTTP %i with code %s is not retried', (status, code) => {
		expect(classifyFailure(metaError(status, code), opts)).toMatchObject({ retry: false, kind: 'permanent' });
	});

	it('reads the HTTP status from the error when no Meta summary is attached', () => {
		const error = new NodeApiError(node, { message: 'x' }, { message: 'Bad gateway', httpCode: '502' });
		expect(classifyFailure(error, opts)).toMatchObject({ retry: true, kind: 'server', reason: 'HTTP 502: server error' });
		const notFound = new NodeApiError(node, { message: 'x' }, { message: 'Not found', httpCode: '404' });
		expect(classifyFailure(notFound, opts)).toMatchObject({ retry: false, kind: 'permanent' });
		expect(classifyFailure(new Error('plain'), opts)).toMatchObject({ retry: false, kind: 'permanent' });
		expect(classifyFailure(undefined, opts)).toMatchObject({ retry: false, kind: 'permanent' });
	});

	it('gives its reasons in words', () => {
		expect(classifyFailure(metaError(500, 131047), opts).reason).toBe('Meta error 131047 does not go away by sending again');
		expect(classifyFailure(metaError(429, 130429), opts).reason).toBe('Meta error 130429 is temporary');
		expect(classifyFailure(metaError(429, undefined), opts).reason).toBe('HTTP 429: too many requests');
		expect(classifyFailure(metaError(503, undefined), opts).reason).toBe('HTTP 503: server error');
		expect(classifyFailure(metaError(400, 100), opts).reason).toBe('the request itself must be changed');
	});

	it('keeps Retry-After for rate limits, server errors and temporary codes', () => {
		expect(classifyFailure(metaError(429, undefined, '4'), opts).retryAfterMs).toBe(4000);
		expect(classifyFailure(metaError(503, undefined, '5'), opts).retryAfterMs).toBe(5000);
		expect(classifyFailure(metaError(500, 2, '6'), opts).retryAfterMs).toBe(6000);
	});
});

describe('parseRetryAfter forms', () => {
	it('reads a number of seconds given as a number', () => {
		expect(parseRetryAfter(4, 0)).toBe(4000);
		expect(parseRetryAfter(0, 0)).toBe(0);
		expect(parseRetryAfter(-1, 0)).toBeUndefined();
		expect(parseRetryAfter([3], 0)).toBe(3000);
	});

	it('reads only whole or decimal seconds, or an HTTP date that starts with the day', () => {
		const now = Date.parse('2026-10-21T07:28:00Z');
		expect(parseRetryAfter('2026-10-21T07:28:30Z', now)).toBeUndefined();
		expect(parseRetryAfter('Wed, 99 Foo 2026 99:99:99 GMT', now)).toBeUndefined();
		expect(parseRetryAfter('   ', now)).toBeUndefined();
		expect(parseRetryAfter('1.', now)).toBeUndefined();
		expect(parseRetryAfter('.5', now)).toBeUndefined();
		expect(parseRetryAfter('5s', now)).toBeUndefined();
		expect(parseRetryAfter('x5', now)).toBeUndefined();
		expect(parseRetryAfter('0.25', now)).toBe(250);
		expect(parseRetryAfter('Wed, 21 Oct 2026 07:28:10 GMT', now)).toBe(10_000);
		expect(parseRetryAfter(null, now)).toBeUndefined();
		// A date Date.parse reads but without the day's name in front is not an HTTP date.
		expect(parseRetryAfter('21 Oct 2026 07:28:30 GMT', now)).toBeUndefined();
	});
});

describe('backoffDelay', () => {
	it('uses the base step for retry 0 and 1, and doubles from there', () => {
		expect(backoffDelay(0, BACKOFF, () => 1)).toBe(BACKOFF.baseMs);
		expect(backoffDelay(1, BACKOFF, () => 1)).toBe(BACKOFF.baseMs);
		expect(backoffDelay(2, BACKOFF, () => 1)).toBe(2 * BACKOFF.baseMs);
		expect(backoffDelay(2, { baseMs: 1000, maxMs: 1500 }, () => 1)).toBe(1500);
	});
});

describe('SendingSession: what the user is told when it gives up', () => {
	it('says an error that came after retries is not retried, in the error and its item', async () => {
		const clock = new FakeClock();
		const session = new SendingSession(settings, clock, () => 0);
		const final = metaError(500, 131047);
		const { attempt, times } = scripted(clock, [metaError(503, undefined), final]);
		const error = (await clock.run(session.send(attempt)).catch((e: unknown) => e)) as NodeApiError;
		expect(error).toBe(final);
		expect(times).toHaveLength(2);
		expect(error.description).toContain('Not retried after 2 attempts: Meta error 131047 does not go away by sending again.');
		expect(errorItemJson(error)).toMatchObject({ code: 131047, attempts: 2 });
		expect(error.context.attempts).toBe(2);
		expect(session.stats).toMatchObject({ attempts: 2, retries: 1, gaveUp: 1, retriesByKind: { server: 1 } });
	});

	it('says "1 attempt" for a request that may have been delivered', async () => {
		const clock = new FakeClock();
		const session = new SendingSession(settings, clock);
		const timedOut = new NodeApiError(node, { message: 'ETIMEDOUT' }, { message: 'Timed out' });
		timedOut.context.networkError = 'ETIMEDOUT';
		await expect(clock.run(session.send(scripted(clock, [timedOut]).attempt))).rejects.toBe(timedOut);
		expect(timedOut.description).toContain('Not retried after 1 attempt: no answer after the request was sent (ETIMEDOUT)');
		expect(timedOut.context.attempts).toBe(1);
		expect(session.stats.gaveUp).toBe(1);
	});

	it('keeps Meta\'s own description above the note', async () => {
		const clock = new FakeClock();
		const session = new SendingSession({ ...settings, maxRetries: 1 }, clock, () => 0);
		const failures = [metaError(500, 1), metaError(500, 1)];
		failures[1].description = 'From Meta';
		const error = (await clock.run(session.send(scripted(clock, failures).attempt)).catch((e: unknown) => e)) as NodeApiError;
		expect(error.description).toBe('From Meta\nGave up after 2 attempts (Sending → Max Retries).');
		expect(session.stats).toMatchObject({ attempts: 2, retries: 1, gaveUp: 1, retriesByKind: { temporary: 1 } });
	});

	it('adds nothing to an error given up on at the first attempt for a permanent reason', async () => {
		const clock = new FakeClock();
		const session = new SendingSession(settings, clock);
		const failure = metaError(400, 100);
		const before = failure.description;
		await expect(clock.run(session.send(scripted(clock, [failure]).attempt))).rejects.toBe(failure);
		expect(failure.description).toBe(before);
		expect(session.stats.gaveUp).toBe(0);
	});

	it('counts retries by kind across requests', async () => {
		const clock = new FakeClock();
		const session = new SendingSession(settings, clock, () => 0);
		await clock.run(session.send(scripted(clock, [metaError(429, 130429), metaError(500, 2)]).attempt));
		await clock.run(session.send(scripted(clock, [metaError(429, 130429)]).attempt));
		expect(session.stats).toMatchObject({ attempts: 5, retries: 3, gaveUp: 0, retriesByKind: { throughput: 2, temporary: 1 } });
	});

	it('waits for a Retry-After of exactly 5 minutes, not for a longer one', async () => {
		const clock = new FakeClock();
		const session = new SendingSession(settings, clock, () => 0);
		const five = scripted(clock, [metaError(429, 130429, '300')]);
		await expect(clock.run(session.send(five.attempt))).resolves.toBe('ok');
		expect(five.times).toEqual([0, 300_000]);
		const longer = scripted(clock, [metaError(429, 130429, '301')]);
		const error = (await clock.run(session.send(longer.attempt)).catch((e: unknown) => e)) as NodeApiError;
		expect(longer.times).toHaveLength(1);
		expect(error.description).toContain('Not retried: Meta asked to wait 301 s, longer than this node waits.');
	});
});

describe('SendingSession: a stopped run', () => {
	it('still sends the items before the failed one, and none after it', async () => {
		const clock = new FakeClock();
		const session = new SendingSession(settings, clock);
		session.stopAfter(5);
		session.stopAfter(3);
		session.stopAfter(4);
		await expect(clock.run(session.send(async () => 'earlier', undefined, 2))).resolves.toBe('earlier');
		await expect(clock.run(session.send(async () => 'same', undefined, 3))).resolves.toBe('same');
		await expect(clock.run(session.send(async () => 'later', undefined, 4))).rejects.toBeInstanceOf(SendingStopped);
		await expect(clock.run(session.send(async () => 'unknown item'))).rejects.toBeInstanceOf(SendingStopped);
	});

	it('does not retry an item once the run stopped after an earlier one', async () => {
		const clock = new FakeClock();
		const session = new SendingSession(settings, clock, () => 0);
		let calls = 0;
		const attempt = async () => {
			calls++;
			session.stopAfter(0);
			throw metaError(500, 2);
		};
		await expect(clock.run(session.send(attempt, undefined, 1))).rejects.toBeInstanceOf(SendingStopped);
		expect(calls).toBe(1);
	});

	it('refuses everything after stop()', async () => {
		const clock = new FakeClock();
		const session = new SendingSession(settings, clock);
		session.stop();
		expect(new SendingStopped().message).toBe('Not sent: an earlier item failed and stopped the node');
		await expect(clock.run(session.send(async () => 'x', undefined, 0))).rejects.toBeInstanceOf(SendingStopped);
	});
});

describe('SendingSession: the pair rate limit and odd errors', () => {
	it('waits before retrying a 131056 of a request without a recipient', async () => {
		const clock = new FakeClock();
		const session = new SendingSession(settings, clock, () => 0);
		const { attempt, times } = scripted(clock, [metaError(400, 131056)]);
		await expect(clock.run(session.send(attempt))).resolves.toBe('ok');
		expect(times[1] - times[0]).toBe(3000);
	});

	it('slows down a recipient for 131056 only, not for other retried errors', async () => {
		const clock = new FakeClock();
		const session = new SendingSession(settings, clock, () => 0);
		await clock.run(session.send(scripted(clock, [metaError(429, 130429), metaError(503, undefined)]).attempt, 'A'));
		expect(session.notBefore('A')).toBe(0);
	});

	it('waits longer after each 131056 for the same recipient', async () => {
		const clock = new FakeClock();
		const session = new SendingSession(settings, clock, () => 0);
		const { attempt, times } = scripted(clock, [metaError(400, 131056), metaError(400, 131056)]);
		await expect(clock.run(session.send(attempt, 'A'))).resolves.toBe('ok');
		expect([times[1] - times[0], times[2] - times[1]]).toEqual([3000, 6000]);
	});

	it('passes on a failure that is not an object, and notes attempts on one without a context', async () => {
		const clock = new FakeClock();
		const session = new SendingSession({ ...settings, maxRetries: 1 }, clock, () => 0);
		const text = scripted(clock, [metaError(503, undefined), 'boom' as unknown as Error]);
		await expect(clock.run(session.send(text.attempt))).rejects.toBe('boom');
		const bare = Object.assign(new Error('bad gateway'), { httpCode: '502' });
		const plain = scripted(clock, [bare, bare]);
		await expect(clock.run(session.send(plain.attempt))).rejects.toBe(bare);
		expect((bare as Error & { description?: string }).description).toBe('Gave up after 2 attempts (Sending → Max Retries).');
	});

	it('says why a network failure is or is not retried', () => {
		const failure = (code: string) => {
			const error = new NodeApiError(node, { message: code }, { message: code });
			error.context.networkError = code;
			return error;
		};
		expect(classifyFailure(failure('ECONNREFUSED'), opts).reason).toBe('the request never reached Meta (ECONNREFUSED)');
		expect(classifyFailure(failure('ECONNRESET'), { ...opts, retryTimedOut: true }).reason).toBe(
			'no answer after the request was sent (ECONNRESET); retried because "Retry Timed-Out Requests" is on',
		);
	});
});
