import { createHmac, timingSafeEqual } from 'crypto';

/**
 * The answer reference of Send and Wait for Response: a short string the node puts into a reply
 * button ID, a list row ID, a template quick-reply payload or a message's callback data, so the
 * WhatsApp Cloud Trigger that receives the contact's answer from Meta knows which waiting
 * execution to resume, and how to reach it.
 *
 * It carries what the trigger cannot rebuild on its own — the execution ID, the waiting node's
 * ID, n8n's URL signature of the waiting URL and the waiting URL's path — plus what the resume
 * handler checks: the sending phone number ID, the wait it belongs to and which option this is.
 * The wait ID is random per question: the same node waiting twice in one execution (a loop, an
 * AI agent calling the tool twice) makes different references, and the waiting node accepts
 * only its current wait's (see binding.ts). Who may answer is kept in the wait, not here: a
 * BSUID would not fit. The host is not in it (the trigger posts to its own n8n's address), so a
 * long public host never makes an ID too long. The whole is signed with the credential's App
 * Secret (HMAC-SHA256, 128 bits), so a trigger only ever posts references its own node made.
 *
 * `wa2.<execution>.<node>.<signature>.<path>.<phone number id>.<wait>.<option>.<mac>`
 * Every part is URL-safe base64 or digits, so `.` separates them. Pure: no n8n, no I/O.
 * (`wa1.` references, without a wait ID, are no longer accepted.)
 */

const REFERENCE_PREFIX = 'wa2.';
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
	phoneNumberId: string;
	/** The wait this question belongs to (random, URL-safe base64). */
	wait: string;
	/** Which option of the question (0-based); null for Free Text. */
	option: number | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const B64 = /^[A-Za-z0-9_-]*$/;
const WAIT_ID = /^[A-Za-z0-9_-]{8,32}$/;
/** A path of this n8n: one leading `/` (never `//`, which a URL reads as another host), no query or fragment. */
const LOCAL_PATH = /^\/(?!\/)[^?#\\\s]*$/;

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
	if (!/^\d+$/.test(reference.phoneNumberId)) throw new HitlReferenceError('the phone number ID must be digits');
	if (!WAIT_ID.test(reference.wait)) throw new HitlReferenceError('the wait ID is not URL-safe base64');
	if (!LOCAL_PATH.test(reference.waitingPath)) {
		throw new HitlReferenceError(`the n8n waiting path "${reference.waitingPath}" does not start with a single "/"`);
	}
	const option = reference.option === null ? '' : String(reference.option);
	if (option !== '' && !/^\d{1,2}$/.test(option)) throw new HitlReferenceError(`option ${option} is out of range`);
	const path = reference.waitingPath === DEFAULT_WAITING_PATH ? '' : b64(Buffer.from(reference.waitingPath, 'utf8'));
	const unsigned = [
		'wa2',
		reference.executionId,
		encodeNodeId(reference.nodeId),
		b64(Buffer.from(reference.signature, 'hex')),
		path,
		reference.phoneNumberId,
		reference.wait,
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
	const [, executionId, node, signature, path, phoneNumberId, wait, option] = parts;
	const nodeId = decodeNodeId(node);
	const signatureHex = B64.test(signature) ? Buffer.from(signature, 'base64url').toString('hex') : '';
	if (nodeId === null || signatureHex.length !== 64 || !B64.test(path) || !WAIT_ID.test(wait)) return null;
	const waitingPath = path === '' ? DEFAULT_WAITING_PATH : Buffer.from(path, 'base64url').toString('utf8');
	// Signed by us, but checked again: the relay builds a URL from it.
	if (!LOCAL_PATH.test(waitingPath) || !/^\d+$/.test(phoneNumberId) || !/^(?:\d{1,2})?$/.test(option)) return null;
	return {
		executionId,
		nodeId,
		signature: signatureHex,
		waitingPath,
		phoneNumberId,
		wait,
		option: option === '' ? null : Number(option),
	};
}

/**
 * The waiting URL the reference points to, on `origin` (the trigger's own n8n address, e.g.
 * `https://n8n.example.com`): `<origin><path>/<execution>/<node>?signature=<signature>`. Built
 * on a URL object so nothing in the reference can change its origin; null when it would.
 */
export function waitingUrl(reference: AnswerReference, origin: string): string | null {
	if (!LOCAL_PATH.test(reference.waitingPath)) return null;
	let url: URL;
	try {
		url = new URL(origin);
	} catch {
		return null;
	}
	const base = url.pathname.replace(/\/+$/, '');
	url.pathname = `${base}${reference.waitingPath}/${encodeURIComponent(reference.executionId)}/${encodeURIComponent(reference.nodeId)}`;
	url.search = '';
	url.hash = '';
	url.searchParams.set('signature', reference.signature);
	return url.origin === new URL(origin).origin ? url.toString() : null;
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
