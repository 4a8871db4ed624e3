import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { SendingSession } from '../sending/retry';
import type { InputDefinition } from '../validation/validateInput';
import { showOnlyFor } from './displayOptions';

/** One operation: its parameters and what it does for one input item. */
export interface Operation {
	/** The operation's own parameters; the resource shows them for this operation only. */
	description: INodeProperties[];
	/** The checks of its input (validation/validateInput.ts), each run before any request. */
	inputs: readonly InputDefinition[];
	/**
	 * Runs the operation for item `itemIndex`; the router adds pairedItem and error handling.
	 * `sending` is the bulk sending session (pacing, retries) when the resource is bulk: pass it
	 * to every Graph request the item makes.
	 */
	execute(this: IExecuteFunctions, itemIndex: number, sending?: SendingSession): Promise<INodeExecutionData[]>;
}

/** How an operation appears in the editor's Operation list. */
interface OperationOption {
	name: string;
	action: string;
	description: string;
}

export interface Resource {
	value: string;
	displayName: string;
	/** Items run in parallel, paced by the node's "Sending" options and retried. */
	bulk: boolean;
	/** The Operation selector, the shared parameters and every operation's parameters, each shown where it applies. */
	properties: INodeProperties[];
	operations: Readonly<Record<string, Operation>>;
}

interface ResourceDefinition<O extends Record<string, Operation>> {
	value: string;
	displayName: string;
	bulk?: boolean;
	/** The operation the selector starts on. */
	defaultOperation: keyof O & string;
	operations: O;
	/** Each operation's entry in the selector: one per operation, no more, no less. */
	options: { [K in keyof O]: OperationOption };
	/** Parameters every operation of the resource shows, placed right after the selector. */
	shared?: INodeProperties[];
}

/**
 * A resource: its Operation selector is made from `options`, so an operation value without an
 * implementation (or an implementation without a selector entry) does not compile; every
 * operation's parameters are shown for that operation only.
 */
export function defineResource<O extends Record<string, Operation>>(definition: ResourceDefinition<O>): Resource {
	const names = Object.keys(definition.operations) as Array<keyof O & string>;
	const selectorOptions: INodePropertyOptions[] = names
		.map((value) => ({ value, ...definition.options[value] }))
		.sort((a, b) => a.name.localeCompare(b.name));
	const defaultOperation: string = definition.defaultOperation;
	const selector: INodeProperties = {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [definition.value] } },
		options: selectorOptions,
		default: defaultOperation,
	};
	return {
		value: definition.value,
		displayName: definition.displayName,
		bulk: definition.bulk ?? false,
		operations: definition.operations,
		properties: [
			selector,
			...showOnlyFor({ resource: [definition.value] }, definition.shared ?? []),
			...names.flatMap((name) =>
				showOnlyFor({ resource: [definition.value], operation: [name] }, definition.operations[name].description),
			),
		],
	};
}
