/** Media: upload (multipart), URL lookup, delete, and the download URL the lookup returns. */
import { randomInt } from 'node:crypto';
import { SCOPE_MESSAGING } from '../fixtures';
import { GraphError, invalidParameter } from '../graphError';
import type { Route } from '../router';
import { sha256Hex } from '../state';

function newMediaId(existing: Record<string, unknown>): string {
	for (;;) {
		const id = `${randomInt(1, 10)}${String(randomInt(0, 1e9)).padStart(9, '0')}${String(randomInt(0, 1e6)).padStart(6, '0')}`;
		if (!(id in existing)) return id;
	}
}

export const uploadMedia: Route = {
	method: 'POST',
	path: '/{Phone-Number-ID}/media',
	scope: SCOPE_MESSAGING,
	handle(ctx) {
		const fields = (typeof ctx.body === 'object' && ctx.body !== null ? ctx.body : {}) as Record<string, unknown>;
		if (fields.messaging_product !== 'whatsapp') {
			throw invalidParameter('messaging_product must be "whatsapp"', '(#100) The parameter messaging_product is required.');
		}
		const file = ctx.files.find((f) => f.field === 'file');
		if (!file) throw invalidParameter('send the file as multipart/form-data field "file"', '(#100) The parameter file is required.');
		const mimeType = typeof fields.type === 'string' && fields.type !== '' ? fields.type : file.contentType;
		if (!/^[a-z]+\/[-+.a-z0-9]+$/i.test(mimeType)) throw invalidParameter(`unsupported type "${mimeType}"`, '(#100) Param type must be a valid MIME type');
		if (file.bytes.length === 0) throw invalidParameter('the file is empty');
		const id = newMediaId(ctx.state.media);
		ctx.state.media[id] = {
			id,
			phoneNumberId: ctx.params['Phone-Number-ID'],
			mimeType,
			sha256: sha256Hex(file.bytes),
			fileSize: file.bytes.length,
			filename: file.filename,
			bytes: file.bytes,
		};
		return { body: { id } };
	},
};

export const getMedia: Route = {
	method: 'GET',
	path: '/{Media-ID}',
	scope: SCOPE_MESSAGING,
	handle(ctx) {
		const media = ctx.state.media[ctx.params['Media-ID']];
		const phone = ctx.query.phone_number_id;
		if (phone !== undefined && phone !== media.phoneNumberId) {
			throw invalidParameter(`media ${media.id} does not belong to phone number ${phone}`);
		}
		return {
			body: {
				messaging_product: 'whatsapp',
				url: `${ctx.baseUrl}/__media/${media.id}`,
				mime_type: media.mimeType,
				sha256: media.sha256,
				// The contract types file_size as a string.
				file_size: String(media.fileSize),
				id: media.id,
			},
		};
	},
};

export const deleteMedia: Route = {
	method: 'DELETE',
	path: '/{Media-ID}',
	scope: SCOPE_MESSAGING,
	handle(ctx) {
		const id = ctx.params['Media-ID'];
		const phone = ctx.query.phone_number_id;
		if (phone !== undefined && phone !== ctx.state.media[id].phoneNumberId) {
			throw invalidParameter(`media ${id} does not belong to phone number ${phone}`);
		}
		delete ctx.state.media[id];
		return { body: { success: true } };
	},
};

/** The media URL returned by GET /{Media-ID}; like Meta's lookaside URL it needs the Bearer token. */
export const downloadMedia: Route = {
	method: 'GET',
	path: '/__media/{Media-ID}',
	handle(ctx) {
		const media = ctx.state.media[ctx.params['Media-ID']];
		if (!media) throw new GraphError(404, { message: 'Media not found', code: 100 });
		return {
			raw: media.bytes,
			headers: {
				'content-type': media.mimeType,
				'content-disposition': `attachment; filename="${media.filename ?? media.id}"`,
			},
		};
	},
};
