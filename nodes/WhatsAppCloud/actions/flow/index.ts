import { defineResource } from '../types';
import * as encryptResponse from './encryptResponse.operation';

/**
 * WhatsApp Flows. Temporary index holding only the data-endpoint operation (h-flowe); the lead
 * merges it with the Flow management operations.
 */
export const flow = defineResource({
	value: 'flow',
	displayName: 'Flow',
	defaultOperation: 'encryptResponse',
	operations: { encryptResponse },
	options: {
		encryptResponse: {
			name: 'Encrypt Flow Response',
			action: 'Encrypt and send a flow endpoint response',
			description: "Answer a WhatsApp Flow Endpoint Trigger's request with the next screen, encrypted",
		},
	},
});
