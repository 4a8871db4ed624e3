import type { IExecuteFunctions, INodeExecutionData, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { SendingSession, SendingStopped } from '../helpers/retry';
import { runOrdered } from '../helpers/throttle';
import { closeSendingSession, openSendingSession } from '../transport';
import { errorItemJson } from '../transport/metaErrors';
import { phoneNumberIdParameter } from './common';
import { businessAccount } from './businessAccount';
import { businessProfile } from './businessProfile';
import { contact } from './contact';
import { media } from './media';
import { message } from './message';
import { phoneNumber } from './phoneNumber';
import { template } from './template';
import { getSendingSettings, sendingOptionsParameter } from './sendingOptions';
import type { Operation, Resource } from './types';

export const resources: Record<string, Resource> = {
	message,
	media,
	phoneNumber,
	businessAccount,
	contact,
	template,
	businessProfile,
};

export const resourceParameter: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Business Account', value: 'businessAccount' },
		{ name: 'Business Profile', value: 'businessProfile' },
		{ name: 'Contact', value: 'contact' },
		{ name: 'Media', value: 'media' },
		{ name: 'Message', value: 'message' },
		{ name: 'Phone Number', value: 'phoneNumber' },
		{ name: 'Template', value: 'template' },
	],
	default: 'message',
};

/** Resources whose operations send in bulk (paced, parallel, retried) unless one sets `concurrent: false`. */
const BULK_RESOURCES = ['message'];

/** Every parameter of the node, in display order. */
export const properties: INodeProperties[] = [
	resourceParameter,
	...Object.values(resources).flatMap((resource) => resource.description.slice(0, 1)),
	phoneNumberIdParameter(['message']),
	...Object.values(resources).flatMap((resource) => resource.description.slice(1)),
	sendingOptionsParameter(BULK_RESOURCES),
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

	if (operation.concurrent ?? BULK_RESOURCES.includes(resourceName)) {
		return [await runInBulk.call(this, operation, items.length)];
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
			throw itemError.call(this, error, itemIndex);
		}
	}
	return [output];
}

/** The error a failed item stops the node with (both constructors keep an error of their own class). */
function itemError(this: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof NodeApiError) return new NodeApiError(this.getNode(), error as unknown as JsonObject);
	return new NodeOperationError(this.getNode(), error as Error, { itemIndex });
}

/**
 * The bulk variant of the loop: items run in parallel, every request paced to "Messages Per
 * Second" / "Max Requests In Flight" and retried (helpers/retry.ts), and the output comes
 * back in input order with the same pairedItem and continueOnFail handling. Without
 * continueOnFail a failed item stops the requests of the items after it (the ones before it
 * still go out, as in a one-by-one run) and, once the running ones are done, fails the node
 * with the first failed item in input order.
 */
async function runInBulk(this: IExecuteFunctions, operation: Operation, count: number): Promise<INodeExecutionData[]> {
	const settings = getSendingSettings.call(this);
	const cancelSignal = this.getExecutionCancelSignal?.();
	const session = new SendingSession(settings, {
		now: () => Date.now(),
		sleep: async (ms) => await sleep(ms, cancelSignal),
	});
	const continueOnFail = this.continueOnFail();
	// Items past the ones in flight may wait for a retry; one second's worth of them can.
	const concurrency = settings.maxInFlight === 1 ? 1 : settings.maxInFlight + settings.ratePerSecond;

	openSendingSession(this, session);
	let results;
	try {
		results = await runOrdered(count, async (itemIndex) => await operation.execute.call(this, itemIndex), {
			concurrency,
			stopOnFailure: (itemIndex) => {
				if (continueOnFail) return false;
				session.stopAfter(itemIndex);
				return true;
			},
		});
	} finally {
		closeSendingSession(this);
	}

	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		const result = results[itemIndex];
		// Never sent: another item failed the node.
		if (!result || (!result.ok && result.error instanceof SendingStopped)) continue;
		if (result.ok) {
			for (const item of result.value) output.push({ ...item, pairedItem: { item: itemIndex } });
		} else if (continueOnFail) {
			output.push({ json: errorItemJson(result.error as Error), pairedItem: { item: itemIndex } });
		} else {
			throw itemError.call(this, result.error, itemIndex);
		}
	}
	return output;
}
