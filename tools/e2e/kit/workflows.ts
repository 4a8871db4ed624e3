/**
 * Helpers on top of a running n8n (see n8n.ts): credentials, the editor's credential test,
 * running a Manual Trigger workflow through the CLI, and running workflows by webhook.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { sleep, type N8nInstance } from '../../lab/n8n';
import { recordingDir, recordRun } from '../record';

export { sleep };

export const NODE_TYPE = 'n8n-nodes-whatsapp-cloud.whatsAppCloud';
export const TRIGGER_TYPE = 'n8n-nodes-whatsapp-cloud.whatsAppCloudTrigger';
export const CREDENTIAL_TYPE = 'whatsAppCloudApi';

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

function complete(def: WorkflowDef) {
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

// ---------------------------------------------------------------- credentials

export interface CredentialRef {
	id: string;
	name: string;
}

export interface WhatsAppCredentialData {
	accessToken: string;
	businessAccountId: string;
	appId?: string;
	appSecret?: string;
	verifyToken?: string;
	apiVersion?: string;
	graphBaseUrl?: string;
	[key: string]: unknown;
}

const schemas = new WeakMap<N8nInstance, Map<string, Promise<{ properties?: Record<string, unknown> }>>>();

/**
 * Creates a credential through the public API (POST /api/v1/credentials).
 * n8n adds "Allowed HTTP Request Domains" to every credential type; the editor saves its default
 * ('all'), and n8n 1.123's public API insists on it (else it demands `allowedDomains`), so it is
 * filled in the same way when the caller leaves it out.
 */
export async function createCredential(n8n: N8nInstance, name: string, data: Record<string, unknown>, type = CREDENTIAL_TYPE): Promise<CredentialRef> {
	let perType = schemas.get(n8n);
	if (!perType) schemas.set(n8n, (perType = new Map()));
	let schema = perType.get(type);
	if (!schema) perType.set(type, (schema = n8n.api('GET', `/credentials/schema/${type}`)));
	const body = { ...data };
	if ((await schema).properties?.allowedHttpRequestDomains && body.allowedHttpRequestDomains === undefined) {
		body.allowedHttpRequestDomains = 'all';
	}
	const created = await n8n.api<{ id: string; name: string }>('POST', '/credentials', { name, type, data: body });
	return { id: created.id, name: created.name };
}

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

/**
 * Tests a saved credential the way the editor's "Test" button does: the editor loads the
 * credential (secrets come back redacted), then POSTs it to /rest/credentials/test; n8n
 * swaps the stored secrets back in and runs the credential type's `test` request.
 */
export async function testCredential(n8n: N8nInstance, cred: CredentialRef): Promise<CredentialTestResult> {
	const loaded = await n8n.rest<{ data: { id: string; name: string; type: string; data?: Record<string, unknown> } }>(
		'GET',
		`/credentials/${cred.id}?includeData=true`,
	);
	const { id, name, type, data } = loaded.data;
	const res = await n8n.rest<{ data: CredentialTestResult }>('POST', '/credentials/test', { credentials: { id, name, type, data: data ?? {} } });
	return res.data;
}

// ---------------------------------------------------------------- CLI runs

export interface CliRun {
	workflowId: string;
	code: number | null;
	signal: NodeJS.Signals | null;
	/** the execution (IRun) n8n printed, when it printed one */
	run?: any;
	/**
	 * n8n 2.41's CLI often (≈ 6 runs in 10 here) dies with SIGSEGV while exiting, after it printed
	 * the complete result: isolated-vm (its default "vm" expression engine) tearing down. With
	 * N8N_EXPRESSION_ENGINE=legacy it never happens. true = that crash, result intact.
	 */
	crashedOnExit: boolean;
	stdout: string;
	stderr: string;
	ms: number;
}

