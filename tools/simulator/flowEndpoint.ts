/**
 * WhatsApp Flows' data endpoint, from Meta's side: the business public key of each number
 * (POST/GET /{Phone-Number-ID}/whatsapp_business_encryption, Meta's "Flows encryption" —
 * https://developers.facebook.com/docs/whatsapp/cloud-api/reference/whatsapp-business-encryption),
 * and WhatsApp's client calling a business endpoint with it (Meta, "Implementing Endpoints for
 * Flows"): encrypted, signed with the app secret, the answer decrypted with the request's key.
 *   POST /__sim/flows/request   {endpointUrl, phoneNumberId?, action, screen?, data?, flowToken?,
 *                               version?, sign?: valid|forged|none, corrupt?: true, appSecret?}
 *                               → {status, latencyMs, answer? (decrypted), text?, decryptError?}
 *   POST /__sim/flows/complete  {url, flowToken, params?, customer?, phoneNumberId?, messageId?}: the customer
 *                               finishes the Flow; the nfm_reply message webhook is posted to `url`
 *   GET  /__sim/flows/keys      the stored business public keys
 * Keys live beside the state object (a WeakMap): `reset()` forgets them.
 */
import { APP_SECRET, PHONE_NUMBER_ID, SCOPE_MANAGEMENT } from './fixtures';
import { type Customer, incomingDelivery, incomingId, metadataOf } from './customer';
import { decryptFlowAnswer, encryptFlowRequest } from './flowEncryption';
import { GraphError } from './graphError';
import type { Route } from './router';
import type { Simulator } from './server';
import type { SimState } from './state';
import { signatureHeader } from './webhook-client';

const keys = new WeakMap<SimState, Record<string, string>>();

export function businessPublicKeys(state: SimState): Record<string, string> {
	let stored = keys.get(state);
	if (!stored) {
		stored = {};
		keys.set(state, stored);
	}
	return stored;
}

const PUBLIC_KEY_PEM = /^-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----\s*$/;

export const setBusinessPublicKey: Route = {
	method: 'POST',
	path: '/{Phone-Number-ID}/whatsapp_business_encryption',
	scope: SCOPE_MANAGEMENT,
	handle(ctx) {
		const key = (ctx.body as { business_public_key?: unknown }).business_public_key;
		if (typeof key !== 'string' || key.trim() === '') {
			throw new GraphError(400, { message: 'Missing required parameter: business_public_key', code: 100 });
		}
		if (!PUBLIC_KEY_PEM.test(key.trim())) {
			throw new GraphError(400, { message: 'Invalid parameter: business_public_key must be a PEM public key', code: 100 });
		}
		businessPublicKeys(ctx.state)[ctx.params['Phone-Number-ID']] = key.trim();
		return { body: { success: true } };
	},
};

export const getBusinessPublicKey: Route = {
	method: 'GET',
	path: '/{Phone-Number-ID}/whatsapp_business_encryption',
	scope: SCOPE_MANAGEMENT,
	handle(ctx) {
		const key = businessPublicKeys(ctx.state)[ctx.params['Phone-Number-ID']];
		const entry = key
			? { business_public_key: key, business_public_key_signature_status: 'VALID' }
			: { business_public_key: ' ', business_public_key_signature_status: 'MISMATCH' };
		return { body: { data: [entry] } };
	},
};

export interface FlowClientCall {
	endpointUrl: string;
	phoneNumberId?: string;
	action: string;
	screen?: string;
	data?: Record<string, unknown>;
	flowToken?: string;
	version?: string;
	sign?: 'valid' | 'forged' | 'none';
	/** Flip a byte of the encrypted payload (the GCM tag then fails). */
	corrupt?: boolean;
}

export interface FlowClientResult {
	status: number;
	latencyMs: number;
	answer?: unknown;
	text?: string;
	decryptError?: string;
}

