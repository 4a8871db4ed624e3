import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { z } from 'zod';

import { optionsCollection } from '../../../../shared/optionsCollection';
import { recipientId } from '../../../validation/limits';
import { defineInput, type InputDefinition } from '../../../validation/validateInput';
import { recipientParameter } from '../../parameters';

/**
 * One kind of interactive message (reply buttons, list, …) is one module that calls
 * `defineKind`, plus one line in the registry (./index.ts). A kind is made of shared parts
 * (header, body, footer, reply-to: ./parts.ts) and its own fields. Every input key is the name
 * of the parameter it comes from, so error messages name fields as the editor shows them.
 */

/** What a part's check knows about the kind it is in (for its messages). */
interface KindContext {
	/** The kind's name in the Interactive Type list, e.g. "List". */
	name: string;
}

/**
 * A piece of an interactive message: its parameters, its entries in the kind's Options
 * collection, how it reads them, their schema (keys = parameter names) and what it adds to
 * Meta's `interactive` object.
 */
export interface Part<S extends z.ZodRawShape = z.ZodRawShape> {
	/** Parameters, in display order; shown only for the kind that uses the part. */
	properties?: INodeProperties[];
	/** Entries of the kind's Options collection. */
	options?: INodeProperties[];
	/** The schema of what `read` returns, with Meta's limits. */
	shape: S;
	/** Reads the part's parameters; `options` is the kind's Options collection. */
	read(this: IExecuteFunctions, itemIndex: number, options: IDataObject): IDataObject;
	/** Checks that involve several fields (issues at the path of the field to fix). */
	refine?(input: z.output<z.ZodObject<S>>, ctx: z.RefinementCtx, kind: KindContext): void;
	/** What the part adds to Meta's `interactive` object (e.g. `{ body: { text } }`). */
	interactive?(input: z.output<z.ZodObject<S>>): IDataObject;
}

/** A kind as its module writes it: the shared parts it uses and its own fields. */
export interface KindDefinition<S extends z.ZodRawShape> extends Omit<Part<S>, 'interactive'> {
	/** The stored value of "Interactive Type" (saved workflows keep it: never change it). */
	value: string;
	/** Its name in the Interactive Type list. */
	name: string;
	/** Its description in the Interactive Type list. */
	description: string;
	/** Shared parts, in display order; the kind's own properties follow them. */
	parts: Part[];
	/** Meta's `type` and `action` for the validated input. */
	interactive(input: z.output<z.ZodObject<S>>): { type: string; action: IDataObject };
}

/** A kind as the Send Interactive operation uses it (an entry of the registry). */
export interface InteractiveKind {
	readonly value: string;
	/** Its entry in the Interactive Type list. */
	readonly option: INodePropertyOptions;
	/** Every parameter of the kind, in display order, without the Interactive Type condition. */
	readonly properties: INodeProperties[];
	/** The kind's input, keys = parameter names, recipient included. */
	read(this: IExecuteFunctions, itemIndex: number): IDataObject;
	/** Its check: the schema with Meta's limits, labels from `properties`. */
	readonly input: InputDefinition;
	/** Meta's `interactive` object for input that passed `input`. */
	interactive(input: Record<string, unknown>): IDataObject;
}

/** Builds a registry entry from a kind's definition; its input check is defined here, once. */
export function defineKind<S extends z.ZodRawShape>(definition: KindDefinition<S>): InteractiveKind {
	const { parts } = definition;
	// The Options collection: the entries of its parts and its own, alphabetically.
	const options = [...parts.flatMap((part) => part.options ?? []), ...(definition.options ?? [])].sort((a, b) =>
		a.displayName.localeCompare(b.displayName),
	);
	const properties: INodeProperties[] = [
		...parts.flatMap((part) => part.properties ?? []),
		...(definition.properties ?? []),
		...(options.length ? [optionsCollection(options)] : []),
	];
	const shape: z.ZodRawShape = Object.assign(
		{ to: recipientId },
		...parts.map((part) => part.shape),
		definition.shape,
	) as z.ZodRawShape;
	const context: KindContext = { name: definition.name };
	const schema = z.object(shape).superRefine((input, ctx) => {
		for (const part of parts) part.refine?.(input, ctx, context);
		definition.refine?.(input as z.output<z.ZodObject<S>>, ctx, context);
	});
	const input = defineInput(`message.sendInteractive.${definition.value}`, schema, [
		recipientParameter(),
		...properties,
	]);

	return {
		value: definition.value,
		option: { name: definition.name, value: definition.value, description: definition.description },
		properties,
		input,
		read(itemIndex) {
			const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
			return Object.assign(
				{ to: this.getNodeParameter('to', itemIndex) },
				...parts.map((part) => part.read.call(this, itemIndex, options)),
				definition.read.call(this, itemIndex, options),
			) as IDataObject;
		},
		interactive(validated) {
			const { type, action } = definition.interactive(validated as z.output<z.ZodObject<S>>);
			return Object.assign({ type }, ...parts.map((part) => part.interactive?.(validated) ?? {}), {
				action,
			}) as IDataObject;
		},
	};
}
