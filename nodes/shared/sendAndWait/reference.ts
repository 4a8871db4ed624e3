import { createHmac, timingSafeEqual } from 'crypto';

/**
 * The answer reference of Send and Wait for Response: a short string the node puts into a reply
 * button ID, a list row ID, a template quick-reply payload or a message's callback data, so the
 * WhatsApp Cloud Trigger that receives the contact's answer from Meta knows which waiting
 * execution to resume, and how to reach it.
 *
 * It carries what the trigger cannot rebuild on its own — the execution ID, the waiting node's
 * ID, n8n's URL signature of the waiting URL and the waiting URL's path — plus what the resume
 * handler checks: the addressed recipient, the sending phone number ID and which option this is.
 * The host is not in it (the trigger posts to its own n8n's address), so a long public host
 * never makes an ID too long. The whole is signed with the credential's App Secret (HMAC-SHA256,
 * 128 bits), so a trigger only ever posts references its own node made.
 *
 * `wa1.<execution>.<node>.<signature>.<path>.<recipient>.<phone number id>.<option>.<mac>`
 * Every part is URL-safe base64 or digits, so `.` separates them. Pure: no n8n, no I/O.
 */

const REFERENCE_PREFIX = 'wa1.';
/** Header the trigger sets when it relays a Free Text answer: the question's reference (checked again by the node). */
export const FREE_TEXT_REFERENCE_HEADER = 'x-whatsapp-cloud-question';
/** n8n's default waiting path (N8N_ENDPOINT_WEBHOOK_WAIT=webhook-waiting); left out of the reference. */
export const DEFAULT_WAITING_PATH = '/webhook-waiting';
/** The shortest ID limit it must fit: a list row ID (reply button IDs allow 256). */
export const MAX_REFERENCE_LENGTH = 200;