/** Finds the JSON document n8n's CLI printed after its log lines. */
export function parseCliJson(stdout: string): any {
	const starts: number[] = [];
	if (stdout.startsWith('{')) starts.push(0);
	for (let i = stdout.indexOf('\n{'); i !== -1; i = stdout.indexOf('\n{', i + 1)) starts.push(i + 1);
	if (starts.length === 0 && stdout.includes('{')) starts.push(stdout.indexOf('{'));
	const end = stdout.lastIndexOf('}');
	for (const s of starts) {
		try {
			return JSON.parse(stdout.slice(s, end + 1));
		} catch {
			/* a log line with a brace; try the next one */
		}
	}
	return undefined;
}

/** Imports the workflow with `n8n import:workflow` and runs it with `n8n execute --id … --rawOutput`. */
export async function runWorkflowViaCli(n8n: N8nInstance, def: WorkflowDef): Promise<CliRun> {
	const t0 = Date.now();
	const workflowId = n8nId();
	const wf = { id: workflowId, active: false, versionId: randomUUID(), ...complete(def) };
	const dir = path.join(n8n.userFolder, 'e2e-workflows');
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(dir, `${workflowId}.json`);
	fs.writeFileSync(file, JSON.stringify(wf, null, 2));
	const imp = await n8n.cli(['import:workflow', `--input=${file}`]);
	if (imp.code !== 0) throw new Error(`n8n import:workflow failed (${imp.code}):\n${imp.stdout}\n${imp.stderr}`);
	const ex = await n8n.cli(['execute', `--id=${workflowId}`, '--rawOutput']);
	const run = parseCliJson(ex.stdout);
	const recordTo = recordingDir();
	if (recordTo && run) recordRun(recordTo, run.data?.resultData?.runData, wf.nodes, `cli ${workflowId}`);
	return {
		workflowId,
		code: ex.code,
		signal: ex.signal,
		run,
		crashedOnExit: ex.signal === 'SIGSEGV' && run !== undefined,
		stdout: ex.stdout,
		stderr: ex.stderr,
		ms: Date.now() - t0,
	};
}

/** Items (json) a node produced on its first run, output 0 by default. */
export function nodeOutput(run: any, nodeName: string, output = 0): any[] {
	const runs = run?.data?.resultData?.runData?.[nodeName];
	if (!runs) throw new Error(`node "${nodeName}" did not run; ran: ${Object.keys(run?.data?.resultData?.runData ?? {}).join(', ')}`);
	const items = runs[0]?.data?.main?.[output] ?? [];
	return items.map((i: { json: unknown }) => i.json);
}

/** The error of a node's first run, if any. */
export function nodeError(run: any, nodeName: string): any {
	return run?.data?.resultData?.runData?.[nodeName]?.[0]?.error;
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

/**
 * Waits until the production webhook is registered, without running the workflow: it probes
 * with a CORS preflight (OPTIONS + Origin + Access-Control-Request-Method). n8n 2.41 answers
 * it with an error while the webhook is unknown (500 - the lookup throws; a plain POST would
 * get 404) and 204 once it is registered, a few hundred ms after activation.
 */
export async function waitForWebhook(n8n: N8nInstance, webhookPath: string, method = 'POST', timeoutMs = 30_000): Promise<number> {
	const t0 = Date.now();
	for (;;) {
		const res = await fetch(`${n8n.url}/webhook/${webhookPath}`, {
			method: 'OPTIONS',
			headers: { origin: 'http://127.0.0.1', 'access-control-request-method': method },
		});
		await res.arrayBuffer();
		if (res.ok) return Date.now() - t0;
		if (Date.now() - t0 > timeoutMs) throw new Error(`webhook ${webhookPath} not registered after ${timeoutMs} ms (last preflight ${res.status})`);
		await sleep(100);
	}
}

export interface WebhookResponse {
	status: number;
	body: any;
	headers: Headers;
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
	executions(): Promise<any[]>;
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
			const res = await n8n.api<{ data: any[] }>('GET', `/executions?workflowId=${workflowId}&includeData=true&limit=20`);
			return res.data;
		},
		deactivate: () => deactivateWorkflow(n8n, workflowId),
	};
}

/** Random, URL-safe webhook path, so workflows of one run never collide. */
export function uniquePath(prefix = 'e2e'): string {
	return `${prefix}-${randomBytes(6).toString('hex')}`;
}
