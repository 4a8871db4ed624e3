import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
	INode,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	CREDENTIAL_TYPE,
	readCredentials,
	DEFAULT_GRAPH_BASE_URL,
	DEFAULT_GRAPH_VERSION,
	type CredentialContext,
	type WhatsAppCloudCredentials,
} from '../credentials';
import { graphError } from './metaErrors';

export type GraphContext = CredentialContext;

/**
 * Paces and retries a request: the action node's bulk sending session
 * (nodes/WhatsAppCloud/sending/retry.ts). `attempt` sends once and may be called again.
 */
interface RequestScheduler {
	send<T>(attempt: () => Promise<T>, recipient?: string, itemIndex?: number): Promise<T>;
}

export interface GraphRequest {
	method: IHttpRequestMethods;
	/** Path after the version, without a leading slash: `{phone-number-id}/messages`. */
	path: string;
	body?: IHttpRequestOptions['body'];
	qs?: IDataObject;
	headers?: IDataObject;
	/** The item this request is for: errors then name it and honor continueOnFail. */
	itemIndex?: number;
	/** Milliseconds before the request is abandoned. */
	timeout?: number;
	/** Return the raw body as a Buffer. */
	binary?: boolean;
	/** Return the body as a readable stream (media downloads: nothing is buffered). */
	stream?: boolean;
	/** Absolute URL instead of base + version + path (media downloads). */
	absoluteUrl?: string;
	/**
	 * Refuse an `absoluteUrl` the token may not go to (tokenMayGoTo) instead of fetching it without
	 * the token: media URLs, which work only with it. The error's `context.untrustedHost` is set.
	 */
	tokenHostOnly?: boolean;
	/** The bulk sending session of the run (pacing, retries), handed down by the router. */
	sending?: RequestScheduler;
	/** The recipient of a message send, for the per-recipient slow-down on 131056. */
	recipient?: string;
	/** Send this token (e.g. the app token `app_id|app_secret`) instead of the credential's Access Token, in the same Authorization header. */
	accessToken?: string;
	/**
	 * `OAuth`: the Authorization header reads `OAuth <token>` instead of `Bearer <token>` (Meta's
	 * Resumable Upload API documents that form for its upload sessions). Applied by the credential's
	 * authenticate, so the token still comes from the credential.
	 */
	authScheme?: 'OAuth';
}

/** Header that asks the credential's authenticate for `Authorization: OAuth …`; removed before sending. */
export const AUTH_SCHEME_HEADER = 'x-wa-auth-scheme';

const VERSION_PATTERN = /^v\d{1,3}\.\d{1,2}$/;

/**
 * Whether plain http may carry the access token to `hostname`: only to this machine
 * (localhost, 127.0.0.0/8, [::1]), for a local simulator or proxy. Everything else needs https.
 * `hostname` as the WHATWG URL parser gives it (lower case, IPv4 normalized, IPv6 in brackets).
 */
export function isLoopbackHost(hostname: string): boolean {
	const host = hostname.toLowerCase();
	return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Hosts outside the Graph API Base URL that Meta documents as serving WhatsApp media to the
 * Bearer token: the `url` of GET /{media-id} (Meta's Cloud API "Media" reference,
 * developers.facebook.com/docs/whatsapp/cloud-api/reference/media). QR images come from Meta's
 * CDN (scontent…fbcdn.net) as signed URLs and need no token.
 */
export const META_MEDIA_HOSTS: readonly string[] = ['lookaside.fbsbx.com'];

/**
 * Whether the credential's token may go to `url`: the origin of the credential's Graph API
 * Base URL, or https on Meta's default port to a documented media host. Everything else (an HTTP
 * Request node pointed elsewhere, a redirect, a download URL from an answer) goes without it.
 */
export function tokenMayGoTo(url: URL, graphBaseUrl: string): boolean {
	let base: URL;
	try {
		base = new URL(graphBaseUrl);
	} catch {
		return false;
	}
	if (url.origin === base.origin) return true;
	return url.protocol === 'https:' && url.port === '' && META_MEDIA_HOSTS.includes(url.hostname.toLowerCase());
}

/**
 * Base URL and version from the credential, checked so that a typo fails with a message that
 * says what to fix. Returns the problem as text so callers without a node can use it too.
 * The access token travels over https only, except to this machine (see isLoopbackHost).
 */
export function resolveGraphSettings(
	credentials: Pick<WhatsAppCloudCredentials, 'apiVersion' | 'graphBaseUrl'>,
): { baseUrl: string; version: string } | { problem: string } {
	const version = (credentials.apiVersion || DEFAULT_GRAPH_VERSION).trim();
	if (!VERSION_PATTERN.test(version)) {
		return { problem: `The credential's Graph API Version "${version}" is not a version: use the form ${DEFAULT_GRAPH_VERSION}` };
	}
	const baseUrl = (credentials.graphBaseUrl || DEFAULT_GRAPH_BASE_URL).trim().replace(/\/+$/, '');
	let url: URL | undefined;
	try {
		url = /^https?:\/\/[^\s/]+/i.test(baseUrl) ? new URL(baseUrl) : undefined;
	} catch {
		url = undefined;
	}
	if (!url) {
		return {
			problem: `The credential's Graph API Base URL "${baseUrl}" is not an http(s) URL: leave it at ${DEFAULT_GRAPH_BASE_URL} unless you use a proxy or simulator`,
		};
	}
	if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
		return {
			problem: `The credential's Graph API Base URL "${baseUrl}" uses plain http to ${url.hostname}, so the access token would travel unencrypted: use https://, or http:// only for a simulator or proxy on this machine (localhost, 127.x.x.x or [::1])`,
		};
	}
	return { baseUrl, version };
}

