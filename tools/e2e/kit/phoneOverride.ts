/**
 * Meta's delivery as its routing decides it: the simulator's customer writes to a business
 * number, and the webhook goes where Meta would send it for each subscribed app (phone number
 * override > WABA override > app callback, tools/simulator/webhookRouting.ts), signed. Lets a
 * suite show which workflow a number's messages reach, instead of posting to a chosen URL.
 */
import { routeWebhook, type WebhookRoute } from '../../simulator/webhookRouting';
import type { Simulator } from '../../lab/simulator';

export interface RoutedDelivery {
	payload: unknown;
	/** One per subscribed app, with the trigger's answer when there was a URL to post to. */
	deliveries: Array<WebhookRoute & { status?: number; body?: string }>;
}

/** The phone customer texts business number `phoneNumberId`; Meta routes and posts the webhook. */
export async function customerTexts(sim: Simulator, phoneNumberId: string, text: string): Promise<RoutedDelivery> {
	const { payload } = await sim.customer({ kind: 'text', phoneNumberId, text });
	const deliveries: RoutedDelivery['deliveries'] = [];
	for (const route of routeWebhook(sim.state, payload)) {
		deliveries.push(route.url ? { ...route, ...(await sim.postWebhook(route.url, payload)) } : route);
	}
	return { payload, deliveries };
}

/** The URL a number's messages reach for `appId` right now, per the routing (for assertions). */
export function routedUrl(delivery: RoutedDelivery, appId: string): string | undefined {
	return delivery.deliveries.find((d) => d.appId === appId)?.url;
}
