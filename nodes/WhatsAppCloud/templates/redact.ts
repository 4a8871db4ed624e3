/**
 * A one-time code must not outlive its send in logs or error output: Meta may quote a parameter
 * value back in `error_data.details`, and n8n keeps a failed item's error in the execution.
 * `redactCode` masks every occurrence of the code in an error's message, description and the
 * Meta details it carries, in place.
 */
const MASK = '[code hidden]';

function scrub(value: unknown, code: string): unknown {
	if (typeof value === 'string') return value.split(code).join(MASK);
	if (Array.isArray(value)) return value.map((entry) => scrub(entry, code));
	if (value && typeof value === 'object') {
		const object = value as Record<string, unknown>;
		for (const key of Object.keys(object)) object[key] = scrub(object[key], code);
		return object;
	}
	return value;
}

/** The code of an authentication template send (the body parameter), if this send has one. */
export function oneTimeCodeOf(components: Array<Record<string, unknown>>, hasOtpButton: boolean): string | undefined {
	if (!hasOtpButton) return undefined;
	const body = components.find((c) => c.type === 'body') as { parameters?: Array<{ text?: unknown }> } | undefined;
	const text = body?.parameters?.[0]?.text;
	return typeof text === 'string' && text !== '' ? text : undefined;
}

/** Where an n8n error keeps text: its message, description, stack, context, cause and Meta's answer. */
const FIELDS = ['message', 'description', 'stack', 'context', 'cause', 'errorResponse', 'messages'] as const;

/** Masks `code` in the error's fields (FIELDS); returns the same error. */
export function redactCode<E>(error: E, code: string | undefined): E {
	if (!code || !error || typeof error !== 'object') return error;
	const target = error as Record<string, unknown>;
	for (const key of FIELDS) {
		if (target[key] !== undefined && target[key] !== null) target[key] = scrub(target[key], code);
	}
	return error;
}