export interface FullResponse {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
}

/**
 * The one Graph request function every operation uses: credential base URL + version,
 * Bearer auth by n8n's credential system, JSON in and out, and Meta errors turned into a
 * NodeApiError that carries code, subcode, fbtrace_id, details and a hint.
 *
 * With a bulk sending session (`request.sending`, bulk resources) the request is paced to the
 * node's "Messages Per Second" / "Max Requests In Flight" and retried per nodes/WhatsAppCloud/sending/retry.ts;
 * otherwise it is sent once.
 */
export async function graphRequest<T = IDataObject>(this: GraphContext, request: GraphRequest): Promise<T> {
	// Credentials and URL are resolved before pacing, so a granted slot goes straight to the wire.
	const prepared = await prepareRequest.call(this, request);
	const sendOnce = async () => await sendPrepared.call<GraphContext, [PreparedRequest], Promise<T>>(this, prepared);
	// A stream body cannot be sent twice: such a request goes out once, unpaced.
	const streamBody = typeof (request.body as { pipe?: unknown } | undefined)?.pipe === 'function';
	if (!request.sending || streamBody) return await sendOnce();
	return await request.sending.send(sendOnce, request.recipient, request.itemIndex);
}

interface PreparedRequest {
	options: IHttpRequestOptions;
	credentials: WhatsAppCloudCredentials;
	itemIndex?: number;
}

async function prepareRequest(this: GraphContext, request: GraphRequest): Promise<PreparedRequest> {
	const credentials = await readCredentials(this, request.itemIndex);
	const settings = resolveGraphSettings(credentials);
	if ('problem' in settings) {
		throw new NodeOperationError(this.getNode(), settings.problem, { itemIndex: request.itemIndex });
	}
	const { baseUrl, version } = settings;
	const path = request.path.replace(/^\/+/, '');
	if (request.absoluteUrl !== undefined && request.tokenHostOnly) refuseUntrustedUrl(this.getNode(), request.absoluteUrl, baseUrl, request.itemIndex);
	const options: IHttpRequestOptions = {
		method: request.method,
		url: request.absoluteUrl ?? `${baseUrl}/${version}/${path}`,
		qs: request.qs,
		headers: request.authScheme ? { ...request.headers, [AUTH_SCHEME_HEADER]: request.authScheme } : request.headers,
		body: request.body,
		json: !request.binary && !request.stream,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: request.timeout ?? 60_000,
		// Redirects are followed here, hop by hop (sendPrepared), so the credential's authenticate
		// decides again for every URL whether the token goes along.
		disableFollowRedirect: true,
	};
	if (request.binary) {
		options.encoding = 'arraybuffer';
	}
	if (request.stream) {
		options.encoding = 'stream';
	}
	const sentCredentials = request.accessToken ? { ...credentials, accessToken: request.accessToken } : credentials;
	return { options, credentials: sentCredentials, itemIndex: request.itemIndex };
}

/** One attempt of a prepared Graph request (no pacing, no retry). */
async function sendPrepared<T = IDataObject>(this: GraphContext, prepared: PreparedRequest): Promise<T> {
	// getNode() deep-copies the node in n8n-core: taken only when an error needs it.
	const node = () => this.getNode();
	const request = { itemIndex: prepared.itemIndex };
	// n8n fills in auth on a copy; the credentials already read are handed over, not read again.
	const options: IHttpRequestOptions = { ...prepared.options, headers: { ...(prepared.options.headers ?? {}) } };
	const credentialsDecrypted = {
		id: '',
		name: CREDENTIAL_TYPE,
		type: CREDENTIAL_TYPE,
		data: prepared.credentials as unknown as ICredentialDataDecryptedObject,
	};

	const send = async (hop: IHttpRequestOptions) => {
		try {
			return (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, hop, {
				credentialsDecrypted,
			})) as FullResponse;
		} catch (error) {
			throw networkError(node(), error, request.itemIndex);
		}
	};
	let response = await send(options);
	for (let hops = 0; isRedirect(response); hops++) {
		discardBody(response.body);
		const next = redirectTarget(options, response, hops);
		if (typeof next === 'string') {
			throw new NodeApiError(node(), { message: next } as JsonObject, { message: next, httpCode: String(response.statusCode), itemIndex: request.itemIndex });
		}
		options.url = next.href;
		delete options.qs;
		response = await send(options);
	}

	if (response.statusCode >= 400) {
		let body = response.body;
		if (isReadable(body)) {
			// An error body of a streamed request: short, read it whole.
			const chunks: Buffer[] = [];
			for await (const chunk of body) chunks.push(Buffer.from(chunk as Buffer));
			body = Buffer.concat(chunks);
		}
		if (Buffer.isBuffer(body) || body instanceof ArrayBuffer) {
			const text = Buffer.from(body as Buffer).toString('utf8');
			try {
				body = JSON.parse(text);
			} catch {
				body = { error: { message: text.slice(0, 500) } };
			}
		}
		const error = graphError(node(), response.statusCode, body, request.itemIndex);
		// Some answers carry results next to the error (Block Users' 139100 lists every user).
		error.context.responseBody = body as IDataObject;
		// Kept for the retry policy (nodes/WhatsAppCloud/sending/retry.ts), which honors it.
		const retryAfter = response.headers?.['retry-after'];
		if (retryAfter !== undefined) error.context.retryAfter = retryAfter;
		throw error;
	}
	return response.body as T;
}

