import { constants, createCipheriv, createDecipheriv, createPrivateKey, privateDecrypt, type KeyObject } from 'crypto';

/**
 * The encryption of a WhatsApp Flow's data endpoint, as Meta's "Implementing Endpoints for
 * Flows" describes it (https://developers.facebook.com/docs/whatsapp/flows/guides/implementingyourflowendpoint):
 * every request carries a fresh AES key wrapped with the business public key (RSA-OAEP, SHA-256),
 * an IV, and the payload in AES-GCM with its 16-byte tag at the end; the answer is the JSON in
 * AES-GCM under the same key with every bit of the IV flipped, base64, as plain text.
 */

/** HTTP status Meta documents for a request the endpoint cannot decrypt: the client re-fetches the public key and retries. */
export const FLOW_STATUS_UNDECRYPTABLE = 421;
/** HTTP status Meta documents for a request whose X-Hub-Signature-256 does not check out. */
export const FLOW_STATUS_BAD_SIGNATURE = 432;

const TAG_BYTES = 16;

/** The three fields of Meta's request body, base64 each. */
export interface EncryptedFlowRequest {
	encrypted_flow_data: string;
	encrypted_aes_key: string;
	initial_vector: string;
}

/** What a step of the decryption gives: its value, or why not (words safe to log: never a key or the payload). */
export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const refused = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The body's three fields, or which one is wrong. */
export function encryptedRequestOf(body: unknown): Checked<EncryptedFlowRequest> {
	if (body === null || typeof body !== 'object' || Array.isArray(body)) return refused('the body is not a JSON object');
	const record = body as Record<string, unknown>;
	for (const name of ['encrypted_flow_data', 'encrypted_aes_key', 'initial_vector'] as const) {
		const value = record[name];
		if (typeof value !== 'string' || value.length === 0 || !BASE64.test(value)) return refused(`${name} is missing or not base64`);
	}
	return ok({
		encrypted_flow_data: record.encrypted_flow_data as string,
		encrypted_aes_key: record.encrypted_aes_key as string,
		initial_vector: record.initial_vector as string,
	});
}

const PEM_BLOCK = /(-----BEGIN [A-Z ]+-----)([\s\S]*?)(-----END [A-Z ]+-----)/;

/** A PEM as typed or pasted: literal `\n`s, or its lines joined by spaces (a single-line field), put back in shape. */
export function normalizePem(text: string): string {
	const unescaped = text.replace(/\\n/g, '\n').trim();
	const block = PEM_BLOCK.exec(unescaped);
	if (!block) return unescaped;
	const [, begin, inner, end] = block;
	// An encrypted legacy PEM carries Proc-Type/DEK-Info headers: left as it is.
	if (inner.includes(':')) return unescaped;
	const body = inner.replace(/\s+/g, '');
	return `${begin}\n${body.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n${end}\n`;
}

/** The private key of the credential; a wrong passphrase or a non-PEM text is refused without the key in the reason. */
export function flowPrivateKey(pem: string | undefined, passphrase?: string): Checked<KeyObject> {
	if (!pem || pem.trim() === '') return refused('the credential has no Flow Endpoint Private Key');
	try {
		return ok(createPrivateKey({ key: normalizePem(pem), format: 'pem', passphrase: passphrase || undefined }));
	} catch {
		return refused('the Flow Endpoint Private Key cannot be read (not an RSA private key in PEM, or a wrong passphrase)');
	}
}

