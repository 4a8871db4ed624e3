/**
 * What the suites share on top of kit/: the credential that points at the simulator, the
 * WhatsApp Cloud node, one webhook run, the contract check of a recorded send, and two table
 * runners. A send row is a node's parameters and the exact body the simulator must record; a
 * refusal row is a node's parameters and the exact error the user sees, with nothing sent.
 * Each row becomes one e2e case, so `--only <row name>` runs a single one.
 */
import assert from 'node:assert/strict';

import { GRAPH_VERSION, PHONE_NUMBER_ID } from '../simulator/fixtures';
import { deployWebhookWorkflow, NODE_TYPE, sleep, uniquePath, webhookTrigger, type WebhookResponse, type WebhookWorkflow, type WorkflowNode } from './kit/workflows';
import type { Execution, ItemJson } from './kit/executions';
import type { SentMessage } from '../simulator/customer';
import { type N8nInstance } from '../lab/n8n';
import type { E2ECase, E2EContext } from './runner';
import type { RecordedRequest, Simulator } from '../lab/simulator';
import { CREDENTIAL_TYPE, type CredentialRef } from './kit/credential';

/** A resource-locator value in "By ID" mode. */
export const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });

/** A WhatsApp Cloud node using `cred`. */
export function waNode(
	cred: CredentialRef,
	parameters: Record<string, unknown>,
	name = 'WhatsApp Cloud',
	extra: Partial<WorkflowNode> = {},
): WorkflowNode {
	return { name, type: NODE_TYPE, typeVersion: 1, parameters, credentials: { [CREDENTIAL_TYPE]: cred }, ...extra };
}

/** What the table runners need from a suite's state. */
export interface SendEnv {
	n8n: N8nInstance;
	sim: Simulator;
	cred: CredentialRef;
}

/** Deploys Webhook → …nodes, calls it once with `body` and deactivates it again. */
export async function runByWebhook(
	ctx: E2EContext,
	n8n: N8nInstance,
	name: string,
	nodes: WorkflowNode[],
	body: unknown = {},
): Promise<{ res: WebhookResponse; wf: WebhookWorkflow }> {
	const wf = await deployWebhookWorkflow(n8n, {
		name: `e2e: ${name}`,
		nodes: [webhookTrigger(uniquePath('e2e')), ...nodes],
	});
	try {
		const t0 = Date.now();
		const res = await wf.call({ body });
		ctx.log(`${name}: live ${wf.readyMs} ms after activation, answered ${res.status} in ${Date.now() - t0} ms`);
		return { res, wf };
	} finally {
		await wf.deactivate();
	}
}

/** The error message of the latest failed execution of a workflow (what the editor shows). */
export async function latestFailure(wf: { executions(): Promise<Execution[]> }): Promise<string> {
	for (let i = 0; i < 50; i++) {
		const [latest] = await wf.executions();
		const error = latest?.data?.resultData?.error;
		if (error?.message) return String(error.message);
		await sleep(100);
	}
	throw new Error('no failed execution recorded');
}

/** Message sends (POST …/messages) the simulator recorded, from index `since` on. */
export function messagesSent(sim: Simulator, since = 0): RecordedRequest[] {
	return sim.requests({ method: 'POST', pathIncludes: '/messages' }).slice(since);
}

/** The request went to `path` and the simulator found it valid against Meta's contract. */
export function assertContractValid(
	request: RecordedRequest,
	path = `/${GRAPH_VERSION}/${PHONE_NUMBER_ID}/messages`,
): void {
	assert.equal(`${request.method} ${request.path}`, `POST ${path}`);
	assert.deepEqual(
		{ checked: request.contract?.checked, valid: request.contract?.valid, errors: request.contract?.errors },
		{ checked: true, valid: true, errors: [] },
		`${request.method} ${request.path} breaks the contract: ${JSON.stringify(request.contract?.errors)}`,
	);
}

/** Exactly one message was sent since index `since`, contract-valid; returns it. */
export function onlyValidSend(sim: Simulator, since: number): RecordedRequest {
	const sent = messagesSent(sim, since);
	assert.equal(
		sent.length,
		1,
		`expected 1 message request, got ${sent.length}: ${JSON.stringify(sent.map((r) => r.body))}`,
	);
	assertContractValid(sent[0]);
	return sent[0];
}

/** The body of a message send as Meta expects it: the envelope around `content`. */
export function messageBody(
	type: string,
	content: unknown,
	extra: Record<string, unknown> = {},
	to = '15550009999',
): Record<string, unknown> {
	return { messaging_product: 'whatsapp', recipient_type: 'individual', to, type, [type]: content, ...extra };
}

