import { createHash, createHmac, timingSafeEqual } from 'crypto';

/** The header Meta signs every webhook POST with: `sha256=<hex HMAC of the raw body>`. */
export const SIGNATURE_HEADER = 'x-hub-signature-256';

type SignatureCheck =
	| { valid: true }
	| { valid: false; reason: 'no-secret' | 'missing' | 'malformed' | 'mismatch' };

const HEADER_PATTERN = /^sha256=([0-9a-f]{64})$/i;

/**
 * Checks `X-Hub-Signature-256` against the raw body. The comparison runs in constant time over
 * the decoded digests. An empty secret never validates: an HMAC keyed with "" proves nothing.
 */
export function verifySignature(
	appSecret: string | undefined,
	rawBody: Buffer | string,
	header: string | string[] | undefined,
): SignatureCheck {
	if (!appSecret) return { valid: false, reason: 'no-secret' };
	const value = Array.isArray(header) ? header[0] : header;
	if (value === undefined || value === '') return { valid: false, reason: 'missing' };
	const match = HEADER_PATTERN.exec(value.trim());
	if (!match) return { valid: false, reason: 'malformed' };
	const given = Buffer.from(match[1].toLowerCase(), 'hex');
	const expected = createHmac('sha256', appSecret).update(rawBody).digest();
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
		return { valid: false, reason: 'mismatch' };
	}
	return { valid: true };
}

/**
 * Compares two secrets without leaking where they differ or how long they are: both sides are
 * hashed first so the buffers always have the same length.
 */
export function safeEqual(a: string, b: string): boolean {
	const ha = createHash('sha256').update(a, 'utf8').digest();
	const hb = createHash('sha256').update(b, 'utf8').digest();
	return timingSafeEqual(ha, hb);
}

/** Words for a 401 answer and the log: what was wrong with the signature. */
export function signatureProblem(reason: Exclude<SignatureCheck, { valid: true }>['reason']): string {
	switch (reason) {
		case 'no-secret':
			return 'the credential has no App Secret, so the signature cannot be checked';
		case 'missing':
			return 'the X-Hub-Signature-256 header is missing';
		case 'malformed':
			return 'the X-Hub-Signature-256 header is not of the form sha256=<64 hex digits>';
		case 'mismatch':
			return 'the X-Hub-Signature-256 does not match the body signed with the App Secret';
	}
}
