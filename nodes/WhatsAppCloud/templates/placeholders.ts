/**
 * Template variables ("placeholders") in header, body and URL texts: positional {{1}}, {{2}} …
 * or named {{first_name}}. One pattern finds them all (spaces inside the braces are tolerated,
 * as Meta's editor does); whether what is inside is a valid name is a separate question, so that
 * Create can explain a bad one instead of ignoring it.
 */

/** Every `{{…}}` without nested braces; group 1 is what is inside. */
const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

/** A positional variable: 1, 2, 3 … */
const POSITIONAL = /^\d+$/;

/** A named variable, Meta's rule: lowercase letters, digits and underscores, starting with a letter or _. */
const NAMED = /^[a-z_][a-z0-9_]*$/;

export function isPositional(name: string): boolean {
	return POSITIONAL.test(name);
}

export function isNamed(name: string): boolean {
	return NAMED.test(name);
}

/** What is inside each `{{…}}` of a text, trimmed, in order of appearance (repeats kept). */
export function placeholderNames(text: string | undefined): string[] {
	return [...(text ?? '').matchAll(PLACEHOLDER)].map((match) => match[1].trim());
}

/**
 * The variables of a text as a send needs them: each once, positional ones by number, named
 * ones in order of appearance; `named` when any of them is named. Malformed ones are left out.
 */
export function placeholdersOf(text: string | undefined): { names: string[]; named: boolean } {
	const names = [...new Set(placeholderNames(text))].filter((name) => isPositional(name) || isNamed(name));
	const named = names.some((name) => !isPositional(name));
	if (!named) names.sort((a, b) => Number(a) - Number(b));
	return { names, named };
}

/** Whether a text starts / ends with a variable (Meta refuses such bodies). */
export function startsWithPlaceholder(text: string): boolean {
	return /^\{\{[^{}]*\}\}/.test(text.trim());
}

export function endsWithPlaceholder(text: string): boolean {
	return /\{\{[^{}]*\}\}$/.test(text.trim());
}

/** A user's way of naming a variable ("2", "{{2}}", " {{ total }} ") as the name inside the braces. */
export function bareVariableName(value: unknown): string {
	return String(value ?? '')
		.trim()
		.replace(/^\{\{\s*|\s*\}\}$/g, '')
		.trim();
}
