import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/** The `error` object of a Graph API error response, as Meta sends it. */
interface MetaError {
	message?: string;
	type?: string;
	code?: number;
	error_subcode?: number;
	error_user_title?: string;
	error_user_msg?: string;
	error_data?: { messaging_product?: string; details?: string } | string;
	fbtrace_id?: string;
	is_transient?: boolean;
}

/** What every error item and every thrown Graph error carries, in the names users see. */
export interface MetaErrorSummary extends IDataObject {
	httpStatus: number | null;
	code: number | null;
	subcode: number | null;
	type: string | null;
	title: string | null;
	details: string | null;
	fbtraceId: string | null;
	hint: string | null;
}

const PERMISSION_HINT =
	'The access token lacks a permission this action needs. Give the System User the whatsapp_business_messaging and whatsapp_business_management permissions, assign it the WhatsApp Business Account, then generate a new token.';

/**
 * What to do about the Graph error codes users meet most often. Codes come from Meta's
 * "Error codes" reference for the Cloud API; the wording is ours.
 */
const HINTS: Record<number, string> = {
	0: 'Meta could not authenticate the request. Generate a new access token and update the credential.',
	1: 'Meta reported an unknown, possibly temporary error. Retry later; if it persists, check the Meta status page.',
	2: "Meta's service is temporarily unavailable. Retry later.",
	3: PERMISSION_HINT,
	4: 'The app reached its Graph API call limit. Slow down and retry later.',
	10: PERMISSION_HINT,
	33: 'The object does not exist or this token has no permission on it: check the ID (Phone Number ID, WABA ID, template or media ID) and that the System User has that asset assigned in Business Settings.',
	100: 'A parameter is missing, unsupported or has a wrong value: read "details" for which one.',
	190: 'The access token has expired or is invalid. Generate a new one (System User tokens can be set to never expire) and update the credential.',
	200: PERMISSION_HINT,
	368: 'The WhatsApp Business Account is restricted for policy violations. Check Account Quality in WhatsApp Manager.',
	2200: "Meta could not verify the callback URL. It must be a public HTTPS URL that answers Meta's GET with hub.challenge when hub.verify_token matches: activate the WhatsApp Cloud Trigger workflow first and use its production URL and verify token.",
	2388103:
		'The WhatsApp Business Account or phone number is not ready for this action. Check its status in WhatsApp Manager.',
	80007: 'The WhatsApp Business Account reached its rate limit. Slow down and retry later.',
	130429:
		'Cloud API throughput reached for this phone number (80 messages per second by default). Lower "Messages Per Second" or retry later.',
	130472:
		"The recipient's number is part of a Meta marketing-message experiment, so this marketing message was not delivered. Nothing to fix: do not retry it; send utility or service messages as usual.",
	130497: 'The business account is not allowed to message users in this country.',
	131000: 'Meta failed to process the request for an unknown reason. Retry later.',
	131005: PERMISSION_HINT,
	131008: 'A required parameter is missing: read "details" for which one.',
	131009:
		'A parameter value is not valid. Often the phone number ID does not belong to this WhatsApp Business Account, or a value has the wrong format: read "details".',
	131016: "Meta's service is temporarily overloaded. Retry later.",
	131021: 'The recipient is the sender: a phone number cannot message itself.',
	131026:
		'Message undeliverable: the recipient may not use WhatsApp, may not have accepted the latest terms, or uses an outdated app. Check the number; do not retry automatically.',
	131030:
		"The recipient is not in the test number's allowed list. Add the number in App Dashboard → WhatsApp → API Setup → To, or send from a production number.",
	131031:
		'The business account is locked: for a policy violation or failed verification (check WhatsApp Manager → Account Quality), or after wrong two-step verification PIN attempts (wait, then use the right PIN or reset it in WhatsApp Manager → Phone numbers → Two-step verification).',
	131037:
		"The phone number's display name is not approved yet. Wait for Meta's review or fix the name in WhatsApp Manager → Phone numbers; messages can be sent once it is approved.",
	131042:
		'There is a problem with the payment method of the WhatsApp Business Account. Check billing in Business Settings.',
	131045:
		'The phone number is not registered or its certificate is missing. Register the number (Phone Number → Register).',
	131047:
		'More than 24 hours have passed since the customer last wrote to you. Outside that window you can only send an approved template message (Message → Send Template).',
	131048:
		'Spam rate limit hit: too many messages from this number were blocked or reported. Improve message quality and retry later.',
	131049:
		'Meta chose not to deliver this marketing message to keep engagement healthy (per-user marketing limit). Do not retry right away: wait a day or more, and send fewer marketing messages to this user.',
	131050:
		'The recipient stopped marketing messages from your business. Stop sending them marketing templates until they resume (the user_preferences webhook field says when); utility and service messages still go through.',
	131051: 'This message type is not supported.',
	131052: 'The media the user sent could not be downloaded.',
	131053: 'The media could not be uploaded or sent: check the file type, size and that the link is publicly reachable.',
	131056:
		'Too many messages to the same recipient in a short time (pair rate limit). Wait before messaging this recipient again.',
	131057: 'The business account is in maintenance mode. Retry later.',
	131062:
		'This message cannot go to a user ID (BSUID): one-tap, zero-tap and copy-code authentication templates need the phone number. Send it to the phone number, or ask for it with a Request Contact Info button.',
	132000: 'The number of template variables does not match the template definition.',
	132001:
		'The template does not exist in this language or is not approved yet. Check the name and language in WhatsApp Manager → Message templates.',
	132005: 'The text after filling in the template variables is too long.',
	132007: 'The template content violates a WhatsApp policy.',
	132012: 'A template variable has the wrong format (for example text where an image is expected).',
	132018:
		'A template parameter is not valid: check each variable value (not empty, no new lines, tabs or more than four spaces in a row) and its type against the template.',
	132015: 'The template is paused because of low quality. Edit it or use another template.',
	132016: 'The template was disabled because of repeated low quality. Create a new template.',
	132068: 'The Flow is blocked. Check it in WhatsApp Manager → Flows.',
	132069: 'The Flow is throttled. Retry later.',
	133000: 'A previous deregistration of this number did not finish. Deregister it again, then register.',
	133004: "Meta's servers are temporarily unavailable. Retry later.",
	133005: 'The two-step verification PIN is wrong.',
	133006:
		'The phone number must be verified before it can be registered (Request Verification Code, then Verify Code).',
	133008: 'Too many two-step verification PIN guesses. Wait before trying again.',
	133009: 'The two-step verification PIN was entered too quickly. Wait before trying again.',
	133010: 'The phone number is not registered on the Cloud API. Register it first (Phone Number → Register).',
	133015: 'The number was deleted recently. Wait 5 minutes before registering it again.',
	133016: 'Too many registration attempts for this number. Wait before trying again.',
	135000: 'Meta reported a generic user error. Check the request parameters.',
	136024:
		'Meta could not send the verification code. Check "Send Code By" and "Language" (like en_US), wait a few minutes, and request a new code.',
	136025:
		'The verification code was not accepted: it may be wrong or expired. Request a new code (Phone Number → Request Verification Code) and enter it within a few minutes.',
	// Meta, "Calling API" error codes (calling/troubleshooting): calling is off on the number.
	138000: 'Calling is not enabled on this business phone number. Turn it on first: Phone Number → Update Call Settings, Calling: Enabled.',
	// Meta, "Business-initiated calls" (calling/business-initiated-calls): no call permission.
	138006:
		'The user has not given this business permission to call them. Ask first: send a call permission request, and call once the user accepts.',
	139100: 'Some users could not be blocked or unblocked: each one comes out with its own reason.',
	139101: 'The blocklist is full (64,000 users). Unblock users you no longer need to block (Contact → Unblock).',
	139102: 'The blocklist changed while it was being listed. Run Contact → Get Blocked again.',
	139103: 'Meta could not update the blocklist because of an internal error. Retry later.',
	// Meta, "history webhook reference" (webhooks/reference/history): history sharing declined.
	2593109:
		'The business declined to share its WhatsApp Business app chat history, so no history will be synced. Ask the business to approve history sharing in the app if you need it.',
};

