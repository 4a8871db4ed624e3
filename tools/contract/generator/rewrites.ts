/**
 * Rewrites applied to Meta's schemas (every one is needed for plain JSON Schema validation to mean
 * what the contract means); R2 is in refRepair.ts, R7 in patches/, R8 in addedOperations.ts.
 *
 *  R1 Prose removed: description, summary, example, examples, externalDocs, title, and OpenAPI-only
 *     annotations (deprecated, readOnly, writeOnly, xml, x-*), only where they are schema keywords
 *     (a property that is *named* "title" or "description" is kept).
 *
 *
 *  R3 OpenAPI 3.0 `nullable: true` becomes a type list that includes "null".
 *
 *  R4 OpenAPI `discriminator` has no meaning in JSON Schema; it is replaced by explicit dispatch:
 *     the discriminating property gets an enum of the mapping keys, becomes required, and one
 *     `if {prop: const k} then {$ref mapping[k]}` per key is added to allOf.
 *     - with oneOf (Message, IncomingMessage): the oneOf is dropped (the if/then list replaces it),
 *       so an error names the one branch the payload claims to be instead of all eleven.
 *     - without oneOf (TemplateComponent, ParameterObject, ButtonParameterObject, and the inline
 *       `interactive` of InteractiveMessageReply): OpenAPI's allOf inheritance, where the children
 *       (HeaderComponent, TextParameter, ...) are allOf [$ref parent, {...}]. The parent keeps its
 *       own keywords in `<Name>__base`, children are pointed at the base, and the parent gets the
 *       dispatch, so a template's parameters are checked against the mapped child (they would
 *       otherwise only be checked as "an array").
 *     The mapping of every discriminator is also written to `discriminators` in schemas.json, for
 *     validate.ts to pick the branch itself (clear errors).
 *     Message: a message without `type` is a text message (Meta's documented default; the example
 *     "Send Text Message with Preview URL" has no type), so `type` is not required there and a
 *     missing type dispatches to TextMessage.
 *
 *  R5 allOf + additionalProperties:false. The send-side messages are
 *     allOf [ {$ref BaseMessageProperties}, {additionalProperties:false, properties:{type, text}} ];
 *     in JSON Schema that branch would reject `to`/`messaging_product` (declared in the other
 *     branch). The `additionalProperties: false` is moved out of the branch and the allOf parent
 *     gets `unevaluatedProperties: false` (same intent: only properties declared by some branch are
 *     allowed). Validate with Ajv2020 (ajv/dist/2020).
 *
 *  R6 `format` is kept as an annotation only (the JSON Schema 2020-12 default). The examples use
 *     placeholders such as "<http(s)://audio-url>" in `link` (format "url", not a JSON Schema
 *     format), int32/int64/float are OpenAPI type hints and Meta checks links when it downloads
 *     them, not when it accepts the request.
 *
 */
import { clone, isObject, walkSchema, type Json, type JsonObject } from './json';

/** R4: value used when the discriminating property is absent. */
const DISCRIMINATOR_DEFAULTS: Record<string, string> = { Message: 'text' };

const PROSE_KEYS = new Set(['description', 'summary', 'example', 'examples', 'externalDocs', 'title', 'deprecated', 'readOnly', 'writeOnly', 'xml']);

export function stripProse(schema: Json): void {
	walkSchema(schema, (node) => {
		for (const key of Object.keys(node)) {
			if (PROSE_KEYS.has(key) || key.startsWith('x-')) delete node[key];
		}
	});
}

export function rewriteNullable(schema: Json): void {
	walkSchema(schema, (node) => {
		if (!('nullable' in node)) return;
		if (node.nullable === true) {
			const type = node.type;
			if (typeof type === 'string') node.type = [type, 'null'];
			else if (Array.isArray(type) && !type.includes('null')) type.push('null');
		}
		delete node.nullable;
	});
}

export interface DiscriminatorInfo {
	propertyName: string;
	mapping: Record<string, string>;
	default?: string;
}

