/**
 * Meta's supported media: the file types the Cloud API accepts for each kind of media message
 * and the largest file it takes, written once. Upload checks a file against this table before
 * anything is sent; Download uses it to name the file it returns.
 */
export type MediaKind = 'audio' | 'document' | 'image' | 'sticker' | 'video';

export const MEDIA_KINDS: readonly MediaKind[] = ['image', 'audio', 'video', 'document', 'sticker'];

interface MediaKindInfo {
	label: string;
	/** Largest file Meta accepts, in bytes (for stickers: an animated one). */
	maxBytes: number;
	/** Supported MIME type → file extensions (the first one is used to name downloads). */
	mimeTypes: Record<string, string[]>;
}

export const MB = 1024 * 1024;
export const KB = 1024;

export const SUPPORTED_MEDIA: Record<MediaKind, MediaKindInfo> = {
	audio: {
		label: 'Audio',
		maxBytes: 16 * MB,
		mimeTypes: {
			'audio/aac': ['aac'],
			'audio/amr': ['amr'],
			'audio/mpeg': ['mp3'],
			'audio/mp4': ['m4a'],
			'audio/ogg': ['ogg', 'opus'],
		},
	},
	document: {
		label: 'Document',
		maxBytes: 100 * MB,
		mimeTypes: {
			'application/pdf': ['pdf'],
			'text/plain': ['txt'],
			'application/msword': ['doc'],
			'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
			'application/vnd.ms-excel': ['xls'],
			'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
			'application/vnd.ms-powerpoint': ['ppt'],
			'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['pptx'],
		},
	},
	image: {
		label: 'Image',
		maxBytes: 5 * MB,
		mimeTypes: { 'image/jpeg': ['jpg', 'jpeg'], 'image/png': ['png'] },
	},
	sticker: {
		label: 'Sticker',
		maxBytes: 500 * KB,
		mimeTypes: { 'image/webp': ['webp'] },
	},
	video: {
		label: 'Video',
		maxBytes: 16 * MB,
		mimeTypes: { 'video/mp4': ['mp4'], 'video/3gpp': ['3gp'] },
	},
};

/** A static (not animated) sticker may be at most this large. */
export const STATIC_STICKER_MAX_BYTES = 100 * KB;

/** Spellings other tools use for a supported type. */
const MIME_ALIASES: Record<string, string> = {
	'image/jpg': 'image/jpeg',
	'image/pjpeg': 'image/jpeg',
	'audio/mp3': 'audio/mpeg',
	'audio/x-m4a': 'audio/mp4',
	'audio/m4a': 'audio/mp4',
	'audio/x-aac': 'audio/aac',
	'audio/opus': 'audio/ogg',
	'video/3gp': 'video/3gpp',
};

/** "Image/JPG; charset=x" → "image/jpeg". */
export function normalizeMimeType(mimeType: string | undefined): string {
	const base = (mimeType ?? '').split(';')[0].trim().toLowerCase();
	return MIME_ALIASES[base] ?? base;
}

/** The supported MIME type a file name's extension stands for, if any. */
export function mimeTypeFromFileName(fileName: string | undefined): string | undefined {
	const match = /\.([a-z0-9]+)$/i.exec(fileName ?? '');
	if (!match) return undefined;
	const extension = match[1].toLowerCase();
	for (const kind of MEDIA_KINDS) {
		for (const [mime, extensions] of Object.entries(SUPPORTED_MEDIA[kind].mimeTypes)) {
			if (extensions.includes(extension)) return mime;
		}
	}
	return undefined;
}

/** Which kind of media a (normalized) MIME type is, if Meta supports it at all. */
export function mediaKindOf(mimeType: string): MediaKind | undefined {
	return MEDIA_KINDS.find((kind) => mimeType in SUPPORTED_MEDIA[kind].mimeTypes);
}

/** File extension for a MIME type (for naming downloads); "bin" when unknown. */
export function extensionFor(mimeType: string): string {
	const mime = normalizeMimeType(mimeType);
	const kind = mediaKindOf(mime);
	return kind ? SUPPORTED_MEDIA[kind].mimeTypes[mime][0] : 'bin';
}
