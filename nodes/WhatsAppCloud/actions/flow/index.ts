import { defineResource } from '../types';
import * as create from './create.operation';
import * as deleteFlow from './delete.operation';
import * as deprecate from './deprecate.operation';
import * as encryptResponse from './encryptResponse.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getMetrics from './getMetrics.operation';
import * as publish from './publish.operation';
import * as updateJson from './updateJson.operation';
import * as updateMetadata from './updateMetadata.operation';

/**
 * WhatsApp Flows (forms, bookings, sign-ups inside WhatsApp): create, change and publish them.
 * Meta, "Flows API": https://developers.facebook.com/docs/whatsapp/flows/reference/flowsapi
 * A Flow is a DRAFT until published; then its JSON and metadata are fixed; a published Flow can
 * be deprecated, only a draft deleted.
 */
export const flow = defineResource({
	value: 'flow',
	displayName: 'Flow',
	defaultOperation: 'create',
	operations: {
		create,
		get,
		getAll,
		updateMetadata,
		updateJson,
		publish,
		deprecate,
		delete: deleteFlow,
		getMetrics,
		encryptResponse,
	},
	options: {
		create: { name: 'Create', action: 'Create a flow', description: 'Create a Flow from Flow JSON (text or a file), optionally published at once' },
		delete: { name: 'Delete', action: 'Delete a flow', description: 'Delete a draft Flow' },
		deprecate: { name: 'Deprecate', action: 'Deprecate a flow', description: 'Stop a published Flow from being sent or opened' },
		encryptResponse: {
			name: 'Encrypt Flow Response',
			action: 'Encrypt and send a flow endpoint response',
			description: "Answer a WhatsApp Flow Endpoint Trigger's request with the next screen, encrypted",
		},
		get: { name: 'Get', action: 'Get a flow', description: "Get a Flow's status, validation errors and preview URL" },
		getAll: { name: 'Get Many', action: 'Get many flows', description: 'List the Flows of the WhatsApp Business Account' },
		getMetrics: { name: 'Get Metrics', action: 'Get the metrics of a flow', description: "Requests, errors, latency and availability of a Flow's data endpoint" },
		publish: { name: 'Publish', action: 'Publish a flow', description: 'Publish a draft Flow so it can be sent (cannot be undone)' },
		updateJson: { name: 'Update Flow JSON', action: 'Update the JSON of a flow', description: "Upload a draft Flow's JSON; Meta's validation errors come out as items" },
		updateMetadata: { name: 'Update Metadata', action: 'Update the metadata of a flow', description: "Change a draft Flow's name, categories or endpoint URI" },
	},
});
