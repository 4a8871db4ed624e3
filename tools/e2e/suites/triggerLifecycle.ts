/**
 * The trigger's subscription in production, in a real n8n against its own Graph API simulator:
 * n8n restarted while Meta answers 500 / refuses the token / rate-limits still turns signed
 * events into executions (and the subscription is checked and put right afterwards), a second
 * workflow never takes the first one's subscription, deactivation with another app's token or
 * with Meta down never removes what is not ours (and a pending cleanup is finished on the next
 * activation), and App Callback mode delivers template-status events as items.
 *
 * Uses its own n8n (a user folder of its own, so it can be restarted with its database and
 * static data) and its own simulator (faults and state changes stay here).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { payload, PHONE_A, messagesChange, textMessage } from '../../../test/fixtures/webhookPayloads';
import { APP_ID, APP_TOKEN, EXPIRED_MESSAGE, GRAPH_VERSION, OTHER_APP_ID, OTHER_APP_NAME, TOKENS, VERIFY_TOKEN, WABA_ID } from '../../simulator/fixtures';
import { createWorkflow, sleep, waitForWebhook, type WorkflowNode } from '../kit/workflows';
import { restartN8n, type N8nInstance } from '../../lab/n8n';
import { defineSuite, type E2EContext } from '../runner';
import { executions, waitForExecutions, type Execution, type ItemJson } from '../kit/executions';
import { activate, activationError, deactivate, deployTrigger, TRIGGER, triggerNode, type DeployedTrigger } from '../kit/trigger';
import { startSimulator, type Fault, type Simulator } from '../../lab/simulator';
import { createCredential, CREDENTIAL_TYPE, simulatorCredentialData, type CredentialRef } from '../kit/credential';
import { onCleanup } from '../../lab/processes';

interface State {
	n8n: N8nInstance;
	sim: Simulator;
	/** no App ID: the trigger asks debug_token which app the token belongs to */
	cred: CredentialRef;
	/** App ID + App Secret, for App Callback mode */
	appCred: CredentialRef;
	hostFields: Record<string, string>;
}

/** The simulator credential without App ID: the trigger asks debug_token which app the token belongs to. */
function credentialData(sim: Simulator, extra: Record<string, string> = {}): Record<string, string> {
	const data: Record<string, string> = { ...simulatorCredentialData(sim.url), ...extra };
	if (!('appId' in extra)) delete data.appId;
	return data;
}

/** Version 1.1 with Subscription Mode WABA Override, the default here. */
const lifecycleTrigger = (cred: CredentialRef, parameters: Record<string, unknown> = {}) =>
	triggerNode(cred, { subscriptionMode: 'wabaOverride', ...parameters }, { typeVersion: 1.1 });

const deploy = (s: State, name: string, trigger: WorkflowNode) => deployTrigger(s.n8n, { name, nodes: [trigger] });

function items(execution: Execution | undefined): ItemJson[] {
	const run = execution?.data?.resultData?.runData?.[TRIGGER]?.[0];
	assert.ok(run, `the trigger did not run in execution ${execution?.id}`);
	return (run.data?.main?.[0] ?? []).map((i) => i.json);
}

async function waitForLog(n8n: N8nInstance, text: string, timeoutMs = 60_000): Promise<void> {
	const t0 = Date.now();
	while (!n8n.logs().includes(text)) {
		if (Date.now() - t0 > timeoutMs) throw new Error(`n8n did not log "${text}" within ${timeoutMs / 1000} s`);
		await sleep(200);
	}
}

const count = (text: string, part: string) => text.split(part).length - 1;
const ownEntry = (sim: Simulator, appId = APP_ID) => sim.state.subscribedApps.find((a) => a.whatsapp_business_api_data.id === appId);
const otherAppEntry = () => ({ whatsapp_business_api_data: { id: OTHER_APP_ID, name: OTHER_APP_NAME, link: 'https://www.example.com/sim-other-app' }, override_callback_uri: 'https://bsp.example.com/hook' });

/** One signed text message; resolves with the emitted item of the execution it started. */
async function signedEventRuns(s: State, wf: DeployedTrigger, tag: string): Promise<ItemJson> {
	const before = (await executions(s.n8n, wf.workflowId)).length;
	const res = await s.sim.postWebhook(wf.url, payload([{ id: WABA_ID, changes: [messagesChange(PHONE_A, [textMessage(`wamid.${tag}`, `hello ${tag}`)])] }]));
	assert.equal(res.status, 200, `webhook answered ${res.status} ${res.body}`);
	const execs = await waitForExecutions(s.n8n, wf.workflowId, before + 1, 0);
	const [item] = items(execs[execs.length - 1]);
	assert.equal(item.messageId, `wamid.${tag}`);
	return item;
}

