/**
 * Workflows on top of a running n8n (tools/lab/n8n.ts): node builders, create / activate through
 * the public API, and webhook runs (deploy, wait until live, call).
 */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';

import { type N8nInstance } from '../../lab/n8n';
import { sleep } from '../../lab/processes';
import type { Execution, ItemJson } from './executions';

export { sleep };

export const NODE_TYPE = 'n8n-nodes-whatsapp-cloud.whatsAppCloud';
export const TRIGGER_TYPE = 'n8n-nodes-whatsapp-cloud.whatsAppCloudTrigger';

export interface WorkflowNode {
	id?: string;
	name: string;
	type: string;
	typeVersion: number;
	position?: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	webhookId?: string;
	[key: string]: unknown;
}

export interface WorkflowDef {
	name?: string;
	nodes: WorkflowNode[];
	/** defaults to a straight chain of the nodes in order */
	connections?: Record<string, unknown>;
	settings?: Record<string, unknown>;
}

/** n8n-style id: 16 alphanumerics */
export function n8nId(): string {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	return [...randomBytes(16)].map((b) => alphabet[b % alphabet.length]).join('');
}

/** Connections for nodes wired one after another (main output 0 → main input 0). */
export function chain(nodes: WorkflowNode[]): Record<string, unknown> {
	const connections: Record<string, unknown> = {};
	for (let i = 0; i < nodes.length - 1; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return connections;
}

export function complete(def: WorkflowDef) {
	const nodes = def.nodes.map((n, i) => ({ id: n.id ?? randomUUID(), position: n.position ?? ([i * 220, 0] as [number, number]), ...n }));
	return {
		name: def.name ?? `e2e ${new Date().toISOString()}`,
		nodes,
		connections: def.connections ?? chain(nodes),
		settings: { executionOrder: 'v1', ...(def.settings ?? {}) },
	};
}

// ---------------------------------------------------------------- node builders

export function manualTrigger(name = 'Manual Trigger'): WorkflowNode {
	return { name, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} };
}

/** Webhook trigger that answers with the last node's items (all of them, as a JSON array). */
export function webhookTrigger(webhookPath: string, opts: { method?: string; name?: string; responseMode?: 'lastNode' | 'onReceived' } = {}): WorkflowNode {
	return {
		name: opts.name ?? 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: randomUUID(),
		parameters: {
			httpMethod: opts.method ?? 'POST',
			path: webhookPath,
			responseMode: opts.responseMode ?? 'lastNode',
			responseData: 'allEntries',
			options: {},
		},
	};
}

/** No Operation node: a place for items to land. */
export function noOp(name: string): WorkflowNode {
	return { name, type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} };
}

/** Convert to File (1.1): base64 in `body.<field>` of the webhook item → binary "data". */
export function convertToFile(fileName: string, mimeType: string, field = 'b64'): WorkflowNode {
	return {
		name: 'Convert to File',
		type: 'n8n-nodes-base.convertToFile',
		typeVersion: 1.1,
		parameters: {
			operation: 'toBinary',
			sourceProperty: `body.${field}`,
			binaryPropertyName: 'data',
			options: { fileName, mimeType },
		},
	};
}

/** Set node (3.4) assigning string fields. */
export function setNode(name: string, fields: Record<string, string>): WorkflowNode {
	return {
		name,
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		parameters: {
			mode: 'manual',
			assignments: {
				assignments: Object.entries(fields).map(([k, v]) => ({ id: randomUUID(), name: k, value: v, type: 'string' })),
			},
			options: {},
		},
	};
}

// ---------------------------------------------------------------- webhook runs

/** Creates a workflow through the public API; returns its id. */
export async function createWorkflow(n8n: N8nInstance, def: WorkflowDef): Promise<string> {
	const created = await n8n.api<{ id: string }>('POST', '/workflows', complete(def));
	return created.id;
}

export async function activateWorkflow(n8n: N8nInstance, workflowId: string): Promise<void> {
	await n8n.api('POST', `/workflows/${workflowId}/activate`);
}

export async function deactivateWorkflow(n8n: N8nInstance, workflowId: string): Promise<void> {
	await n8n.api('POST', `/workflows/${workflowId}/deactivate`);
}

/** How long the kit waits for n8n to get somewhere (activation, a webhook going live, executions). */
export const PATIENCE_MS = 60_000;

