import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

/** One operation: its parameters and what it does for one input item. */
export interface Operation {
	description: INodeProperties[];
	/** Runs the operation for item `itemIndex`; the router adds pairedItem and error handling. */
	execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]>;
	/**
	 * Whether items run in parallel, paced by the node's "Sending" options and retried
	 * (actions/sendingOptions.ts). Default: true for the Message resource, false elsewhere.
	 */
	concurrent?: boolean;
}

export interface Resource {
	/** The "Operation" selector and every operation's parameters. */
	description: INodeProperties[];
	operations: Record<string, Operation>;
}
