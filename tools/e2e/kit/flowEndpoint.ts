/**
 * The booking data endpoint the flow-endpoint suite and bench deploy: WhatsApp Flow Endpoint
 * Trigger → Set (the next screen and its data, computed from the request: INIT → the dates,
 * data_exchange → that date's slots) → Flow → Encrypt Flow Response (answers the request).
 */
import { CREDENTIAL_TYPE } from '../../../nodes/shared/credentials';
import type { CredentialRef } from './credential';
import { NODE_TYPE, setNode, type WorkflowNode } from './workflows';

export const FLOW_TRIGGER = 'WhatsApp Flow Endpoint Trigger';
export const FLOW_TRIGGER_TYPE = 'n8n-nodes-whatsapp-cloud.whatsAppFlowTrigger';

/** Trigger → Set (next screen and its data, computed from the request) → Encrypt Flow Response. */
export function bookingEndpointNodes(cred: CredentialRef, webhookId: string): { nodes: WorkflowNode[]; connections: Record<string, unknown> } {
	const trigger: WorkflowNode = { name: FLOW_TRIGGER, type: FLOW_TRIGGER_TYPE, typeVersion: 1, webhookId, parameters: {}, credentials: { [CREDENTIAL_TYPE]: cred } };
	const screen = setNode('Next Screen', {
		screen: "={{ $json.action === 'INIT' ? 'DATE' : 'SLOTS' }}",
		screenData:
			"={{ JSON.stringify($json.action === 'INIT' ? { dates: ['2026-12-08', '2026-12-09'], greeting: 'Book for ' + $json.flowToken } : { slots: ['09:00', '10:30', '16:00'].map(t => $json.data.date + ' ' + t) }) }}",
	});
	const answer: WorkflowNode = {
		name: 'Encrypt Flow Response',
		type: NODE_TYPE,
		typeVersion: 1,
		parameters: { resource: 'flow', operation: 'encryptResponse', screen: '={{ $json.screen }}', screenData: '={{ $json.screenData }}' },
		credentials: { [CREDENTIAL_TYPE]: cred },
	};
	return {
		nodes: [trigger, screen, answer],
		connections: {
			[FLOW_TRIGGER]: { main: [[{ node: 'Next Screen', type: 'main', index: 0 }]] },
			'Next Screen': { main: [[{ node: 'Encrypt Flow Response', type: 'main', index: 0 }]] },
		},
	};
}
