import { constants, createCipheriv, publicEncrypt, randomBytes, type KeyObject } from 'crypto';

import {
	type Checked,
	decryptFlowRequest,
	encryptFlowResponse,
	flippedIv,
	flowPrivateKey,
	flowResponseKey,
	normalizePem,
	parseFlowResponseKey,
	unwrapAesKey,
} from '../../../nodes/shared/flowCrypto';
import { businessKeyPair, decryptFlowAnswer, encryptFlowRequest } from '../../../tools/simulator/flowEncryption';

const keys = businessKeyPair();
const otherKeys = businessKeyPair();
const INIT = { version: '3.0', action: 'INIT', flow_token: 'booking-42', data: {} };

function value<T>(checked: Checked<T>): T {
	if (!checked.ok) throw new Error(`refused: ${checked.reason}`);
	return checked.value;
}
function reason(checked: Checked<unknown>): string | undefined {
	return checked.ok ? undefined : checked.reason;
}
const privateKey: KeyObject = value(flowPrivateKey(keys.privateKey));

describe('flow endpoint encryption', () => {
	it("decrypts what WhatsApp's client encrypts and answers so that the client reads it", () => {
		const request = encryptFlowRequest(INIT, keys.publicKey);
		const decrypted = value(decryptFlowRequest(request.body, privateKey));
		expect(decrypted.payload).toEqual(INIT);
		expect(decrypted.aesKey.equals(request.aesKey)).toBe(true);
		expect(decrypted).toMatchObject({ initialVector: request.body.initial_vector, encryptedAesKey: request.body.encrypted_aes_key });

		const answer = { screen: 'APPOINTMENT', data: { slots: ['09:00', '10:30'], name: 'Lucía 👍' } };
		const body = encryptFlowResponse(answer, decrypted.aesKey, decrypted.initialVector);
		expect(body).toMatch(/^[A-Za-z0-9+/]+=*$/);
		expect(decryptFlowAnswer(body, request.aesKey, request.iv)).toEqual(answer);
	});

	it('answers under the flipped IV: the same key with the request IV does not read it', () => {
		const request = encryptFlowRequest(INIT, keys.publicKey);
		const body = encryptFlowResponse({ data: { status: 'active' } }, request.aesKey, request.body.initial_vector);
		expect(flippedIv(Buffer.from([0x00, 0xff, 0x0f, 0xa5])).equals(Buffer.from([0xff, 0x00, 0xf0, 0x5a]))).toBe(true);
		// A client that used the IV unflipped (here: flipping the already flipped IV back) fails the GCM tag.
		expect(() => decryptFlowAnswer(body, request.aesKey, flippedIv(request.iv))).toThrow();
		expect(decryptFlowAnswer(body, request.aesKey, request.iv)).toEqual({ data: { status: 'active' } });
	});

	it('refuses a request for another public key, a changed payload, or missing fields, without echoing them', () => {
		const forOther = encryptFlowRequest(INIT, otherKeys.publicKey);
		expect(reason(decryptFlowRequest(forOther.body, privateKey))).toBe('the AES key does not decrypt with the Flow Endpoint Private Key');

		const request = encryptFlowRequest(INIT, keys.publicKey);
		const data = Buffer.from(request.body.encrypted_flow_data, 'base64');
		data[0] ^= 1;
		expect(reason(decryptFlowRequest({ ...request.body, encrypted_flow_data: data.toString('base64') }, privateKey))).toBe(
			'encrypted_flow_data does not decrypt (AES-GCM tag mismatch)',
		);
		expect(reason(decryptFlowRequest({ ...request.body, encrypted_flow_data: 'AAAA' }, privateKey))).toBe('encrypted_flow_data or initial_vector is too short');
		expect(reason(decryptFlowRequest({ ...request.body, initial_vector: undefined }, privateKey))).toBe('initial_vector is missing or not base64');
		expect(reason(decryptFlowRequest({ ...request.body, encrypted_aes_key: 'not base64!' }, privateKey))).toBe('encrypted_aes_key is missing or not base64');
		expect(reason(decryptFlowRequest([], privateKey))).toBe('the body is not a JSON object');
		expect(reason(decryptFlowRequest(null, privateKey))).toBe('the body is not a JSON object');
	});

	it('refuses a payload that decrypts to something other than JSON', () => {
		const request = encryptFlowRequest(INIT, keys.publicKey);
		const cipher = createCipheriv('aes-128-gcm', request.aesKey, request.iv);
		const data = Buffer.concat([cipher.update('not json'), cipher.final(), cipher.getAuthTag()]);
		expect(reason(decryptFlowRequest({ ...request.body, encrypted_flow_data: data.toString('base64') }, privateKey))).toBe('the decrypted payload is not JSON');
	});

	it('reads a PEM pasted on one line or with escaped newlines, and an encrypted PEM with its passphrase', () => {
		const oneLine = keys.privateKey.replace(/\n/g, ' ');
		const escaped = keys.privateKey.replace(/\n/g, '\\n');
		const request = encryptFlowRequest(INIT, keys.publicKey);
		for (const pem of [oneLine, escaped, `  ${keys.privateKey}  `]) {
			expect(normalizePem(pem)).toBe(keys.privateKey);
			expect(value(unwrapAesKey(value(flowPrivateKey(pem)), request.body.encrypted_aes_key)).equals(request.aesKey)).toBe(true);
		}
		const locked = businessKeyPair('s3cret');
		expect(reason(flowPrivateKey(locked.privateKey, 'wrong'))).toMatch(/cannot be read/);
		expect(reason(flowPrivateKey(locked.privateKey))).toMatch(/cannot be read/);
		const lockedRequest = encryptFlowRequest(INIT, locked.publicKey);
		expect(value(decryptFlowRequest(lockedRequest.body, value(flowPrivateKey(locked.privateKey, 's3cret')))).payload).toEqual(INIT);
		expect(reason(flowPrivateKey(''))).toBe('the credential has no Flow Endpoint Private Key');
		expect(reason(flowPrivateKey(undefined))).toBe('the credential has no Flow Endpoint Private Key');
		expect(reason(flowPrivateKey(keys.publicKey))).toMatch(/cannot be read/);
		expect(reason(flowPrivateKey(keys.privateKey))).toBeUndefined();
	});

	it("carries the wrapped key, the IV and the flow token in the trigger's flowResponseKey, never the AES key", () => {
		const request = encryptFlowRequest(INIT, keys.publicKey);
		const { encrypted_aes_key: wrapped, initial_vector: iv } = request.body;
		const reference = flowResponseKey(wrapped, iv, 'booking-42 ✓');
		expect(reference).not.toContain(request.aesKey.toString('base64'));
		expect(parseFlowResponseKey(reference)).toEqual({ encryptedAesKey: wrapped, initialVector: iv, flowToken: 'booking-42 ✓' });
		expect(parseFlowResponseKey(` ${reference}\n`)).not.toBeNull();
		expect(parseFlowResponseKey(flowResponseKey(wrapped, iv))).toEqual({ encryptedAesKey: wrapped, initialVector: iv, flowToken: null });
		for (const bad of [undefined, 42, '', 'wafr1.abc', `wafr1.${wrapped}.${iv}`, `wafr2.${wrapped}.${iv}.`, `wafr1.${wrapped}.${iv}.a+b`, 'wafr1.a b.c.']) {
			expect(parseFlowResponseKey(bad)).toBeNull();
		}
	});

	it('rejects an unwrapped key of a length AES does not have', () => {
		const request = encryptFlowRequest(INIT, keys.publicKey);
		const wrapped = publicEncrypt({ key: keys.publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, randomBytes(10));
		expect(reason(decryptFlowRequest({ ...request.body, encrypted_aes_key: wrapped.toString('base64') }, privateKey))).toBe('the AES key has 10 bytes');
	});
});
