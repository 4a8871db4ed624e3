import { createHash } from 'crypto';
import type { IBinaryData, IDataObject, IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { graphRequest } from './graphRequest';

/**
 * Media on the wire: the multipart upload to a phone number's media store, and the download of a
 * media ID's file into n8n's binary store. What a file may be (types, sizes) is checked before an
 * upload, in nodes/WhatsAppCloud/media/binaryFiles.ts.
 */

/** A binary property read for upload: its bytes and what we know about it. */
export interface BinaryFile {
	data: Buffer;
	mimeType: string;
	fileName: string;
}

/** multipart/form-data body for POST /{phone-number-id}/media, built without a dependency. */
export function multipartBody(file: BinaryFile, fields: Record<string, string>): { body: Buffer; contentType: string } {
	const boundary = `----n8nWhatsAppCloud${Date.now().toString(16)}${Math.random().toString(16).slice(2)}`;
	const quote = (value: string) => value.replace(/["\r\n\\]/g, (c) => (c === '"' ? '%22' : c === '\\' ? '\\\\' : ' '));
	const parts: Buffer[] = [];
	for (const [name, value] of Object.entries(fields)) {
		parts.push(
			Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${value}\r\n`, 'utf8'),
		);
	}
	parts.push(
		Buffer.from(
			`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${quote(file.fileName)}"\r\nContent-Type: ${file.mimeType}\r\n\r\n`,
			'utf8',
		),
	);
	parts.push(file.data);
	parts.push(Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'));
	return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Uploads a checked file to the phone number's media store; returns Meta's media ID. */
export async function uploadMedia(
	this: IExecuteFunctions,
	phoneNumberId: string,
	file: BinaryFile,
	itemIndex: number,
): Promise<string> {
	const { body, contentType } = multipartBody(file, { messaging_product: 'whatsapp', type: file.mimeType });
	const response = (await graphRequest.call(this, {
		method: 'POST',
		path: `${phoneNumberId}/media`,
		body,
		headers: { 'Content-Type': contentType },
		itemIndex,
		timeout: 300_000,
	})) as IDataObject;
	const id = response?.id;
	if (typeof id !== 'string' && typeof id !== 'number') {
		throw new NodeOperationError(
			this.getNode(),
			`Meta accepted the upload of "${file.fileName}" but returned no media ID (item ${itemIndex + 1})`,
			{
				itemIndex,
			},
		);
	}
	return String(id);
}

// ---------------------------------------------------------------------------------------------
// Download: GET /{media-id} for the URL, then the URL with the token, streamed into n8n's
// binary store. Used by Media → Download and by the trigger's "Download Media" option.

/** What GET /{media-id} answers. */
export interface MediaInfo extends IDataObject {
	id?: string;
	url?: string;
	mime_type?: string;
	sha256?: string;
	file_size?: string | number;
	messaging_product?: string;
}

type BinaryStream = Exclude<Parameters<IWebhookFunctions['helpers']['prepareBinaryData']>[0], Buffer>;

/** The contexts that download media: the action node and the trigger's webhook(). */
type MediaContext = IExecuteFunctions | IWebhookFunctions;

/** The `phone_number_id` query parameter, when an owner check is set. */
export function ownerQuery(owner: unknown): { phone_number_id: string } | undefined {
	const value = typeof owner === 'string' ? owner.trim() : '';
	return value ? { phone_number_id: value } : undefined;
}

export async function getMediaInfo(
	this: MediaContext,
	mediaId: string,
	owner: unknown,
	itemIndex?: number,
): Promise<MediaInfo> {
	return (await graphRequest.call(this, {
		method: 'GET',
		path: encodeURIComponent(mediaId),
		qs: ownerQuery(owner),
		itemIndex,
	})) as MediaInfo;
}

/** Meta's file_size (a string in the contract) as a number; null when absent or not a size. */
export function mediaFileSize(info: MediaInfo): number | null {
	const size = Number(info.file_size);
	return info.file_size !== undefined && info.file_size !== '' && Number.isFinite(size) && size >= 0 ? size : null;
}

interface MediaDownload {
	mediaId: string;
	/** From GET /{media-id}; must carry the URL. */
	info: MediaInfo;
	fileName: string;
	mimeType: string;
	/** Refuse files larger than this (by Meta's file_size before the download, and while streaming). */
	maxBytes?: number;
	itemIndex?: number;
}

/** Why a download failed, for callers that report instead of throwing (the trigger). */
export type MediaProblem = 'noUrl' | 'tooLarge' | 'incomplete' | 'checksum';

const DOWNLOAD_TIMEOUT_MS = 300_000;

function itemSuffix(itemIndex: number | undefined): string {
	return itemIndex === undefined ? '' : ` (item ${itemIndex + 1})`;
}

function mediaProblem(
	ctx: MediaContext,
	problem: MediaProblem,
	message: string,
	description: string,
	itemIndex: number | undefined,
): NodeOperationError {
	const error = new NodeOperationError(ctx.getNode(), `${message}${itemSuffix(itemIndex)}`, { itemIndex, description });
	error.context.mediaProblem = problem;
	return error;
}

/** The "no URL" refusal, for callers that look at the info first. */
export function noMediaUrl(ctx: MediaContext, mediaId: string, itemIndex?: number): NodeOperationError {
	return mediaProblem(
		ctx,
		'noUrl',
		`Meta returned no download URL for media "${mediaId}"`,
		'The media may have been deleted or expired (received media is kept for 30 days).',
		itemIndex,
	);
}

function sizeText(bytes: number): string {
	return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${bytes} bytes`;
}

/**
 * Fetches the file once with the credential's token and streams it into n8n's binary store,
 * counting and hashing the bytes on the way: the result is checked against the size and sha256
 * Meta gave, and a size limit stops the stream as soon as it is passed.
 */
export async function downloadMediaFile(this: MediaContext, download: MediaDownload): Promise<IBinaryData> {
	const { mediaId, info, maxBytes, itemIndex } = download;
	if (typeof info.url !== 'string' || !info.url) throw noMediaUrl(this, mediaId, itemIndex);
	const expectedSize = mediaFileSize(info);
	const tooLarge = (size: string) =>
		mediaProblem(
			this,
			'tooLarge',
			`Media "${mediaId}" is ${size}, over the limit of ${sizeText(maxBytes ?? 0)}`,
			'Raise "Media Size Limit (MB)" in the trigger\'s options, or download it with WhatsApp Cloud → Media → Download.',
			itemIndex,
		);
	if (maxBytes !== undefined && expectedSize !== null && expectedSize > maxBytes)
		throw tooLarge(sizeText(expectedSize));

	const response = (await graphRequest.call(this, {
		method: 'GET',
		path: '',
		absoluteUrl: info.url,
		tokenHostOnly: true,
		stream: true,
		itemIndex,
		timeout: DOWNLOAD_TIMEOUT_MS,
	})) as unknown as BinaryStream;
	const hash = createHash('sha256');
	let size = 0;
	let overLimit = false;
	// Readable.map (Node ≥ 18): a new stream of the same chunks, without importing node:stream.
	const counted = response.map((chunk: Buffer) => {
		size += chunk.length;
		if (maxBytes !== undefined && size > maxBytes) {
			overLimit = true;
			throw tooLarge(`over ${sizeText(maxBytes)}`);
		}
		hash.update(chunk);
		return chunk;
	});
	let binaryData: IBinaryData;
	try {
		binaryData = await this.helpers.prepareBinaryData(counted, download.fileName, download.mimeType);
	} catch (error) {
		// The limit, raised inside the stream, comes out of n8n's store as the stream's error.
		if (overLimit) {
			response.destroy();
			throw tooLarge(`over ${sizeText(maxBytes ?? 0)}`);
		}
		throw new NodeOperationError(
			this.getNode(),
			`The download of media "${mediaId}" broke off: ${(error as Error).message}${itemSuffix(itemIndex)}`,
			{ itemIndex, description: 'Run the node again; the download URL is fetched anew each time.' },
		);
	}
	if (expectedSize !== null && expectedSize !== size) {
		throw mediaProblem(
			this,
			'incomplete',
			`The download of media "${mediaId}" is incomplete: ${size} of ${expectedSize} bytes`,
			'Run the node again; the download URL is fetched anew each time.',
			itemIndex,
		);
	}
	const sha256 = hash.digest('hex');
	if (typeof info.sha256 === 'string' && /^[0-9a-f]{64}$/i.test(info.sha256) && sha256 !== info.sha256.toLowerCase()) {
		throw mediaProblem(
			this,
			'checksum',
			`The downloaded file for media "${mediaId}" does not match the checksum Meta gave`,
			'Run the node again; the download may have been corrupted.',
			itemIndex,
		);
	}
	return binaryData;
}
