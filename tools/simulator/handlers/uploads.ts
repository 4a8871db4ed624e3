/**
 * Meta's Resumable Upload API (not in Meta's OpenAPI file; contract addition R8 in
 * tools/contract/generator/addedOperations.ts):
 *   POST /{App-ID}/uploads?file_name&file_length&file_type  → {id: "upload:<session>?sig=<sig>"}
 *   POST /{Upload-Session-ID}?sig=  headers file_offset, Authorization: OAuth <token>; the bytes
 *                                   → {h: "<handle>"} once every byte arrived
 *   GET  /{Upload-Session-ID}?sig=  → {id, file_offset}
 * Like Meta: the session belongs to the app of the token, the signature must come back, the
 * session routes take the token as "OAuth <token>" (Meta documents only that form there),
 * file_offset must be where the session stands, and more bytes than file_length are refused.
 * state.interruptNextUploadAfterBytes makes the next transfer stop part-way (a transient 500).
 */
import { randomBytes } from 'node:crypto';

import { appIdOf } from '../auth';
import { GraphError, invalidParameter, unsupportedRequest } from '../graphError';
import type { RequestContext, Route } from '../router';
import type { SimUploadSession } from '../state';

function oauthOnly(ctx: RequestContext): void {
	if (!/^OAuth\s+\S/i.test(ctx.headers.authorization ?? '')) {
		throw new GraphError(401, {
			message:
				'Invalid OAuth access token - upload sessions take the access token in the header "Authorization: OAuth <access token>"',
			code: 190,
		});
	}
}

function sessionOf(ctx: RequestContext): SimUploadSession {
	const session = ctx.state.uploadSessions[ctx.params['Upload-Session-ID']];
	if (ctx.query.sig !== session.sig) {
		throw invalidParameter(
			'the upload session id must be used whole, with its ?sig= part',
			'(#100) Invalid upload session signature',
		);
	}
	if (appIdOf(ctx.caller) !== session.appId) throw unsupportedRequest(ctx.method, session.id);
	return session;
}

export const createUploadSession: Route = {
	method: 'POST',
	path: '/{App-ID}/uploads',
	handle(ctx) {
		const appId = ctx.params['App-ID'];
		if (appIdOf(ctx.caller) !== appId) throw unsupportedRequest(ctx.method, appId);
		const fileLength = Number(ctx.query.file_length);
		const bytes = randomBytes(12).toString('base64url');
		const id = `upload:${Buffer.from(`sim:${bytes}?file_length=${fileLength}&file_type=${ctx.query.file_type}`).toString('base64url')}`;
		const sig = `ARZ${randomBytes(9).toString('base64url')}`;
		ctx.state.uploadSessions[id] = {
			id,
			sig,
			appId,
			fileName: ctx.query.file_name,
			fileLength,
			fileType: String(ctx.query.file_type),
			bytes: Buffer.alloc(0),
		};
		return { body: { id: `${id}?sig=${sig}` } };
	},
};

export const uploadFileData: Route = {
	method: 'POST',
	path: '/{Upload-Session-ID}',
	handle(ctx) {
		oauthOnly(ctx);
		const session = sessionOf(ctx);
		const offset = Number(ctx.headers.file_offset);
		if (offset !== session.bytes.length) {
			throw invalidParameter(
				`file_offset ${ctx.headers.file_offset} is not where the session stands (${session.bytes.length} of ${session.fileLength} bytes received); GET the session for its file_offset`,
			);
		}
		if (session.handle && ctx.rawBody.length === 0) return { body: { h: session.handle } };
		if (offset + ctx.rawBody.length > session.fileLength) {
			throw invalidParameter(
				`${offset + ctx.rawBody.length} bytes is more than the session's file_length ${session.fileLength}`,
			);
		}
		const interruptAfter = ctx.state.interruptNextUploadAfterBytes;
		if (interruptAfter !== undefined) {
			ctx.state.interruptNextUploadAfterBytes = undefined;
			session.bytes = Buffer.concat([session.bytes, ctx.rawBody.subarray(0, interruptAfter)]);
			throw new GraphError(500, {
				message: 'An unexpected error has occurred. Please retry your request later.',
				code: 2,
				is_transient: true,
			});
		}
		session.bytes = Buffer.concat([session.bytes, ctx.rawBody]);
		if (session.bytes.length < session.fileLength) {
			throw invalidParameter(
				`the upload stopped at ${session.bytes.length} of ${session.fileLength} bytes; send the rest from that file_offset`,
			);
		}
		const handle = `4::${Buffer.from(session.fileType).toString('base64')}:ARb${randomBytes(18).toString('base64url')}`;
		session.handle = handle;
		ctx.state.uploadHandles[handle] = {
			handle,
			sessionId: session.id,
			fileType: session.fileType,
			fileName: session.fileName,
			bytes: session.bytes,
		};
		return { body: { h: handle } };
	},
};

export const getUploadSession: Route = {
	method: 'GET',
	path: '/{Upload-Session-ID}',
	handle(ctx) {
		oauthOnly(ctx);
		const session = sessionOf(ctx);
		return { body: { id: session.id, file_offset: session.bytes.length } };
	},
};
