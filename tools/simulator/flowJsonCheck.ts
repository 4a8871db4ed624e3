/**
 * A small stand-in for Meta's Flow JSON validator: the checks the tests need, answered in Meta's
 * `validation_errors` shape (error, error_type, message, line/column span; Meta, "Flows API" →
 * "Update Flow JSON": https://developers.facebook.com/docs/whatsapp/flows/reference/flowsapi).
 * It checks that the text parses, that `version` and a non-empty `screens` are there, that screens
 * have ids, and that every `navigate` action names a screen the JSON has. It is not Meta's full
 * schema (components are not checked).
 */

export interface FlowValidationError {
	error: string;
	error_type: string;
	message: string;
	line_start: number;
	line_end: number;
	column_start: number;
	column_end: number;
}

/** 1-based line and column of `offset` in `text`. */
function position(text: string, offset: number): { line: number; column: number } {
	const before = text.slice(0, Math.max(0, offset));
	const lines = before.split('\n');
	return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

function spanned(text: string, offset: number, length: number, fields: Pick<FlowValidationError, 'error' | 'error_type' | 'message'>): FlowValidationError {
	const start = position(text, offset);
	const end = position(text, offset + length);
	return { ...fields, line_start: start.line, line_end: end.line, column_start: start.column, column_end: end.column };
}

/** Every object in `value` (depth first), with the JSON pointer Meta writes ("$root/screens/0/…"). */
function* objects(value: unknown, at: string): Generator<{ node: Record<string, unknown>; at: string }> {
	if (Array.isArray(value)) {
		for (let i = 0; i < value.length; i++) yield* objects(value[i], `${at}/${i}`);
	} else if (typeof value === 'object' && value !== null) {
		const node = value as Record<string, unknown>;
		yield { node, at };
		for (const [key, child] of Object.entries(node)) yield* objects(child, `${at}/${key}`);
	}
}

/** The screen names `navigate` actions go to, with where each is written. */
function navigations(flow: unknown): Array<{ screen: string; at: string }> {
	const found: Array<{ screen: string; at: string }> = [];
	for (const { node, at } of objects(flow, '$root')) {
		if (node.name !== 'navigate') continue;
		const next = node.next as { name?: unknown } | undefined;
		if (next && typeof next.name === 'string') found.push({ screen: next.name, at: `${at}/next/name` });
	}
	return found;
}

/** Meta-shaped validation errors of a Flow JSON text; empty when it passes. */
export function checkFlowJson(text: string): FlowValidationError[] {
	let flow: unknown;
	try {
		flow = JSON.parse(text);
	} catch (error) {
		const offset = Number(/position (\d+)/.exec((error as Error).message)?.[1] ?? 0);
		return [spanned(text, offset, 1, { error: 'INVALID_JSON', error_type: 'JSON_SYNTAX_ERROR', message: `The Flow JSON is not valid JSON: ${(error as Error).message}` })];
	}
	if (typeof flow !== 'object' || flow === null || Array.isArray(flow)) {
		return [spanned(text, 0, 1, { error: 'INVALID_PROPERTY_TYPE', error_type: 'JSON_SCHEMA_ERROR', message: 'Expected the root to be an object at "$root".' })];
	}
	const root = flow as Record<string, unknown>;
	const errors: FlowValidationError[] = [];
	const missing = (property: string) =>
		spanned(text, 0, 1, { error: 'REQUIRED_PROPERTY_MISSING', error_type: 'JSON_SCHEMA_ERROR', message: `The property "${property}" is required at "$root".` });
	if (typeof root.version !== 'string') errors.push(missing('version'));
	const screens = Array.isArray(root.screens) ? (root.screens as unknown[]) : undefined;
	if (!screens || screens.length === 0) {
		errors.push(missing('screens'));
		return errors;
	}
	const ids = new Set<string>();
	screens.forEach((screen, i) => {
		const id = (screen as { id?: unknown } | null)?.id;
		if (typeof id === 'string' && id !== '') ids.add(id);
		else errors.push(spanned(text, 0, 1, { error: 'REQUIRED_PROPERTY_MISSING', error_type: 'JSON_SCHEMA_ERROR', message: `The property "id" is required at "$root/screens/${i}".` }));
	});
	for (const { screen, at } of navigations(root)) {
		if (ids.has(screen)) continue;
		const offset = text.indexOf(`"${screen}"`);
		errors.push(spanned(text, offset, screen.length + 2, { error: 'INVALID_NAVIGATION', error_type: 'FLOW_SEMANTIC_ERROR', message: `Screen "${screen}" does not exist; navigate at "${at}" needs one of the screens' ids.` }));
	}
	return errors;
}

/** Whether the Flow asks its data endpoint for data (a data_api_version or a data_exchange action): it then needs endpoint_uri. */
export function usesEndpoint(text: string): boolean {
	try {
		const flow = JSON.parse(text) as Record<string, unknown>;
		if (typeof flow.data_api_version === 'string') return true;
		for (const { node } of objects(flow, '$root')) if (node.name === 'data_exchange') return true;
	} catch {
		return false;
	}
	return false;
}
