/**
 * Every rule of the answer reference, one input at a time: what buildReference refuses to make and
 * what parseReference refuses to read even when the MAC is right (a reference signed by an older
 * build, or by someone holding the App Secret), so a changed check cannot pass unnoticed.
 */
import { createHmac } from 'crypto';

import {
	buildReference,
	HitlReferenceError,
	MAX_REFERENCE_LENGTH,
	parseReference,
	splitSignedResumeUrl,
	waitingUrl,
	type AnswerReference,
} from '../../../../../nodes/shared/sendAndWait/reference';

import { NODE_ID, REFERENCE, SECRET, SIGNATURE } from './referenceFixture';

const base = REFERENCE;

const b64 = (text: string, encoding: BufferEncoding = 'utf8') => Buffer.from(text, encoding).toString('base64url');
/** The parts of a reference in the order it holds them, before the MAC. */
const PARTS = ['wa2', '1234567', b64(NODE_ID.replace(/-/g, ''), 'hex'), b64(SIGNATURE, 'hex'), '', '100000000000001', 'Wq3x9_Zk-2A', '2'];
/** A reference whose parts are `PARTS` with `changes`, signed with SECRET as the node signs. */
function signed(changes: Record<number, string> = {}): string {
	const unsigned = PARTS.map((part, i) => changes[i] ?? part).join('.');
	return `${unsigned}.${createHmac('sha256', SECRET).update(`n8n-whatsapp-cloud-hitl:${unsigned}`).digest().subarray(0, 16).toString('base64url')}`;
}

describe('buildReference refuses what cannot be carried', () => {
	it.each([
		['an execution ID with a character a reference cannot hold', { executionId: 'a/b' }, 'the execution ID "a/b" cannot be put into a reference'],
		['an execution ID ending with one', { executionId: '123 ' }, 'the execution ID "123 " cannot be put into a reference'],
		['a signature with a prefix', { signature: `x${SIGNATURE}` }, 'the waiting URL has no n8n signature'],
		['a signature with a suffix', { signature: `${SIGNATURE}x` }, 'the waiting URL has no n8n signature'],
		['a phone number ID with a letter first', { phoneNumberId: 'x1' }, 'the phone number ID must be digits'],
		['a phone number ID with a letter last', { phoneNumberId: '1x' }, 'the phone number ID must be digits'],
		['a wait ID too short', { wait: 'abc' }, 'the wait ID is not URL-safe base64'],
		['a waiting path without "/"', { waitingPath: 'webhook-waiting' }, 'the n8n waiting path "webhook-waiting" does not start with a single "/"'],
		['option 100', { option: 100 }, 'option 100 is out of range'],
		['option 123', { option: 123 }, 'option 123 is out of range'],
		['a negative option', { option: -12 }, 'option -12 is out of range'],
	] as Array<[string, Partial<AnswerReference>, string]>)('%s', (_what, change, message) => {
		expect(() => buildReference({ ...base, ...change }, SECRET)).toThrow(new HitlReferenceError(message));
	});

	it('takes two-digit options and is exactly what the node signs', () => {
		const value = buildReference({ ...base, option: 12 }, SECRET);
		expect(value).toBe(signed({ 7: '12' }));
		expect(parseReference(value, SECRET)?.option).toBe(12);
		expect(buildReference(base, SECRET)).toBe(signed());
	});

	it('fits a list row ID up to the last character and not one more', () => {
		// Execution IDs one character longer each: one of them lands on exactly the limit.
		const lengths = new Map<number, string>();
		for (let n = 1; n < 120; n++) {
			const executionId = '7'.repeat(n);
			try {
				lengths.set(buildReference({ ...base, executionId }, SECRET).length, executionId);
			} catch (error) {
				expect((error as Error).message).toContain(`more than the ${MAX_REFERENCE_LENGTH} a list row ID allows`);
				lengths.set(MAX_REFERENCE_LENGTH + n, 'refused');
			}
		}
		expect(lengths.get(MAX_REFERENCE_LENGTH)).toMatch(/^7+$/);
		expect([...lengths.keys()].filter((length) => length > MAX_REFERENCE_LENGTH).length).toBeGreaterThan(0);
	});
});

