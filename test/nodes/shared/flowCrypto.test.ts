import { constants, createCipheriv, publicEncrypt, randomBytes } from 'crypto';

import {
	decryptFlowRequest,
	encryptFlowResponse,
	FlowDecryptError,
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

describe('flow endpoint encryption', () => {
	it("decrypts what WhatsApp's client encrypts and answers so that the client reads it", () => {
		const request = encryptFlowRequest(INIT, keys.publicKey);
		const decrypted = decryptFlowRequest(request.body, flowPrivateKey(keys.privateKey));
		expect(decrypted.payload).toEqual(INIT);
		expect(decrypted.aesKey.equals(request.aesKey)).toBe(true);

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
		const key = flowPrivateKey(keys.privateKey);
		const forOther = encryptFlowRequest(INIT, otherKeys.publicKey);
		expect(() => decryptFlowRequest(forOther.body, key)).toThrow(
			new FlowDecryptError('the AES key does not decrypt with the Flow Endpoint Private Key'),
		);

		const request = encryptFlowRequest(INIT, keys.publicKey);
		const data = Buffer.from(request.body.encrypted_flow_data, 'base64');
		data[0] ^= 1;
		expect(() => decryptFlowRequest({ ...request.body, encrypted_flow_data: data.toString('base64') }, key)).toThrow(
			'encrypted_flow_data does not decrypt (AES-GCM tag mismatch)',
		);
		expect(() => decryptFlowRequest({ ...request.body, initial_vector: undefined }, key)).toThrow('initial_vector is missing or not base64');
		expect(() => decryptFlowRequest({ ...request.body, encrypted_aes_key: 'not base64!' }, key)).toThrow('encrypted_aes_key is missing or not base64');
		expect(() => decryptFlowRequest([], key)).toThrow('the body is not a JSON object');
	});

	it('refuses a payload that decrypts to something other than JSON', () => {
		const request = encryptFlowRequest(INIT, keys.publicKey);
		const cipher = createCipheriv('aes-128-gcm', request.aesKey, request.iv);
		const data = Buffer.concat([cipher.update('not json'), cipher.final(), cipher.getAuthTag()]);
		expect(() => decryptFlowRequest({ ...request.body, encrypted_flow_data: data.toString('base64') }, flowPrivateKey(keys.privateKey))).toThrow(
			'the decrypted payload is not JSON',
		);
	});

	it('reads a PEM pasted on one line or with escaped newlines, and an encrypted PEM with its passphrase', () => {
		const oneLine = keys.privateKey.replace(/\n/g, ' ');
		const escaped = keys.privateKey.replace(/\n/g, '\\n');
		const request = encryptFlowRequest(INIT, keys.publicKey);
		for (const pem of [oneLine, escaped, `  ${keys.privateKey}  `]) {
			expect(normalizePem(pem)).toBe(keys.privateKey);
			expect(unwrapAesKey(flowPrivateKey(pem), request.body.encrypted_aes_key).equals(request.aesKey)).toBe(true);
		}
		const locked = businessKeyPair('s3cret');
		expect(() => flowPrivateKey(locked.privateKey, 'wrong')).toThrow('cannot be read');
		expect(() => flowPrivateKey(locked.privateKey)).toThrow('cannot be read');
		const lockedRequest = encryptFlowRequest(INIT, locked.publicKey);
		expect(decryptFlowRequest(lockedRequest.body, flowPrivateKey(locked.privateKey, 's3cret')).payload).toEqual(INIT);
		expect(() => flowPrivateKey('')).toThrow('the credential has no Flow Endpoint Private Key');
		expect(() => flowPrivateKey(keys.publicKey)).toThrow('cannot be read');
	});

	it("carries the wrapped key and IV in the trigger's flowResponseKey, never the AES key", () => {
		const request = encryptFlowRequest(INIT, keys.publicKey);
		const reference = flowResponseKey(request.body.encrypted_aes_key, request.body.initial_vector);
		expect(reference).not.toContain(request.aesKey.toString('base64'));
		expect(parseFlowResponseKey(reference)).toEqual({ encryptedAesKey: request.body.encrypted_aes_key, initialVector: request.body.initial_vector });
		expect(parseFlowResponseKey(` ${reference}\n`)).not.toBeNull();
		for (const bad of [undefined, 42, '', 'wafr1.abc', `wafr2.${request.body.encrypted_aes_key}.${request.body.initial_vector}`, 'wafr1.a b.c']) {
			expect(parseFlowResponseKey(bad)).toBeNull();
		}
	});

	it('rejects an unwrapped key of a length AES does not have', () => {
		const tooShort = encryptFlowRequest(INIT, keys.publicKey);
		const wrapped = publicEncrypt({ key: keys.publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, randomBytes(10));
		expect(() => decryptFlowRequest({ ...tooShort.body, encrypted_aes_key: wrapped.toString('base64') }, flowPrivateKey(keys.privateKey))).toThrow(
			'the AES key has 10 bytes',
		);
	});
});
