/**
 * /__sim/ endpoints for calls (JSON), for processes that did not start the simulator (`npm run
 * dev`, queue mode): the same as callingEvents.ts in-process. Each builds Meta's delivery from the
 * simulator's state, updates that state and, with `url`, posts it signed (answering `delivery`,
 * the trigger's status and body). Spread into admin.ts's ENDPOINTS.
 *     POST /__sim/calls/incoming    {customer?, phoneNumberId?, url?}        → {callId, payload, delivery?}
 *     POST /__sim/calls/missed      {customer?, phoneNumberId?, url?}        → {callId, connect, terminate, deliveries?}
 *     POST /__sim/calls/end         {callId, url?}                           → {callId, payload, delivery?}
 *     POST /__sim/calls/status      {callId, status: RINGING|ACCEPTED|REJECTED, url?}
 *     POST /__sim/calls/permission  {response: accept|reject, permanent?, customer?, messageId?, url?}
 */
import type { AdminTarget } from './admin';
import { callEnds, callStatus, missedCall, permissionReply, userCalls } from './callingEvents';
import type { Customer } from './customer';

type Input = Record<string, unknown>;

const customerOf = (input: Input) => input.customer as Customer | undefined;
const phoneNumberIdOf = (input: Input) => (typeof input.phoneNumberId === 'string' ? input.phoneNumberId : undefined);

function text(input: Input, name: string): string {
	if (typeof input[name] !== 'string') throw new Error(`${name} is required`);
	return input[name] as string;
}

/** Posts `payload` when the input names a url. */
async function post(sim: AdminTarget, input: Input, payload: unknown) {
	return typeof input.url === 'string' ? { delivery: await sim.postWebhook(input.url, payload) } : {};
}

export const CALLING_ADMIN_ENDPOINTS: Record<string, (sim: AdminTarget, input: Input) => unknown> = {
	'POST /__sim/calls/incoming': async (sim, input) => {
		const call = userCalls(sim.state, { customer: customerOf(input), phoneNumberId: phoneNumberIdOf(input) });
		return { ...call, ...(await post(sim, input, call.payload)) };
	},
	'POST /__sim/calls/missed': async (sim, input) => {
		const call = missedCall(sim.state, { customer: customerOf(input), phoneNumberId: phoneNumberIdOf(input) });
		if (typeof input.url !== 'string') return call;
		const deliveries = [await sim.postWebhook(input.url, call.connect), await sim.postWebhook(input.url, call.terminate)];
		return { ...call, deliveries };
	},
	'POST /__sim/calls/end': async (sim, input) => {
		const ended = callEnds(sim.state, text(input, 'callId'));
		return { ...ended, ...(await post(sim, input, ended.payload)) };
	},
	'POST /__sim/calls/status': async (sim, input) => {
		const status = text(input, 'status');
		if (status !== 'RINGING' && status !== 'ACCEPTED' && status !== 'REJECTED') throw new Error('status must be RINGING, ACCEPTED or REJECTED');
		const payload = callStatus(sim.state, text(input, 'callId'), status);
		return { payload, ...(await post(sim, input, payload)) };
	},
	'POST /__sim/calls/permission': async (sim, input) => {
		const response = text(input, 'response');
		if (response !== 'accept' && response !== 'reject') throw new Error('response must be accept or reject');
		const payload = permissionReply(sim.state, {
			response,
			permanent: input.permanent === true,
			customer: customerOf(input),
			messageId: typeof input.messageId === 'string' ? input.messageId : undefined,
			phoneNumberId: phoneNumberIdOf(input),
		});
		return { payload, ...(await post(sim, input, payload)) };
	},
};
