import {
	buildReference,
	HitlReferenceError,
	MAX_REFERENCE_LENGTH,
	parseReference,
	splitSignedResumeUrl,
	waitingUrl,
} from '../../../../../nodes/shared/sendAndWait/reference';

import { NODE_ID, REFERENCE, SECRET, SIGNATURE } from './referenceFixture';

const base = REFERENCE;

describe('answer reference', () => {
	it('round-trips every field and stays under a list row ID', () => {
		const value = buildReference(base, SECRET);
		expect(value).toMatch(
			/^wa2\.1234567\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\.\.100000000000001\.Wq3x9_Zk-2A\.2\.[A-Za-z0-9_-]{22}$/,
		);
		expect(value.length).toBe(132);
		expect(parseReference(value, SECRET)).toEqual(base);
	});

	it('keeps a non-UUID node ID, a path prefix and Free Text (no option)', () => {
		const reference = { ...base, nodeId: 'Ask Manager', waitingPath: '/n8n/webhook-waiting', option: null };
		expect(parseReference(buildReference(reference, SECRET), SECRET)).toEqual(reference);
	});

	it('refuses a changed character, another secret, and text that is no reference', () => {
		const value = buildReference(base, SECRET);
		const tampered = value.replace('.2.', '.0.');
		expect(parseReference(tampered, SECRET)).toBeNull();
		expect(parseReference(value, 'other-secret')).toBeNull();
		expect(parseReference(value, undefined)).toBeNull();
		expect(parseReference('approve', SECRET)).toBeNull();
		expect(parseReference(`${value}.x`, SECRET)).toBeNull();
	});

	it('says why it cannot be made', () => {
		expect(() => buildReference(base, '')).toThrow(new HitlReferenceError('the credential has no App Secret'));
		expect(() => buildReference({ ...base, waitingPath: `/${'p'.repeat(80)}` }, SECRET)).toThrow(
			`the reference is 240 characters, more than the ${MAX_REFERENCE_LENGTH} a list row ID allows (the n8n waiting path "/${'p'.repeat(80)}" is too long)`,
		);
		expect(() => buildReference({ ...base, signature: 'x' }, SECRET)).toThrow('the waiting URL has no n8n signature');
	});

	it("takes n8n's signed resume URL apart; a long public host does not lengthen the reference", () => {
		const host = `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.example.com`;
		const url = `https://${host}/webhook-waiting/1234567/${NODE_ID}?signature=${SIGNATURE}`;
		const pieces = splitSignedResumeUrl(url, '1234567', NODE_ID);
		expect(pieces).toEqual({ waitingPath: '/webhook-waiting', signature: SIGNATURE });
		expect(buildReference({ ...base, ...pieces! }, SECRET).length).toBe(132);
		expect(splitSignedResumeUrl(`${url}&approved=true`, '1234567', NODE_ID)).toBeNull();
		expect(splitSignedResumeUrl(url, '999', NODE_ID)).toBeNull();
	});

	it('points back to the waiting URL on the trigger’s own address', () => {
		expect(waitingUrl(base, 'https://n8n.example.com/')).toBe(
			`https://n8n.example.com/webhook-waiting/1234567/${NODE_ID}?signature=${SIGNATURE}`,
		);
	});

	it('never leaves the trigger’s own origin: the waiting path must start with a single "/"', () => {
		for (const waitingPath of ['//evil.example/x', 'evil.example/x', '/\\evil.example', '/x?y=1', '/x#y']) {
			expect(() => buildReference({ ...base, waitingPath }, SECRET)).toThrow(HitlReferenceError);
			expect(waitingUrl({ ...base, waitingPath }, 'https://n8n.example.com')).toBeNull();
		}
		// A reference signed by an older build with such a path is refused too.
		const unsigned = `wa2.1234567.~${Buffer.from('n').toString('base64url')}.${Buffer.from(SIGNATURE, 'hex').toString('base64url')}.${Buffer.from('//evil.example').toString('base64url')}.100000000000001.Wq3x9_Zk-2A.0`;
		const { createHmac } = jest.requireActual<typeof import('crypto')>('crypto');
		const mac = createHmac('sha256', SECRET).update(`n8n-whatsapp-cloud-hitl:${unsigned}`).digest().subarray(0, 16);
		expect(parseReference(`${unsigned}.${mac.toString('base64url')}`, SECRET)).toBeNull();
	});

	it('refuses the wait-less references of earlier versions (wa1)', () => {
		const old = buildReference(base, SECRET).replace(/^wa2\./, 'wa1.');
		expect(parseReference(old, SECRET)).toBeNull();
	});
});
