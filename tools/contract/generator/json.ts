/** JSON values, and the walk over a schema and its subschemas that every rewrite uses. */
export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
	[key: string]: Json;
}

export function isObject(value: Json | undefined): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function clone<T extends Json>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

export function sameJson(a: Json | undefined, b: Json | undefined): boolean {
	if (a === undefined || b === undefined) return a === b;
	return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

export function sortKeys(value: Json): Json {
	if (Array.isArray(value)) return value.map(sortKeys);
	if (isObject(value)) {
		const out: JsonObject = {};
		for (const key of Object.keys(value).sort()) out[key] = sortKeys(value[key]);
		return out;
	}
	return value;
}

export function child(value: Json | undefined, key: string): Json | undefined {
	if (Array.isArray(value)) return value[Number(key)];
	if (isObject(value)) return value[key];
	return undefined;
}

// Keywords whose value is a schema, a map of schemas, or a list of schemas.
const SCHEMA_VALUED = ['items', 'additionalProperties', 'unevaluatedProperties', 'unevaluatedItems', 'not', 'if', 'then', 'else', 'contains', 'propertyNames'];
const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'dependentSchemas'];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];

/** Calls fn on a schema and then on each of its subschemas (depth first, parent before children). */
export function walkSchema(schema: Json, fn: (node: JsonObject) => void): void {
	if (!isObject(schema)) return;
	fn(schema);
	for (const key of SCHEMA_VALUED) if (isObject(schema[key])) walkSchema(schema[key], fn);
	for (const key of SCHEMA_MAPS) {
		const map = schema[key];
		if (isObject(map)) for (const name of Object.keys(map)) walkSchema(map[name], fn);
	}
	for (const key of SCHEMA_LISTS) {
		const list = schema[key];
		if (Array.isArray(list)) for (const item of list) walkSchema(item, fn);
	}
}
