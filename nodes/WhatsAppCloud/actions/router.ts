import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { errorItemJson } from '../../shared/transport/metaErrors';
import { getSendingSettings, sendingOptionsParameter } from '../sending/options';
import { runOrdered } from '../sending/pacing';
import { SendingSession, SendingStopped } from '../sending/retry';
import { businessAccount } from './businessAccount';
import { businessProfile } from './businessProfile';
import { call } from './call';
import { contact } from './contact';
import { flow } from './flow';
import { group } from './group';
import { media } from './media';
import { message } from './message';
import { phoneNumber } from './phoneNumber';
import { qrCode } from './qrCode';
import { template } from './template';
import type { Resource } from './types';

/** The node's resources, in the editor's (alphabetical) order. */
const RESOURCE_LIST: Resource[] = [
	businessAccount,
	businessProfile,
	call,
	contact,
	flow,
	group,
	media,
	message,
	phoneNumber,
	qrCode,
	template,
];

export const resources: Readonly<Record<string, Resource>> = Object.fromEntries(RESOURCE_LIST.map((r) => [r.value, r]));

export const resourceParameter: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: RESOURCE_LIST.map((r) => ({ name: r.displayName, value: r.value })),
	default: 'message',
};

/** Every parameter of the node, in display order. */
export const properties: INodeProperties[] = [
	resourceParameter,
	...RESOURCE_LIST.flatMap((resource) => resource.properties),
	sendingOptionsParameter(RESOURCE_LIST.filter((r) => r.bulk).map((r) => r.value)),
];

/**
 * "On Error: Continue (using error output)": n8n moves an item to the error output only when its
 * json holds nothing but `error`, `message` and `details` (setting the item's `error` instead would
 * make n8n replace the json with the message alone), so Meta's code, hint and fbtrace_id go under
 * `details`.
 */
function forErrorOutput(json: IDataObject): IDataObject {
	const { error, ...details } = json;
	return { error, details };
}

/** The error a failed item stops the node with (both constructors keep an error of their own class). */
function itemError(this: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof NodeApiError) return new NodeApiError(this.getNode(), error as unknown as JsonObject);
	return new NodeOperationError(this.getNode(), error as Error, { itemIndex });
}

/**
 * Runs the chosen operation for every input item and returns the output in input order, each
 * item paired with its input; with "Continue On Fail" a failed item becomes an error item
 * (Meta's code, subcode, fbtrace_id, details and a hint) and the others go on.
 *
 * A bulk resource's items run in parallel, every request paced to "Messages Per Second" /
 * "Max Requests In Flight" and retried (sending/retry.ts); any other resource runs one item at
 * a time. Without continueOnFail a failed item stops the items after it (the ones before it
 * still go out, as in a one-by-one run) and, once the running ones are done, fails the node
 * with the first failed item in input order.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const count = this.getInputData().length;
	const resourceName = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const resource = resources[resourceName];
	const operation = resource?.operations[operationName];
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" of resource "${resourceName}" is not supported by this version of the node`,
		);
	}

	let session: SendingSession | undefined;
	let concurrency = 1;
	if (resource.bulk) {
		const settings = getSendingSettings.call(this);
		const cancelSignal = this.getExecutionCancelSignal?.();
		session = new SendingSession(settings, {
			now: () => Date.now(),
			sleep: async (ms) => await sleep(ms, cancelSignal),
		});
		// Items past the ones in flight may wait for a retry; one second's worth of them can.
		concurrency = settings.maxInFlight === 1 ? 1 : settings.maxInFlight + settings.ratePerSecond;
	}

	const continueOnFail = this.continueOnFail();
	const results = await runOrdered(count, async (itemIndex) => await operation.execute.call(this, itemIndex, session), {
		concurrency,
		stopOnFailure: (itemIndex) => {
			if (continueOnFail) return false;
			session?.stopAfter(itemIndex);
			return true;
		},
	});

	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		const result = results[itemIndex];
		// Never run: another item failed the node.
		if (!result || (!result.ok && result.error instanceof SendingStopped)) continue;
		if (result.ok) {
			for (const item of result.value) output.push({ ...item, pairedItem: { item: itemIndex } });
		} else if (continueOnFail) {
			const json = errorItemJson(result.error as Error);
			output.push({ json: this.getNode().onError === 'continueErrorOutput' ? forErrorOutput(json) : json, pairedItem: { item: itemIndex } });
		} else {
			throw itemError.call(this, result.error, itemIndex);
		}
	}
	return [output];
}