/**
 * Template creation problems Meta sends as code 100 with a subcode (subcodes as listed by
 * WhatsApp providers' error references; Meta's message text says which field).
 */
const TEMPLATE_SUBCODE_HINTS: Record<number, string> = {
	2388023:
		'A template with this name already exists in this language, or the name of a deleted template is still held (about four weeks). Use another name, or add the new language to the existing template.',
	2388024:
		'A template with this name and language already exists. Use another name or language, or edit the existing template in WhatsApp Manager.',
	2388040:
		'A template field is longer than Meta allows (body, header, footer or button text): read "details" for which one.',
	2388047:
		'The template header is not in a format Meta accepts: check the header type and its text (no new lines, emoji or formatting) or sample file.',
};

/** The hint for a Meta error code (and subcode, where that changes the advice). */
export function metaErrorHint(code?: number | null, subcode?: number | null): string | undefined {
	if (code === 190 && subcode === 463) {
		return 'The access token has expired. Generate a new one (System User tokens can be set to never expire) and update the credential.';
	}
	if (code === 100 && subcode === 33) {
		return 'The object ID does not exist or this token cannot see it: check the Phone Number ID / WABA ID and that the System User has the account assigned.';
	}
	if (code === 100 && subcode !== undefined && subcode !== null && TEMPLATE_SUBCODE_HINTS[subcode]) {
		return TEMPLATE_SUBCODE_HINTS[subcode];
	}
	if (code === undefined || code === null) return undefined;
	if (HINTS[code]) return HINTS[code];
	if (code >= 200 && code <= 299) return PERMISSION_HINT;
	return undefined;
}

