/**
 * The gate in front of the signature check: the exact bytes Meta signed, or a 4xx saying why
 * there are none. Meta posts every webhook as `application/json`; anything else (a form, plain
 * text, XML …) did not come from Meta, and for `multipart/form-data` n8n has already consumed the
 * body with its form parser, so no signature could be checked anyway. Never throws.
 */
interface BodyRequest {
	headers: Record<string, string | string[] | undefined>;
	/** The bytes n8n kept (it reads them before calling the trigger for every non-multipart body). */
	rawBody?: unknown;
	/** n8n's reader; throws when the stream was consumed, aborted or exceeds N8N_PAYLOAD_SIZE_MAX. */
	readRawBody?: () => Promise<void>;
}

type BodyResult = { ok: true; raw: Buffer } | { ok: false; status: 400 | 413 | 415; reason: string };

/** `type/subtype` of a Content-Type header, lower-cased, without parameters; null when absent. */
export function mediaType(header: string | string[] | undefined): string | null {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value !== 'string') return null;
	const type = value.split(';')[0].trim().toLowerCase();
	return type === '' ? null : type;
}

function errorField(error: unknown, name: string): unknown {
	return error !== null && typeof error === 'object' ? (error as Record<string, unknown>)[name] : undefined;
}

/** What a failed body read was: too large (413) or unreadable (400). */
function readFailure(error: unknown): BodyResult {
	const status = [errorField(error, 'status'), errorField(error, 'statusCode'), errorField(error, 'httpStatusCode')];
	const tooLarge = errorField(error, 'type') === 'entity.too.large' || status.includes(413);
	if (tooLarge) {
		return { ok: false, status: 413, reason: 'the request body is larger than n8n accepts (N8N_PAYLOAD_SIZE_MAX)' };
	}
	const message = errorField(error, 'message');
	const detail = typeof message === 'string' && message !== '' ? `: ${message.slice(0, 200)}` : '';
	return { ok: false, status: 400, reason: `the request body could not be read${detail}` };
}

export async function readJsonBody(req: BodyRequest): Promise<BodyResult> {
	const type = mediaType(req.headers['content-type']);
	if (type !== 'application/json') {
		return {
			ok: false,
			status: 415,
			reason: type === null ? 'the request has no Content-Type; Meta sends application/json' : `the body is ${type}; Meta sends application/json`,
		};
	}
	if (!Buffer.isBuffer(req.rawBody) && typeof req.readRawBody === 'function') {
		try {
			await req.readRawBody();
		} catch (error) {
			return readFailure(error);
		}
	}
	if (!Buffer.isBuffer(req.rawBody)) {
		return { ok: false, status: 400, reason: 'n8n did not keep the raw request body, so the signature cannot be checked' };
	}
	return { ok: true, raw: req.rawBody };
}
