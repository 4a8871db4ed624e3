import type { IExecuteFunctions, INodeExecutionData, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { errorItemJson } from '../transport/metaErrors';
import { phoneNumberIdParameter } from './common';
import { message } from './message';
import type { Resource } from './types';

export const resources: Record<string, Resource> = { message };

export const resourceParameter: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [{ name: 'Message', value: 'message' }],
	default: 'message',
};

/** Every parameter of the node, in display order. */
export const properties: INodeProperties[] = [
	resourceParameter,
	...Object.values(resources).flatMap((resource) => resource.description.slice(0, 1)),
	phoneNumberIdParameter(['message']),
	...Object.values(resources).flatMap((resource) => resource.description.slice(1)),
];

/**
 * Runs the chosen operation for every input item, in order. Each output item is paired with
 * its input; with "Continue On Fail" a failed item becomes an error item (Meta's code,
 * subcode, fbtrace_id, details and a hint) and the others go on.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resourceName = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = resources[resourceName]?.operations[operationName];
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" of resource "${resourceName}" is not supported by this version of the node`,
		);
	}

	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const results = await operation.execute.call(this, itemIndex);
			for (const result of results) output.push({ ...result, pairedItem: { item: itemIndex } });
		} catch (error) {
			if (this.continueOnFail()) {
				output.push({ json: errorItemJson(error as Error), pairedItem: { item: itemIndex } });
				continue;
			}
			// Both constructors hand back an error of their own class unchanged.
			if (error instanceof NodeApiError) throw new NodeApiError(this.getNode(), error as unknown as JsonObject);
			throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
		}
	}
	return [output];
}
