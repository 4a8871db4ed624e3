import type { INodeProperties, INodePropertyCollection } from 'n8n-workflow';
import { z } from 'zod';

/**
 * Field labels for error messages, derived from the node description so that an error names a
 * field exactly as the editor shows it. Nothing here is a hand-written map: the label of an
 * input path is the chain of displayNames from the parameter down to the field.
 *
 * Input paths are the zod paths of an operation's input: parameter names, with the names of
 * collections, fixedCollections and their groups either kept (raw parameter shape) or left out
 * (the flattened shape operations hand to their schemas). A path matches a field when the
 * path's last name is the field's name and its other names appear, in order, among the field's
 * ancestors.
 */

/** One field of the description, with the names and displayNames above it. */
interface FieldEntry {
	names: string[];
	label: string;
}

function isCollectionGroup(option: unknown): option is INodePropertyCollection {
	return Array.isArray((option as INodePropertyCollection).values);
}

function isProperty(option: unknown): option is INodeProperties {
	return typeof (option as INodeProperties).type === 'string' && typeof (option as INodeProperties).name === 'string';
}

/** The editor's words for a field: its fixedCollection ancestors' displayNames, then its own. */
function labelOf(fixedAncestors: string[], displayName: string): string {
	const chain = [...fixedAncestors, displayName].filter((part, index, all) => index === 0 || part !== all[index - 1]);
	return chain.join(' › ');
}

function collectFields(
	properties: readonly INodeProperties[],
	names: string[],
	fixedAncestors: string[],
	into: FieldEntry[],
): void {
	for (const property of properties) {
		const path = [...names, property.name];
		into.push({ names: path, label: labelOf(fixedAncestors, property.displayName) });
		if (property.type === 'collection' && property.options) {
			collectFields(property.options.filter(isProperty), path, fixedAncestors, into);
		}
		if (property.type === 'fixedCollection' && property.options) {
			for (const group of property.options.filter(isCollectionGroup)) {
				collectFields(group.values, [...path, group.name], [...fixedAncestors, property.displayName], into);
			}
		}
	}
}

const fieldCache = new WeakMap<readonly INodeProperties[], FieldEntry[]>();

function fieldsOf(properties: readonly INodeProperties[]): FieldEntry[] {
	let fields = fieldCache.get(properties);
	if (!fields) {
		fields = [];
		collectFields(properties, [], [], fields);
		fieldCache.set(properties, fields);
	}
	return fields;
}

/** Whether `wanted` (all but the last name) appear in order among `names`. */
function isSubsequence(wanted: string[], names: string[]): boolean {
	let at = 0;
	for (const name of names) if (name === wanted[at]) at++;
	return at === wanted.length;
}

/**
 * The label of the field an input path points at, or undefined when no field, or several
 * fields with different labels, match it.
 */
export function labelFor(
	properties: readonly INodeProperties[],
	path: ReadonlyArray<string | number>,
): string | undefined {
	const names = path.filter((part): part is string => typeof part === 'string');
	if (!names.length) return undefined;
	const last = names[names.length - 1];
	const before = names.slice(0, -1);
	const matches = fieldsOf(properties).filter(
		(field) => field.names[field.names.length - 1] === last && isSubsequence(before, field.names.slice(0, -1)),
	);
	if (!matches.length) return undefined;
	// Fewest extra names first: `body` is the top-level Body, not a Body inside a collection.
	const extra = (field: FieldEntry) => field.names.length - names.length;
	const fewest = Math.min(...matches.map(extra));
	const labels = new Set(matches.filter((field) => extra(field) === fewest).map((field) => field.label));
	return labels.size === 1 ? [...labels][0] : undefined;
}

/** Where labels come from: the operation's parameters, or (resource-mapper fields) a lookup. */
export type LabelSource = readonly INodeProperties[] | ((path: ReadonlyArray<string | number>) => string | undefined);

/**
 * The label for an input path: the path itself, else the nearest enclosing path that has one
 * (an issue raised on a whole entry names the list it is in).
 */
export function resolveLabel(source: LabelSource, path: ReadonlyArray<string | number>): string | undefined {
	const lookup = typeof source === 'function' ? source : (p: ReadonlyArray<string | number>) => labelFor(source, p);
	for (let end = path.length; end > 0; end--) {
		if (typeof path[end - 1] !== 'string') continue;
		const label = lookup(path.slice(0, end));
		if (label) return label;
	}
	return undefined;
}

/**
 * Every key path a zod schema reads (`*` for array entries), to prove that each has a label.
 * Follows objects, arrays, optionals, defaults, effects, unions and pipelines.
 */
export function schemaPaths(
	schema: z.ZodTypeAny,
	prefix: Array<string | number> = [],
	into: Array<Array<string | number>> = [],
): Array<Array<string | number>> {
	const def = schema._def as { typeName?: string; [key: string]: unknown };
	switch (def.typeName) {
		case z.ZodFirstPartyTypeKind.ZodObject: {
			const shape = (schema as z.AnyZodObject).shape as Record<string, z.ZodTypeAny>;
			for (const [key, child] of Object.entries(shape)) {
				into.push([...prefix, key]);
				schemaPaths(child, [...prefix, key], into);
			}
			break;
		}
		case z.ZodFirstPartyTypeKind.ZodArray:
			schemaPaths((schema as z.ZodArray<z.ZodTypeAny>).element, [...prefix, 0], into);
			break;
		case z.ZodFirstPartyTypeKind.ZodOptional:
		case z.ZodFirstPartyTypeKind.ZodNullable:
		case z.ZodFirstPartyTypeKind.ZodDefault:
		case z.ZodFirstPartyTypeKind.ZodCatch:
		case z.ZodFirstPartyTypeKind.ZodReadonly:
			schemaPaths(def.innerType as z.ZodTypeAny, prefix, into);
			break;
		case z.ZodFirstPartyTypeKind.ZodBranded:
			schemaPaths(def.type as z.ZodTypeAny, prefix, into);
			break;
		case z.ZodFirstPartyTypeKind.ZodEffects:
			schemaPaths(def.schema as z.ZodTypeAny, prefix, into);
			break;
		case z.ZodFirstPartyTypeKind.ZodPipeline:
			schemaPaths(def.in as z.ZodTypeAny, prefix, into);
			break;
		case z.ZodFirstPartyTypeKind.ZodUnion:
		case z.ZodFirstPartyTypeKind.ZodDiscriminatedUnion:
			for (const option of (def.options as z.ZodTypeAny[] | Map<unknown, z.ZodTypeAny>).values())
				schemaPaths(option, prefix, into);
			break;
		case z.ZodFirstPartyTypeKind.ZodIntersection:
			schemaPaths(def.left as z.ZodTypeAny, prefix, into);
			schemaPaths(def.right as z.ZodTypeAny, prefix, into);
			break;
		default:
			break;
	}
	return into;
}

/** The label of a field that must exist (a programming error otherwise, caught by the tests at load). */
export function requireLabel(properties: readonly INodeProperties[], path: ReadonlyArray<string | number>): string {
	const label = labelFor(properties, path);
	if (!label) throw new Error(`No field ${path.join('.')} in the description`);
	return label;
}