export const MAX_REDIRECTS = 5;

export function isRedirect(response: FullResponse): boolean {
	return [301, 302, 303, 307, 308].includes(response.statusCode);
}

export function discardBody(body: unknown): void {
	const stream = body as { destroy?: unknown } | null;
	if (isReadable(body) && typeof stream?.destroy === 'function') (stream as { destroy(): void }).destroy();
}

/**
 * Where a redirect of a GET leads (the token goes along only where tokenMayGoTo allows, decided
 * by the credential's authenticate for that URL), or why it is not followed: too many hops,
 * another method (Graph never redirects a POST), or plain http to another machine.
 */
export function redirectTarget(options: IHttpRequestOptions, response: FullResponse, hops: number): URL | string {
	const location = response.headers?.location;
	const from = new URL(options.url);
	if (hops >= MAX_REDIRECTS) return `Stopped after ${MAX_REDIRECTS} redirects from ${from.host}`;
	if ((options.method ?? 'GET') !== 'GET') return `${from.host} answered a ${options.method} with a redirect (HTTP ${response.statusCode}), which is not followed`;
	if (typeof location !== 'string' || location === '') return `${from.host} answered HTTP ${response.statusCode} without a Location to follow`;
	let next: URL;
	try {
		next = new URL(location, from);
	} catch {
		return `${from.host} redirected to something that is not a URL`;
	}
	if (next.protocol === 'https:' || (next.protocol === 'http:' && isLoopbackHost(next.hostname))) return next;
	return `Refused to follow a redirect from ${from.host} to ${next.protocol}//${next.host}: only https, or http to this machine`;
}

/** Refuses a URL from an answer (a media download) that the credential's token may not go to. */
export function refuseUntrustedUrl(node: INode, absoluteUrl: string, baseUrl: string, itemIndex?: number): void {
	let url: URL | undefined;
	try {
		url = new URL(absoluteUrl);
	} catch {
		url = undefined;
	}
	if (url && tokenMayGoTo(url, baseUrl)) return;
	const host = url ? `${url.protocol}//${url.host}` : 'a value that is not a URL';
	const error = new NodeOperationError(
		node,
		`Refused to send the access token to ${host}: it goes only to the Graph API Base URL (${new URL(baseUrl).origin}) and Meta's media host (${META_MEDIA_HOSTS.join(', ')})`,
		{ itemIndex, description: 'The URL came from a Graph answer. Check the Graph API Base URL in the credential (a proxy must hand out its own URLs).' },
	);
	error.context.untrustedHost = true;
	throw error;
}

export function isReadable(value: unknown): value is AsyncIterable<unknown> {
	return typeof (value as { pipe?: unknown } | null)?.pipe === 'function' && Symbol.asyncIterator in (value as object);
}

export function networkError(node: INode, error: unknown, itemIndex?: number): NodeApiError {
	if (error instanceof NodeApiError && error.context?.meta) return error;
	const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
	const e = error as { code?: string; message?: string };
	const code = e?.code ?? cause?.code ?? 'NETWORK_ERROR';
	// Only the short reason: the full error may carry request headers, which hold the token.
	const reason = (cause?.message ?? e?.message ?? 'no answer').split('\n')[0].slice(0, 200);
	const message = `Could not reach the WhatsApp Cloud API (${code}): ${reason}`;
	const apiError = new NodeApiError(node, { message: reason } as JsonObject, {
		message,
		description:
			"Check the credential's Graph API Base URL and your network. If the request timed out after it was sent, the message may still have been delivered.",
		itemIndex,
	});
	// NodeApiError swaps a message naming a network code (ECONNREFUSED …) for a generic one.
	apiError.message = message;
	apiError.context.networkError = code;
	return apiError;
}