type NodeParameters<S> = Record<string, unknown> | ((state: S) => Promise<Record<string, unknown>>);

export interface SendCase<S extends SendEnv = SendEnv> {
	name: string;
	/** the WhatsApp Cloud node's parameters (or built from the suite's state) */
	parameters: NodeParameters<S>;
	/** the exact body the simulator must record, contract-valid */
	expected: Record<string, unknown>;
	/** the webhook call's JSON body (the node reads it as $json.body…) */
	input?: unknown;
	/** nodes between the Webhook and the WhatsApp Cloud node */
	before?: WorkflowNode[];
	/** fields the node's output item must have (messageId is always checked against Meta's answer) */
	output?: Record<string, unknown>;
}

async function parametersOf<S>(parameters: NodeParameters<S>, state: S): Promise<Record<string, unknown>> {
	return typeof parameters === 'function' ? await parameters(state) : parameters;
}

/** Runs one send row in n8n; returns the recorded request and the node's output item. */
export async function runSendCase<S extends SendEnv>(
	ctx: E2EContext,
	s: S,
	row: SendCase<S>,
): Promise<{ request: RecordedRequest; output: ItemJson | undefined }> {
	const since = messagesSent(s.sim).length;
	const node = waNode(s.cred, await parametersOf(row.parameters, s));
	const { res } = await runByWebhook(ctx, s.n8n, row.name, [...(row.before ?? []), node], row.input ?? {});
	assert.equal(res.status, 200, `the workflow failed: ${JSON.stringify(res.body)}`);
	const request = onlyValidSend(s.sim, since);
	assert.deepEqual(request.body, row.expected);
	assert.ok(
		Array.isArray(res.body) && res.body.length === 1,
		`expected one output item, got ${JSON.stringify(res.body)}`,
	);
	const [output] = res.body;
	const answered = (request.response.body as { messages?: Array<{ id: string }> }).messages;
	if (answered) assert.equal(output.messageId, answered[0].id, 'the output messageId is not the one Meta answered');
	for (const [key, value] of Object.entries(row.output ?? {}))
		assert.deepEqual(output[key], value, `output field ${key}`);
	return { request, output };
}

export function sendCases<S extends SendEnv>(rows: Array<SendCase<S>>): Array<E2ECase<S>> {
	return rows.map((row) => ({
		name: row.name,
		async run(ctx, s) {
			await runSendCase(ctx, s, row);
		},
	}));
}

export interface RefusalCase<S extends SendEnv = SendEnv> {
	name: string;
	parameters: NodeParameters<S>;
	/** the exact error message of the failed execution */
	error: string;
	input?: unknown;
	/** the requests (`METHOD /path`) the node makes before it refuses; none by default */
	requests?: string[];
}

/** Each row: the workflow fails with exactly `error` and sends nothing (only `requests`, if given). */
export function refusalCases<S extends SendEnv>(rows: Array<RefusalCase<S>>): Array<E2ECase<S>> {
	return rows.map((row) => ({
		name: row.name,
		async run(ctx, s) {
			const node = waNode(s.cred, await parametersOf(row.parameters, s));
			const since = s.sim.requests().length;
			const { res, wf } = await runByWebhook(ctx, s.n8n, row.name, [node], row.input ?? {});
			assert.notEqual(res.status, 200, `expected the workflow to fail, it answered ${JSON.stringify(res.body)}`);
			const text = await latestFailure(wf);
			ctx.note(`user sees for ${row.name}: ${text}`);
			assert.equal(text, row.error);
			assert.deepEqual(
				s.sim
					.requests()
					.slice(since)
					.map((r) => `${r.method} ${r.path}`),
				row.requests ?? [],
				'requests before the refusal',
			);
		},
	}));
}

// ---------------------------------------------------------------- Send and Wait: the person's answer

/** The reply buttons of a recorded interactive question (id and title each). */
export function replyButtons(question: RecordedRequest): Array<{ id: string; title: string }> {
	const buttons = (question.body?.interactive?.action?.buttons ?? []) as Array<{
		reply: { id: string; title: string };
	}>;
	return buttons.map((b) => b.reply);
}

/** A recorded question as tools/simulator/customer.ts answers it (buttonReply, listReply, textReply). */
export function sentMessage(question: RecordedRequest): SentMessage {
	const answered = (question.response.body as { messages?: Array<{ id: string }> })?.messages?.[0]?.id;
	assert.ok(answered, `the simulator did not accept the question: ${JSON.stringify(question.response)}`);
	const phoneNumberId = question.path.split('/')[2];
	return { id: answered, phoneNumberId, body: question.body };
}
