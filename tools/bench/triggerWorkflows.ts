/**
 * bench:trigger's four workflows (bare Webhook, Webhook + Header Auth, the minimal community
 * trigger of minimalTrigger.ts, the WhatsApp Cloud Trigger, each → NoOp, answering on received) and the payloads it posts to them.
 */
import { randomUUID } from 'node:crypto';

import { signatureHeader } from '../simulator/webhook-client';
import { APP_SECRET, WABA_ID } from '../simulator/fixtures';
import { createCredential, simulatorCredentialData } from '../e2e/kit/credential';
import { waitLive } from '../e2e/kit/workflows';
import { MINIMAL_TRIGGER_TYPE } from './minimalTrigger';
import { type BenchTarget } from './n8nTarget';


export type Variant = 'bare' | 'headerAuth' | 'minimal' | 'trigger';
export const VARIANTS: Variant[] = ['bare', 'headerAuth', 'minimal', 'trigger'];
export const LABEL: Record<Variant, string> = {
	bare: 'Webhook (bare)',
	headerAuth: 'Webhook + Header Auth',
	minimal: 'Minimal community trigger (floor)',
	trigger: 'WhatsApp Cloud Trigger (signed)',
};
export const SIZES = [1, 50];
export const HEADER_NAME = 'x-bench-token';
export const HEADER_VALUE = 'bench-header-secret-0123456789';

export interface Deployed {
	variant: Variant;
	workflowId: string;
	path: string;
}

export interface Phase {
	variant: Variant;
	size: number;
	round: number;
	ok: number;
	failed: number;
	statuses: Record<string, number>;
	sendSeconds: number;
	drainSeconds: number;
	cpuMs: number | null;
	latencies: number[];
}

// ---------------------------------------------------------------- workflows

export function noOp() {
	return {
		id: randomUUID(),
		name: 'Done',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [220, 0],
		parameters: {},
	};
}

export function workflowOf(
	variant: Variant,
	path: string,
	creds: { header: { id: string; name: string }; wa: { id: string; name: string } },
) {
	const webhookId = randomUUID();
	const minimal = { id: randomUUID(), name: 'Receive', type: MINIMAL_TRIGGER_TYPE, typeVersion: 1, position: [0, 0], webhookId, parameters: {} };
	const first =
		variant === 'minimal'
			? minimal
			: variant === 'trigger'
			? {
					id: randomUUID(),
					name: 'Receive',
					type: 'n8n-nodes-whatsapp-cloud.whatsAppCloudTrigger',
					typeVersion: 1,
					position: [0, 0],
					webhookId,
					parameters: {
						events: ['messages', 'statuses', 'other'],
						outputMode: 'single',
						autoSubscribe: false,
						options: {},
					},
					credentials: { whatsAppCloudApi: creds.wa },
				}
			: {
					id: randomUUID(),
					name: 'Receive',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: [0, 0],
					webhookId,
					parameters: {
						httpMethod: 'POST',
						path,
						responseMode: 'onReceived',
						options: {},
						...(variant === 'headerAuth' ? { authentication: 'headerAuth' } : {}),
					},
					...(variant === 'headerAuth' ? { credentials: { httpHeaderAuth: creds.header } } : {}),
				};
	return {
		def: {
			name: `bench ${LABEL[variant]}`,
			nodes: [first, noOp()],
			connections: { Receive: { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1' },
		},
		path: variant === 'trigger' || variant === 'minimal' ? `${webhookId}/webhook` : path,
	};
}

export async function deploy(target: BenchTarget, simUrl: string): Promise<Record<Variant, Deployed>> {
	const header = await createCredential(target, 'bench header auth', { name: HEADER_NAME, value: HEADER_VALUE }, 'httpHeaderAuth');
	const wa = await createCredential(target, 'bench WhatsApp', simulatorCredentialData(simUrl));
	const out = {} as Record<Variant, Deployed>;
	for (const variant of VARIANTS) {
		const { def, path } = workflowOf(variant, `bench-${variant}-${randomUUID().slice(0, 8)}`, { header, wa });
		const { id } = await target.api<{ id: string }>('POST', '/workflows', def);
		await target.api('POST', `/workflows/${id}/activate`);
		out[variant] = { variant, workflowId: id, path };
	}
	for (const d of Object.values(out)) for (const base of target.webhookBases) await waitLive(base, d.path);
	return out;
}

// ---------------------------------------------------------------- payloads

let counter = 0;

/** Meta's shape: one entry, one change, `size` text messages with unique ids (the trigger drops redeliveries). */
export function body(size: number): string {
	const n = ++counter;
	const messages = Array.from({ length: size }, (_, i) => ({
		from: '16505551234',
		id: `wamid.bench.${process.pid}.${n}.${i}`,
		timestamp: String(1750000000 + n),
		type: 'text',
		text: { body: `bench message ${n}.${i}` },
	}));
	return JSON.stringify({
		object: 'whatsapp_business_account',
		entry: [
			{
				id: WABA_ID,
				changes: [
					{
						field: 'messages',
						value: {
							messaging_product: 'whatsapp',
							metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
							contacts: [{ profile: { name: 'Sheena Nelson' }, wa_id: '16505551234' }],
							messages,
						},
					},
				],
			},
		],
	});
}

export function headersFor(variant: Variant, raw: string): Record<string, string> {
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	if (variant === 'headerAuth') headers[HEADER_NAME] = HEADER_VALUE;
	if (variant === 'trigger') headers['x-hub-signature-256'] = signatureHeader(APP_SECRET, raw);
	return headers;
}
