/**
 * WhatsApp Cloud Trigger inside a real n8n, fed by the Graph API simulator the way Meta feeds it:
 * activation subscribes the WABA (the simulator performs the verification GET first), signed
 * webhooks become one item per message / status / other change, forged and unsigned ones get
 * 401 without an execution, redeliveries are dropped, filters and separate outputs route items,
 * and Trigger → WhatsApp Cloud (Send Text) replies to the sender end to end.
 */
import assert from 'node:assert/strict';

import { APP_ID, CUSTOMER_WA_ID, GRAPH_VERSION, PHONE_NUMBERS, PHONE_NUMBER_ID, VERIFY_TOKEN, WABA_ID } from '../../simulator/fixtures';
import {
	batchedPayload,
	batchedPayloadWithOther,
	EXPECTED,
	messagesChange,
	payload,
	PHONE_B,
	textMessage,
	WEBHOOK_EXAMPLES,
} from '../../../test/fixtures/webhookPayloads';
import { createWorkflow, NODE_TYPE, noOp, sleep, type WorkflowNode } from '../kit/workflows';
import { type N8nInstance } from '../../lab/n8n';
import { defineSuite } from '../runner';
import { executions, waitForExecutions, type Execution, type ItemJson } from '../kit/executions';
import { activationError, deactivate, deployTrigger, TRIGGER, triggerNode, type DeployedTrigger } from '../kit/trigger';
import type { Simulator } from '../../lab/simulator';
import { createCredential, CREDENTIAL_TYPE, simulatorCredentialData, type CredentialRef } from '../kit/credential';

interface State {
	n8n: N8nInstance;
	sim: Simulator;
	cred: CredentialRef;
	/** auto-subscribing trigger, all events, one output */
	main?: DeployedTrigger;
	deployed: DeployedTrigger[];
}

/** Items of a node's first run, per output. */
function outputs(execution: Execution | undefined, nodeName: string): ItemJson[][] {
	const run = execution?.data?.resultData?.runData?.[nodeName]?.[0];
	if (!run) throw new Error(`node "${nodeName}" did not run in execution ${execution?.id}; ran: ${Object.keys(execution?.data?.resultData?.runData ?? {}).join(', ')}`);
	return (run.data?.main ?? []).map((items) => (items ?? []).map((i) => i.json));
}

function subscriptionOfApp(sim: Simulator) {
	return sim.state.subscribedApps.find((a) => a.whatsapp_business_api_data.id === APP_ID);
}

async function expectActivationError(n8n: N8nInstance, workflowId: string, pattern: RegExp): Promise<string> {
	const message = await activationError(n8n, workflowId);
	assert.match(message, pattern);
	return message;
}

