/**
 * Calling (issue 22) in the e2e suites: the simulator plays the WhatsApp user around calls
 * (tools/simulator/callingEvents.ts: a call, a missed call, an answer to a call permission
 * request), each delivery checked against Meta's webhook contract and posted signed; the trigger
 * workflows the suite deploys (the trigger alone, and "missed call → Send Text to the caller"); and
 * WhatsApp Cloud nodes for the Call resource and call settings.
 */
import assert from 'node:assert/strict';

import { validateWebhook } from '../../contract/validate';
import { settingsOf } from '../../simulator/callingState';
import { PHONE_NUMBER_ID } from '../../simulator/fixtures';
import type { Simulator } from '../../lab/simulator';
import { byId, waNode } from '../cases';
import type { CredentialRef } from './credential';
import { TRIGGER, triggerNode } from './trigger';
import type { WorkflowNode } from './workflows';

export const MISSED_FILTER = 'Missed Calls';
export const CALL_BACK = 'Text The Caller';
export const MISSED_CALL_TEXT = 'Sorry we missed your call. How can we help?';

/** Posts a delivery the simulator built, which must be valid under the webhook contract; the trigger must answer 200. */
export async function deliverSigned(sim: Pick<Simulator, 'postWebhook'>, url: string, payload: unknown): Promise<void> {
	const check = validateWebhook(payload);
	assert.ok(check.valid, `the simulator's delivery breaks the webhook contract: ${check.errors.join('; ')}\n${JSON.stringify(payload)}`);
	const res = await sim.postWebhook(url, payload);
	assert.equal(res.status, 200, `the trigger answered ${res.status} ${res.body}`);
}

/** Calling on for the simulator's first number, as Update Call Settings would leave it (for cases run alone). */
export function callingOn(sim: Pick<Simulator, 'state'>): void {
	settingsOf(sim.state, PHONE_NUMBER_ID).status = 'ENABLED';
}

/** A WhatsApp Cloud node of the Call resource (or another resource via `parameters.resource`) on the first number. */
export function callNode(cred: CredentialRef, operation: string, parameters: Record<string, unknown> = {}, name = 'WhatsApp Cloud'): WorkflowNode {
	return waNode(cred, { resource: 'call', operation, phoneNumberId: byId(PHONE_NUMBER_ID), ...parameters }, name);
}

/** Filter (v2): only items whose `missedCall` is true. */
function missedCallFilter(): WorkflowNode {
	return {
		name: MISSED_FILTER,
		type: 'n8n-nodes-base.filter',
		typeVersion: 2,
		parameters: {
			conditions: {
				options: { caseSensitive: true, leftValue: '', typeValidation: 'loose' },
				conditions: [
					{ id: 'missed-call', leftValue: '={{ $json.missedCall }}', rightValue: '', operator: { type: 'boolean', operation: 'true', singleValue: true } },
				],
				combinator: 'and',
			},
			options: {},
		},
	};
}

/**
 * "Missed call → WhatsApp message": the trigger (Other Fields: calls) → Filter missedCall → Send
 * Text to `{{ $json.recipient }}` from the number the call came to.
 */
export function missedCallWorkflow(cred: CredentialRef, typeVersion = 1) {
	const trigger = triggerNode(cred, { events: ['other'], options: { otherFieldList: ['calls'] } }, { typeVersion });
	// From the number the call came to, to the id the trigger says to answer with.
	const fromCalledNumber = { __rl: true, mode: 'id', value: '={{ $json.phoneNumberId }}' };
	const reply = waNode(cred, { resource: 'message', operation: 'sendText', phoneNumberId: fromCalledNumber, to: '={{ $json.recipient }}', body: MISSED_CALL_TEXT }, CALL_BACK);
	return { nodes: [trigger, missedCallFilter(), reply], name: 'e2e calling: missed call → text the caller' };
}

/** The trigger alone (messages and calls), for the items of permission replies and calls. */
export function callItemsTrigger(cred: CredentialRef) {
	return { nodes: [triggerNode(cred, { events: ['messages', 'other'] })], name: 'e2e calling: trigger items' };
}

export { TRIGGER };
