/**
 * /__sim/flows endpoints: the simulator's Flows and the `flows` webhooks Meta would have posted.
 *   GET  /__sim/flows          the Flows and the queued deliveries
 *   POST /__sim/flows/deliver  {url?}  posts the queued flows webhooks, oldest first, signed, to
 *                              `url` or wherever Meta would route each (webhookRouting.ts)
 */
import { flowState } from './flowState';
import type { Simulator } from './server';
import { postQueued } from './webhookOutbox';

type FlowEndpoint = (sim: Simulator, input: Record<string, unknown>) => unknown;

/** Posts every queued flows webhook (to `url`, else where Meta routes it); returns what each answered. */
export async function deliverFlowWebhooks(sim: Simulator, url?: string): Promise<Array<{ url: string; status: number }>> {
	return await postQueued(sim, flowState(sim.state).outbox, url);
}

export const FLOW_ENDPOINTS: Record<string, FlowEndpoint> = {
	'GET /__sim/flows': (sim) => ({ flows: flowState(sim.state).flows, queued: flowState(sim.state).outbox }),
	'POST /__sim/flows/deliver': async (sim, input) => ({ delivered: await deliverFlowWebhooks(sim, typeof input.url === 'string' ? input.url : undefined) }),
};
