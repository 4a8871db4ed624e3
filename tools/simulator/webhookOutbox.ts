/**
 * Posting queued webhook deliveries (what Meta would have sent since the last delivery), oldest
 * first, signed, to one URL or wherever Meta routes each (webhookRouting.ts). The Flows and Groups
 * outboxes use it.
 */
import type { Simulator } from './server';
import { routeWebhook } from './webhookRouting';

/** Empties `outbox` by posting each delivery; returns what each target answered. */
export async function postQueued(sim: Simulator, outbox: unknown[], url?: string): Promise<Array<{ url: string; status: number }>> {
	const results: Array<{ url: string; status: number }> = [];
	for (let payload = outbox.shift(); payload !== undefined; payload = outbox.shift()) {
		const targets = url ? [url] : routeWebhook(sim.state, payload).flatMap((route) => (route.url ? [route.url] : []));
		for (const target of targets) results.push({ url: target, status: (await sim.postWebhook(target, payload)).status });
	}
	return results;
}
