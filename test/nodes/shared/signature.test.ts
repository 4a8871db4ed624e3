import { createHmac } from 'crypto';

import { safeEqual, verifySignature } from '../../../nodes/shared/webhookSignature';
import { signatureHeader } from '../../../tools/simulator/webhook-client';

describe('webhook signature (X-Hub-Signature-256)', () => {
	it('matches the RFC 4231 HMAC-SHA256 test vector (test case 2)', () => {
		const header = 'sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843';
		expect(verifySignature('Jefe', Buffer.from('what do ya want for nothing?'), header)).toEqual({ valid: true });
		expect(verifySignature('Jefe', 'what do ya want for nothing?', header)).toEqual({ valid: true });
		expect(verifySignature('Jefe', 'what do ya want for nothing!', header)).toEqual({ valid: false, reason: 'mismatch' });
		// Upper-case hex is the same digest.
		expect(verifySignature('Jefe', Buffer.from('what do ya want for nothing?'), header.toUpperCase().replace('SHA256', 'sha256'))).toEqual({
			valid: true,
		});
	});

	it('signs the raw bytes of a body with non-ASCII text, not a re-serialisation of it', () => {
		// Meta escapes non-ASCII as \uXXXX; JSON.parse + JSON.stringify would turn it into UTF-8.
		const raw = Buffer.from('{"text":{"body":"Luc\\u00eda G\\u00f3mez \\ud83d\\udc4d"}}', 'utf8');
		const secret = 'app-secret-ü';
		const header = `sha256=${createHmac('sha256', Buffer.from(secret, 'utf8')).update(raw).digest('hex')}`;
		expect(verifySignature(secret, raw, header)).toEqual({ valid: true });

		const reserialised = Buffer.from(JSON.stringify(JSON.parse(raw.toString('utf8'))), 'utf8');
		expect(verifySignature(secret, reserialised, header)).toEqual({ valid: false, reason: 'mismatch' });
		// Nor does a signature of the re-serialised bytes pass for the raw ones: the check hashes exactly what it is given.
		const reserialisedHeader = `sha256=${createHmac('sha256', Buffer.from(secret, 'utf8')).update(reserialised).digest('hex')}`;
		expect(verifySignature(secret, reserialised, reserialisedHeader)).toEqual({ valid: true });
		expect(verifySignature(secret, raw, reserialisedHeader)).toEqual({ valid: false, reason: 'mismatch' });
		// A body given as a string is signed as its UTF-8 bytes.
		expect(verifySignature(secret, raw.toString('utf8'), header)).toEqual({ valid: true });

		// And a raw UTF-8 body (not escaped) signs the same way byte for byte.
		const utf8Body = Buffer.from('{"text":{"body":"Lucía 👍"}}', 'utf8');
		expect(verifySignature(secret, utf8Body, signatureHeader(secret, utf8Body))).toEqual({ valid: true });
		expect(verifySignature(secret, Buffer.from(utf8Body.toString('latin1'), 'utf8'), signatureHeader(secret, utf8Body)).valid).toBe(false);
	});

	it('never accepts anything with an empty secret, even a body signed with the empty key', () => {
		const body = Buffer.from('{"object":"whatsapp_business_account","entry":[]}');
		const signedWithEmptyKey = `sha256=${createHmac('sha256', '').update(body).digest('hex')}`;
		expect(verifySignature('', body, signedWithEmptyKey)).toEqual({ valid: false, reason: 'no-secret' });
		expect(verifySignature(undefined, body, signedWithEmptyKey)).toEqual({ valid: false, reason: 'no-secret' });
	});

	it('tells missing, malformed and wrong signatures apart', () => {
		const body = Buffer.from('{"a":1}');
		expect(verifySignature('s', body, undefined)).toEqual({ valid: false, reason: 'missing' });
		expect(verifySignature('s', body, '')).toEqual({ valid: false, reason: 'missing' });
		expect(verifySignature('s', body, 'sha1=abc')).toEqual({ valid: false, reason: 'malformed' });
		expect(verifySignature('s', body, signatureHeader('s', body).slice(0, -2))).toEqual({ valid: false, reason: 'malformed' });
		expect(verifySignature('s', body, signatureHeader('other', body))).toEqual({ valid: false, reason: 'mismatch' });
		expect(verifySignature('s', Buffer.from('{"a":2}'), signatureHeader('s', body))).toEqual({ valid: false, reason: 'mismatch' });
		expect(verifySignature('s', body, [signatureHeader('s', body)])).toEqual({ valid: true });
	});

	it('compares secrets of different lengths safely', () => {
		expect(safeEqual('token', 'token')).toBe(true);
		expect(safeEqual('token', 'token2')).toBe(false);
		expect(safeEqual('', 'x')).toBe(false);
	});
});