export interface AnswerReference {
	executionId: string;
	nodeId: string;
	/** n8n's signature of the waiting URL (64 hex digits, the `signature` query parameter). */
	signature: string;
	/** The waiting URL's path before `/<execution>/<node>`, e.g. `/webhook-waiting`. */
	waitingPath: string;
	/** The recipient's number, digits only, as the question was sent. */
	recipient: string;
	phoneNumberId: string;
	/** Which option of the question (0-based); null for Free Text. */
	option: number | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const B64 = /^[A-Za-z0-9_-]*$/;

function b64(buffer: Buffer): string {
	return buffer.toString('base64url');
}

function encodeNodeId(nodeId: string): string {
	if (UUID.test(nodeId)) return b64(Buffer.from(nodeId.replace(/-/g, ''), 'hex'));
	return `~${b64(Buffer.from(nodeId, 'utf8'))}`;
}

function decodeNodeId(part: string): string | null {
	if (part.startsWith('~')) {
		const text = part.slice(1);
		return B64.test(text) && text !== '' ? Buffer.from(text, 'base64url').toString('utf8') : null;
	}
	if (!B64.test(part) || part.length !== 22) return null;
	const hex = Buffer.from(part, 'base64url').toString('hex');
	if (hex.length !== 32) return null;
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function mac(secret: string, unsigned: string): string {
	return b64(createHmac('sha256', secret).update(`n8n-whatsapp-cloud-hitl:${unsigned}`).digest().subarray(0, 16));
}

/** Thrown when a reference cannot be made; the message says which input and why. */
export class HitlReferenceError extends Error {}

export function buildReference(reference: AnswerReference, appSecret: string): string {
	if (!appSecret) throw new HitlReferenceError('the credential has no App Secret');
	if (!/^[A-Za-z0-9_-]+$/.test(reference.executionId)) {
		throw new HitlReferenceError(`the execution ID "${reference.executionId}" cannot be put into a reference`);
	}
	if (!/^[0-9a-f]{64}$/i.test(reference.signature))
		throw new HitlReferenceError('the waiting URL has no n8n signature');
	if (!/^\d+$/.test(reference.recipient) || !/^\d+$/.test(reference.phoneNumberId)) {
		throw new HitlReferenceError('the recipient and the phone number ID must be digits');
	}
	const option = reference.option === null ? '' : String(reference.option);
	if (option !== '' && !/^\d{1,2}$/.test(option)) throw new HitlReferenceError(`option ${option} is out of range`);
	const path = reference.waitingPath === DEFAULT_WAITING_PATH ? '' : b64(Buffer.from(reference.waitingPath, 'utf8'));
	const unsigned = [
		'wa1',
		reference.executionId,
		encodeNodeId(reference.nodeId),
		b64(Buffer.from(reference.signature, 'hex')),
		path,
		reference.recipient,
		reference.phoneNumberId,
		option,
	].join('.');
	const value = `${unsigned}.${mac(appSecret, unsigned)}`;
	if (value.length > MAX_REFERENCE_LENGTH) {
		throw new HitlReferenceError(
			`the reference is ${value.length} characters, more than the ${MAX_REFERENCE_LENGTH} a list row ID allows (the n8n waiting path "${reference.waitingPath}" is too long)`,
		);
	}
	return value;
}

/** Whether the text looks like a reference (cheap; says nothing about its signature). */
function looksLikeReference(value: unknown): value is string {
	return typeof value === 'string' && value.startsWith(REFERENCE_PREFIX) && value.length <= 512;
}

/**
 * The reference in `value` when it is one and its signature matches `appSecret`; null otherwise
 * (a button ID of another workflow, a forged or altered reference, another app's secret).
 */
export function parseReference(value: unknown, appSecret: string | undefined): AnswerReference | null {
	if (!appSecret || !looksLikeReference(value)) return null;
	const parts = value.split('.');
	if (parts.length !== 9) return null;
	const unsigned = parts.slice(0, 8).join('.');
	const given = Buffer.from(parts[8], 'utf8');
	const expected = Buffer.from(mac(appSecret, unsigned), 'utf8');
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
	const [, executionId, node, signature, path, recipient, phoneNumberId, option] = parts;
	const nodeId = decodeNodeId(node);
	const signatureHex = B64.test(signature) ? Buffer.from(signature, 'base64url').toString('hex') : '';
	if (nodeId === null || signatureHex.length !== 64 || !B64.test(path)) return null;
	return {
		executionId,
		nodeId,
		signature: signatureHex,
		waitingPath: path === '' ? DEFAULT_WAITING_PATH : Buffer.from(path, 'base64url').toString('utf8'),
		recipient,
		phoneNumberId,
		option: option === '' ? null : Number(option),
	};
}

/**
 * The waiting URL the reference points to, on `origin` (the trigger's own n8n address, e.g.
 * `https://n8n.example.com`): `<origin><path>/<execution>/<node>?signature=<signature>`.
 */
export function waitingUrl(reference: AnswerReference, origin: string): string {
	const base = origin.replace(/\/+$/, '');
	return `${base}${reference.waitingPath}/${reference.executionId}/${encodeURIComponent(reference.nodeId)}?signature=${reference.signature}`;
}

/** The parts of n8n's signed resume URL the reference needs (see NodeExecutionContext.getSignedResumeUrl). */
export function splitSignedResumeUrl(
	url: string,
	executionId: string,
	nodeId: string,
): { waitingPath: string; signature: string } | null {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return null;
	}
	const signature = parsed.searchParams.get('signature') ?? '';
	const suffix = `/${executionId}/${encodeURIComponent(nodeId)}`;
	if (!parsed.pathname.endsWith(suffix) || !/^[0-9a-f]{64}$/i.test(signature)) return null;
	// Other query parameters are signed too; the trigger could not rebuild them.
	if ([...parsed.searchParams.keys()].some((key) => key !== 'signature')) return null;
	return { waitingPath: parsed.pathname.slice(0, -suffix.length), signature };
}