/** The request's AES key, unwrapped with the private key. */
export function unwrapAesKey(privateKey: KeyObject, encryptedAesKey: string): Checked<Buffer> {
	let key: Buffer;
	try {
		key = privateDecrypt({ key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, Buffer.from(encryptedAesKey, 'base64'));
	} catch {
		return refused('the AES key does not decrypt with the Flow Endpoint Private Key');
	}
	return [16, 24, 32].includes(key.length) ? ok(key) : refused(`the AES key has ${key.length} bytes`);
}

function gcm(key: Buffer): 'aes-128-gcm' | 'aes-192-gcm' | 'aes-256-gcm' {
	return `aes-${key.length * 8}-gcm` as 'aes-128-gcm';
}

/** The decrypted payload of one request (Meta sends AES-128-GCM; the key's length picks the variant). */
export function decryptPayload(aesKey: Buffer, initialVector: string, encryptedFlowData: string): Checked<unknown> {
	const data = Buffer.from(encryptedFlowData, 'base64');
	const iv = Buffer.from(initialVector, 'base64');
	if (data.length <= TAG_BYTES || iv.length === 0) return refused('encrypted_flow_data or initial_vector is too short');
	let plain: Buffer;
	try {
		const decipher = createDecipheriv(gcm(aesKey), aesKey, iv);
		decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
		plain = Buffer.concat([decipher.update(data.subarray(0, data.length - TAG_BYTES)), decipher.final()]);
	} catch {
		return refused('encrypted_flow_data does not decrypt (AES-GCM tag mismatch)');
	}
	try {
		return ok(JSON.parse(plain.toString('utf8')));
	} catch {
		return refused('the decrypted payload is not JSON');
	}
}

/** The IV of the answer: every bit of the request's IV flipped. */
export function flippedIv(initialVector: Buffer): Buffer {
	return Buffer.from(initialVector.map((byte) => byte ^ 0xff));
}

/** The answer body: `response` as JSON in AES-GCM under the request's key and flipped IV, ciphertext + tag, base64. */
export function encryptFlowResponse(response: unknown, aesKey: Buffer, initialVector: string): string {
	const cipher = createCipheriv(gcm(aesKey), aesKey, flippedIv(Buffer.from(initialVector, 'base64')));
	const body = Buffer.concat([cipher.update(JSON.stringify(response), 'utf8'), cipher.final(), cipher.getAuthTag()]);
	return body.toString('base64');
}

/** One request, decrypted: its payload and what its answer is encrypted with. */
export interface DecryptedFlowRequest {
	payload: unknown;
	aesKey: Buffer;
	initialVector: string;
	encryptedAesKey: string;
}

export function decryptFlowRequest(body: unknown, privateKey: KeyObject): Checked<DecryptedFlowRequest> {
	const request = encryptedRequestOf(body);
	if (!request.ok) return request;
	const aesKey = unwrapAesKey(privateKey, request.value.encrypted_aes_key);
	if (!aesKey.ok) return aesKey;
	const payload = decryptPayload(aesKey.value, request.value.initial_vector, request.value.encrypted_flow_data);
	if (!payload.ok) return payload;
	return ok({
		payload: payload.value,
		aesKey: aesKey.value,
		initialVector: request.value.initial_vector,
		encryptedAesKey: request.value.encrypted_aes_key,
	});
}

/**
 * What the trigger's item carries so that a later node can encrypt the answer: the request's
 * wrapped AES key and IV, never the key itself. Only the private key in the credential unwraps
 * it, so the item is as safe to store as Meta's request, and any process (a queue-mode worker)
 * holding the credential can answer.
 */
const RESPONSE_KEY_PREFIX = 'wafr1';

/** The request's reference: wrapped AES key, IV and (base64url) the flow_token, which a completion answer must repeat. */
export function flowResponseKey(encryptedAesKey: string, initialVector: string, flowToken: string | null = null): string {
	const token = flowToken === null ? '' : Buffer.from(flowToken, 'utf8').toString('base64url');
	return `${RESPONSE_KEY_PREFIX}.${encryptedAesKey}.${initialVector}.${token}`;
}

export interface FlowResponseReference {
	encryptedAesKey: string;
	initialVector: string;
	flowToken: string | null;
}

export function parseFlowResponseKey(value: unknown): FlowResponseReference | null {
	if (typeof value !== 'string') return null;
	const parts = value.trim().split('.');
	if (parts.length !== 4 || parts[0] !== RESPONSE_KEY_PREFIX) return null;
	if (!BASE64.test(parts[1]) || !BASE64.test(parts[2]) || !/^[A-Za-z0-9_-]*$/.test(parts[3])) return null;
	return { encryptedAesKey: parts[1], initialVector: parts[2], flowToken: parts[3] === '' ? null : Buffer.from(parts[3], 'base64url').toString('utf8') };
}
