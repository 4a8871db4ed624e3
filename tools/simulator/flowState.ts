/**
 * The simulator's WhatsApp Flows, per WhatsApp Business Account (Meta, "Flows API":
 * https://developers.facebook.com/docs/whatsapp/flows/reference/flowsapi): DRAFT → PUBLISHED →
 * DEPRECATED, never back; a Flow's JSON and metadata change only while it is a DRAFT; only a
 * DRAFT can be deleted. The `flows` webhooks Meta posts on each status change wait in `outbox`
 * (posted by deliverFlowWebhooks, flowAdmin.ts). Kept beside the state object (a WeakMap), so
 * `reset()` forgets them too.
 */
import { randomBytes } from 'node:crypto';

import type { FlowValidationError } from './flowJsonCheck';
import type { SimState } from './state';

export type FlowStatus = 'DRAFT' | 'PUBLISHED' | 'DEPRECATED' | 'BLOCKED' | 'THROTTLED';

export interface SimFlow {
	id: string;
	wabaId: string;
	name: string;
	categories: string[];
	status: FlowStatus;
	/** The uploaded Flow JSON text (undefined until one is uploaded). */
	json?: string;
	validationErrors: FlowValidationError[];
	endpointUri?: string;
	previewToken: string;
}

export interface FlowState {
	flows: SimFlow[];
	/** `flows` webhook deliveries not posted yet, oldest first. */
	outbox: unknown[];
}

const states = new WeakMap<SimState, FlowState>();

export function flowState(state: SimState): FlowState {
	let flows = states.get(state);
	if (!flows) {
		flows = { flows: [], outbox: [] };
		states.set(state, flows);
	}
	return flows;
}

/** A Flow ID shaped like Meta's (16 digits). */
export function newFlowId(): string {
	return `7${BigInt(`0x${randomBytes(6).toString('hex')}`).toString().padStart(15, '0').slice(0, 15)}`;
}

export function newPreviewToken(): string {
	return randomBytes(12).toString('hex');
}

/** The `flows` webhook (FLOW_STATUS_CHANGE) Meta posts when a Flow's status changes. */
export function flowStatusChanged(flow: SimFlow, oldStatus: FlowStatus) {
	return {
		object: 'whatsapp_business_account',
		entry: [
			{
				id: flow.wabaId,
				time: Math.floor(Date.now() / 1000),
				changes: [
					{
						field: 'flows',
						value: {
							event: 'FLOW_STATUS_CHANGE',
							message: `Flow ${flow.name} changed status from ${oldStatus} to ${flow.status}`,
							flow_id: flow.id,
							old_status: oldStatus,
							new_status: flow.status,
						},
					},
				],
			},
		],
	};
}
