/** Graph API error bodies, shaped like Meta's: {"error":{message,type,code,error_subcode?,error_data?,fbtrace_id}}. */
import { randomBytes } from 'node:crypto';

export interface GraphErrorFields {
	message: string;
	type?: string;
	code: number;
	error_subcode?: number;
	error_data?: Record<string, unknown>;
	is_transient?: boolean;
	error_user_title?: string;
	error_user_msg?: string;
}

export interface GraphErrorBody {
	error: GraphErrorFields & { type: string; fbtrace_id: string };
}

export function fbtraceId(): string {
	return `A${randomBytes(16).toString('base64url').slice(0, 22)}`;
}

export function graphError(fields: GraphErrorFields): GraphErrorBody {
	return { error: { ...fields, type: fields.type ?? 'OAuthException', fbtrace_id: fbtraceId() } };
}

/** Thrown by handlers to answer with a Graph error. */
export class GraphError extends Error {
	constructor(
		readonly status: number,
		readonly fields: GraphErrorFields,
	) {
		super(fields.message);
	}

	body(): GraphErrorBody {
		return graphError(this.fields);
	}
}

/** "(#100) ..." parameter error, HTTP 400. */
export function invalidParameter(details: string, message = '(#100) Invalid parameter'): GraphError {
	return new GraphError(400, { message, code: 100, error_data: { messaging_product: 'whatsapp', details } });
}

/** "(#code) title" error of the WhatsApp API, HTTP 400, with Meta's error_data {messaging_product, details}. */
export function whatsappError(code: number, title: string, details: string): GraphError {
	return new GraphError(400, { message: `(#${code}) ${title}`, code, error_data: { messaging_product: 'whatsapp', details } });
}

export function unsupportedRequest(method: string, id: string): GraphError {
	return new GraphError(400, {
		message:
			`Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing ` +
			'permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api',
		type: 'GraphMethodException',
		code: 100,
		error_subcode: 33,
	});
}

/** Current time as Meta prints it in token errors, e.g. "Tuesday, 04-Jun-24 03:12:45 PDT". */
export function pacificTime(date = new Date()): string {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone: 'America/Los_Angeles',
		weekday: 'long',
		day: '2-digit',
		month: 'short',
		year: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
		hourCycle: 'h23',
		timeZoneName: 'short',
	}).formatToParts(date);
	const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
	return `${part('weekday')}, ${part('day')}-${part('month')}-${part('year')} ${part('hour')}:${part('minute')}:${part('second')} ${part('timeZoneName')}`;
}

/** Default error body for an injected fault with only a status. */
export function defaultFaultError(status: number): GraphErrorFields {
	switch (status) {
		case 400:
			return { message: '(#100) Invalid parameter', code: 100 };
		case 401:
			return { message: 'Invalid OAuth access token - Cannot parse access token', code: 190 };
		case 403:
			return { message: '(#200) Permissions error', code: 200 };
		case 404:
			return { message: 'Unknown path components', code: 2500 };
		case 429:
			return { message: '(#80007) Rate limit hit for WhatsApp Business Account', code: 80007, is_transient: true };
		case 503:
			return { message: 'Service temporarily unavailable', code: 2, is_transient: true };
		default:
			return status >= 500
				? { message: 'An unknown error occurred', code: 1, is_transient: true }
				: { message: `(#${status}) Simulated error`, code: status };
	}
}
