import { mediaType, readJsonBody } from '../../../nodes/shared/webhookBody';
import { DedupeWindow } from '../../../nodes/WhatsAppCloudTrigger/dedupe';
import { fanOut } from '../../../nodes/WhatsAppCloudTrigger/fanOut';
import { fingerprint } from '../../../nodes/WhatsAppCloudTrigger/fingerprint';
import { WarnLimiter, withSuppressed } from '../../../nodes/WhatsAppCloudTrigger/warnLimiter';
import { describeEvents } from '../../../nodes/WhatsAppCloudTrigger/webhook';
import { batchedPayload } from '../../fixtures/webhookPayloads';
import { KeyedMemory } from '../../../nodes/WhatsAppCloudTrigger/memory';

describe('WarnLimiter: at most one warning per minute per key', () => {
	it('logs the first, holds back the rest of the minute, then logs with the count held back', () => {
		const limiter = new WarnLimiter(60_000);
		expect(limiter.decide('wf1|signature', 0)).toEqual({ log: true, suppressed: 0 });
		for (let t = 1_000; t < 60_000; t += 1_000) expect(limiter.decide('wf1|signature', t)).toEqual({ log: false });
		// 59 held back; a different key is independent
		expect(limiter.decide('wf2|signature', 30_000)).toEqual({ log: true, suppressed: 0 });
		expect(limiter.decide('wf1|handshake', 30_000)).toEqual({ log: true, suppressed: 0 });
		expect(limiter.decide('wf1|signature', 60_000)).toEqual({ log: true, suppressed: 59 });
		expect(limiter.decide('wf1|signature', 60_001)).toEqual({ log: false });
		expect(limiter.decide('wf1|signature', 500_000)).toEqual({ log: true, suppressed: 1 });
		expect(limiter.decide('wf1|signature', 600_000)).toEqual({ log: true, suppressed: 0 });
	});

	it('keeps a bounded number of keys, dropping the least recently logged', () => {
		const limiter = new WarnLimiter(60_000, new KeyedMemory({ maxEntries: 3 }));
		for (const key of ['a', 'b', 'c', 'd']) limiter.decide(key, 0);
		expect(limiter.size).toBe(3);
		// 'a' was dropped, so it logs again at once
		expect(limiter.decide('a', 1)).toEqual({ log: true, suppressed: 0 });
		expect(limiter.decide('d', 1)).toEqual({ log: false });
	});

	it('says how many were held back', () => {
		expect(withSuppressed('WhatsApp Cloud Trigger: webhook rejected with 401, x', 0)).toBe('WhatsApp Cloud Trigger: webhook rejected with 401, x');
		expect(withSuppressed('WhatsApp Cloud Trigger: webhook rejected with 401, x', 17)).toBe(
			'WhatsApp Cloud Trigger: webhook rejected with 401, x (17 more like it since the last one were not logged; at most one per minute)',
		);
	});
});

describe('request body gate', () => {
	const raw = Buffer.from('{"object":"whatsapp_business_account"}');

	it('reads the media type of a Content-Type header', () => {
		expect(mediaType('application/json; charset=UTF-8')).toBe('application/json');
		expect(mediaType('Application/JSON')).toBe('application/json');
		expect(mediaType(['multipart/form-data; boundary=x'])).toBe('multipart/form-data');
		expect(mediaType('')).toBeNull();
		expect(mediaType(undefined)).toBeNull();
	});

	it('gives the raw bytes of an application/json body', async () => {
		expect(await readJsonBody({ headers: { 'content-type': 'application/json; charset=utf-8' }, rawBody: raw })).toEqual({ ok: true, raw });
		const lazy: { headers: Record<string, string>; rawBody?: Buffer; readRawBody: () => Promise<void> } = {
			headers: { 'content-type': 'application/json' },
			readRawBody: async () => {
				lazy.rawBody = raw;
			},
		};
		expect(await readJsonBody(lazy)).toEqual({ ok: true, raw });
	});

	it('refuses other media types with 415', async () => {
		expect(await readJsonBody({ headers: { 'content-type': 'multipart/form-data; boundary=x' } })).toEqual({
			ok: false,
			status: 415,
			reason: 'the body is multipart/form-data; Meta sends application/json',
		});
		expect(await readJsonBody({ headers: { 'content-type': 'application/jsonx' }, rawBody: raw })).toMatchObject({ ok: false, status: 415 });
		expect(await readJsonBody({ headers: {}, rawBody: raw })).toEqual({
			ok: false,
			status: 415,
			reason: 'the request has no Content-Type; Meta sends application/json',
		});
	});

	it('turns a failing read into 413 (too large) or 400 (unreadable), never an exception', async () => {
		const failing = (error: unknown) => ({ headers: { 'content-type': 'application/json' }, readRawBody: async () => Promise.reject(error) });
		expect(await readJsonBody(failing(Object.assign(new Error('request entity too large'), { type: 'entity.too.large', status: 413 })))).toEqual({
			ok: false,
			status: 413,
			reason: 'the request body is larger than n8n accepts (N8N_PAYLOAD_SIZE_MAX)',
		});
		expect(await readJsonBody(failing(new Error('stream is not readable')))).toEqual({
			ok: false,
			status: 400,
			reason: 'the request body could not be read: stream is not readable',
		});
		expect(await readJsonBody(failing('a string, not an Error'))).toEqual({ ok: false, status: 400, reason: 'the request body could not be read' });
		expect(await readJsonBody({ headers: { 'content-type': 'application/json' }, rawBody: 'text, not bytes' })).toEqual({
			ok: false,
			status: 400,
			reason: 'n8n did not keep the raw request body, so the signature cannot be checked',
		});
	});
});

