/**
 * What `npm run bench:anchors` compares, each as one Send Text of the same items inside one n8n:
 * our node with expressions and with Fields From Input, n8n's built-in WhatsApp Business Cloud
 * node (its base URL is fixed to https://graph.facebook.com/v13.0: reached through the bench's
 * HTTPS proxy, metaProxy.ts) and n8n's HTTP Request node (defaults; with Batching at the same
 * 1,000 msg/s our node is configured for), over plain HTTP and HTTPS where the node allows.
 */
import { GRAPH_VERSION, PHONE_NUMBER_ID, TOKENS, WABA_ID } from '../simulator/fixtures';
import type { Scenario, Sender } from './sendN8nScenario';

export type Anchor = 'ours, expressions' | 'ours, fields' | 'built-in WhatsApp node' | 'HTTP Request' | 'HTTP Request, batching';

export interface Variant extends Scenario {
	anchor: Anchor;
	transport: 'http' | 'https';
}

const RATE = 1000;
const IN_FLIGHT = 200;

const builtIn: Sender = {
	type: 'n8n-nodes-base.whatsApp',
	typeVersion: 1,
	parameters: () => ({
		resource: 'message',
		operation: 'send',
		messagingProduct: 'whatsapp',
		phoneNumberId: PHONE_NUMBER_ID,
		recipientPhoneNumber: '={{ $json.to }}',
		messageType: 'text',
		textBody: '={{ $json.text }}',
		additionalFields: {},
	}),
	credential: { type: 'whatsAppApi', data: () => ({ accessToken: TOKENS.valid, businessAccountId: WABA_ID }) },
};

function httpRequest(batching: boolean): Sender {
	return {
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: (graphUrl) => ({
			method: 'POST',
			url: `${graphUrl}/${GRAPH_VERSION}/${PHONE_NUMBER_ID}/messages`,
			sendHeaders: true,
			headerParameters: { parameters: [{ name: 'Authorization', value: `Bearer ${TOKENS.valid}` }] },
			sendBody: true,
			specifyBody: 'json',
			jsonBody: '={{ JSON.stringify({ messaging_product: "whatsapp", to: $json.to, type: "text", text: { body: $json.text } }) }}',
			// Batching: 50 items every 50 ms, the same 1,000 msg/s our node is configured for.
			options: batching ? { batching: { batch: { batchSize: 50, batchInterval: 50 } } } : {},
		}),
	};
}

export function variants(items: number): Variant[] {
	const out: Variant[] = [];
	for (const transport of ['http', 'https'] as const) {
		const base = { tls: transport === 'https', items, rate: RATE, maxInFlight: IN_FLIGHT, digitsOnly: true, transport };
		const add = (anchor: Anchor, extra: Partial<Scenario>) => out.push({ ...base, name: `${anchor}, ${transport}`, anchor, ...extra });
		add('ours, expressions', { mapping: 'expressions' });
		add('ours, fields', { mapping: 'fields' });
		if (transport === 'https') add('built-in WhatsApp node', { sender: builtIn });
		add('HTTP Request', { sender: httpRequest(false) });
		add('HTTP Request, batching', { sender: httpRequest(true) });
	}
	return out;
}
