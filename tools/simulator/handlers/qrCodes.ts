/**
 * /{Phone-Number-ID}/message_qrdls — message QR codes with a pre-filled message (the contract has
 * checked the body: prefilled_message ≤ 140, create without `code`, update with it). Like Meta:
 * POST without `code` creates, with `code` updates; `generate_qr_image` (PNG / SVG) adds a
 * `qr_image_url`, and GET asks for it with the field `qr_image_url.format(PNG|SVG)`; the list is
 * newest first, 25 a page at most. The image URL is served without a token, like Meta's CDN.
 */
import { randomInt } from 'node:crypto';

import type { SimQrCode } from '../commerceState';
import { SCOPE_MANAGEMENT } from '../fixtures';
import { GraphError, invalidParameter } from '../graphError';
import type { RequestContext, Route } from '../router';
import { page } from './blockUsers';

const CODE_LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const FIELDS = ['code', 'prefilled_message', 'deep_link_url', 'creation_time'];
const DEFAULT_FIELDS = ['code', 'prefilled_message', 'deep_link_url'];

function newCode(): string {
	return Array.from({ length: 14 }, () => CODE_LETTERS[randomInt(CODE_LETTERS.length)]).join('');
}

function notFound(code: string): GraphError {
	return new GraphError(404, {
		message: 'QR code not found',
		type: 'GraphMethodException',
		code: 803,
		error_user_title: 'QR Code Not Found',
		error_user_msg: `The QR code ${code} doesn't exist or has already been deleted`,
	});
}

function codesOf(ctx: RequestContext): SimQrCode[] {
	return (ctx.state.commerce.qrCodes[ctx.params['Phone-Number-ID']] ??= []);
}

function imageUrl(ctx: RequestContext, code: string, format: string): string {
	return `${ctx.baseUrl}/__qr/${code}.${format.toLowerCase()}`;
}

/** The requested fields of a code; `qr_image_url.format(X)` gives the image URL in format X. */
function view(ctx: RequestContext, qr: SimQrCode): Record<string, unknown> {
	const wanted =
		typeof ctx.query.fields === 'string' && ctx.query.fields.trim() !== ''
			? ctx.query.fields.split(',').map((f) => f.trim())
			: DEFAULT_FIELDS;
	const out: Record<string, unknown> = {};
	for (const field of wanted) {
		const image = /^qr_image_url\.format\((PNG|SVG)\)$/.exec(field);
		if (image) out.qr_image_url = imageUrl(ctx, qr.code, image[1]);
		else if (FIELDS.includes(field)) out[field] = qr[field as keyof SimQrCode];
		else
			throw new GraphError(400, {
				message: `(#100) Tried accessing nonexisting field (${field}) on node type (MessageQrdl)`,
				code: 100,
			});
	}
	return out;
}

export const listQrCodes: Route = {
	method: 'GET',
	path: '/{Phone-Number-ID}/message_qrdls',
	scope: SCOPE_MANAGEMENT,
	handle(ctx) {
		let codes = [...codesOf(ctx)].reverse();
		if (ctx.query.code) codes = codes.filter((qr) => qr.code === ctx.query.code);
		const result = page(ctx, codes, 25, 25);
		return { body: { ...result, data: (result.data as SimQrCode[]).map((qr) => view(ctx, qr)) } };
	},
};

export const getQrCode: Route = {
	method: 'GET',
	path: '/{Phone-Number-ID}/message_qrdls/{QR-Code-ID}',
	scope: SCOPE_MANAGEMENT,
	handle(ctx) {
		const code = ctx.params['QR-Code-ID'];
		const qr = codesOf(ctx).find((q) => q.code === code);
		if (!qr) throw notFound(code);
		return { body: view(ctx, qr) };
	},
};

export const createOrUpdateQrCode: Route = {
	method: 'POST',
	path: '/{Phone-Number-ID}/message_qrdls',
	scope: SCOPE_MANAGEMENT,
	handle(ctx) {
		const body = (ctx.body ?? {}) as { code?: string; prefilled_message: string; generate_qr_image?: string };
		if (body.prefilled_message.trim() === '')
			throw invalidParameter('prefilled_message must not be empty', '(#100) Invalid parameter');
		const codes = codesOf(ctx);
		let qr: SimQrCode | undefined;
		if (body.code !== undefined) {
			qr = codes.find((q) => q.code === body.code);
			if (!qr) throw notFound(body.code);
			qr.prefilled_message = body.prefilled_message;
		} else {
			const code = newCode();
			qr = {
				code,
				prefilled_message: body.prefilled_message,
				deep_link_url: `https://wa.me/message/${code}`,
				creation_time: Math.floor(Date.now() / 1000),
			};
			codes.push(qr);
		}
		const { code, prefilled_message, deep_link_url } = qr;
		return {
			body: {
				code,
				prefilled_message,
				deep_link_url,
				...(body.generate_qr_image ? { qr_image_url: imageUrl(ctx, code, body.generate_qr_image) } : {}),
			},
		};
	},
};

export const deleteQrCode: Route = {
	method: 'DELETE',
	path: '/{Phone-Number-ID}/message_qrdls/{QR-Code-ID}',
	scope: SCOPE_MANAGEMENT,
	handle(ctx) {
		const code = ctx.params['QR-Code-ID'];
		const codes = codesOf(ctx);
		const index = codes.findIndex((q) => q.code === code);
		if (index < 0) throw notFound(code);
		codes.splice(index, 1);
		return { body: { success: true } };
	},
};

/** PNG bytes standing for a QR image. */
const QR_PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAIAQAAAADcA+lXAAAAFElEQVR4nGP4z8DA8J+BgYGBAQAeZAH/2ReXNwAAAABJRU5ErkJggg==',
	'base64',
);

/** The image behind a qr_image_url (no token needed, like Meta's CDN). */
export const downloadQrImage: Route = {
	method: 'GET',
	path: '/__qr/{QR-Image}',
	auth: 'custom',
	handle(ctx) {
		const match = /^([A-Z0-9]{14})\.(png|svg)$/.exec(ctx.params['QR-Image']);
		if (!match) throw new GraphError(404, { message: 'Not found', code: 100 });
		const [, code, format] = match;
		if (format === 'svg') {
			const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><title>${code}</title><rect width="8" height="8" fill="#fff"/><rect width="4" height="4" fill="#000"/></svg>`;
			return { raw: Buffer.from(svg, 'utf8'), headers: { 'content-type': 'image/svg+xml' } };
		}
		return { raw: QR_PNG, headers: { 'content-type': 'image/png' } };
	},
};
