import type {
	IDataObject,
	INodeExecutionData,
	INodeProperties,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { isObj } from '../shared/jsonValues';

import { errorItemJson } from '../shared/transport/metaErrors';
import { downloadMediaFile, getMediaInfo, type MediaProblem } from '../shared/transport/media';
import { extensionFor, normalizeMimeType } from '../shared/mediaTypes';

/**
 * The trigger's "Download Media" option: image, audio (voice notes), video, document and sticker
 * messages come out with their file as n8n binary data in `data`.
 *
 * Meta wants its 200 quickly and retries deliveries that are slow, but webhook() must return the
 * items — binaries included — before n8n creates the execution. So when a delivery carries media,
 * the trigger answers Meta itself first (200), downloads, and returns the items with
 * `noWebhookResponse`: both n8n 1.x and 2.x then start the execution without answering again
 * (webhook-helpers.js, executeWebhook). The price: Meta has its 200 before n8n created the
 * execution, so if n8n then fails to create it (database or queue down) Meta does not redeliver.
 * Deliveries without media keep n8n's usual order (answer once the execution exists).
 *
 * A download that fails never drops the event: the item comes through without the file, with
 * `mediaDownloadError` saying why (and `mediaDownloadError: null` when the file is there).
 */

const MEDIA_MESSAGE_TYPES = ['image', 'audio', 'video', 'document', 'sticker'] as const;
const MEDIA_BINARY_PROPERTY = 'data';
/** Audio, video, images and stickers are all ≤ 16 MB on WhatsApp; documents can be up to 100 MB. */
const DEFAULT_MEDIA_LIMIT_MB = 16;
const MAX_MEDIA_LIMIT_MB = 100;
/** Downloads of one delivery running at once. */
const PARALLEL_DOWNLOADS = 4;
const MB = 1024 * 1024;

export const downloadMediaOption: INodeProperties = {
	displayName: 'Download Media',
	name: 'downloadMedia',
	type: 'boolean',
	default: false,
	description: `Whether to download the file of image, audio / voice note, video, document and sticker messages into the binary field "${MEDIA_BINARY_PROPERTY}" (MIME type and file name set; documents keep their file name). Meta gets its 200 before the download. A file that cannot be downloaded or is over the size limit does not stop the item: it comes without the file, with mediaDownloadError saying why.`,
};

export const mediaSizeLimitOption: INodeProperties = {
	displayName: 'Media Size Limit (MB)',
	name: 'mediaSizeLimitMb',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: MAX_MEDIA_LIMIT_MB },
	default: DEFAULT_MEDIA_LIMIT_MB,
	displayOptions: { show: { downloadMedia: [true] } },
	description: `Larger files are not downloaded: the item comes without the file, with mediaDownloadError. ${DEFAULT_MEDIA_LIMIT_MB} MB covers every audio, video, image and sticker WhatsApp allows; documents can be up to ${MAX_MEDIA_LIMIT_MB} MB.`,
};

interface MediaSettings {
	enabled: boolean;
	maxBytes: number;
}

function settingsOf(ctx: IWebhookFunctions): MediaSettings {
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const mb = Number(options.mediaSizeLimitMb);
	const limit = Number.isFinite(mb) && mb > 0 ? Math.min(mb, MAX_MEDIA_LIMIT_MB) : DEFAULT_MEDIA_LIMIT_MB;
	return { enabled: options.downloadMedia === true, maxBytes: Math.round(limit * MB) };
}

interface MediaItem {
	item: INodeExecutionData;
	mediaId: string;
	type: string;
	part: IDataObject;
}

/** The media part of a message item (`message.audio` …) with its media ID, if it has one. */
function mediaOf(item: INodeExecutionData): MediaItem | undefined {
	const { json } = item;
	const type = typeof json.type === 'string' ? json.type : '';
	if (json.event !== 'message' || !(MEDIA_MESSAGE_TYPES as readonly string[]).includes(type)) return undefined;
	const part = isObj(json.message) ? json.message[type] : undefined;
	if (!isObj(part)) return undefined;
	const id = typeof part.id === 'string' || typeof part.id === 'number' ? String(part.id).trim() : '';
	return id ? { item, mediaId: id, type, part } : undefined;
}

/** Meta's document file name as a file name (no folders, no control characters), else the media ID + extension. */
export function mediaFileName(type: string, part: IDataObject, mediaId: string, mimeType: string): string {
	if (type === 'document' && typeof part.filename === 'string') {
		const printable = [...part.filename].filter((c) => c.charCodeAt(0) >= 0x20 && c !== '\u007f').join('');
		const name = printable.replace(/[/\\]/g, '_').trim().slice(0, 200);
		if (name && name !== '.' && name !== '..') return name;
	}
	return `${mediaId}.${extensionFor(mimeType)}`;
}

/** What `mediaDownloadError` holds: our message and Meta's error summary, and the kind of failure. */
function downloadErrorJson(error: unknown, mediaId: string): IDataObject {
	const e = (error instanceof Error ? error : new Error(String(error))) as Error & { context?: IDataObject };
	const problem = e.context?.mediaProblem as MediaProblem | undefined;
	const reason =
		problem ??
		(e.context?.untrustedHost ? 'untrustedHost' : e.context?.networkError ? 'network' : e.context?.meta ? 'graphError' : 'failed');
	return { mediaId, reason, ...errorItemJson(e) };
}

async function attach(ctx: IWebhookFunctions, media: MediaItem, settings: MediaSettings): Promise<void> {
	const { item, mediaId, type, part } = media;
	item.json.mediaId = mediaId;
	try {
		const info = await getMediaInfo.call(ctx, mediaId, undefined);
		const mimeType =
			normalizeMimeType(info.mime_type) ||
			normalizeMimeType(typeof part.mime_type === 'string' ? part.mime_type : undefined) ||
			'application/octet-stream';
		const fileName = mediaFileName(type, part, mediaId, mimeType);
		const binary = await downloadMediaFile.call(ctx, {
			mediaId,
			info,
			fileName,
			mimeType,
			maxBytes: settings.maxBytes,
		});
		item.binary = { ...(item.binary ?? {}), [MEDIA_BINARY_PROPERTY]: binary };
		item.json.mediaDownloadError = null;
	} catch (error) {
		item.json.mediaDownloadError = downloadErrorJson(error, mediaId);
		ctx.logger.warn(
			`WhatsApp Cloud Trigger: the ${type} of message ${String(item.json.messageId)} (media ${mediaId}) was not downloaded: ${(error as Error).message}. The item comes through without the file, with mediaDownloadError.`,
		);
	}
}

/**
 * With "Download Media" on and media in the delivery: answers Meta 200, downloads every file into
 * its item, and returns the items for n8n to start the execution with. Otherwise `result` as is.
 */
export async function withDownloadedMedia(
	ctx: IWebhookFunctions,
	res: ReturnType<IWebhookFunctions['getResponseObject']>,
	result: IWebhookResponseData,
): Promise<IWebhookResponseData> {
	if (!result.workflowData) return result;
	const settings = settingsOf(ctx);
	if (!settings.enabled) return result;
	const items = result.workflowData.flat();
	const media = items.map(mediaOf).filter((m): m is MediaItem => m !== undefined);
	if (media.length === 0) return result;

	if (!res.headersSent) res.status(200).json({ received: true, emitted: items.length });
	let next = 0;
	const worker = async () => {
		while (next < media.length) await attach(ctx, media[next++], settings);
	};
	await Promise.all(Array.from({ length: Math.min(PARALLEL_DOWNLOADS, media.length) }, worker));
	return { workflowData: result.workflowData, noWebhookResponse: true };
}
