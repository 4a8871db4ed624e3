/**
 * WhatsApp's client side of a Flow data endpoint's encryption (Meta, "Implementing Endpoints for
 * Flows", https://developers.facebook.com/docs/whatsapp/flows/guides/implementingyourflowendpoint):
 * a fresh AES-128 key and 16-byte IV per request, the key wrapped with the business public key
 * (RSA-OAEP, SHA-256), the JSON in AES-128-GCM with the tag appended; the answer is read with
 * the same key and the IV's bits flipped. Written apart from nodes/shared/flowCrypto.ts on
 * purpose: the tests cross the two implementations.
 */
import { constants, createCipheriv, createDecipheriv, generateKeyPairSync, publicEncrypt, randomBytes } from 'node:crypto';

export interface FlowClientRequest {
	body: { encrypted_flow_data: string; encrypted_aes_key: string; initial_vector: string };
	/** What the answer is decrypted with. */
	aesKey: Buffer;
	iv: Buffer;
}

export function encryptFlowRequest(payload: unknown, businessPublicKeyPem: string): FlowClientRequest {
	const aesKey = randomBytes(16);
	const iv = randomBytes(16);
	const cipher = createCipheriv('aes-128-gcm', aesKey, iv);
	const data = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final(), cipher.getAuthTag()]);
	const wrapped = publicEncrypt({ key: businessPublicKeyPem, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, aesKey);
	return {
		body: { encrypted_flow_data: data.toString('base64'), encrypted_aes_key: wrapped.toString('base64'), initial_vector: iv.toString('base64') },
		aesKey,
		iv,
	};
}

/** The endpoint's answer decrypted, or an Error when it does not decrypt (wrong key, IV not flipped, not base64 of GCM). */
export function decryptFlowAnswer(answer: string, aesKey: Buffer, iv: Buffer): unknown {
	const bytes = Buffer.from(answer.trim(), 'base64');
	if (bytes.length <= 16) throw new Error('the answer is too short to be AES-GCM');
	const flipped = Buffer.alloc(iv.length);
	for (let i = 0; i < iv.length; i++) flipped[i] = ~iv[i] & 0xff;
	const decipher = createDecipheriv('aes-128-gcm', aesKey, flipped);
	decipher.setAuthTag(bytes.subarray(bytes.length - 16));
	const plain = Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]);
	return JSON.parse(plain.toString('utf8'));
}

/** An RSA-2048 key pair as the business makes one (`openssl genrsa`): PKCS#8 private, SPKI public, PEM. */
export function businessKeyPair(passphrase?: string): { privateKey: string; publicKey: string } {
	return generateKeyPairSync('rsa', {
		modulusLength: 2048,
		publicKeyEncoding: { type: 'spki', format: 'pem' },
		privateKeyEncoding: passphrase
			? { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase }
			: { type: 'pkcs8', format: 'pem' },
	});
}