export function defName(ref: Json | undefined): string {
	if (typeof ref !== 'string' || !ref.startsWith('#/$defs/')) throw new Error(`expected a #/$defs/ ref, got ${String(ref)}`);
	return ref.slice('#/$defs/'.length);
}

/**
 * R4 for every discriminator in every definition. Returns the discriminators found, keyed by the
 * definition name (or "<Name>#<json path>" for inline ones).
 */
export function rewriteDiscriminators(defs: JsonObject): Record<string, DiscriminatorInfo> {
	const found: Record<string, DiscriminatorInfo> = {};
	for (const owner of Object.keys(defs)) {
		const nodes: Array<{ node: JsonObject; isRoot: boolean }> = [];
		walkSchema(defs[owner], (node) => {
			if (isObject(node.discriminator)) nodes.push({ node, isRoot: node === defs[owner] });
		});
		nodes.forEach(({ node, isRoot }, index) => {
			const discriminator = node.discriminator as JsonObject;
			const prop = String(discriminator.propertyName);
			const mappingJson = discriminator.mapping;
			if (!isObject(mappingJson)) throw new Error(`${owner}: discriminator without mapping`);
			const mapping: Record<string, string> = {};
			for (const key of Object.keys(mappingJson)) mapping[key] = defName(mappingJson[key]);
			delete node.discriminator;

			if (Array.isArray(node.oneOf)) {
				const targets = new Set(Object.values(mapping));
				for (const branch of node.oneOf) {
					if (!isObject(branch) || !targets.has(defName(branch.$ref))) {
						throw new Error(`${owner}: oneOf branch not covered by the discriminator mapping`);
					}
				}
				delete node.oneOf;
			} else if (isRoot) {
				// allOf inheritance: children that extend this definition now extend <owner>__base.
				const base = `${owner}__base`;
				const children = new Set(Object.values(mapping));
				let extended = false;
				for (const childName of children) {
					walkSchema(defs[childName], (childNode) => {
						if (childNode.$ref === `#/$defs/${owner}`) {
							childNode.$ref = `#/$defs/${base}`;
							extended = true;
						}
					});
				}
				if (extended) defs[base] = clone(node);
			}

			const keys = Object.keys(mapping);
			const properties = isObject(node.properties) ? node.properties : (node.properties = {});
			const propSchema = isObject(properties[prop]) ? properties[prop] : (properties[prop] = {});
			propSchema.enum = keys;
			const defaultKey = isRoot ? DISCRIMINATOR_DEFAULTS[owner] : undefined;
			if (defaultKey === undefined) {
				const required = Array.isArray(node.required) ? node.required : (node.required = []);
				if (!required.includes(prop)) required.push(prop);
			}
			const cases: Json[] = keys.map((key) => ({
				if: { properties: { [prop]: { const: key } }, required: [prop] },
				then: { $ref: `#/$defs/${mapping[key]}` },
			}));
			if (defaultKey !== undefined) {
				cases.push({ if: { not: { required: [prop] } }, then: { $ref: `#/$defs/${mapping[defaultKey]}` } });
			}
			node.allOf = [...(Array.isArray(node.allOf) ? node.allOf : []), ...cases];
			const info: DiscriminatorInfo = { propertyName: prop, mapping };
			if (defaultKey !== undefined) info.default = defaultKey;
			found[isRoot ? owner : `${owner}#${index}`] = info;
		});
	}
	return found;
}

export function rewriteClosedAllOf(schema: Json): void {
	walkSchema(schema, (node) => {
		if (!Array.isArray(node.allOf)) return;
		let closed = node.additionalProperties === false;
		for (const branch of node.allOf) {
			if (isObject(branch) && branch.additionalProperties === false) {
				delete branch.additionalProperties;
				closed = true;
			}
		}
		if (closed) {
			delete node.additionalProperties;
			node.unevaluatedProperties = false;
		}
	});
}