describe('fingerprint of "other" events', () => {
	it('is stable and tells values apart', () => {
		const value = { groups: [{ group_id: 'g', type: 'group_create', n: 1, ok: true, none: null }] };
		expect(fingerprint(value)).toBe(fingerprint(JSON.parse(JSON.stringify(value))));
		expect(fingerprint(value)).not.toBe(fingerprint({ groups: [{ group_id: 'g', type: 'group_create', n: 2, ok: true, none: null }] }));
		// no ambiguity between a string and the same characters split differently
		expect(fingerprint(['ab', 'c'])).not.toBe(fingerprint(['a', 'bc']));
		expect(fingerprint({ a: '1' })).not.toBe(fingerprint({ a: 1 }));
		expect(fingerprint([])).not.toBe(fingerprint({}));
		expect(fingerprint(value)).toMatch(/^[A-Za-z0-9+/]{43}=$/);
	});

	it('hashes a value nested 200,000 levels deep (JSON.stringify overflows the stack there)', () => {
		const depth = 200_000;
		const deep = JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`);
		expect(() => JSON.stringify(deep)).toThrow(RangeError);
		const deeper = JSON.parse(`${'['.repeat(depth + 1)}${']'.repeat(depth + 1)}`);
		expect(fingerprint(deep)).toBe(fingerprint(JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`)));
		expect(fingerprint(deep)).not.toBe(fingerprint(deeper));
	});
});

describe('dedupe window: forgetting the keys of a delivery that did not run', () => {
	it('forget() makes exactly those keys new again', () => {
		const w = new DedupeWindow(60_000);
		expect(['a', 'b', 'c'].map((k) => w.firstTime(k, 0))).toEqual([true, true, true]);
		w.forget(['a', 'c']);
		expect(['a', 'b', 'c'].map((k) => w.firstTime(k, 1))).toEqual([true, false, true]);
	});
});

describe('dedupe window: one delivery larger than the bound', () => {
	it('keeps every key of the delivery, so its redelivery is caught whole; the next delivery restores the bound', () => {
		const w = new DedupeWindow(60_000, 3);
		expect(w.claim(['a', 'b', 'c', 'd', 'e', 'a'], 0)).toEqual([true, true, true, true, true, false]);
		expect(w.size).toBe(5);
		expect(w.claim(['a', 'b', 'c', 'd', 'e'], 1)).toEqual([false, false, false, false, false]);
		expect(w.claim(['f'], 2)).toEqual([true]);
		expect(w.size).toBe(3);
		expect(w.claim(['c', 'd', 'e', 'f'], 3)).toEqual([true, false, false, false]);
	});
});

describe('event names in the log', () => {
	it('names messages, statuses with their recipient, and other fields; long lists are cut', () => {
		const events = fanOut(batchedPayload('log'));
		expect(describeEvents(events.slice(0, 3))).toBe('message wamid.log.m1, message wamid.log.m2, status wamid.log.out1 sent → 16505551234');
		expect(describeEvents(events, 2)).toBe('message wamid.log.m1, message wamid.log.m2 and 6 more');
	});
});
