/**
 * The HTTP side of a harness webhook delivery: the request as n8n's webhook server hands it to a
 * node (body read like n8n's parseRequestBody for a version-1 node, over-size and broken JSON
 * answered by n8n itself), an express-like response recording what was sent, and the requests
 * Meta (or somebody else) sends.
 */
import { EventEmitter } from 'node:events';
import type { IDataObject } from 'n8n-workflow';

import { signatureHeader } from '../../tools/simulator/webhook-client';

export const APP_SECRET = 'harness-app-secret';
export const VERIFY_TOKEN = 'harness-verify-token';
/** n8n's default N8N_PAYLOAD_SIZE_MAX (16 MiB). */
export const PAYLOAD_SIZE_MAX = 16 * 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// Express-like request and response

/** The subset of express' Response the trigger and n8n use, recording what was sent. */
export class RecordingResponse extends EventEmitter {
	statusCode = 200;
	headersSent = false;
	writableFinished = false;
	body: unknown;
	readonly headers: Record<string, string> = {};
	/** Who is running when the answer goes out: the node's webhook() or n8n after it. */
	phase: 'node' | 'n8n' = 'n8n';
	answeredBy?: 'node' | 'n8n';
	/** Called when the answer is handed over (status and body are set). */
	onAnswer?: (status: number, body: unknown) => void;

	status(code: number): this {
		this.statusCode = code;
		return this;
	}
	type(value: string): this {
		this.headers['content-type'] = value;
		return this;
	}
	setHeader(name: string, value: string): this {
		this.headers[name.toLowerCase()] = value;
		return this;
	}
	send(body: unknown): this {
		return this.end(body);
	}
	json(body: unknown): this {
		this.headers['content-type'] ??= 'application/json';
		return this.end(body);
	}
	end(body?: unknown): this {
		if (this.headersSent) throw new Error('response sent twice');
		this.headersSent = true;
		this.body = body;
		this.answeredBy = this.phase;
		this.onAnswer?.(this.statusCode, body);
		// Like Node's ServerResponse: 'finish' once the answer is handed over, after the current tick.
		setImmediate(() => {
			this.writableFinished = true;
			this.emit('finish');
			this.emit('close');
		});
		return this;
	}
	finished(): Promise<void> {
		if (this.writableFinished) return Promise.resolve();
		return new Promise((resolve) => this.once('close', () => resolve()));
	}
}

export interface HarnessRequest {
	method: 'GET' | 'POST';
	headers: Record<string, string | string[] | undefined>;
	query: IDataObject;
	params: IDataObject;
	body: unknown;
	rawBody?: Buffer;
	readRawBody: () => Promise<void>;
	contentType?: string;
	encoding?: string;
}

export interface RequestSpec {
	method?: 'GET' | 'POST';
	headers?: Record<string, string | string[] | undefined>;
	query?: IDataObject;
	/** The bytes on the wire (a string is sent as UTF-8). */
	body?: Buffer | string;
	/**
	 * 'n8n' (default): prepared like n8n 2.41.1 does before calling the node. 'unread': rawBody
	 * unset and readRawBody() reads it now (how a reader that defers the body behaves).
	 * 'unreadable': rawBody unset and readRawBody() fails like a destroyed stream.
	 */
	bodyState?: 'n8n' | 'unread' | 'unreadable';
}

export class HttpLikeError extends Error {
	constructor(
		message: string,
		readonly status: number,
		readonly type: string,
	) {
		super(message);
	}
}

export function buildRequest(spec: RequestSpec): HarnessRequest {
	const headers: Record<string, string | string[] | undefined> = {};
	for (const [k, v] of Object.entries(spec.headers ?? {})) headers[k.toLowerCase()] = v;
	const bytes = spec.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(spec.body) ? spec.body : Buffer.from(spec.body, 'utf8');
	if (bytes.length > 0) headers['content-length'] = String(bytes.length);
	const contentTypeHeader = typeof headers['content-type'] === 'string' ? headers['content-type'] : undefined;
	const [type, ...params] = (contentTypeHeader ?? '').split(';');
	const charset = params.map((p) => p.trim().split('=')).find(([k]) => k.toLowerCase() === 'charset')?.[1];
	const req: HarnessRequest = {
		method: spec.method ?? 'POST',
		headers,
		query: spec.query ?? {},
		params: {},
		body: {},
		contentType: type.trim().toLowerCase() || undefined,
		encoding: charset ?? 'utf-8',
		readRawBody: async () => {
			if (req.rawBody) return;
			if (spec.bodyState === 'unreadable' || req.contentType === 'multipart/form-data') {
				throw new HttpLikeError('Request body stream was aborted or is not readable', 400, 'stream.not.readable');
			}
			if (bytes.length > PAYLOAD_SIZE_MAX) throw new HttpLikeError('request entity too large', 413, 'entity.too.large');
			req.rawBody = bytes;
		},
	};
	return req;
}

/**
 * n8n 2.41.1's parseRequestBody for a version-1 node: the form parser for multipart, n8n's body
 * parser (readRawBody + parse by content type) for everything else. Returns n8n's own answer when
 * it refuses the request before the node runs.
 */
export async function prepareLikeN8n(req: HarnessRequest): Promise<{ status: number; body: string } | undefined> {
	if (req.contentType === 'multipart/form-data') {
		req.body = { data: {}, files: {} };
		return undefined;
	}
	try {
		await req.readRawBody();
	} catch (error) {
		// Not a ResponseError: n8n wraps it ("There was a problem executing the workflow") → 500.
		return { status: 500, body: `There was a problem executing the workflow (${(error as Error).message})` };
	}
	const text = req.rawBody?.toString('utf8') ?? '';
	if (req.rawBody?.length) {
		if (req.contentType === 'application/json') {
			try {
				req.body = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
			} catch {
				return { status: 422, body: 'Failed to parse request body' };
			}
		} else if (req.contentType === 'text/plain') req.body = text;
		else if (req.contentType === 'application/x-www-form-urlencoded') req.body = Object.fromEntries(new URLSearchParams(text));
	}
	return undefined;
}

// ---------------------------------------------------------------------------------------------
// Requests as Meta (or somebody else) sends them

export function signedJson(payload: unknown, opts: { secret?: string; raw?: string; headers?: Record<string, string> } = {}): RequestSpec {
	const raw = opts.raw ?? JSON.stringify(payload);
	return {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			'x-hub-signature-256': signatureHeader(opts.secret ?? APP_SECRET, raw),
			...opts.headers,
		},
		body: raw,
	};
}

export function handshakeRequest(verifyToken: string, challenge = '1158201444'): RequestSpec {
	return { method: 'GET', query: { 'hub.mode': 'subscribe', 'hub.verify_token': verifyToken, 'hub.challenge': challenge } };
}