const OUTAGES: Record<string, { fault: Fault; reason: string }> = {
	'Graph answers 500': { fault: { status: 500, times: Infinity }, reason: "Meta's Graph API answered with a server error" },
	'the token is expired': {
		fault: { status: 401, times: Infinity, error: { message: `Error validating access token: ${EXPIRED_MESSAGE}.`, code: 190, error_subcode: 463 } },
		reason: "Meta refused the credential's access token (expired or invalid)",
	},
	'rate-limited': {
		fault: { status: 400, times: Infinity, error: { message: '(#80007) Rate limit hit for WhatsApp Business Account', code: 80007 } },
		reason: 'Meta rate-limited the request',
	},
};

function restartCase(outage: keyof typeof OUTAGES, loseSubscription: boolean) {
	return {
		name: `n8n restarted while ${outage}: signed events still become executions, subscription repaired afterwards`,
		timeoutMs: 6 * 60_000,
		async run(ctx: E2EContext, s: State) {
			const { fault, reason } = OUTAGES[outage];
			const trigger = lifecycleTrigger(s.cred);
			const wf = await deploy(s, `e2e lifecycle (${outage})`, trigger);
			try {
				assert.equal(ownEntry(s.sim)?.override_callback_uri, wf.url, 'activation did not set the override');
				s.sim.addFault(fault);
				const seen = s.sim.requests().length;
				const t0 = Date.now();
				s.n8n = await restartN8n(s.n8n, { start: ctx.startN8n });
				await waitForWebhook(s.n8n, wf.path, 'POST');
				const warning = `could not check the override of app ${APP_ID} on WhatsApp Business Account ${WABA_ID} (→ ${wf.url}) (${reason}`;
				if (ctx.major === 1) await waitForLog(s.n8n, warning);
				const item = await signedEventRuns(s, wf, `restart-${fault.status}-${Date.now()}`);
				const duringOutage = s.sim.requests().slice(seen);
				const logs = s.n8n.logs();
				ctx.log(`restarted in ${Date.now() - t0} ms; Graph calls during the outage: ${duringOutage.map((r) => `${r.method} ${r.path} → ${r.response.status}`).join(', ') || 'none'}; item ${item.messageId} "${item.text}"`);
				if (ctx.major === 1) {
					assert.equal(count(logs, warning), 1, `expected one warning, got ${count(logs, warning)}:\n${logs.split('\n').filter((l) => l.includes('WhatsApp Cloud Trigger')).join('\n')}`);
					assert.ok(duringOutage.length > 0 && duringOutage.every((r) => r.response.status === fault.status), 'n8n 1.x should have run the start-up check');
				} else {
					assert.deepEqual(duringOutage.map((r) => r.path), [], 'n8n 2.x made Graph calls at start');
					assert.equal(count(logs, 'could not check'), 0);
				}
				for (const bad of ['did fail with error', 'Issue on initial workflow activation', 'Could not remove webhooks']) {
					assert.equal(count(logs, bad), 0, `n8n logged "${bad}"`);
				}
				s.sim.clearFaults();

				if (ctx.major === 1) {
					// Repair happens on the next check n8n runs: here the next start. One outage also lost the override.
					const seenRepair = s.sim.requests().length;
					s.n8n = await restartN8n(s.n8n, {
						start: ctx.startN8n,
						whileStopped: async () => {
							if (loseSubscription) delete ownEntry(s.sim)!.override_callback_uri;
						},
					});
					await waitForLog(s.n8n, loseSubscription ? `set the override of app ${APP_ID} on WhatsApp Business Account ${WABA_ID} (→ ${wf.url})` : 'checked again, it is in place');
					ctx.log(`next start with Meta back: ${s.sim.requests().slice(seenRepair).map((r) => `${r.method} ${r.path} → ${r.response.status}`).join(', ')}`);
					await signedEventRuns(s, wf, `after-repair-${fault.status}-${Date.now()}`);
				}
				assert.equal(ownEntry(s.sim)?.override_callback_uri, wf.url, 'the subscription is not in place afterwards');
				ctx.note(
					ctx.major === 1
						? `${outage} at restart (n8n 1.x): checkExists → one warning, no retry loop, webhook kept answering; next start with Meta back → ${loseSubscription ? 'override re-set (it had been lost)' : 'checked, mark cleared'}`
						: `${outage} at restart (n8n 2.x): no Graph call at start, events executed, subscription untouched`,
				);
			} finally {
				s.sim.clearFaults();
				await deactivate(s.n8n, wf.workflowId).catch(() => undefined);
			}
		},
	};
}

