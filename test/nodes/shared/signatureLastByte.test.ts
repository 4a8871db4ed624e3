/**
 * A forged X-Hub-Signature-256 that is right everywhere but one byte must be refused, wherever
 * that byte is: a comparison that skips a byte (the last one, say) would let an attacker who can
 * guess or brute-force 8 bits sign any body. Checked on the helper and through the trigger's
 * webhook() in n8n-core's WebhookContext.
 */
import { createHmac } from 'crypto';

import { verifySignature } from '../../../nodes/shared/webhookSignature';
import { batchedPayload } from '../../fixtures/webhookPayloads';
import { HarnessTrigger, signedJson, takeLogs } from '../../harness/triggerWebhook';

const SECRET = 'app-secret-for-byte-checks';
const BODY = Buffer.from('{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[]}]}');
const DIGEST = createHmac('sha256', SECRET).update(BODY).digest('hex');

/** The digest with the hex digit at `position` replaced by another one. */
function changeDigit(hex: string, position: number): string {
	const digit = hex[position];
	const other = digit === '0' ? '1' : '0';
	return hex.slice(0, position) + other + hex.slice(position + 1);
}

describe('X-Hub-Signature-256: every byte of the digest counts', () => {
	it('accepts the true digest (the checks below start from a valid signature)', () => {
		expect(verifySignature(SECRET, BODY, `sha256=${DIGEST}`)).toEqual({ valid: true });
	});

	it('refuses a signature that differs only in its last hex digit', () => {
		const forged = changeDigit(DIGEST, 63);
		expect(forged).not.toBe(DIGEST);
		expect(forged.slice(0, 63)).toBe(DIGEST.slice(0, 63));
		expect(verifySignature(SECRET, BODY, `sha256=${forged}`)).toEqual({ valid: false, reason: 'mismatch' });
	});

	it('refuses a signature that differs only in its last byte (two hex digits)', () => {
		const lastByte = (parseInt(DIGEST.slice(62), 16) ^ 0xff).toString(16).padStart(2, '0');
		expect(verifySignature(SECRET, BODY, `sha256=${DIGEST.slice(0, 62)}${lastByte}`)).toEqual({
			valid: false,
			reason: 'mismatch',
		});
	});

	it('refuses a signature that differs in any single one of its 64 hex digits', () => {
		const accepted = Array.from({ length: 64 }, (_, position) => position).filter(
			(position) => verifySignature(SECRET, BODY, `sha256=${changeDigit(DIGEST, position)}`).valid,
		);
		expect(accepted).toEqual([]);
	});

	it('refuses the digest of the body with its last byte changed', () => {
		const tampered = Buffer.from(BODY);
		tampered[tampered.length - 1] ^= 0x01;
		expect(verifySignature(SECRET, tampered, `sha256=${DIGEST}`)).toEqual({ valid: false, reason: 'mismatch' });
	});

	it('refuses a digest that is one byte short or one byte long', () => {
		expect(verifySignature(SECRET, BODY, `sha256=${DIGEST.slice(0, 62)}`)).toEqual({ valid: false, reason: 'malformed' });
		expect(verifySignature(SECRET, BODY, `sha256=${DIGEST}00`)).toEqual({ valid: false, reason: 'malformed' });
	});
});

describe('the trigger refuses a signature forged in its last hex digit', () => {
	beforeEach(() => takeLogs());

	it('answers 401 and starts no execution; the true signature of the same body is accepted', async () => {
		const trigger = new HarnessTrigger();
		const spec = signedJson(batchedPayload('last-byte'));
		const header = spec.headers?.['x-hub-signature-256'] as string;
		const hex = header.slice('sha256='.length);
		const forged = { ...spec, headers: { ...spec.headers, 'x-hub-signature-256': `sha256=${changeDigit(hex, 63)}` } };

		const refused = await trigger.deliver(forged);
		expect(refused.status).toBe(401);
		expect(refused.executionStarted).toBe(false);

		const accepted = await trigger.deliver(spec);
		expect(accepted.status).toBe(200);
		expect(accepted.executionStarted).toBe(true);
	});
});
