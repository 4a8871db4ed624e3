/**
 * The example workflows users import (examples/*.json) inside a real n8n: each file goes through
 * the public API (POST /api/v1/workflows) the way a user's import would, with the simulator
 * credential attached to our nodes, and is accepted. Those that need no outside service run
 * against the simulator: the echo bot (activated, fed a signed message: mark-as-read with typing,
 * then the quoted reply) and the template broadcast (three template sends, and the badly written
 * number comes out as a Continue-On-Fail item). The AI agent (needs OpenAI) and the voice note
 * (needs the user's transcription node) are imported and activated, not run. The approval example
 * runs with an active WhatsApp Cloud Trigger beside it: the question's Approve button is tapped
 * (a signed button_reply from the simulator) and the approved branch sends the confirmation.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';

import { CUSTOMER_WA_ID, PHONE_NUMBERS, PHONE_NUMBER_ID, WABA_ID } from '../../simulator/fixtures';
import { messagesChange, payload, textMessage } from '../../../test/fixtures/webhookPayloads';
import { buttonReply } from '../../simulator/customer';
import { replyButtons, sentMessage } from '../cases';
import { createWorkflow, TRIGGER_TYPE, uniquePath, waitForWebhook, webhookTrigger, type WorkflowNode } from '../kit/workflows';
import { waitForExecutions } from '../kit/executions';
import { activate, deactivate } from '../kit/trigger';
import { defineSuite, type E2EContext } from '../runner';
import { deployAnswerTrigger } from '../kit/trigger';
import { simulatorCredentialData, createCredential, type CredentialRef } from '../kit/credential';
import { assertValid, FILES, forImport, itemsOf, readExample, sends, type State } from '../themes/exampleImport';
import { waitForExecution } from '../kit/executions';

export const examples = defineSuite<State>({
	name: 'examples',
	async setup(ctx) {
		const [n8n, sim] = await Promise.all([ctx.n8n(), ctx.simulator()]);
		const cred = await createCredential(n8n, 'WhatsApp Cloud API account', simulatorCredentialData(sim.url));
		// The AI example's chat model needs an OpenAI credential to be saved and activated; this one is
		// never used (the example is not run) and points nowhere reachable.
		// n8n 1.123's public API cannot validate openAiApi data (its generated schema for the optional
		// custom header refuses every shape), so the stand-in is saved the way the editor saves it.
		const saved = await n8n.rest<{ data: { id: string; name: string } }>('POST', '/credentials', {
			name: 'OpenAi account',
			type: 'openAiApi',
			data: { apiKey: 'sk-e2e-never-used', url: 'http://127.0.0.1:9/v1' },
		});
		const openAi: CredentialRef = { id: saved.data.id, name: saved.data.name };
		return { n8n, sim, cred, others: { openAiApi: openAi }, imported: {} };
	},
	cases: [
		...FILES.map((file) => ({
			name: `import ${file}`,
			async run(ctx: E2EContext, s: State) {
				const example = readExample(file);
				assert.ok(example.name && Array.isArray(example.nodes) && example.connections, `${file} is not a workflow`);
				for (const node of example.nodes) {
					for (const ref of Object.values(node.credentials ?? {})) {
						assert.deepEqual(
							Object.keys(ref),
							['name'],
							`${file}: node "${node.name}" must reference its credential by name only`,
						);
					}
				}
				const body = forImport(s, example);
				const id = await createWorkflow(s.n8n, body);
				s.imported[file] = id;
				const stored = await s.n8n.api<{ nodes: WorkflowNode[]; connections: unknown }>('GET', `/workflows/${id}`);
				assert.deepEqual(
					stored.nodes.map((n: WorkflowNode) => `${n.name} (${n.type}@${n.typeVersion})`),
					example.nodes.map((n) => `${n.name} (${n.type}@${n.typeVersion})`),
				);
				assert.deepEqual(stored.connections, example.connections);
				const answer = await s.n8n.rest<unknown>('POST', '/node-types', {
					nodeInfos: example.nodes.map((n) => ({ name: n.type, version: n.typeVersion })),
				});
				const descriptions = (Array.isArray(answer) ? answer : ((answer as { data?: unknown[] } | null)?.data ?? [])) as Array<{
					name?: string;
					version?: number | number[];
				}>;
				const knows = (n: WorkflowNode) =>
					descriptions.some((d) => {
						const versions = Array.isArray(d.version) ? d.version : [d.version];
						const sameName = d.name === n.type || d.name === n.type.split('.').pop();
						return sameName && versions.includes(n.typeVersion);
					});
				const missing = example.nodes.filter((n) => !knows(n)).map((n) => `${n.type}@${n.typeVersion}`);
				assert.deepEqual(
					missing,
					[],
					`n8n ${ctx.major} does not know these node types (it answered ${JSON.stringify(descriptions.map((d) => `${d?.name}@${JSON.stringify(d?.version)}`))})`,
				);
				const hasTrigger = example.nodes.some((n) => n.type === TRIGGER_TYPE);
				if (hasTrigger && (file.startsWith('ai-agent') || file.startsWith('voice-note'))) {
					// not run (OpenAI / the user's transcription node), but n8n must accept it as active
					await activate(s.n8n, id);
					await deactivate(s.n8n, id);
					ctx.note(
						`${file}: imported and activated on n8n ${ctx.major} (not run: it needs ${file.startsWith('ai') ? 'OpenAI' : 'your transcription node'})`,
					);
				} else {
					ctx.note(`${file}: imported on n8n ${ctx.major} (${example.nodes.length} nodes)`);
				}
			},
		})),
		{
			name: 'echo bot: signed message → mark as read with typing → "You said: …" reply',
			async run(ctx, s) {
				const example = readExample('echo-bot.json');
				const body = forImport(s, example);
				const trigger = body.nodes.find((n) => n.type === TRIGGER_TYPE)!;
				const id = await createWorkflow(s.n8n, body);
				await activate(s.n8n, id);
				try {
					const hook = `${trigger.webhookId}/webhook`;
					await waitForWebhook(s.n8n, hook, 'POST');
					const since = sends(s.sim, 0).length;
					const incoming = payload([
						{
							id: WABA_ID,
							changes: [
								messagesChange(
									{
										phone_number_id: PHONE_NUMBER_ID,
										display_phone_number: PHONE_NUMBERS[0].displayPhoneNumber.replace(/\D/g, ''),
									},
									[textMessage('wamid.e2e-example-echo', 'Do you ship to Lisbon?', CUSTOMER_WA_ID)],
									[{ profile: { name: 'Ana' }, wa_id: CUSTOMER_WA_ID }],
								),
							],
						},
					]);
					const res = await s.sim.postWebhook(`${s.n8n.url}/webhook/${hook}`, incoming);
					assert.equal(res.status, 200, res.body);
					const [execution] = await waitForExecutions(s.n8n, id, 1, 0);
					assert.equal(execution.status, 'success', JSON.stringify(execution.data?.resultData?.error ?? {}));
					const sent = sends(s.sim, since);
					assert.equal(sent.length, 2, `requests: ${JSON.stringify(sent.map((r) => r.body))}`);
					sent.forEach(assertValid);
					assert.deepEqual(sent[0].body, {
						messaging_product: 'whatsapp',
						status: 'read',
						message_id: 'wamid.e2e-example-echo',
						typing_indicator: { type: 'text' },
					});
					assert.deepEqual(sent[1].body, {
						messaging_product: 'whatsapp',
						recipient_type: 'individual',
						to: CUSTOMER_WA_ID,
						type: 'text',
						text: { body: 'You said: Do you ship to Lisbon?', preview_url: false },
						context: { message_id: 'wamid.e2e-example-echo' },
					});
					const [reply] = itemsOf(execution, 'Send Text Reply');
					assert.match(String(reply.messageId), /^wamid\./);
					ctx.note(
						`echo bot: 1 execution; simulator got ${JSON.stringify(sent[0].body)} then ${JSON.stringify(sent[1].body)}`,
					);
				} finally {
					await deactivate(s.n8n, id);
				}
			},
		},
		{
			name: 'template broadcast: 3 template sends, the national number as a Continue-On-Fail item',
			async run(ctx, s) {
				const example = readExample('template-broadcast.json');
				const body = forImport(s, example);
				// Sends run concurrently (bulk), so their order is not fixed; the output keeps the input order.
				// The Manual Trigger is swapped for a Webhook of the same name, so n8n runs the rest as is.
				const manual = body.nodes.findIndex((n) => n.type === 'n8n-nodes-base.manualTrigger');
				assert.notEqual(manual, -1, 'the example starts with a Manual Trigger');
				const hookPath = uniquePath('example-broadcast');
				body.nodes[manual] = {
					...webhookTrigger(hookPath, { name: body.nodes[manual].name }),
					position: body.nodes[manual].position,
				};
				const id = await createWorkflow(s.n8n, body);
				await activate(s.n8n, id);
				try {
					await waitForWebhook(s.n8n, hookPath, 'POST');
					const since = sends(s.sim, 0).length;
					const res = await fetch(`${s.n8n.url}/webhook/${hookPath}`, {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: '{}',
					});
					await res.arrayBuffer();
					const [execution] = await waitForExecutions(s.n8n, id, 1, 0);
					assert.equal(execution.status, 'success', JSON.stringify(execution.data?.resultData?.error ?? {}));
					const sent = sends(s.sim, since);
					sent.forEach(assertValid);
					assert.deepEqual(
						sent.map((r) => r.body).sort((a, b) => String(a.to).localeCompare(String(b.to))),
						['15550101001', '15550101002', '15550101003'].map((to) => ({
							messaging_product: 'whatsapp',
							recipient_type: 'individual',
							to,
							type: 'template',
							template: { name: 'hello_world', language: { code: 'en_US', policy: 'deterministic' } },
						})),
					);
					const out = itemsOf(execution, 'Send Template');
					assert.equal(out.length, 4, JSON.stringify(out));
					out.slice(0, 3).forEach((item) => assert.match(String(item.messageId), /^wamid\./));
					assert.equal(
						out[3].error,
						'"Recipient Phone Number or User ID": "07911 123456" is neither a phone number with country code (+1 555 123 4567) nor a WhatsApp user ID (US.13491208655302741918): as a phone number, it starts with a single 0, so it looks like a national number: write it with the country code, e.g. +44 7911 123456 (item 4)',
					);
					const failed = itemsOf(execution, 'Failed Sends');
					assert.deepEqual(
						failed.map((i) => i.error),
						[out[3].error],
					);
					ctx.note(
						`template broadcast: ${sent.length} template sends (contract-valid), 1 Continue-On-Fail item: ${out[3].error}`,
					);
				} finally {
					await deactivate(s.n8n, id);
				}
			},
		},
		{
			name: 'approval over WhatsApp: the approver taps Approve → Issue the Refund → confirmation text',
			async run(ctx, s) {
				if (ctx.major === 1) {
					// Measured on 1.123.81: the question goes out, but the waiting execution never shows in the
					// public API's execution list; so did the send and wait suite's cases at d473712.
					ctx.note(
						'approval example: run on n8n 2.x only (on 1.123.81 the waiting execution is not listed by the public API)',
					);
					return;
				}
				const example = readExample('approval-over-whatsapp.json');
				const body = forImport(s, example);
				const hook = body.nodes.find((n) => n.type === 'n8n-nodes-base.webhook')!;
				hook.webhookId = randomUUID();
				hook.parameters = { ...hook.parameters, path: uniquePath('example-approval') };
				const answers = await deployAnswerTrigger(s.n8n, s.cred, 'e2e example: trigger for the approval answers');
				const id = await createWorkflow(s.n8n, body);
				await activate(s.n8n, id);
				try {
					await waitForWebhook(s.n8n, String(hook.parameters.path), 'POST');
					const since = sends(s.sim, 0).length;
					const request = { orderId: '1042', amount: 20, reason: 'damaged', approver: '+1 555 000 4321' };
					const res = await fetch(`${s.n8n.url}/webhook/${String(hook.parameters.path)}`, {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: JSON.stringify(request),
					});
					assert.equal(res.status, 200, await res.text());
					const waiting = await waitForExecution(s.n8n, id, (e) => e.status === 'waiting', 'the approval waits').catch(
						(e: Error) => {
							throw new Error(
								`${e.message}; simulator got ${JSON.stringify(sends(s.sim, since).map((r) => [r.response.status, r.body]))}`,
							);
						},
					);
					const [question, ...others] = sends(s.sim, since);
					assert.deepEqual(others, [], 'only the question is sent while waiting');
					assertValid(question);
					const buttons = replyButtons(question);
					assert.deepEqual(
						{ ...question.body, interactive: { ...question.body.interactive, action: undefined } },
						{
							messaging_product: 'whatsapp',
							recipient_type: 'individual',
							to: '15550004321',
							type: 'interactive',
							interactive: {
								type: 'button',
								body: { text: 'Refund request: *20 EUR* for order 1042.\nReason: damaged' },
								footer: { text: 'Answer within 24 hours' },
								action: undefined,
							},
						},
					);
					assert.deepEqual(
						buttons.map((b) => b.title),
						['Approve', 'Decline'],
					);
					const tap = await s.sim.postWebhook(
						answers.url,
						buttonReply(sentMessage(question), 0, { waId: '15550004321', name: 'Maria Manager' }),
					);
					assert.equal(tap.status, 200, tap.body);
					const done = await waitForExecution(
						s.n8n,
						id,
						(e) => e.id === waiting.id && (e.status === 'success' || e.status === 'error'),
						'the approval resumes',
					);
					assert.equal(done.status, 'success', JSON.stringify(done.data?.resultData?.error ?? {}));
					const [answer] = itemsOf(done, 'Ask for Approval');
					assert.equal(answer.approved, true);
					assert.equal((answer.answeredBy as { waId?: string } | undefined)?.waId, '15550004321');
					assert.ok(itemsOf(done, 'Issue the Refund').length === 1, 'the approved branch ran');
					assert.equal(done.data.resultData.runData['Tell Approver: Not Refunded'], undefined);
					const after = sends(s.sim, since + 1);
					assert.equal(after.length, 1, `sends after the tap: ${JSON.stringify(after.map((r) => r.body))}`);
					assertValid(after[0]);
					assert.deepEqual(after[0].body.text, { body: 'Done: order 1042 is refunded.', preview_url: false });
					ctx.note(
						`approval example: question to ${question.body.to} with buttons ${JSON.stringify(buttons.map((b) => b.title))}; after Approve the node output ${JSON.stringify({ approved: answer.approved, option: answer.option, answeredBy: answer.answeredBy, timedOut: answer.timedOut })}, then "${after[0].body.text.body}"`,
					);
				} finally {
					await deactivate(s.n8n, id);
					await answers.deactivate();
				}
			},
		},
	],
});
