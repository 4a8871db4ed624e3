/**
 * What a refused signature is called (the words go into the 401 answer and the log), and how the
 * header is read: surrounding spaces, repeated headers, string bodies.
 */
import { createHmac } from 'crypto';

import { signatureProblem, verifySignature } from '../../../nodes/shared/webhookSignature';

const SECRET = 'reasons-secret';
const BODY = Buffer.from('{"object":"whatsapp_business_account"}');
const VALID = `sha256=${createHmac('sha256', SECRET).update(BODY).digest('hex')}`;

describe('signatureProblem: each refusal in words', () => {
	it.each([
		['no-secret', 'the credential has no App Secret, so the signature cannot be checked'],
		['missing', 'the X-Hub-Signature-256 header is missing'],
		['malformed', 'the X-Hub-Signature-256 header is not of the form sha256=<64 hex digits>'],
		['mismatch', 'the X-Hub-Signature-256 does not match the body signed with the App Secret'],
	] as const)('%s', (reason, words) => {
		expect(signatureProblem(reason)).toBe(words);
	});
});

describe('reading X-Hub-Signature-256', () => {
	it('accepts the valid signature with spaces around it', () => {
		expect(verifySignature(SECRET, BODY, `  ${VALID}\t`)).toEqual({ valid: true });
	});

	it('reads the first of repeated headers only', () => {
		expect(verifySignature(SECRET, BODY, [VALID, 'sha256=00'])).toEqual({ valid: true });
		expect(verifySignature(SECRET, BODY, ['sha256=00', VALID])).toEqual({ valid: false, reason: 'malformed' });
		expect(verifySignature(SECRET, BODY, [])).toEqual({ valid: false, reason: 'missing' });
	});

	it('calls anything but sha256=<64 hex digits> malformed', () => {
		const hex = VALID.slice('sha256='.length);
		for (const header of [`sha1=${hex}`, hex, `sha256:${hex}`, `sha256=${hex.slice(0, 63)}g`, `xsha256=${hex}`, `sha256=${hex} x`, ' ']) {
			expect(verifySignature(SECRET, BODY, header)).toEqual({ valid: false, reason: 'malformed' });
		}
	});

	it('checks the secret before the header: no secret, no verdict on the header', () => {
		expect(verifySignature('', BODY, undefined)).toEqual({ valid: false, reason: 'no-secret' });
		expect(verifySignature(undefined, BODY, 'junk')).toEqual({ valid: false, reason: 'no-secret' });
	});

	it('signs a string body as its UTF-8 bytes', () => {
		const text = '{"text":"ñandú 👍"}';
		const header = `sha256=${createHmac('sha256', SECRET).update(Buffer.from(text, 'utf8')).digest('hex')}`;
		expect(verifySignature(SECRET, text, header)).toEqual({ valid: true });
		expect(verifySignature(SECRET, Buffer.from(text, 'latin1'), header)).toEqual({ valid: false, reason: 'mismatch' });
	});
});