/**
 * Waits until `baseUrl` serves the production webhook `webhookPath`, without running the
 * workflow: it probes with a CORS preflight (OPTIONS + Origin + Access-Control-Request-Method).
 * n8n 2.41 answers it with an error while the webhook is unknown (500 - the lookup throws; a
 * plain POST would get 404) and 204 once it is registered, a few hundred ms after activation.
 * Returns the ms it took.
 */
export async function waitLive(baseUrl: string, webhookPath: string, method = 'POST', timeoutMs = PATIENCE_MS): Promise<number> {
	const t0 = Date.now();
	for (;;) {
		const res = await fetch(`${baseUrl}/webhook/${webhookPath}`, {
			method: 'OPTIONS',
			headers: { origin: 'http://127.0.0.1', 'access-control-request-method': method },
		});
		await res.arrayBuffer();
		if (res.ok) return Date.now() - t0;
		if (Date.now() - t0 > timeoutMs) throw new Error(`${baseUrl}/webhook/${webhookPath} not registered after ${timeoutMs} ms (last preflight ${res.status})`);
		await sleep(100);
	}
}

/** waitLive on the n8n's own URL. */
export function waitForWebhook(n8n: N8nInstance, webhookPath: string, method = 'POST', timeoutMs = PATIENCE_MS): Promise<number> {
	return waitLive(n8n.url, webhookPath, method, timeoutMs);
}

export interface WebhookResponse {
	status: number;
	body: unknown;
	headers: Headers;
}

/** The items a "respond with all items" webhook answered with. */
export function bodyItems(res: WebhookResponse): ItemJson[] {
	assert.ok(Array.isArray(res.body), `expected the webhook to answer with items, got ${JSON.stringify(res.body)}`);
	return res.body as ItemJson[];
}

export async function callWebhook(
	n8n: N8nInstance,
	webhookPath: string,
	opts: { method?: string; body?: unknown; rawBody?: string | Buffer; headers?: Record<string, string>; query?: Record<string, string> } = {},
): Promise<WebhookResponse> {
	const method = opts.method ?? 'POST';
	const qs = opts.query ? `?${new URLSearchParams(opts.query)}` : '';
	const headers: Record<string, string> = { ...(opts.headers ?? {}) };
	let body: string | Buffer | undefined = opts.rawBody;
	if (body === undefined && opts.body !== undefined) {
		body = JSON.stringify(opts.body);
		headers['content-type'] ??= 'application/json';
	}
	const res = await fetch(`${n8n.url}/webhook/${webhookPath}${qs}`, { method, headers, body, signal: AbortSignal.timeout(120_000) });
	const text = await res.text();
	let parsed: unknown = text;
	try {
		parsed = text ? JSON.parse(text) : undefined;
	} catch {
		/* not JSON */
	}
	return { status: res.status, body: parsed, headers: res.headers };
}

export interface WebhookWorkflow {
	workflowId: string;
	path: string;
	/** ms from activation until the webhook answered */
	readyMs: number;
	call(opts?: Parameters<typeof callWebhook>[2]): Promise<WebhookResponse>;
	/** the latest executions of this workflow, with data */
	executions(): Promise<Execution[]>;
	deactivate(): Promise<void>;
}

/**
 * Creates and activates a workflow whose first node is a Webhook trigger and waits until its
 * production URL is live. The fast path: one n8n, many calls, no CLI start-up per run.
 * The webhook path is taken from the first webhook-type node.
 */
export async function deployWebhookWorkflow(n8n: N8nInstance, def: WorkflowDef): Promise<WebhookWorkflow> {
	const hook = def.nodes.find((n) => typeof n.parameters.path === 'string' && n.webhookId);
	if (!hook) throw new Error('deployWebhookWorkflow: no node with a webhookId and parameters.path');
	const webhookPath = hook.parameters.path as string;
	const method = (hook.parameters.httpMethod as string) ?? 'POST';
	const workflowId = await createWorkflow(n8n, def);
	await activateWorkflow(n8n, workflowId);
	const readyMs = await waitForWebhook(n8n, webhookPath, method);
	return {
		workflowId,
		path: webhookPath,
		readyMs,
		call: (opts) => callWebhook(n8n, webhookPath, { method, ...(opts ?? {}) }),
		executions: async () => {
			const res = await n8n.api<{ data: Execution[] }>('GET', `/executions?workflowId=${workflowId}&includeData=true&limit=20`);
			return res.data;
		},
		deactivate: () => deactivateWorkflow(n8n, workflowId),
	};
}

/** Random, URL-safe webhook path, so workflows of one run never collide. */
export function uniquePath(prefix = 'e2e'): string {
	return `${prefix}-${randomBytes(6).toString('hex')}`;
}
