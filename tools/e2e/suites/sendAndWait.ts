/**
 * Message → Send and Wait for Response in a real n8n, the simulator playing Meta and the
 * customer. Workflow A: an active WhatsApp Cloud Trigger. Workflow B: Webhook → WhatsApp Cloud
 * (Send and Wait) → Set. The simulator records the question (contract-checked), then posts the
 * customer's signed answer to A's URL; A relays it to B's waiting URL and B resumes with the
 * answer item. Taps from other contacts, forged webhooks, replays and second taps change nothing.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';

import { parseReference, waitingUrl } from '../../../nodes/WhatsAppCloud/helpers/hitlReference';
import {
	buttonReply,
	CUSTOMER,
	listReply,
	quickReply,
	statusUpdate,
	textReply,
	type SentMessage,
} from '../../simulator/customer';
import { APP_SECRET, CUSTOMER_WA_ID, GRAPH_VERSION, PHONE_NUMBER_ID } from '../../simulator/fixtures';
import { signatureHeader } from '../../simulator/webhook-client';
import { assertContractValid, byId, waNode } from '../cases';
import { activateWorkflow, createWorkflow, deactivateWorkflow, deployWebhookWorkflow, setNode, sleep, TRIGGER_TYPE, uniquePath, waitForWebhook, webhookTrigger, type WebhookWorkflow } from '../kit/workflows';
import type { N8nInstance } from '../../lab/n8n';
import { defineSuite } from '../runner';
import type { Simulator } from '../../lab/simulator';
import { simulatorCredentialData, createCredential, CREDENTIAL_TYPE, type CredentialRef } from '../kit/credential';

interface State {
	n8n: N8nInstance;
	sim: Simulator;
	cred: CredentialRef;
	triggerUrl: string;
	triggerWorkflowId: string;
	deployed: WebhookWorkflow[];
	/** Approval flow shared by the first cases. */
	approval?: {
		wf: WebhookWorkflow;
		sent: SentMessage;
		executionId: string;
		relayed?: { body: string; signature: string };
	};
}

const WAIT_NODE = 'Ask';
const OTHER = { waId: '15550001111', name: 'Someone Else' };

function askNode(cred: CredentialRef, parameters: Record<string, unknown>) {
	return waNode(
		cred,
		{
			resource: 'message',
			operation: 'sendAndWait',
			phoneNumberId: byId(PHONE_NUMBER_ID),
			to: '+1 555 000 9999',
			...parameters,
		},
		WAIT_NODE,
	);
}

async function deployQuestion(s: State, name: string, parameters: Record<string, unknown>): Promise<WebhookWorkflow> {
	const path = uniquePath('saw');
	const wf = await deployWebhookWorkflow(s.n8n, {
		name,
		nodes: [
			webhookTrigger(path, { responseMode: 'onReceived' }),
			askNode(s.cred, parameters),
			setNode('After', { continued: 'yes' }),
		],
	});
	s.deployed.push(wf);
	return wf;
}

/** Starts B and returns the question the simulator received, once B is waiting. */
async function ask(s: State, wf: WebhookWorkflow): Promise<{ sent: SentMessage; executionId: string }> {
	const since = s.sim.requests({ pathIncludes: '/messages' }).length;
	const res = await wf.call({ body: { order: 42 } });
	assert.equal(res.status, 200, `B's webhook answered ${res.status}: ${JSON.stringify(res.body)}`);
	const execution = await waitForStatus(s, wf, (e) => e.status === 'waiting', 'waiting');
	const sent = s.sim.requests({ pathIncludes: '/messages' }).slice(since);
	assert.equal(sent.length, 1, `expected one question sent, got ${sent.length}`);
	assertContractValid(sent[0], `/${GRAPH_VERSION}/${PHONE_NUMBER_ID}/messages`);
	const response = sent[0].response.body as { messages: Array<{ id: string }> };
	return {
		sent: { id: response.messages[0].id, phoneNumberId: PHONE_NUMBER_ID, body: sent[0].body },
		executionId: String(execution.id),
	};
}

