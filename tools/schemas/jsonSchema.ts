/**
 * JSON values → one JSON Schema (draft-07) describing all of them, in the shape of n8n's own
 * `__schema__` files (`type` / `properties` / `items`), plus `required` for the object keys present
 * in every sample at that place. Deterministic: properties and `required` sorted by name, types in
 * a fixed order (null last, because n8n's editor shows a multi-type field with its first type).
 *
 * n8n's editor reads `type`, `properties` and `items` only, and expands an object's fields only when
 * `type` is exactly "object": a field that is an object in one sample and null in another is shown
 * as a field without its sub-fields (its `properties` are still in the file).
 */

export type JsonType = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'null';

/** The order types are listed in a multi-type `type`. */
const TYPE_ORDER: JsonType[] = ['object', 'array', 'string', 'number', 'boolean', 'null'];

export interface JsonSchema {
	$schema?: string;
	type?: JsonType | JsonType[];
	properties?: Record<string, JsonSchema>;
	required?: string[];
	items?: JsonSchema;
}

export const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';

/** What the samples at one place in the tree had in common. */
class Shape {
	readonly types = new Set<JsonType>();
	/** how many samples here were objects */
	objects = 0;
	readonly properties = new Map<string, { shape: Shape; count: number }>();
	/** every element of every array sample here */
	items: Shape | undefined;

	add(value: unknown): void {
		const type = typeOf(value);
		this.types.add(type);
		if (type === 'object') {
			this.objects++;
			for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
				if (child === undefined) continue;
				let entry = this.properties.get(key);
				if (!entry) this.properties.set(key, (entry = { shape: new Shape(), count: 0 }));
				entry.count++;
				entry.shape.add(child);
			}
		} else if (type === 'array') {
			for (const element of value as unknown[]) (this.items ??= new Shape()).add(element);
		}
	}

	toSchema(): JsonSchema {
		const types = TYPE_ORDER.filter((t) => this.types.has(t));
		const schema: JsonSchema = {};
		if (types.length > 0) schema.type = types.length === 1 ? types[0] : types;
		if (this.types.has('object')) {
			const names = [...this.properties.keys()].sort(byCodePoint);
			schema.properties = Object.fromEntries(names.map((n) => [n, this.properties.get(n)!.shape.toSchema()]));
			const required = names.filter((n) => this.properties.get(n)!.count === this.objects);
			if (required.length > 0) schema.required = required;
		}
		if (this.types.has('array') && this.items) schema.items = this.items.toSchema();
		return schema;
	}
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function typeOf(value: unknown): JsonType {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	switch (typeof value) {
		case 'string':
			return 'string';
		case 'number':
			return 'number';
		case 'boolean':
			return 'boolean';
		case 'object':
			return 'object';
		default:
			throw new Error(`not a JSON value: ${typeof value}`);
	}
}

/** The draft-07 schema of all samples (at least one). */
export function schemaOf(samples: unknown[]): JsonSchema {
	if (samples.length === 0) throw new Error('schemaOf needs at least one sample');
	const shape = new Shape();
	for (const sample of samples) shape.add(sample);
	return { $schema: DRAFT_07, ...shape.toSchema() };
}

/** A value's JSON with object keys sorted: equal values give equal texts. */
export function canonicalJson(value: unknown): string {
	return JSON.stringify(value, (_key, v: unknown) =>
		v && typeof v === 'object' && !Array.isArray(v)
			? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => byCodePoint(a, b)))
			: v,
	);
}

/** The shape of one sample (its own schema, without `$schema`) as a text: samples of one shape give one text. */
export function shapeKey(sample: unknown): string {
	const shape = new Shape();
	shape.add(sample);
	return canonicalJson(shape.toSchema());
}

/**
 * One sample per distinct shape: the schema of the kept samples equals the schema of all of them
 * (merging is indifferent to repeats). Of each shape the smallest sample is kept (shortest canonical
 * JSON, then the lexically first), and the kept samples are ordered by that text.
 */
export function distinctShapes<T>(samples: T[], jsonOf: (sample: T) => unknown): T[] {
	const best = new Map<string, { sample: T; text: string }>();
	for (const sample of samples) {
		const json = jsonOf(sample);
		const key = shapeKey(json);
		const text = canonicalJson(json);
		const kept = best.get(key);
		if (!kept || text.length < kept.text.length || (text.length === kept.text.length && text < kept.text)) {
			best.set(key, { sample, text });
		}
	}
	return [...best.values()]
		.sort((a, b) => a.text.length - b.text.length || byCodePoint(a.text, b.text))
		.map((k) => k.sample);
}