// Graph's error body is untrusted JSON: every field is read with a typeof check, so an object
// where a string or number belongs is dropped instead of being converted (an object with a
// non-function toString makes String() and template literals throw).
function text(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

function integer(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined;
}

function detailsOf(error: Record<string, unknown>): string | undefined {
	const data = error.error_data;
	if (typeof data === 'string') return text(data);
	return data !== null && typeof data === 'object' ? text((data as Record<string, unknown>).details) : undefined;
}

/** The Meta `error` object of a response body, with only the fields of the types Meta documents. */
function metaErrorOf(body: unknown): MetaError | undefined {
	if (!body || typeof body !== 'object') return undefined;
	const error = (body as { error?: unknown }).error;
	if (!error || typeof error !== 'object' || Array.isArray(error)) return undefined;
	const raw = error as Record<string, unknown>;
	const details = detailsOf(raw);
	const read: MetaError = {
		message: text(raw.message),
		type: text(raw.type),
		code: integer(raw.code),
		error_subcode: integer(raw.error_subcode),
		error_user_title: text(raw.error_user_title),
		error_user_msg: text(raw.error_user_msg),
		error_data: details !== undefined ? { details } : undefined,
		fbtrace_id: text(raw.fbtrace_id),
		is_transient: typeof raw.is_transient === 'boolean' ? raw.is_transient : undefined,
	};
	for (const key of Object.keys(read) as Array<keyof MetaError>) if (read[key] === undefined) delete read[key];
	return read;
}

function summarizeMetaError(httpStatus: number | null, error: MetaError | undefined): MetaErrorSummary {
	const details = typeof error?.error_data === 'object' ? error.error_data.details : undefined;
	return {
		httpStatus,
		code: error?.code ?? null,
		subcode: error?.error_subcode ?? null,
		type: error?.type ?? null,
		title: error?.error_user_title ?? null,
		details: details ?? null,
		fbtraceId: error?.fbtrace_id ?? null,
		hint: metaErrorHint(error?.code, error?.error_subcode) ?? null,
	};
}

/**
 * Turns a failed Graph response into a NodeApiError whose message is Meta's own, whose
 * description holds the details and our hint, and whose context carries the summary
 * (code, subcode, fbtrace_id, details, hint) for error items.
 */
export function graphError(node: INode, httpStatus: number | null, body: unknown, itemIndex?: number): NodeApiError {
	const meta = metaErrorOf(body);
	const summary = summarizeMetaError(httpStatus, meta);
	const codePart =
		summary.code !== null
			? ` (code ${summary.code}${summary.subcode !== null ? `, subcode ${summary.subcode}` : ''})`
			: '';
	const message = meta?.message
		? `WhatsApp Cloud API error${codePart}: ${meta.message}`
		: `WhatsApp Cloud API answered HTTP ${httpStatus ?? '?'} without an error description`;
	const description = [
		meta?.error_user_msg,
		summary.details ? `Details: ${summary.details}` : undefined,
		summary.hint ? `Hint: ${summary.hint}` : undefined,
		summary.fbtraceId ? `fbtrace_id: ${summary.fbtraceId}` : undefined,
	]
		.filter(Boolean)
		.join('\n');
	const error = new NodeApiError(node, (meta ?? { message }) as JsonObject, {
		message,
		description: description || undefined,
		httpCode: httpStatus !== null ? String(httpStatus) : undefined,
		itemIndex,
	});
	error.context.meta = summary;
	return error;
}

/** The error summary of any error thrown by the transport (or a plain one), for error items. */
export function errorItemJson(error: Error & { description?: string | null; context?: IDataObject }): IDataObject {
	const meta = error.context?.meta as MetaErrorSummary | undefined;
	return {
		error: error.message,
		...(error.description ? { description: error.description } : {}),
		...(meta ?? {}),
	};
}