export const triggerLifecycle = defineSuite<State>({
	name: 'trigger lifecycle',
	async setup(ctx) {
		const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-e2e-lifecycle-'));
		onCleanup(() => {
			if (!process.env.WA_E2E_KEEP) fs.rmSync(userFolder, { recursive: true, force: true });
		});
		const sim = await startSimulator({ port: 0 });
		onCleanup(() => sim.close());
		const n8n = await ctx.startN8n({ userFolder });
		const hostFields: Record<string, string> = ctx.major === 1 ? { allowedHttpRequestDomains: 'all' } : {};
		const cred = await createCredential(n8n, 'WhatsApp (lifecycle, no App ID)', { ...credentialData(sim), ...hostFields });
		const appCred = await createCredential(n8n, 'WhatsApp (lifecycle, app)', { ...credentialData(sim, { appId: APP_ID }), ...hostFields });
		return { n8n, sim, cred, appCred, hostFields };
	},
	cases: [
		restartCase('Graph answers 500', true),
		restartCase('the token is expired', false),
		restartCase('rate-limited', false),
		{
			name: 'two workflows on one WABA without App ID: the second fails naming the first one\'s URL',
			async run(ctx, s) {
				s.sim.state.subscribedApps.unshift(otherAppEntry());
				const first = await deploy(s, 'e2e lifecycle (first)', lifecycleTrigger(s.cred));
				try {
					const secondId = await createWorkflow(s.n8n, { name: 'e2e lifecycle (second)', nodes: [lifecycleTrigger(s.cred)] });
					const message = await activationError(s.n8n, secondId);
					await deactivate(s.n8n, secondId).catch(() => undefined);
					ctx.log(`n8n said: ${message}`);
					assert.match(message, new RegExp(`WhatsApp Business Account ${WABA_ID} already sends this app's webhooks to ${first.url.replace(/[.?]/g, '\\$&')} \\(app ${APP_ID}\\)`));
					assert.equal(ownEntry(s.sim)?.override_callback_uri, first.url, 'the first workflow lost its subscription');
					assert.deepEqual(ownEntry(s.sim, OTHER_APP_ID), otherAppEntry());
					ctx.note(`second workflow on the same WABA (no App ID, two apps subscribed): "${message}"`);
				} finally {
					await deactivate(s.n8n, first.workflowId).catch(() => undefined);
					s.sim.state.subscribedApps = s.sim.state.subscribedApps.filter((a) => a.whatsapp_business_api_data.id !== OTHER_APP_ID);
				}
			},
		},
		{
			name: "credential edited to another app's token before deactivation: the other app's subscription survives",
			async run(ctx, s) {
				const cred = await createCredential(s.n8n, 'WhatsApp (lifecycle, edited)', { ...credentialData(s.sim), ...s.hostFields });
				const saved = structuredClone(s.sim.state.subscribedApps);
				s.sim.state.subscribedApps = [otherAppEntry()];
				try {
					const wf = await deploy(s, 'e2e lifecycle (credential edit)', lifecycleTrigger(cred));
					assert.equal(ownEntry(s.sim)?.override_callback_uri, wf.url);
					await s.n8n.rest('PATCH', `/credentials/${cred.id}`, { name: cred.name, type: CREDENTIAL_TYPE, data: { ...credentialData(s.sim, { accessToken: TOKENS.otherApp }), ...s.hostFields } });
					const writes = s.sim.requests().filter((r) => r.method !== 'GET' && r.path !== `/${GRAPH_VERSION}/`).length;
					await deactivate(s.n8n, wf.workflowId);
					const left = `left the override of app ${APP_ID} on WhatsApp Business Account ${WABA_ID} (→ ${wf.url}) in place: the credential now acts for another app`;
					await waitForLog(s.n8n, left);
					assert.equal(s.sim.requests().filter((r) => r.method !== 'GET' && r.path !== `/${GRAPH_VERSION}/`).length, writes, 'deactivation changed something at Meta');
					assert.deepEqual(ownEntry(s.sim, OTHER_APP_ID), otherAppEntry(), "the other app's subscription was changed");
					// Both tokens were looked up (debug_token inside a batch POST): neither may appear in any URL.
					const inUrl = s.sim.requests().filter((r) => [TOKENS.valid, TOKENS.otherApp].some((t) => r.path.includes(t) || Object.values(r.query).some((v) => v.includes(t))));
					assert.deepEqual(inUrl.map((r) => `${r.method} ${r.path}`), [], 'an access token travelled in a URL');
					assert.equal(ownEntry(s.sim)?.override_callback_uri, wf.url);
					ctx.note(`credential edited to another app's token, then deactivated: no write at Meta, other app's subscription intact; n8n logged "${left}…"`);
				} finally {
					s.sim.state.subscribedApps = saved;
				}
			},
		},
		{
			name: 'Meta down at deactivation: nothing lost, cleaned up on the next activation',
			async run(ctx, s) {
				const trigger = lifecycleTrigger(s.cred);
				const wf = await deploy(s, 'e2e lifecycle (Meta down at deactivation)', trigger);
				s.sim.addFault({ status: 500, times: Infinity });
				try {
					await deactivate(s.n8n, wf.workflowId);
					const noted = `could not remove the override of app ${APP_ID} on WhatsApp Business Account ${WABA_ID} (→ ${wf.url})`;
					await waitForLog(s.n8n, noted);
					assert.equal(ownEntry(s.sim)?.override_callback_uri, wf.url);
				} finally {
					s.sim.clearFaults();
				}
				const current = await s.n8n.api<{ nodes: WorkflowNode[]; [key: string]: unknown }>('GET', `/workflows/${wf.workflowId}`);
				const nodes = current.nodes.map((n: WorkflowNode) => (n.name === TRIGGER ? { ...n, parameters: { ...n.parameters, subscriptionMode: 'none' } } : n));
				await s.n8n.api('PUT', `/workflows/${wf.workflowId}`, { name: current.name, nodes, connections: current.connections, settings: { executionOrder: 'v1' } });
				await activate(s.n8n, wf.workflowId);
				await waitForLog(s.n8n, `removed the override of app ${APP_ID} on WhatsApp Business Account ${WABA_ID} (→ ${wf.url})`);
				assert.equal(ownEntry(s.sim)?.override_callback_uri, undefined, 'the override is still set');
				assert.ok(ownEntry(s.sim), "the app's own subscription was removed");
				await deactivate(s.n8n, wf.workflowId);
				ctx.note('Meta down at deactivation: no error, override kept and noted; next activation (Subscription Mode None) removed it');
			},
		},
		{
			name: 'app callback mode: activation sets the app webhook; a template status event becomes an item',
			async run(ctx, s) {
				const trigger = lifecycleTrigger(s.appCred, { subscriptionMode: 'appCallback', appFields: ['message_template_status_update', 'messages'] });
				const seen = s.sim.requests().length;
				const wf = await deploy(s, 'e2e lifecycle (app callback)', trigger);
				try {
					const calls = s.sim.requests().slice(seen).filter((r) => r.path.includes('/subscriptions'));
					ctx.log(`Graph calls on activation: ${calls.map((r) => `${r.method} ${r.path} → ${r.response.status}`).join(', ')}`);
					const post = calls.find((r) => r.method === 'POST');
					assert.ok(post, 'no POST /{app-id}/subscriptions');
					assert.equal(post.path, `/${GRAPH_VERSION}/${APP_ID}/subscriptions`);
					assert.equal(post.response.status, 200, JSON.stringify(post.response.body));
					assert.deepEqual(post.body, { object: 'whatsapp_business_account', callback_url: wf.url, verify_token: VERIFY_TOKEN, fields: ['message_template_status_update', 'messages'], include_values: true });
					for (const r of calls) {
						assert.equal(r.headers.authorization, `Bearer ${APP_TOKEN}`);
						assert.deepEqual(r.query, {});
					}
					assert.equal(s.sim.state.appSubscriptions[APP_ID]?.[0]?.callback_url, wf.url);

					const before = (await executions(s.n8n, wf.workflowId)).length;
					const event = {
						object: 'whatsapp_business_account',
						entry: [
							{
								id: WABA_ID,
								time: 1750000300,
								changes: [
									{
										field: 'message_template_status_update',
										value: { event: 'APPROVED', message_template_id: 400000000000004, message_template_name: 'order_cancelled', message_template_language: 'en_US', reason: 'NONE', message_template_category: 'UTILITY' },
									},
								],
							},
						],
					};
					const res = await s.sim.postWebhook(wf.url, event);
					assert.equal(res.status, 200, res.body);
					const execs = await waitForExecutions(s.n8n, wf.workflowId, before + 1, 0);
					const [item] = items(execs[execs.length - 1]);
					ctx.log(`item: ${JSON.stringify(item)}`);
					assert.equal(item.event, 'message_template_status_update');
					assert.equal(item.type, 'APPROVED');
					assert.equal(item.wabaId, WABA_ID);
					assert.equal((item.value as { message_template_name?: string } | undefined)?.message_template_name, 'order_cancelled');
					ctx.note(`app callback: POST /${APP_ID}/subscriptions (app token in the Authorization header) → 200 after the handshake; template status event → item ${JSON.stringify(item)}`);
				} finally {
					await deactivate(s.n8n, wf.workflowId);
				}
				assert.deepEqual(s.sim.state.appSubscriptions[APP_ID], [], 'deactivation did not remove the app webhook');
			},
		},
	],
});
