import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { z } from 'zod';
import { ZodIssueCode } from 'zod';

import { resolveLabel, type LabelSource } from './labels';

/**
 * Checking an operation's input before any request: a breach of Meta's limits becomes a
 * NodeOperationError that names the field as the editor shows it (labels come from the node
 * description, validation/labels.ts), the limit and the item. Nothing is ever truncated.
 */

function valueAt(input: unknown, path: ReadonlyArray<string | number>): unknown {
	let current: unknown = input;
	for (const key of path) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Record<string | number, unknown>)[key];
	}
	return current;
}

function describeIssue(issue: z.ZodIssue, input: unknown, labels: LabelSource): string {
	const positions = issue.path.filter((p): p is number => typeof p === 'number').map((n) => n + 1);
	const where = positions.length ? ` (entry ${positions.join('.')})` : '';
	const label = `"${resolveLabel(labels, issue.path) ?? 'Input'}"${where}`;
	const value = valueAt(input, issue.path);
	switch (issue.code) {
		case ZodIssueCode.too_big: {
			if (issue.type === 'string') {
				const length = typeof value === 'string' ? value.trim().length : undefined;
				return `${label} is too long${length !== undefined ? `: ${length} characters` : ''}; WhatsApp allows at most ${issue.maximum}`;
			}
			if (issue.type === 'array') {
				const count = Array.isArray(value) ? value.length : undefined;
				return `${label} has too many entries${count !== undefined ? `: ${count}` : ''}; WhatsApp allows at most ${issue.maximum}`;
			}
			return `${label} must be at most ${issue.maximum}`;
		}
		case ZodIssueCode.too_small: {
			if (issue.type === 'string') return `${label} is empty; enter a value`;
			if (issue.type === 'array')
				return `${label} needs at least ${issue.minimum} ${issue.minimum === 1 ? 'entry' : 'entries'}`;
			return `${label} must be at least ${issue.minimum}`;
		}
		case ZodIssueCode.invalid_type:
			return issue.received === 'undefined'
				? `${label} is required`
				: `${label} must be a ${issue.expected}, not ${issue.received}`;
		default:
			return `${label}: ${issue.message}`;
	}
}

/**
 * Validates input with a schema; on failure throws a NodeOperationError naming the field (by
 * its editor label), the limit and the item, before any request is sent. Use `defineInput` for
 * an operation's fixed input; this form is for schemas built at run time (template variables).
 */
export function validateInput<S extends z.ZodTypeAny>(
	node: INode,
	schema: S,
	input: unknown,
	labels: LabelSource,
	itemIndex: number,
): z.output<S> {
	const result = schema.safeParse(input);
	if (result.success) return result.data;
	const problems = result.error.issues.map((issue) => describeIssue(issue, input, labels));
	const unique = [...new Set(problems)];
	throw new NodeOperationError(node, `${unique[0]} (item ${itemIndex + 1})`, {
		itemIndex,
		description: unique.length > 1 ? `Also:\n${unique.slice(1).join('\n')}` : undefined,
	});
}

/** An operation's input: its schema and the parameters its labels come from. */
export interface InputDefinition<S extends z.ZodTypeAny = z.ZodTypeAny> {
	/** Where it is used, e.g. "message.sendText" (for the label test's report). */
	readonly name: string;
	readonly schema: S;
	readonly labels: LabelSource;
	parse(node: INode, input: unknown, itemIndex: number): z.output<S>;
}

/** Reads an item's input and checks it; `inputs` are the checks it applies. */
export type CheckedReader<T> = ((this: IExecuteFunctions, itemIndex: number) => T) & {
	readonly inputs: readonly InputDefinition[];
};

/**
 * An operation's input schema bound to the parameters that fill it. Defined once at module
 * level and listed in the operation's `inputs`, so a test can prove that every path of the
 * schema has an editor label.
 */
export function defineInput<S extends z.ZodTypeAny>(name: string, schema: S, labels: LabelSource): InputDefinition<S> {
	const definition: InputDefinition<S> = {
		name,
		schema,
		labels,
		parse: (node, input, itemIndex) => validateInput(node, schema, input, labels, itemIndex),
	};
	return definition;
}
