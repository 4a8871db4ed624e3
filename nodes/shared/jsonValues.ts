import type { IDataObject } from 'n8n-workflow';

/**
 * Reading untrusted JSON (webhook bodies, Graph answers) without throwing: each helper returns
 * the value when it has the expected shape and a neutral value otherwise.
 */

export type Obj = Record<string, unknown>;

/** A plain object (not null, not an array). */
export const isObj = (x: unknown): x is IDataObject => !!x && typeof x === 'object' && !Array.isArray(x);

/** A non-empty string, or a number as Meta sometimes sends IDs; null otherwise. */
export const str = (x: unknown): string | null =>
	typeof x === 'string' && x !== '' ? x : typeof x === 'number' ? String(x) : null;

/** The value as an object, or undefined. */
export function asObject(value: unknown): IDataObject | undefined {
	return isObj(value) ? value : undefined;
}

/** The value as an array, or an empty one. */
export function asArray(value: unknown): unknown[] {
	return Array.isArray(value) ? value : [];
}
