import type { IDataObject } from 'n8n-workflow';

/**
 * Reading untrusted JSON (webhook bodies, Graph answers) without throwing: each helper returns
 * the value when it has the expected shape and a neutral value otherwise. None of them converts
 * an object to a string or number: a JSON object can carry its own `toString` / `valueOf` keys,
 * and `String()`, `Number()` or a template literal on it throws "Cannot convert object to
 * primitive value".
 */

export type Obj = Record<string, unknown>;

/** A plain object (not null, not an array). */
export const isObj = (x: unknown): x is IDataObject => !!x && typeof x === 'object' && !Array.isArray(x);

/** A non-empty string, or a finite number as Meta sometimes sends IDs; null otherwise. */
export const str = (x: unknown): string | null =>
	typeof x === 'string' && x !== '' ? x : typeof x === 'number' && Number.isFinite(x) ? String(x) : null;

/** A finite number: a number, or a string holding one (as Meta writes some amounts); null otherwise. */
export function finiteNumber(x: unknown): number | null {
	const n = typeof x === 'number' ? x : typeof x === 'string' && x.trim() !== '' ? Number(x) : NaN;
	return Number.isFinite(n) ? n : null;
}

/** Latest instant a JavaScript Date holds (ms): beyond it `toISOString()` throws. */
const MAX_DATE_MS = 8.64e15;

/**
 * Unix time as Meta sends it (seconds, a number or digits in a string; milliseconds tolerated)
 * → ISO 8601; null when absent, not a time, or beyond what a date can hold.
 */
export function isoTimestamp(x: unknown): string | null {
	const n = typeof x === 'number' ? x : typeof x === 'string' && /^\d{1,20}$/.test(x) ? Number(x) : NaN;
	if (!Number.isFinite(n) || n <= 0) return null;
	const ms = n > 1e12 ? n : n * 1000;
	return ms <= MAX_DATE_MS ? new Date(ms).toISOString() : null;
}

/** Text for a log line: strings as they are, numbers and booleans written out, anything else by its kind. */
export function describeValue(x: unknown): string {
	if (typeof x === 'string') return x;
	if (typeof x === 'number' || typeof x === 'boolean') return String(x);
	if (x === null || x === undefined) return String(x);
	return Array.isArray(x) ? 'an array' : typeof x === 'object' ? 'an object' : `a ${typeof x}`;
}

/** The value as an object, or undefined. */
export function asObject(value: unknown): IDataObject | undefined {
	return isObj(value) ? value : undefined;
}

/** The value as an array, or an empty one. */
export function asArray(value: unknown): unknown[] {
	return Array.isArray(value) ? value : [];
}