export const trigger = defineSuite<State>({
	name: 'trigger',
	async setup(ctx) {
		const [n8n, sim] = await Promise.all([ctx.n8n(), ctx.simulator()]);
		// n8n 1.x's public API schema wants the generic "allowed domains" fields on every credential.
		const hostFields: Record<string, string> = ctx.major === 1 ? { allowedHttpRequestDomains: 'all' } : {};
		const cred = await createCredential(n8n, 'WhatsApp (sim, trigger)', { ...simulatorCredentialData(sim.url), ...hostFields });
		return { n8n, sim, cred, deployed: [] };
	},
	async teardown(_ctx, s) {
		for (const wf of s.deployed) await deactivate(s.n8n, wf.workflowId).catch(() => undefined);
	},
	cases: [
		{
			name: 'activation subscribes the WABA; the simulator verifies the URL first',
			async run(ctx, s) {
				const before = subscriptionOfApp(s.sim);
				assert.equal(before?.override_callback_uri, undefined, `the app already has an override: ${JSON.stringify(before)}`);
				const seen = s.sim.requests({ pathIncludes: '/subscribed_apps' }).length;
				const t0 = Date.now();
				s.main = await deployTrigger(s.n8n, { name: 'e2e trigger (auto-subscribe)', nodes: [triggerNode(s.cred, { autoSubscribe: true })] }, { waitForWebhook: false });
				s.deployed.push(s.main);
				ctx.log(`activated in ${Date.now() - t0} ms; trigger URL ${s.main.url}`);
				const calls = s.sim.requests({ pathIncludes: '/subscribed_apps' }).slice(seen);
				ctx.log(`Graph calls on activation: ${calls.map((r) => `${r.method} ${r.path} → ${r.response.status}`).join(', ')}`);
				const post = calls.find((r) => r.method === 'POST');
				assert.ok(post, 'no POST /subscribed_apps on activation');
				assert.equal(post.response.status, 200, `subscribe failed: ${JSON.stringify(post.response.body)}`);
				assert.deepEqual(post.body, { override_callback_uri: s.main.url, verify_token: VERIFY_TOKEN });
				assert.ok(post.contract.valid, JSON.stringify(post.contract.errors));
				const after = subscriptionOfApp(s.sim);
				assert.ok(after?.override_callback_uri?.endsWith(`/webhook/${s.main.webhookId}/webhook`), JSON.stringify(after));
				ctx.note(`activation: POST /${WABA_ID}/subscribed_apps → 200 after the simulator's handshake; override_callback_uri = ${after?.override_callback_uri}`);
			},
		},
		{
			name: 'handshake: right verify token → challenge, wrong → 403',
			async run(ctx, s) {
				assert.ok(s.main, 'needs the activated trigger');
				const ok = await s.sim.handshake(s.main.url, VERIFY_TOKEN, '1158201444');
				const bad = await s.sim.handshake(s.main.url, 'not-the-token', '1158201444');
				ctx.log(`right token → ${ok.status} "${ok.body}"; wrong token → ${bad.status} "${bad.body}"`);
				ctx.note(`handshake: right token → HTTP ${ok.status} body "${ok.body}"; wrong token → HTTP ${bad.status} "${bad.body}"`);
				assert.equal(ok.status, 200);
				assert.equal(ok.body, '1158201444');
				assert.equal(bad.status, 403);
				assert.ok(!bad.body.includes('1158201444'));
				const execs = await executions(s.n8n, s.main.workflowId);
				assert.equal(execs.length, 0, 'a handshake must not start the workflow');
			},
		},
		{
			name: 'every contract webhook example, signed → one execution with the expected item',
			timeoutMs: 4 * 60_000,
			async run(ctx, s) {
				assert.ok(s.main, 'needs the activated trigger');
				const counts: string[] = [];
				let total = (await executions(s.n8n, s.main.workflowId)).length;
				for (const [name, example] of Object.entries(WEBHOOK_EXAMPLES)) {
					const res = await s.sim.postWebhook(s.main.url, example);
					assert.equal(res.status, 200, `${name}: ${res.status} ${res.body}`);
					const execs = await waitForExecutions(s.n8n, s.main.workflowId, total + 1, 300);
					const fresh = execs.slice(total);
					assert.equal(fresh.length, 1, `${name}: ${fresh.length} executions`);
					total = execs.length;
					const [items] = outputs(fresh[0], TRIGGER);
					const expected = EXPECTED[name];
					assert.equal(items.length, 1, `${name}: ${items.length} items`);
					assert.equal(items[0].event, expected.event, name);
					assert.equal(items[0].type, expected.type, name);
					assert.equal(items[0].text, expected.text, name);
					for (const [key, value] of Object.entries(expected.extra ?? {})) assert.deepEqual(items[0][key], value, `${name}: ${key}`);
					assert.equal(fresh[0].status, 'success', name);
					counts.push(`${name}: 1 execution, ${items.length} item (${items[0].event}/${items[0].type}, text ${JSON.stringify(items[0].text)})`);
				}
				ctx.log(counts.join('\n'));
				ctx.note(`contract examples: 16 posted → ${counts.length} executions, 1 item each`);
			},
		},
		{
			name: 'batched payload (2 entries × 2 changes) → every message and status exactly once',
			async run(ctx, s) {
				assert.ok(s.main, 'needs the activated trigger');
				const before = (await executions(s.n8n, s.main.workflowId)).length;
				const res = await s.sim.postWebhook(s.main.url, batchedPayload('e2e-batch'));
				assert.equal(res.status, 200, res.body);
				const execs = (await waitForExecutions(s.n8n, s.main.workflowId, before + 1)).slice(before);
				assert.equal(execs.length, 1, `${execs.length} executions for one payload`);
				const [items] = outputs(execs[0], TRIGGER);
				const keys = items.map((i) => `${i.event}:${i.messageId ?? i.statusId}${i.status ? `:${i.status}` : ''}`);
				ctx.log(`1 execution, ${items.length} items: ${keys.join(', ')}`);
				assert.deepEqual(keys, [
					'message:wamid.e2e-batch.m1',
					'message:wamid.e2e-batch.m2',
					'status:wamid.e2e-batch.out1:sent',
					'status:wamid.e2e-batch.out1:delivered',
					'status:wamid.e2e-batch.out1:read',
					'status:wamid.e2e-batch.out2:failed',
					'message:wamid.e2e-batch.m3',
					'message:wamid.e2e-batch.m4',
				]);
				const failed = items.find((i) => i.status === 'failed') as { errors?: Array<{ hint?: string }> } | undefined;
				assert.match(String(failed?.errors?.[0]?.hint), /24 hours/);
				ctx.note(`batched payload: 1 execution, ${items.length} items (4 messages + 4 statuses), each once`);
				ctx.note(`one emitted item in full:\n${JSON.stringify(items[1], null, 2)}`);
				ctx.note(`one emitted status item in full:\n${JSON.stringify(failed, null, 2)}`);
			},
		},
		{
			name: 'forged and unsigned payloads → 401, no execution',
			async run(ctx, s) {
				assert.ok(s.main, 'needs the activated trigger');
				const before = (await executions(s.n8n, s.main.workflowId)).length;
				const forged = await s.sim.postWebhook(s.main.url, batchedPayload('e2e-forged'), { sign: 'forged' });
				const unsigned = await s.sim.postWebhook(s.main.url, batchedPayload('e2e-unsigned'), { sign: 'none' });
				const wrongBody = await s.sim.postWebhook(s.main.url, batchedPayload('e2e-tampered'), {
					rawBody: JSON.stringify(batchedPayload('e2e-tampered')).replace('first', 'FIRST'),
					secret: 'sim-app-secret-but-not-this-one',
				});
				ctx.log(`forged → ${forged.status} "${forged.body}"; unsigned → ${unsigned.status} "${unsigned.body}"; other secret → ${wrongBody.status}`);
				assert.equal(forged.status, 401);
				assert.equal(unsigned.status, 401);
				assert.equal(wrongBody.status, 401);
				await sleep(2000);
				const after = (await executions(s.n8n, s.main.workflowId)).length;
				assert.equal(after, before, `${after - before} executions started by rejected payloads`);
				ctx.note(`forged → HTTP ${forged.status} (${forged.body}); unsigned → HTTP ${unsigned.status} (${unsigned.body}); executions started: ${after - before}`);
			},
		},
		{
			name: 'the same payload delivered twice → no duplicate items',
			async run(ctx, s) {
				assert.ok(s.main, 'needs the activated trigger');
				const before = (await executions(s.n8n, s.main.workflowId)).length;
				const p = batchedPayload('e2e-dup');
				const first = await s.sim.postWebhook(s.main.url, p);
				const second = await s.sim.postWebhook(s.main.url, p);
				assert.equal(first.status, 200);
				assert.equal(second.status, 200, 'a redelivery must still get 200, or Meta keeps retrying');
				// a third delivery with one new status among known ones
				const mixed = batchedPayload('e2e-dup');
				(mixed.entry[1].changes[0] as { value: { statuses: unknown[] } }).value.statuses.push({
					...((mixed.entry[1].changes[0] as { value: { statuses: Array<Record<string, unknown>> } }).value.statuses[1]),
					status: 'read',
					errors: undefined,
				});
				const third = await s.sim.postWebhook(s.main.url, mixed);
				assert.equal(third.status, 200);
				const execs = (await waitForExecutions(s.n8n, s.main.workflowId, before + 2, 2500)).slice(before);
				const perExecution = execs.map((e) => outputs(e, TRIGGER)[0]);
				ctx.log(`3 deliveries → ${execs.length} executions with ${perExecution.map((i) => i.length).join(' + ')} items; second delivery answered ${second.status} ${second.body}`);
				assert.equal(execs.length, 2, `expected 2 executions (first delivery, then the one new status), got ${execs.length}`);
				assert.equal(perExecution[0].length, 8);
				assert.deepEqual(
					perExecution[1].map((i) => `${i.statusId}:${i.status}`),
					['wamid.e2e-dup.out2:read'],
				);
				ctx.note(`dedupe: same batch delivered twice → 1 execution (8 items), 2nd delivery answered ${second.status} ${second.body}; a 3rd delivery with 1 new status among 8 known events → 1 execution with only that status`);
			},
		},
		{
			name: 'phone-number filter and separate outputs route items',
			async run(ctx, s) {
				const trig = triggerNode(s.cred, { outputMode: 'separate', options: { phoneNumberIds: PHONE_B.phone_number_id } });
				const wf = await deployTrigger(s.n8n, {
					name: 'e2e trigger (filter + separate outputs)',
					nodes: [trig, noOp('Messages'), noOp('Statuses'), noOp('Other')],
					connections: {
						[TRIGGER]: {
							main: [
								[{ node: 'Messages', type: 'main', index: 0 }],
								[{ node: 'Statuses', type: 'main', index: 0 }],
								[{ node: 'Other', type: 'main', index: 0 }],
							],
						},
					},
				});
				s.deployed.push(wf);
				const res = await s.sim.postWebhook(wf.url, batchedPayloadWithOther('e2e-sep'));
				assert.equal(res.status, 200, res.body);
				// only number A: nothing passes the filter → 200, no execution
				const onlyA = await s.sim.postWebhook(wf.url, payload([{ id: WABA_ID, changes: [messagesChange({ phone_number_id: '106540352242922', display_phone_number: '15550783881' }, [textMessage('wamid.e2e-sep.a', 'for A')])] }]));
				assert.equal(onlyA.status, 200);
				const execs = await waitForExecutions(s.n8n, wf.workflowId, 1, 2000);
				assert.equal(execs.length, 1, `${execs.length} executions`);
				const [messages, statuses, other] = outputs(execs[0], TRIGGER);
				const describe = (items: ItemJson[]) => items.map((i) => `${i.messageId ?? i.statusId ?? i.field}${i.status ? `:${i.status}` : ''}`);
				ctx.log(`Messages: ${describe(messages).join(', ')}\nStatuses: ${describe(statuses).join(', ')}\nOther: ${describe(other).join(', ')}`);
				assert.deepEqual(describe(messages), ['wamid.e2e-sep.m3', 'wamid.e2e-sep.m4']);
				assert.deepEqual(describe(statuses), ['wamid.e2e-sep.out1:read', 'wamid.e2e-sep.out2:failed']);
				assert.deepEqual(describe(other), ['group_lifecycle_update']);
				for (const [node, n] of [['Messages', 2], ['Statuses', 2], ['Other', 1]] as const) {
					assert.equal(outputs(execs[0], node)[0].length, n, `${node} received ${outputs(execs[0], node)[0].length} items`);
				}
				assert.ok([...messages, ...statuses, ...other].every((i) => i.phoneNumberId === PHONE_B.phone_number_id));
				ctx.note(`filter + separate outputs: 9 events for numbers A and B → Messages 2, Statuses 2, Other 1 (only number B); a payload for A only → no execution`);
			},
		},
		{
			name: 'a second auto-subscribing trigger on the same WABA fails activation, saying why',
			async run(ctx, s) {
				assert.ok(s.main, 'needs the activated trigger');
				const workflowId = await createWorkflow(s.n8n, { name: 'e2e trigger (conflict)', nodes: [triggerNode(s.cred, { autoSubscribe: true })] });
				const message = await expectActivationError(s.n8n, workflowId, /already sends this app's webhooks to/);
				await deactivate(s.n8n, workflowId).catch(() => undefined);
				ctx.log(`n8n said: ${message}`);
				ctx.note(`second auto-subscribing trigger on the same WABA: activation failed with "${message}"`);
				assert.ok(subscriptionOfApp(s.sim)?.override_callback_uri?.includes(s.main.webhookId), 'the first trigger lost its subscription');
			},
		},
		{
			name: 'no App Secret → activation fails with a clear message',
			async run(ctx, s) {
				const cred = await createCredential(s.n8n, 'WhatsApp (sim, no secret)', { ...simulatorCredentialData(s.sim.url), appSecret: '', ...(ctx.major === 1 ? { allowedHttpRequestDomains: 'all' } : {}) });
				const workflowId = await createWorkflow(s.n8n, { name: 'e2e trigger (no secret)', nodes: [triggerNode(cred, {})] });
				const message = await expectActivationError(s.n8n, workflowId, /no App Secret/);
				await deactivate(s.n8n, workflowId).catch(() => undefined);
				ctx.log(`n8n said: ${message}`);
				ctx.note(`credential without App Secret: activation failed with "${message}"`);
			},
		},
		{
			name: 'Trigger → WhatsApp Cloud (Send Text) replies to the sender',
			async run(ctx, s) {
				const trig = triggerNode(s.cred, { events: ['messages'] });
				const reply: WorkflowNode = {
					name: 'Reply',
					type: NODE_TYPE,
					typeVersion: 1,
					parameters: {
						resource: 'message',
						operation: 'sendText',
						phoneNumberId: { __rl: true, mode: 'id', value: '={{ $json.phoneNumberId }}' },
						to: '={{ $json.waId }}',
						body: '=You said: {{ $json.text }}',
						options: { replyTo: '={{ $json.messageId }}' },
					},
					credentials: { [CREDENTIAL_TYPE]: s.cred },
				};
				const wf = await deployTrigger(s.n8n, { name: 'e2e trigger → reply', nodes: [trig, reply] });
				s.deployed.push(wf);
				const sentBefore = s.sim.requests({ pathIncludes: '/messages' }).length;
				const incoming = payload([
					{
						id: WABA_ID,
						changes: [
							messagesChange(
								{ phone_number_id: PHONE_NUMBER_ID, display_phone_number: PHONE_NUMBERS[0].displayPhoneNumber.replace(/\D/g, '') },
								[textMessage('wamid.e2e-reply.in1', 'Hola, ¿tienen envío? 🚚', CUSTOMER_WA_ID)],
								[{ profile: { name: 'Ana' }, wa_id: CUSTOMER_WA_ID }],
							),
						],
					},
				]);
				const res = await s.sim.postWebhook(wf.url, incoming);
				assert.equal(res.status, 200, res.body);
				const [execution] = await waitForExecutions(s.n8n, wf.workflowId, 1, 500);
				assert.equal(execution.status, 'success', JSON.stringify(execution.data?.resultData?.error ?? {}));
				const sent = s.sim.requests({ pathIncludes: '/messages' }).slice(sentBefore);
				assert.equal(sent.length, 1, `${sent.length} /messages requests`);
				const [req] = sent;
				assert.equal(req.path, `/${GRAPH_VERSION}/${PHONE_NUMBER_ID}/messages`);
				assert.ok(req.contract.valid, JSON.stringify(req.contract.errors));
				assert.equal(req.body.to, CUSTOMER_WA_ID);
				assert.equal(req.body.text.body, 'You said: Hola, ¿tienen envío? 🚚');
				assert.deepEqual(req.body.context, { message_id: 'wamid.e2e-reply.in1' });
				const out = outputs(execution, 'Reply')[0];
				assert.match(String(out[0].messageId), /^wamid\./);
				ctx.log(`reply sent: POST ${req.path} ${JSON.stringify(req.body)} → ${req.response.status}`);
				ctx.note(`trigger → reply: 1 execution (success); the simulator received ${JSON.stringify(req.body)} (contract-valid)`);
			},
		},
		{
			name: 'deactivation restores the WABA subscription as it was',
			async run(ctx, s) {
				assert.ok(s.main, 'needs the activated trigger');
				await deactivate(s.n8n, s.main.workflowId);
				s.deployed = s.deployed.filter((d) => d !== s.main);
				const app = subscriptionOfApp(s.sim);
				ctx.log(`after deactivation: ${JSON.stringify(s.sim.state.subscribedApps)}`);
				assert.ok(app, 'the app subscription that existed before activation was removed');
				assert.equal(app.override_callback_uri, undefined, 'the override is still set');
				ctx.note(`deactivation: override removed, the app's own subscription kept (${JSON.stringify(s.sim.state.subscribedApps)})`);
			},
		},
	],
});