describe('parseReference refuses a reference signed with the right secret when a part is malformed', () => {
	it('reads the well-formed one', () => {
		expect(parseReference(signed(), SECRET)).toEqual(base);
	});

	it.each([
		['another version prefix', { 0: 'wa1' }],
		['an empty named node', { 2: '~' }],
		['a named node that is not base64', { 2: '~a!b' }],
		['a node ID of 21 characters', { 2: 'A'.repeat(21) }],
		['a node ID with a character base64 ignores', { 2: `${'A'.repeat(22)}!` }],
		['a signature of 31 bytes', { 3: b64('ab'.repeat(31), 'hex') }],
		['a signature with a character base64 ignores', { 3: `${b64(SIGNATURE, 'hex')}!` }],
		['a waiting path that is not base64', { 4: 'p!th' }],
		['a waiting path leaving the origin', { 4: b64('//evil.example') }],
		['a phone number ID with a letter first', { 5: 'x1' }],
		['a phone number ID with a letter last', { 5: '1x' }],
		['a wait ID too short', { 6: 'abc' }],
		['a three-digit option', { 7: '123' }],
		['an option with a sign', { 7: '-1' }],
		['an option with a letter', { 7: '1x' }],
	] as Array<[string, Record<number, string>]>)('%s', (_what, changes) => {
		expect(parseReference(signed(changes), SECRET)).toBeNull();
	});

	it('reads a named node and a path prefix', () => {
		expect(parseReference(signed({ 2: `~${b64('Ask Manager')}`, 4: b64('/n8n/webhook-waiting'), 7: '' }), SECRET)).toEqual({
			...base,
			nodeId: 'Ask Manager',
			waitingPath: '/n8n/webhook-waiting',
			option: null,
		});
	});

	it('refuses a MAC of another length, or changed in its last character, without throwing', () => {
		const value = signed();
		const mac = value.slice(value.lastIndexOf('.') + 1);
		const last = mac.endsWith('A') ? 'B' : 'A';
		expect(parseReference(`${value.slice(0, -mac.length)}${mac.slice(0, -1)}${last}`, SECRET)).toBeNull();
		expect(parseReference(`${value.slice(0, -mac.length)}${mac.slice(0, -2)}`, SECRET)).toBeNull();
		expect(parseReference(`${value}AA`, SECRET)).toBeNull();
	});

	it('refuses values that are no text, and references longer than 512 characters', () => {
		for (const value of [undefined, null, 42, {}, ['wa2.']]) expect(parseReference(value, SECRET)).toBeNull();
		// Execution IDs are not checked on reading; only the length stops these.
		const at = (length: number) => signed({ 1: '9'.repeat(length - signed({ 1: '' }).length) });
		expect(at(512)).toHaveLength(512);
		expect(parseReference(at(512), SECRET)?.executionId).toMatch(/^9+$/);
		expect(parseReference(at(513), SECRET)).toBeNull();
	});
});

describe('the waiting URL and n8n’s resume URL', () => {
	it('keeps the origin’s path prefix, without its trailing slashes', () => {
		const tail = `/webhook-waiting/1234567/${NODE_ID}?signature=${SIGNATURE}`;
		expect(waitingUrl(base, 'https://n8n.example.com/base/')).toBe(`https://n8n.example.com/base${tail}`);
		expect(waitingUrl(base, 'https://n8n.example.com/base//')).toBe(`https://n8n.example.com/base${tail}`);
		expect(waitingUrl(base, 'https://n8n.example.com')).toBe(`https://n8n.example.com${tail}`);
	});

	it('gives null for an origin that is no URL', () => {
		expect(waitingUrl(base, 'not a url')).toBeNull();
		expect(splitSignedResumeUrl('not a url', '1234567', NODE_ID)).toBeNull();
	});

	it('needs exactly one 64-digit signature', () => {
		const url = (signature: string) => `https://n8n.example.com/webhook-waiting/1234567/${NODE_ID}?signature=${signature}`;
		expect(splitSignedResumeUrl(url(SIGNATURE), '1234567', NODE_ID)).toEqual({ waitingPath: '/webhook-waiting', signature: SIGNATURE });
		expect(splitSignedResumeUrl(url(`x${SIGNATURE}`), '1234567', NODE_ID)).toBeNull();
		expect(splitSignedResumeUrl(url(`${SIGNATURE}x`), '1234567', NODE_ID)).toBeNull();
		expect(splitSignedResumeUrl(`https://n8n.example.com/webhook-waiting/1234567/${NODE_ID}`, '1234567', NODE_ID)).toBeNull();
	});
});
