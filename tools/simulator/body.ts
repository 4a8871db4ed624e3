/** Request body parsing: JSON, application/x-www-form-urlencoded and multipart/form-data. */

export interface UploadedFile {
	field: string;
	filename: string;
	contentType: string;
	bytes: Buffer;
}

export interface ParsedBody {
	/** Media type without parameters, lower case ('' when there is no Content-Type). */
	contentType: string;
	/** The body as recorded and given to handlers (files as {filename, contentType, size}). */
	value: unknown;
	/** The body as checked against the contract (files as "<binary N bytes>" strings). */
	contractValue: unknown;
	files: UploadedFile[];
	/** `access_token` sent as a body parameter (removed from value/contractValue). */
	accessToken?: string;
	/** Set when the body could not be parsed. */
	error?: string;
}

export function parseBody(raw: Buffer, contentTypeHeader: string | undefined): ParsedBody {
	const contentType = (contentTypeHeader ?? '').split(';')[0].trim().toLowerCase();
	const result: ParsedBody = { contentType, value: undefined, contractValue: undefined, files: [] };
	if (raw.length === 0) return result;
	try {
		if (contentType === 'multipart/form-data') {
			const boundary = /boundary="?([^";]+)"?/i.exec(contentTypeHeader ?? '')?.[1];
			if (!boundary) throw new Error('multipart body without boundary');
			const { fields, files } = parseMultipart(raw, boundary);
			result.files = files;
			const value: Record<string, unknown> = { ...fields };
			const contractValue: Record<string, unknown> = { ...fields };
			for (const file of files) {
				value[file.field] = { filename: file.filename, contentType: file.contentType, size: file.bytes.length };
				contractValue[file.field] = `<binary ${file.bytes.length} bytes>`;
			}
			result.value = value;
			result.contractValue = contractValue;
		} else if (contentType === 'application/x-www-form-urlencoded') {
			const value: Record<string, unknown> = {};
			for (const [key, text] of new URLSearchParams(raw.toString('utf8'))) value[key] = decodeFormValue(text);
			result.value = value;
			result.contractValue = value;
		} else {
			const text = raw.toString('utf8');
			// Raw bytes (Resumable Upload) are never JSON, whatever they start with.
			const looksJson =
				contentType === 'application/json' || (contentType !== 'application/octet-stream' && /^\s*[[{]/.test(text));
			result.value = looksJson ? (JSON.parse(text) as unknown) : text;
			result.contractValue = result.value;
		}
	} catch (error) {
		result.error = error instanceof Error ? error.message : String(error);
		result.value = raw.toString('utf8');
		result.contractValue = result.value;
		return result;
	}
	for (const target of [result.value, result.contractValue]) {
		if (isRecord(target) && typeof target.access_token === 'string') {
			result.accessToken = target.access_token;
			delete target.access_token;
		}
	}
	return result;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Graph decodes JSON-valued form parameters (e.g. template={"name":…}); plain strings stay strings. */
function decodeFormValue(text: string): unknown {
	if (/^\s*[[{]/.test(text)) {
		try {
			return JSON.parse(text) as unknown;
		} catch {
			return text;
		}
	}
	return text;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

export function parseMultipart(raw: Buffer, boundary: string): { fields: Record<string, string>; files: UploadedFile[] } {
	const delimiter = Buffer.from(`--${boundary}`);
	const partEnd = Buffer.concat([CRLF, delimiter]);
	const fields: Record<string, string> = {};
	const files: UploadedFile[] = [];
	let pos = raw.indexOf(delimiter);
	if (pos < 0) throw new Error('multipart boundary not found in body');
	for (;;) {
		pos += delimiter.length;
		if (raw.subarray(pos, pos + 2).toString('latin1') === '--') break; // closing delimiter
		if (raw.subarray(pos, pos + 2).equals(CRLF)) pos += 2;
		const headerEnd = raw.indexOf(HEADER_END, pos);
		if (headerEnd < 0) throw new Error('multipart part without header end');
		const headers = raw.subarray(pos, headerEnd).toString('utf8');
		const contentStart = headerEnd + HEADER_END.length;
		const next = raw.indexOf(partEnd, contentStart);
		if (next < 0) throw new Error('multipart part without closing boundary');
		const content = raw.subarray(contentStart, next);
		const disposition = /^content-disposition:(.*)$/im.exec(headers)?.[1] ?? '';
		const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
		const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
		const partType = /^content-type:\s*(.*)$/im.exec(headers)?.[1]?.trim() ?? 'application/octet-stream';
		if (name !== undefined) {
			if (filename !== undefined) files.push({ field: name, filename, contentType: partType, bytes: Buffer.from(content) });
			else fields[name] = content.toString('utf8');
		}
		pos = next + CRLF.length;
	}
	return { fields, files };
}
