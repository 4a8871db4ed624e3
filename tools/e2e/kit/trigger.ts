/**
 * WhatsApp Cloud Trigger workflows in a running n8n: the trigger node, activation that waits
 * for n8n 2.x's asynchronous publication (and reports the trigger's error), and deploying a
 * trigger workflow until its production URL is live.
 */
import { randomUUID } from 'node:crypto';

import { HttpError, type N8nInstance } from '../../lab/n8n';
import { CREDENTIAL_TYPE, type CredentialRef } from './credential';
import { activateWorkflow, createWorkflow, deactivateWorkflow, PATIENCE_MS, TRIGGER_TYPE, waitForWebhook, type WorkflowDef, type WorkflowNode } from './workflows';
import { sleep } from '../../lab/processes';

export const TRIGGER = 'WhatsApp Cloud Trigger';

/**
 * A WhatsApp Cloud Trigger named TRIGGER: every event, one output, no subscription of its own
 * (`autoSubscribe: false` on version 1, Subscription Mode None on 1.1); `parameters` and `node`
 * (typeVersion, webhookId, settings such as onError) override.
 */
export function triggerNode(cred: CredentialRef, parameters: Record<string, unknown> = {}, node: Partial<WorkflowNode> = {}): WorkflowNode {
	const typeVersion = node.typeVersion ?? 1;
	const noSubscription = typeVersion === 1 ? { autoSubscribe: false } : { subscriptionMode: 'none' };
	return {
		name: TRIGGER,
		type: TRIGGER_TYPE,
		typeVersion,
		webhookId: randomUUID(),
		parameters: { events: ['messages', 'statuses', 'other'], outputMode: 'single', ...noSubscription, options: {}, ...parameters },
		credentials: { [CREDENTIAL_TYPE]: cred },
		...node,
	};
}

export interface Publication {
	status: string;
	triggers: Array<{ status?: string; errorMessage: string | null }>;
}

/**
 * n8n 2.x publishes workflows asynchronously (an outbox): POST /activate returns at once and the
 * triggers (our webhookMethods) run afterwards. Waits until the publication settled and returns
 * its status; null on n8n 1.x, where activation is synchronous.
 */
export async function settled(n8n: N8nInstance, workflowId: string, timeoutMs = PATIENCE_MS): Promise<Publication | null> {
	const t0 = Date.now();
	for (;;) {
		let res: Publication;
		try {
			res = (await n8n.rest<{ data: Publication }>('GET', `/workflows/${workflowId}/publication-status`)).data;
		} catch (e) {
			if (e instanceof HttpError && e.status === 404) return null;
			throw e;
		}
		if (res.status !== 'in_progress') return res;
		if (Date.now() - t0 > timeoutMs) throw new Error(`publication of ${workflowId} still in progress after ${timeoutMs / 1000} s`);
		await sleep(100);
	}
}

const errorsOf = (p: Publication) => p.triggers.map((t) => t.errorMessage).filter(Boolean).join('; ');

/** Activates and waits until n8n ran the trigger's activation; throws n8n's error if it failed. */
export async function activate(n8n: N8nInstance, workflowId: string): Promise<void> {
	await activateWorkflow(n8n, workflowId);
	const status = await settled(n8n, workflowId);
	if (status && status.status !== 'published') throw new Error(`activation ${status.status}: ${errorsOf(status)}`);
}

export async function deactivate(n8n: N8nInstance, workflowId: string): Promise<void> {
	await deactivateWorkflow(n8n, workflowId);
	await settled(n8n, workflowId);
}

/**
 * Activates a workflow that must fail to activate; returns n8n's message (the publication's
 * trigger errors on 2.x, the API's refusal on 1.x).
 */
export async function activationError(n8n: N8nInstance, workflowId: string): Promise<string> {
	try {
		await activateWorkflow(n8n, workflowId);
		const status = await settled(n8n, workflowId);
		if (!status) throw new Error('n8n 1.x activated a workflow that should have failed');
		if (status.status === 'published') throw new Error(`activation of ${workflowId} succeeded, expected it to fail`);
		return errorsOf(status);
	} catch (e) {
		if (!(e instanceof HttpError)) throw e;
		return typeof e.body === 'object' ? String((e.body as { message?: string }).message ?? JSON.stringify(e.body)) : String(e.body);
	}
}

export interface DeployedTrigger {
	workflowId: string;
	webhookId: string;
	/** `<webhookId>/webhook`, the trigger's production path */
	path: string;
	/** production URL of the trigger (GET handshake and POST events) */
	url: string;
}

/**
 * Creates and activates a workflow holding a WhatsApp Cloud Trigger, then waits until its
 * production URL (and any Webhook node's) is live. `waitForWebhook: false` skips that wait.
 */
export async function deployTrigger(n8n: N8nInstance, def: WorkflowDef, opts: { waitForWebhook?: boolean } = {}): Promise<DeployedTrigger> {
	const trigger = def.nodes.find((n) => n.type === TRIGGER_TYPE);
	if (!trigger?.webhookId) throw new Error('deployTrigger: no WhatsApp Cloud Trigger with a webhookId');
	const workflowId = await createWorkflow(n8n, def);
	await activate(n8n, workflowId);
	const path = `${trigger.webhookId}/webhook`;
	if (opts.waitForWebhook !== false) {
		await waitForWebhook(n8n, path, 'POST');
		for (const hook of def.nodes.filter((n) => n.type === 'n8n-nodes-base.webhook')) await waitForWebhook(n8n, String(hook.parameters.path), 'POST');
	}
	return { workflowId, webhookId: trigger.webhookId, path, url: `${n8n.url}/webhook/${path}` };
}

/**
 * Workflow "A" of a Send and Wait run: an active WhatsApp Cloud Trigger (Subscription Mode None,
 * so it never competes for the simulator's WABA override) that receives the person's answer
 * from Meta and passes it to the waiting execution.
 */
export async function deployAnswerTrigger(
	n8n: N8nInstance,
	cred: CredentialRef,
	name = 'e2e: WhatsApp Cloud Trigger (answers)',
): Promise<DeployedTrigger & { deactivate(): Promise<void> }> {
	const trigger = triggerNode(cred, { subscriptionMode: 'none', events: ['messages'] }, { typeVersion: 1.1 });
	const wf = await deployTrigger(n8n, { name, nodes: [trigger] });
	return { ...wf, deactivate: () => deactivateWorkflow(n8n, wf.workflowId) };
}