/** One request of WhatsApp's client to a Flow endpoint, as Meta sends it; the answer decrypted. */
export async function callFlowEndpoint(state: SimState, appSecret: string, call: FlowClientCall): Promise<FlowClientResult> {
	const phoneNumberId = call.phoneNumberId ?? PHONE_NUMBER_ID;
	const publicKey = businessPublicKeys(state)[phoneNumberId];
	if (!publicKey) throw new Error(`no business public key was set for ${phoneNumberId}`);
	const payload: Record<string, unknown> = { version: call.version ?? '3.0', action: call.action };
	if (call.screen !== undefined) payload.screen = call.screen;
	if (call.data !== undefined) payload.data = call.data;
	if (call.flowToken !== undefined) payload.flow_token = call.flowToken;
	const request = encryptFlowRequest(payload, publicKey);
	if (call.corrupt) {
		const bytes = Buffer.from(request.body.encrypted_flow_data, 'base64');
		bytes[0] ^= 0x01;
		request.body.encrypted_flow_data = bytes.toString('base64');
	}
	const raw = JSON.stringify(request.body);
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	const sign = call.sign ?? 'valid';
	if (sign === 'valid') headers['x-hub-signature-256'] = signatureHeader(appSecret, raw);
	if (sign === 'forged') headers['x-hub-signature-256'] = signatureHeader(`forged:${appSecret}`, raw);
	const started = performance.now();
	const response = await fetch(call.endpointUrl, { method: 'POST', headers, body: raw });
	const text = await response.text();
	const latencyMs = Math.round((performance.now() - started) * 10) / 10;
	const result: FlowClientResult = { status: response.status, latencyMs };
	if (response.status !== 200) return { ...result, text };
	try {
		return { ...result, answer: decryptFlowAnswer(text, request.aesKey, request.iv) };
	} catch (error) {
		return { ...result, text, decryptError: (error as Error).message };
	}
}

/**
 * The nfm_reply message a completed Flow sends to the business (Meta's webhook: a reply to the
 * Flow message, `context.id`, with the flow_token inside response_json); contract patch R7fe.
 */
export function flowCompletionPayload(phoneNumberId: string, flowToken: string, params: Record<string, unknown> = {}, from?: Customer, flowMessageId = incomingId()) {
	const response = JSON.stringify({ ...params, flow_token: flowToken });
	return incomingDelivery(
		phoneNumberId,
		{
			context: { from: metadataOf(phoneNumberId).display_phone_number, id: flowMessageId },
			type: 'interactive',
			interactive: { type: 'nfm_reply', nfm_reply: { name: 'flow', body: 'Sent', response_json: response } },
		},
		from,
	);
}

type FlowEndpoint = (sim: Simulator, input: Record<string, unknown>) => unknown;

export const FLOW_CLIENT_ENDPOINTS: Record<string, FlowEndpoint> = {
	'GET /__sim/flows/keys': (sim) => businessPublicKeys(sim.state),
	'POST /__sim/flows/request': async (sim, input) => {
		if (typeof input.endpointUrl !== 'string' || typeof input.action !== 'string') throw new Error('endpointUrl and action are required');
		const appSecret = typeof input.appSecret === 'string' ? input.appSecret : APP_SECRET;
		return await callFlowEndpoint(sim.state, appSecret, input as unknown as FlowClientCall);
	},
	'POST /__sim/flows/complete': async (sim, input) => {
		if (typeof input.url !== 'string' || typeof input.flowToken !== 'string') throw new Error('url and flowToken are required');
		const phoneNumberId = typeof input.phoneNumberId === 'string' ? input.phoneNumberId : PHONE_NUMBER_ID;
		const params = (input.params ?? {}) as Record<string, unknown>;
		const messageId = typeof input.messageId === 'string' ? input.messageId : undefined;
		const payload = flowCompletionPayload(phoneNumberId, input.flowToken, params, input.customer as Customer | undefined, messageId);
		return { payload, delivery: await sim.postWebhook(input.url, payload) };
	},
};
