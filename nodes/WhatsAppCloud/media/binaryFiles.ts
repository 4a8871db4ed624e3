import type { IBinaryData, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	KB,
	MB,
	MEDIA_KINDS,
	mediaKindOf,
	mimeTypeFromFileName,
	normalizeMimeType,
	STATIC_STICKER_MAX_BYTES,
	SUPPORTED_MEDIA,
	type MediaKind,
} from '../../shared/mediaTypes';
import type { BinaryFile } from '../../shared/transport/media';

/**
 * Files from n8n's binary store checked against Meta's supported media (nodes/shared/mediaTypes.ts)
 * before an upload, so a wrong type or size fails with what to fix instead of a Graph error.
 */

/** True when a WebP file is animated (VP8X header with the animation flag). */
/** "Input Binary Field": the input item's binary field a file is read from; `description` says what happens to it. */
export function inputBinaryFieldParameter(description: string): INodeProperties {
	return {
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input field containing the file (usually "data")',
		description,
	};
}

export function isAnimatedWebp(data: Buffer): boolean {
	return (
		data.length >= 21 &&
		data.toString('ascii', 0, 4) === 'RIFF' &&
		data.toString('ascii', 8, 12) === 'WEBP' &&
		data.toString('ascii', 12, 16) === 'VP8X' &&
		(data[20] & 0x02) !== 0
	);
}

function formatBytes(bytes: number): string {
	if (bytes >= MB) return `${(bytes / MB).toFixed(bytes % MB === 0 ? 0 : 1)} MB`;
	if (bytes >= KB) return `${(bytes / KB).toFixed(bytes % KB === 0 ? 0 : 1)} KB`;
	return `${bytes} bytes`;
}

function supportedList(kind: MediaKind): string {
	return Object.entries(SUPPORTED_MEDIA[kind].mimeTypes)
		.map(([mime, extensions]) => `${mime} (.${extensions.join(', .')})`)
		.join(', ');
}

interface MediaFileCheck {
	/** The MIME type as sent to Meta. */
	mimeType: string;
	kind: MediaKind;
	size: number;
}

/**
 * Checks a file against Meta's table: a supported MIME type (of the expected kind, when one is
 * given) and within the size limit. Returns the problem as text (undefined when fine) so callers
 * decide how to report it.
 */
export function checkMediaFile(file: {
	mimeType: string;
	size: number;
	fileName?: string;
	expectedKind?: MediaKind;
	data?: Buffer;
}): { ok: true; check: MediaFileCheck } | { ok: false; problem: string } {
	const mimeType = normalizeMimeType(file.mimeType);
	const name = file.fileName ? `"${file.fileName}"` : 'The file';
	const kind = mediaKindOf(mimeType);
	if (file.size === 0) return { ok: false, problem: `${name} is empty (0 bytes)` };
	if (file.expectedKind) {
		const expected = file.expectedKind;
		if (kind !== expected) {
			return {
				ok: false,
				problem: `${name} has the type ${mimeType || 'unknown'}, which WhatsApp does not accept as ${SUPPORTED_MEDIA[expected].label.toLowerCase()}. Supported: ${supportedList(expected)}`,
			};
		}
	} else if (!kind) {
		const all = MEDIA_KINDS.map(
			(k) => `${SUPPORTED_MEDIA[k].label}: ${Object.keys(SUPPORTED_MEDIA[k].mimeTypes).join(', ')}`,
		).join('; ');
		return {
			ok: false,
			problem: `${name} has the type ${mimeType || 'unknown'}, which WhatsApp does not support. Supported types — ${all}`,
		};
	}
	const finalKind = (file.expectedKind ?? kind) as MediaKind;
	let maxBytes = SUPPORTED_MEDIA[finalKind].maxBytes;
	let what = SUPPORTED_MEDIA[finalKind].label.toLowerCase();
	if (finalKind === 'sticker' && file.data && !isAnimatedWebp(file.data)) {
		maxBytes = STATIC_STICKER_MAX_BYTES;
		what = 'static sticker';
	}
	if (file.size > maxBytes) {
		return {
			ok: false,
			problem: `${name} is ${formatBytes(file.size)} (${file.size} bytes); WhatsApp accepts at most ${formatBytes(maxBytes)} (${maxBytes} bytes) for ${/^[aeiou]/.test(what) ? 'an' : 'a'} ${what}`,
		};
	}
	return { ok: true, check: { mimeType, kind: finalKind, size: file.size } };
}

/**
 * Reads binary property `propertyName` of item `itemIndex` and checks it against Meta's table
 * before anything is sent. The MIME type comes from `mimeTypeOverride`, else the binary data,
 * else (for application/octet-stream or none) the file name's extension.
 */