/** Every execution of B, oldest first (n8n 1.x lists waiting ones only when asked for them). */
async function latest(wf: WebhookWorkflow, n8n?: N8nInstance): Promise<any[]> {
	const all = await wf.executions();
	if (n8n) {
		// The editor's REST list shows waiting executions on n8n 1.x too (without their data).
		const filter = encodeURIComponent(JSON.stringify({ workflowId: wf.workflowId }));
		const listed = await n8n.rest<{ data: { results: any[] } }>('GET', `/executions?filter=${filter}&limit=20`);
		for (const e of listed.data.results ?? [])
			if (!all.some((x) => String(x.id) === String(e.id))) all.push({ ...e, id: String(e.id) });
	}
	return all.sort((a, b) => Number(a.id) - Number(b.id));
}

async function waitForStatus(
	s: State,
	wf: WebhookWorkflow,
	ok: (e: any) => boolean,
	what: string,
	timeoutMs = 90_000,
): Promise<any> {
	const t0 = Date.now();
	for (;;) {
		const all = await latest(wf, s.n8n);
		const last = all[all.length - 1];
		if (last && ok(last)) {
			// Entries from the REST list carry no run data: read the execution itself.
			return last.data ? last : await s.n8n.api<any>('GET', `/executions/${last.id}?includeData=true`);
		}
		if (Date.now() - t0 > timeoutMs)
			throw new Error(
				`B's execution is not ${what} after ${timeoutMs} ms: ${JSON.stringify(all.map((e) => [e.id, e.status]))}`,
			);
		await sleep(200);
	}
}

function outputOf(execution: any, node: string): any[] {
	const runs = execution?.data?.resultData?.runData?.[node] ?? [];
	const run = runs[runs.length - 1];
	return (run?.data?.main?.[0] ?? []).map((i: { json: unknown }) => i.json);
}

async function statusOf(s: State, executionId: string): Promise<string> {
	const e = await s.n8n.api<any>('GET', `/executions/${executionId}`);
	return e.status;
}

/** Message IDs of every item trigger A emitted so far. */
async function triggerMessageIds(s: State): Promise<string[]> {
	await sleep(500);
	const res = await s.n8n.api<{ data: any[] }>(
		'GET',
		`/executions?workflowId=${s.triggerWorkflowId}&includeData=true&limit=100`,
	);
	return res.data.flatMap((e) => outputOf(e, 'WhatsApp Cloud Trigger').map((j) => String(j.messageId)));
}

/** The answer item without the parts that change every run (times, message IDs). */
function stable(item: any): any {
	const { answeredAt, message, ...rest } = item;
	assert.match(String(answeredAt), /^\d{4}-\d\d-\d\dT/);
	return { ...rest, message: { type: message?.type, from: message?.from } };
}

