import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { resolveLabel, type LabelSource } from '../../validation/labels';

/**
 * "Fields From Input": the bulk sends (Send Text, Send Template, Send Media) read the recipient
 * and the content straight from named fields of the input item instead of from parameters.
 * No expression is evaluated for them — in n8n 2.x every evaluated expression costs an
 * isolated-vm call per item, the largest share of a bulk send's CPU (issue 20). The same idiom
 * as n8n's Set node modes and the resource mapper's "Map Automatically" beside "Define Below".
 */

export const MAPPING_MODE = 'mappingMode';

export type MappingMode = 'defineBelow' | 'fieldsFromInput';

export function mappingModeParameter(): INodeProperties {
	return {
		displayName: 'Mapping Mode',
		name: MAPPING_MODE,
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Define Below',
				value: 'defineBelow',
				description: 'Set each value below, with expressions where it changes per item',
			},
			{
				name: 'Fields From Input',
				value: 'fieldsFromInput',
				description:
					'Name the input fields that hold the values (dot paths like customer.phone work). Fastest for bulk sends: no expression is evaluated per item.',
			},
		],
		default: 'defineBelow',
	};
}

/** The parameters shown only in "Define Below" (today's fields, unchanged). */
export function definedBelow(properties: INodeProperties[]): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...property.displayOptions?.show, [MAPPING_MODE]: ['defineBelow'] },
		},
	}));
}

/** A parameter naming the input field that holds one value (shown only in "Fields From Input"). */
export function inputFieldParameter(
	name: string,
	displayName: string,
	field: string,
	description: string,
	show: IDataObject = {},
): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		default: field,
		placeholder: `e.g. ${field || name.replace(/Field$/, '')}`,
		description,
		displayOptions: { show: { ...show, [MAPPING_MODE]: ['fieldsFromInput'] } },
	};
}

/** The input field for the recipient, shared by the three sends. */
export const recipientFieldParameter = (): INodeProperties =>
	inputFieldParameter(
		'toField',
		'Recipient Field',
		'to',
		'Input field with the phone number or user ID (BSUID) to send to; for WhatsApp Cloud Trigger items use recipient',
	);

function hasExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(hasExpression);
	if (value !== null && typeof value === 'object') return Object.values(value).some(hasExpression);
	return false;
}

const NOT_FIXED = Symbol('expression');
const fixedByRun = new WeakMap<object, Map<string, unknown>>();

/** A parameter that is nothing but a read of the input item, e.g. `={{ $json.customer.phone }}`. */
class JsonRead {
	constructor(readonly path: string[]) {}
}