export async function readBinaryForUpload(
	this: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
	parameterLabel: string,
	options: { expectedKind?: MediaKind; mimeTypeOverride?: string; fileNameOverride?: string } = {},
): Promise<BinaryFile & { kind: MediaKind }> {
	const node = this.getNode();
	const property = propertyName.trim();
	const items = this.getInputData();
	const binary = items[itemIndex]?.binary;
	if (!property || !binary?.[property]) {
		const available = Object.keys(binary ?? {});
		throw new NodeOperationError(
			node,
			`"${parameterLabel}" names the binary field "${property}", but the input item has ${available.length ? `only ${available.map((k) => `"${k}"`).join(', ')}` : 'no binary data'} (item ${itemIndex + 1})`,
			{
				itemIndex,
				description:
					'Put a node that produces a file before this one (Read/Write Files from Disk, HTTP Request with "File" response, Convert to File, the WhatsApp Cloud Trigger with media download …) and enter the name of its binary field (usually "data").',
			},
		);
	}
	const meta: IBinaryData = binary[property];
	const fileName = options.fileNameOverride?.trim() || meta.fileName || `${property}`;
	let mimeType = normalizeMimeType(options.mimeTypeOverride) || normalizeMimeType(meta.mimeType);
	if (!mimeType || mimeType === 'application/octet-stream' || !mediaKindOf(mimeType)) {
		mimeType = mimeTypeFromFileName(fileName) ?? mimeType;
	}
	const data = await this.helpers.getBinaryDataBuffer(itemIndex, property);
	const result = checkMediaFile({ mimeType, size: data.length, fileName, expectedKind: options.expectedKind, data });
	if (!result.ok) {
		throw mediaError(node, `${result.problem} (item ${itemIndex + 1})`, itemIndex);
	}
	return { data, mimeType: result.check.mimeType, fileName, kind: result.check.kind };
}

function mediaError(node: INode, message: string, itemIndex: number): NodeOperationError {
	return new NodeOperationError(node, message, {
		itemIndex,
		description:
			'WhatsApp supports: images JPEG/PNG up to 5 MB; audio AAC/AMR/MP3/M4A/OGG (Opus) up to 16 MB; video MP4/3GPP up to 16 MB; documents PDF/TXT/Word/Excel/PowerPoint up to 100 MB; stickers WebP up to 100 KB (animated 500 KB). Set "MIME Type" in the options if the file type was detected wrongly.',
	});
}

/**
 * Files Meta's Resumable Upload API takes (the `file_type` of POST /{app-id}/uploads), for the
 * handles that template header samples and profile photos need. Sizes as for messages.
 */
const HANDLE_FILE_TYPES = ['image/jpeg', 'image/png', 'video/mp4', 'application/pdf'] as const;
type HandleFileType = (typeof HANDLE_FILE_TYPES)[number];

/** What a handle is for: any handle file, a template header of one format, or a profile photo. */
type HandlePurpose = 'any' | 'IMAGE' | 'VIDEO' | 'DOCUMENT' | 'profilePhoto';

const HANDLE_PURPOSES: Record<HandlePurpose, { types: readonly HandleFileType[]; what: string }> = {
	any: { types: HANDLE_FILE_TYPES, what: 'a template sample or profile photo' },
	IMAGE: { types: ['image/jpeg', 'image/png'], what: 'an image header' },
	VIDEO: { types: ['video/mp4'], what: 'a video header' },
	DOCUMENT: { types: ['application/pdf'], what: 'a document header' },
	profilePhoto: { types: ['image/jpeg', 'image/png'], what: 'a profile photo' },
};

/**
 * Reads a binary property for the Resumable Upload API: Meta's type and size table first (as for
 * messages), then the narrower list of types the upload sessions and the purpose take.
 */
export async function readBinaryForHandle(
	this: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
	parameterLabel: string,
	purpose: HandlePurpose,
	options: { mimeTypeOverride?: string; fileNameOverride?: string } = {},
): Promise<BinaryFile & { mimeType: HandleFileType }> {
	const rule = HANDLE_PURPOSES[purpose];
	// Any supported file within its kind's size; then only the types this purpose takes.
	const file = await readBinaryForUpload.call(this, itemIndex, propertyName, parameterLabel, options);
	if (!(rule.types as readonly string[]).includes(file.mimeType)) {
		throw new NodeOperationError(
			this.getNode(),
			`"${parameterLabel}": "${file.fileName}" has the type ${file.mimeType}, which Meta does not take for ${rule.what}. Supported: ${rule.types.join(', ')} (item ${itemIndex + 1})`,
			{
				itemIndex,
				description:
					'Template header samples and profile photos go through Meta\'s Resumable Upload API, which takes JPEG and PNG images (up to 5 MB), MP4 videos (up to 16 MB) and PDF documents (up to 100 MB). Convert the file first, or set "MIME Type" if it was detected wrongly.',
			},
		);
	}
	return { data: file.data, fileName: file.fileName, mimeType: file.mimeType as HandleFileType };
}