export const sendAndWait = defineSuite<State>({
	name: 'send and wait',
	async setup(ctx) {
		const [n8n, sim] = await Promise.all([ctx.n8n(), ctx.simulator()]);
		const hostFields: Record<string, string> = ctx.major === 1 ? { allowedHttpRequestDomains: 'all' } : {};
		const cred = await createCredential(n8n, 'WhatsApp (sim, send and wait)', {
			...simulatorCredentialData(sim.url),
			...hostFields,
		});
		const webhookId = randomUUID();
		const triggerWorkflowId = await createWorkflow(n8n, {
			name: 'e2e send and wait: A (trigger)',
			nodes: [
				{
					name: 'WhatsApp Cloud Trigger',
					type: TRIGGER_TYPE,
					typeVersion: 1,
					webhookId,
					parameters: { events: ['messages', 'statuses'], outputMode: 'single', autoSubscribe: false, options: {} },
					credentials: { [CREDENTIAL_TYPE]: cred },
				},
			],
		});
		await activateWorkflow(n8n, triggerWorkflowId);
		await waitForWebhook(n8n, `${webhookId}/webhook`, 'POST');
		return { n8n, sim, cred, triggerUrl: `${n8n.url}/webhook/${webhookId}/webhook`, triggerWorkflowId, deployed: [] };
	},
	async teardown(_ctx, s) {
		for (const wf of s.deployed) await wf.deactivate().catch(() => undefined);
		await deactivateWorkflow(s.n8n, s.triggerWorkflowId).catch(() => undefined);
	},
	cases: [
		{
			name: 'approval: the question goes out as reply buttons carrying signed references',
			async run(ctx, s) {
				const wf = await deployQuestion(s, 'e2e send and wait: B (approval)', {
					message: 'Refund order 42 (19.90 EUR)?',
					responseType: 'approval',
					approvalOptions: { values: { approvalType: 'double', approveLabel: 'Refund', disapproveLabel: 'Keep' } },
				});
				const { sent, executionId } = await ask(s, wf);
				s.approval = { wf, sent, executionId };
				const buttons = sent.body.interactive.action.buttons;
				assert.deepEqual(
					{
						...sent.body,
						interactive: { ...sent.body.interactive, action: { buttons: buttons.map((b: any) => b.reply.title) } },
					},
					{
						messaging_product: 'whatsapp',
						recipient_type: 'individual',
						to: '15550009999',
						type: 'interactive',
						interactive: {
							type: 'button',
							body: { text: 'Refund order 42 (19.90 EUR)?' },
							action: { buttons: ['Refund', 'Keep'] },
						},
					},
				);
				for (const [i, b] of buttons.entries()) {
					const ref = parseReference(b.reply.id, APP_SECRET);
					assert.ok(ref, `button ${i} id is not a reference signed with the App Secret: ${b.reply.id}`);
					assert.deepEqual(
						{ e: ref.executionId, to: ref.recipient, pn: ref.phoneNumberId, o: ref.option },
						{ e: executionId, to: CUSTOMER_WA_ID, pn: PHONE_NUMBER_ID, o: i },
					);
					ctx.log(`button ${i} id: ${b.reply.id.length} chars`);
				}
			},
		},
		{
			name: 'approval: a tap from another contact, a forged webhook and a forged resume request do not resume',
			async run(ctx, s) {
				const a = s.approval!;
				const other = await s.sim.postWebhook(s.triggerUrl, buttonReply(a.sent, 0, OTHER));
				assert.equal(other.status, 200, other.body);
				assert.equal(await statusOf(s, a.executionId), 'waiting');
				const forged = await s.sim.postWebhook(s.triggerUrl, buttonReply(a.sent, 0), { sign: 'forged' });
				assert.equal(forged.status, 401, forged.body);
				assert.equal(await statusOf(s, a.executionId), 'waiting');
				// Straight to the waiting URL with n8n's valid URL signature but Meta's signature forged.
				const ref = parseReference(a.sent.body.interactive.action.buttons[0].reply.id, APP_SECRET)!;
				const url = waitingUrl(ref, s.n8n.url);
				const raw = JSON.stringify(buttonReply(a.sent, 0));
				const direct = await fetch(url, {
					method: 'POST',
					headers: {
						'content-type': 'application/json',
						'x-hub-signature-256': signatureHeader('not-the-secret', raw),
					},
					body: raw,
				});
				const directText = await direct.text();
				assert.equal(direct.status, 401, directText);
				assert.equal(await statusOf(s, a.executionId), 'waiting');
				ctx.log(
					`other contact → trigger 200, B waiting; forged → 401; forged resume request → ${direct.status} ${directText}`,
				);
			},
		},
		{
			name: 'approval: the customer taps Refund → B resumes with approved: true and the answerer',
			async run(ctx, s) {
				const a = s.approval!;
				const delivery = buttonReply(a.sent, 0);
				const raw = JSON.stringify(delivery);
				a.relayed = { body: raw, signature: signatureHeader(APP_SECRET, raw) };
				const res = await s.sim.postWebhook(s.triggerUrl, delivery, { rawBody: raw });
				assert.equal(res.status, 200, res.body);
				const done = await waitForStatus(s, a.wf, (e) => e.status === 'success', 'finished');
				const item = outputOf(done, WAIT_NODE);
				ctx.note(`send and wait approval output: ${JSON.stringify(item)}`);
				assert.equal(item.length, 1);
				assert.deepEqual(stable(item[0]), {
					approved: true,
					option: { index: 0, value: 'approve', title: 'Refund' },
					timedOut: false,
					responseType: 'approval',
					answeredBy: { waId: CUSTOMER_WA_ID, name: CUSTOMER.name },
					message: { type: 'interactive', from: CUSTOMER_WA_ID },
				});
				assert.deepEqual(
					outputOf(done, 'After').map((j) => j.continued),
					['yes'],
				);
			},
		},
		{
			name: 'approval: a second tap and a replayed resume request change nothing',
			async run(ctx, s) {
				const a = s.approval!;
				const before = await latest(a.wf, s.n8n);
				const again = await s.sim.postWebhook(s.triggerUrl, buttonReply(a.sent, 1));
				assert.equal(again.status, 200, again.body);
				const ref = parseReference(a.sent.body.interactive.action.buttons[0].reply.id, APP_SECRET)!;
				const replay = await fetch(waitingUrl(ref, s.n8n.url), {
					method: 'POST',
					headers: { 'content-type': 'application/json', 'x-hub-signature-256': a.relayed!.signature },
					body: a.relayed!.body,
				});
				await replay.text();
				const after = await latest(a.wf, s.n8n);
				assert.deepEqual(
					after.map((e) => [e.id, e.status]),
					before.map((e) => [e.id, e.status]),
				);
				assert.deepEqual(
					outputOf(after[after.length - 1], WAIT_NODE).map((j) => j.option.value),
					['approve'],
				);
				ctx.log(
					`second tap → trigger ${again.status}; replayed resume request → ${replay.status}; executions unchanged`,
				);
			},
		},
		{
			name: 'choice: the customer picks a list row → B resumes with the option',
			async run(ctx, s) {
				const wf = await deployQuestion(s, 'e2e send and wait: B (choice)', {
					message: 'When should we deliver?',
					responseType: 'choice',
					listButtonText: 'Pick a slot',
					choices: {
						choice: [
							{ title: 'Morning', value: 'am', description: '8-12' },
							{ title: 'Afternoon', value: 'pm' },
						],
					},
				});
				const { sent } = await ask(s, wf);
				assert.equal(sent.body.interactive.type, 'list');
				assert.deepEqual(
					sent.body.interactive.action.sections[0].rows.map((r: any) => [r.title, r.description ?? null]),
					[
						['Morning', '8-12'],
						['Afternoon', null],
					],
				);
				const res = await s.sim.postWebhook(s.triggerUrl, listReply(sent, 1));
				assert.equal(res.status, 200, res.body);
				const done = await waitForStatus(s, wf, (e) => e.status === 'success', 'finished');
				const item = outputOf(done, WAIT_NODE);
				ctx.note(`send and wait choice output: ${JSON.stringify(item)}`);
				assert.deepEqual(stable(item[0]), {
					approved: true,
					option: { index: 1, value: 'pm', title: 'Afternoon' },
					timedOut: false,
					responseType: 'choice',
					answeredBy: { waId: CUSTOMER_WA_ID, name: CUSTOMER.name },
					message: { type: 'interactive', from: CUSTOMER_WA_ID },
				});
			},
		},
		{
			name: "free text: after the status registers the question, the contact's next text resumes B",
			async run(ctx, s) {
				const wf = await deployQuestion(s, 'e2e send and wait: B (free text)', {
					message: 'What should we write on the card?',
					responseType: 'freeText',
				});
				const { sent, executionId } = await ask(s, wf);
				const ref = parseReference(sent.body.biz_opaque_callback_data, APP_SECRET);
				assert.ok(ref, `no signed reference in biz_opaque_callback_data: ${JSON.stringify(sent.body)}`);
				assert.deepEqual(
					{ ...sent.body, biz_opaque_callback_data: '…' },
					{
						messaging_product: 'whatsapp',
						recipient_type: 'individual',
						to: '15550009999',
						type: 'text',
						text: { body: 'What should we write on the card?' },
						biz_opaque_callback_data: '…',
					},
				);
				// Before Meta's status reached the trigger, a text is an ordinary message.
				const early = textReply(PHONE_NUMBER_ID, 'hello?');
				assert.equal((await s.sim.postWebhook(s.triggerUrl, early)).status, 200);
				assert.equal(await statusOf(s, executionId), 'waiting');
				assert.equal((await s.sim.postWebhook(s.triggerUrl, statusUpdate(sent, 'sent'))).status, 200);
				const a = await s.n8n.api<any>('GET', `/workflows/${s.triggerWorkflowId}`);
				ctx.log(`A's static data after the status: ${JSON.stringify(a.staticData)}`);
				assert.equal((await s.sim.postWebhook(s.triggerUrl, textReply(PHONE_NUMBER_ID, 'not me', OTHER))).status, 200);
				assert.equal(await statusOf(s, executionId), 'waiting');
				const answer = textReply(PHONE_NUMBER_ID, 'Happy birthday, Ann!');
				assert.equal((await s.sim.postWebhook(s.triggerUrl, answer)).status, 200);
				const done = await waitForStatus(s, wf, (e) => e.status === 'success', 'finished', 20_000).catch((e) => {
					ctx.log(
						s.n8n
							.logs()
							.split('\n')
							.filter((l) => /Send and Wait|WhatsApp Cloud/.test(l))
							.slice(-20)
							.join('\n'),
					);
					throw e;
				});
				const item = outputOf(done, WAIT_NODE);
				ctx.note(`send and wait free text output: ${JSON.stringify(item)}`);
				assert.deepEqual(stable(item[0]), {
					approved: true,
					text: 'Happy birthday, Ann!',
					timedOut: false,
					responseType: 'freeText',
					answeredBy: { waId: CUSTOMER_WA_ID, name: CUSTOMER.name },
					message: { type: 'text', from: CUSTOMER_WA_ID },
				});
				// Trigger A emitted the early text but not the answer (Include Send and Wait Answers is off).
				const emitted = await triggerMessageIds(s);
				const earlyId = early.entry[0].changes[0].value.messages[0].id;
				const answerId = answer.entry[0].changes[0].value.messages[0].id;
				assert.deepEqual([emitted.includes(earlyId), emitted.includes(answerId)], [true, false]);
				// A second text is an ordinary message again.
				const later = textReply(PHONE_NUMBER_ID, 'thanks');
				assert.equal((await s.sim.postWebhook(s.triggerUrl, later)).status, 200);
				assert.equal((await latest(wf, s.n8n)).length, 1);
			},
		},
		{
			name: 'template: a quick-reply tap on an approved template question resumes B',
			async run(ctx, s) {
				const wf = await deployQuestion(s, 'e2e send and wait: B (template)', {
					responseType: 'approval',
					questionFormat: 'template',
					templateName: 'promo_video',
					templateLanguage: 'en_US',
					templateComponents: JSON.stringify([
						{ type: 'header', parameters: [{ type: 'video', video: { link: 'https://example.com/new.mp4' } }] },
					]),
				});
				const { sent } = await ask(s, wf);
				const payloads = sent.body.template.components
					.filter((c: any) => c.type === 'button')
					.map((c: any) => parseReference(c.parameters[0].payload, APP_SECRET)?.option);
				assert.deepEqual(
					{
						name: sent.body.template.name,
						language: sent.body.template.language,
						kinds: sent.body.template.components.map(
							(c: any) => `${c.type}${c.sub_type ? `:${c.sub_type}:${c.index}` : ''}`,
						),
						payloads,
					},
					{
						name: 'promo_video',
						language: { code: 'en_US' },
						kinds: ['header', 'button:quick_reply:0', 'button:quick_reply:1'],
						payloads: [0, 1],
					},
				);
				const res = await s.sim.postWebhook(s.triggerUrl, quickReply(sent, 1, 'Stop promotions'));
				assert.equal(res.status, 200, res.body);
				const done = await waitForStatus(s, wf, (e) => e.status === 'success', 'finished');
				const item = outputOf(done, WAIT_NODE);
				ctx.note(`send and wait template output: ${JSON.stringify(item)}`);
				assert.deepEqual(stable(item[0]), {
					approved: false,
					option: { index: 1, value: 'decline', title: 'Stop promotions' },
					timedOut: false,
					responseType: 'approval',
					answeredBy: { waId: CUSTOMER_WA_ID, name: CUSTOMER.name },
					message: { type: 'button', from: CUSTOMER_WA_ID },
				});
			},
		},
		{
			name: "form: the CTA button opens n8n's waiting page; its submission resumes B with the fields",
			async run(ctx, s) {
				const wf = await deployQuestion(s, 'e2e send and wait: B (form)', {
					message: 'Tell us where to deliver',
					responseType: 'customForm',
					messageButtonLabel: 'Open form',
					formFields: {
						values: [
							{ fieldLabel: 'Street', fieldType: 'text', requiredField: true },
							{ fieldLabel: 'Floor', fieldType: 'number' },
						],
					},
				});
				const { sent } = await ask(s, wf);
				const action = sent.body.interactive.action;
				assert.deepEqual(
					{
						type: sent.body.interactive.type,
						body: sent.body.interactive.body,
						name: action.name,
						text: action.parameters.display_text,
					},
					{ type: 'cta_url', body: { text: 'Tell us where to deliver' }, name: 'cta_url', text: 'Open form' },
				);
				const url: string = action.parameters.url;
				assert.match(url, /\/webhook-waiting\/\d+\/[0-9a-f-]+\?signature=[0-9a-f]{64}$/);
				const page = await fetch(url);
				const html = await page.text();
				assert.equal(page.status, 200);
				assert.ok(
					html.includes('<label for="field-0">Street *</label>') && html.includes('name="field-1" type="number"'),
					html,
				);
				const post = (fields: Record<string, string>, target = url) => {
					const form = new FormData();
					for (const [k, v] of Object.entries(fields)) form.append(k, v);
					return fetch(target, { method: 'POST', body: form });
				};

				const empty = await post({ 'field-1': '3' });
				assert.deepEqual([empty.status, await empty.json()], [400, { resumed: false, reason: '"Street" is required' }]);
				const forged = await post({ 'field-0': 'Evil' }, url.replace(/signature=[0-9a-f]{8}/, 'signature=00000000'));
				await forged.text();
				assert.equal(forged.status, 401);
				const ok = await post({ 'field-0': 'Main St 1', 'field-1': '3' });
				assert.equal(ok.status, 200, await ok.text());
				const done = await waitForStatus(s, wf, (e) => e.status === 'success', 'finished');
				const item = outputOf(done, WAIT_NODE);
				ctx.note(`send and wait form output: ${JSON.stringify(item)}`);
				const { answeredAt, ...rest } = item[0];
				assert.match(String(answeredAt), /^\d{4}-/);
				assert.deepEqual(rest, {
					approved: true,
					timedOut: false,
					responseType: 'customForm',
					form: { Street: 'Main St 1', Floor: 3 },
					answeredBy: null,
				});
				const again = await post({ 'field-0': 'Other St 2' });
				await again.text();
				assert.deepEqual(
					(await latest(wf, s.n8n)).map((e) => e.status),
					['success'],
				);
				ctx.log(`form resubmitted after the answer → ${again.status}, nothing changed`);
			},
		},
		{
			name: 'timeout: Limit Wait Time runs out → B resumes with timedOut: true',
			timeoutMs: 180_000,
			async run(ctx, s) {
				const wf = await deployQuestion(s, 'e2e send and wait: B (timeout)', {
					message: 'Still there?',
					responseType: 'approval',
					options: {
						limitWaitTime: { values: { limitType: 'afterTimeInterval', resumeAmount: 0.05, resumeUnit: 'minutes' } },
					},
				});
				const { sent } = await ask(s, wf);
				const done = await waitForStatus(s, wf, (e) => e.status === 'success', 'finished', 150_000);
				const item = outputOf(done, WAIT_NODE);
				ctx.note(`send and wait timeout output: ${JSON.stringify(item)}`);
				assert.equal(item.length, 1);
				const { waitedUntil, ...rest } = item[0];
				assert.match(String(waitedUntil), /^\d{4}-\d\d-\d\dT/);
				assert.deepEqual(rest, {
					timedOut: true,
					approved: false,
					responseType: 'approval',
					answer: null,
					question: { messageId: sent.id, to: CUSTOMER_WA_ID, waId: CUSTOMER_WA_ID },
				});
				// A tap after the timeout changes nothing.
				const before = await latest(wf, s.n8n);
				const late = await s.sim.postWebhook(s.triggerUrl, buttonReply(sent, 0));
				assert.equal(late.status, 200, late.body);
				assert.deepEqual(
					(await latest(wf, s.n8n)).map((e) => [e.id, e.status]),
					before.map((e) => [e.id, e.status]),
				);
			},
		},
	],
});