// What n8n's drag-and-drop mapping writes: `{{ $json.a.b }}`, `{{ $json['first name'] }}`, `{{ $json.rows[0] }}`.
const PLAIN_JSON_READ = /^=\{\{\s*\$json((?:\.[A-Za-z_$][\w$]*|\[(?:'[^'\\]*'|"[^"\\]*"|\d+)\])+)\s*\}\}$/;
const PATH_STEP = /\.([A-Za-z_$][\w$]*)|\['([^'\\]*)'\]|\["([^"\\]*)"\]|\[(\d+)\]/g;

/** The path of a plain `$json` read, else undefined (any other expression is left to n8n). */
export function plainJsonReadPath(raw: unknown): string[] | undefined {
	if (typeof raw !== 'string') return undefined;
	const match = PLAIN_JSON_READ.exec(raw);
	if (!match) return undefined;
	return [...match[1].matchAll(PATH_STEP)].map((step) => step[1] ?? step[2] ?? step[3] ?? step[4]);
}

/** The item's own value at `path` when it is text, a number or a boolean; else undefined. */
function primitiveAt(json: unknown, path: string[]): string | number | boolean | undefined {
	let current = json;
	for (const key of path) {
		if (current === null || typeof current !== 'object' || !Object.prototype.hasOwnProperty.call(current, key)) return undefined;
		current = (current as Record<string, unknown>)[key];
	}
	return typeof current === 'string' || typeof current === 'number' || typeof current === 'boolean' ? current : undefined;
}

/**
 * A parameter of the node run: a value without an expression is the same for every item, so it
 * is read once per run (n8n-core copies and cleans it on every getNodeParameter). An expression
 * that only reads the input item (`{{ $json.phone }}`) is read straight from the item when the
 * value there is text, a number or a boolean — the value n8n's evaluation returns, without an
 * isolate per item (≈ 0.5 ms of n8n's CPU each); anything else is evaluated by n8n for the item.
 * The value is shared: callers must not change it.
 */
export function runParameter(ctx: IExecuteFunctions, name: string, itemIndex: number, fallback: unknown): unknown {
	let memo = fixedByRun.get(ctx);
	if (!memo) fixedByRun.set(ctx, (memo = new Map()));
	let value = memo.get(name);
	if (value === undefined) {
		const raw = ctx.getNodeParameter(name, itemIndex, fallback, { rawExpressions: true }) as unknown;
		const path = plainJsonReadPath(raw);
		value = path ? new JsonRead(path) : hasExpression(raw) ? NOT_FIXED : ctx.getNodeParameter(name, itemIndex, fallback);
		memo.set(name, value);
	}
	if (value instanceof JsonRead) {
		const read = primitiveAt(ctx.getInputData()[itemIndex]?.json, value.path);
		if (read !== undefined) return read;
	}
	return value === NOT_FIXED || value instanceof JsonRead ? ctx.getNodeParameter(name, itemIndex, fallback) : value;
}

export function mappingModeOf(this: IExecuteFunctions, itemIndex: number): MappingMode {
	return runParameter(this, MAPPING_MODE, itemIndex, 'defineBelow') === 'fieldsFromInput' ? 'fieldsFromInput' : 'defineBelow';
}

/** `a.b`, `a[0].b` → ['a', 'b'], ['a', '0', 'b']. */
function pathOf(field: string): string[] {
	return field.replace(/\[(\d+)\]/g, '.$1').split('.').filter((part) => part !== '');
}

const MISSING = Symbol('missing');

/** The value at `field` in `json`: the key itself when it exists (a key may contain dots), else the dot path. */
function valueAt(json: IDataObject, field: string): unknown {
	if (Object.prototype.hasOwnProperty.call(json, field)) return json[field];
	let current: unknown = json;
	for (const key of pathOf(field)) {
		if (current === null || typeof current !== 'object' || !Object.prototype.hasOwnProperty.call(current, key)) return MISSING;
		current = (current as Record<string, unknown>)[key];
	}
	return current;
}

/** One item's mapped fields: each read once, from the item's JSON as it came in. */
export class InputFields {
	readonly json: IDataObject;
	/** input key → the input field that filled it, for the error labels */
	private readonly named = new Map<string, string>();

	constructor(
		private readonly ctx: IExecuteFunctions,
		readonly itemIndex: number,
	) {
		this.json = ctx.getInputData()[itemIndex]?.json ?? {};
	}

	/**
	 * The value for input key `key` from the field that parameter `parameter` (editor label
	 * `label`) names. Required: refused when no field is named or the item lacks it. Optional:
	 * undefined then (and for null).
	 */
	take(key: string, parameter: string, label: string, required = true): unknown {
		const raw = runParameter(this.ctx, parameter, this.itemIndex, '');
		const field = typeof raw === 'string' ? raw.trim() : '';
		if (!field) {
			if (!required) return undefined;
			throw new NodeOperationError(
				this.ctx.getNode(),
				`"${label}" is empty: enter the name of the input field that holds the value (item ${this.itemIndex + 1})`,
				{ itemIndex: this.itemIndex },
			);
		}
		this.named.set(key, field);
		const value = valueAt(this.json, field);
		if (value !== MISSING) return required || value !== null ? value : undefined;
		if (!required) return undefined;
		const keys = Object.keys(this.json);
		const shown = keys.slice(0, 12).join(', ') + (keys.length > 12 ? ', …' : '');
		throw new NodeOperationError(
			this.ctx.getNode(),
			`The input item has no field "${field}" (named in "${label}") (item ${this.itemIndex + 1})`,
			{ itemIndex: this.itemIndex, description: keys.length ? `Its fields: ${shown}.` : 'The item has no fields.' },
		);
	}

	/**
	 * An object of values: the one in the field parameter `parameter` names, or the item itself
	 * when it names none. Refused when the field is missing or not an object.
	 */
	object(key: string, parameter: string, label: string): { value: IDataObject; field: string } {
		const raw = runParameter(this.ctx, parameter, this.itemIndex, '');
		const field = typeof raw === 'string' ? raw.trim() : '';
		if (!field) return { value: this.json, field: '' };
		const value = this.take(key, parameter, label);
		if (value === null || typeof value !== 'object' || Array.isArray(value)) {
			throw new NodeOperationError(
				this.ctx.getNode(),
				`The input field "${field}" (named in "${label}") must be an object of values, not ${Array.isArray(value) ? 'a list' : value === null ? 'null' : typeof value} (item ${this.itemIndex + 1})`,
				{ itemIndex: this.itemIndex },
			);
		}
		return { value: value as IDataObject, field };
	}

	/**
	 * Error labels for the checked input: a value read from a field is named by its editor label
	 * and that field (`Message Text › input field text`), anything else as `labels` names it.
	 */
	labels(labels: LabelSource): LabelSource {
		return (path) => {
			const label = resolveLabel(labels, path);
			const field = typeof path[0] === 'string' ? this.named.get(path[0]) : undefined;
			return field ? `${label ?? path[0]} › input field ${field}` : label;
		};
	}
}

/**
 * Adds "Mapping Mode" to an operation's parameters in place, first: each parameter named in
 * `replaced` is shown only in "Define Below" and followed by the field parameter that takes its
 * place in "Fields From Input". In place, so a description maintained elsewhere keeps its hunks.
 */
export function addFieldMapping(properties: INodeProperties[], replaced: Record<string, INodeProperties>): void {
	for (const [name, field] of Object.entries(replaced)) {
		const at = properties.findIndex((property) => property.name === name);
		if (at < 0) throw new Error(`addFieldMapping: no parameter "${name}"`);
		const [below] = definedBelow([properties[at]]);
		const shownWith = properties[at].displayOptions?.show ?? {};
		properties.splice(at, 1, below, { ...field, displayOptions: { show: { ...shownWith, ...field.displayOptions?.show } } });
	}
	properties.unshift(mappingModeParameter());
}

/** Send Template's variables in "Fields From Input": an object in the item, keyed by variable. */
export const templateVariablesFieldParameter = (): INodeProperties =>
	inputFieldParameter(
		'variablesField',
		'Variables Field',
		'variables',
		'Input field with an object of the template\'s variables, keyed by their names: 1, 2 … or first_name for body variables, header:1, button:0:… for the others (as Template Variables lists them). Empty: the input item itself.',
	);

/**
 * A template's variable values from an input object, keyed like the resource mapper's fields
 * (`body:1`, `header:1`, `button:0:…`), a body variable also by its bare name (`1`, `first_name`).
 * Returns the mapper-shaped values and error labels that add the input field each came from.
 */
export function templateValuesFromInput(
	variables: ReadonlyArray<{ id: string; kind: string; param?: string }>,
	source: IDataObject,
	field: string,
	labels: (path: ReadonlyArray<string | number>) => string | undefined,
): { values: Record<string, unknown>; labels: (path: ReadonlyArray<string | number>) => string | undefined } {
	const values: Record<string, unknown> = {};
	const from = new Map<string, string>();
	for (const variable of variables) {
		const keys = variable.kind === 'body' && variable.param ? [variable.id, variable.param] : [variable.id];
		const key = keys.find((k) => Object.prototype.hasOwnProperty.call(source, k));
		// A missing one is named by its shortest key (the bare name of a body variable).
		const named = key ?? keys[keys.length - 1];
		from.set(variable.id, field ? `${field}.${named}` : named);
		if (key !== undefined) values[variable.id] = source[key];
	}
	return {
		values,
		labels: (path) => {
			const label = labels(path);
			const input = typeof path[0] === 'string' ? from.get(path[0]) : undefined;
			return label && input ? `${label} › input field ${input}` : label;
		},
	};
}
