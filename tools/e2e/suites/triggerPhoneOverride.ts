/**
 * Phone Number Override mode in a real n8n, against its own Graph API simulator whose deliveries
 * follow Meta's routing (phone number override > WABA override > app callback, per app): two
 * workflows own two numbers of one WABA on one app and each gets only its number's messages; a
 * number pointed elsewhere is refused with nothing changed; deactivation removes only its own,
 * still-unchanged override; a Meta outage at deactivation keeps the undo for the next activation.
 */
import assert from 'node:assert/strict';

import { APP_ID, GRAPH_VERSION, PHONE_NUMBERS } from '../../simulator/fixtures';
import { startSimulator, type Simulator } from '../../lab/simulator';
import { onCleanup, sleep } from '../../lab/processes';
import type { N8nInstance } from '../../lab/n8n';
import { createCredential, simulatorCredentialData, type CredentialRef } from '../kit/credential';
import { executions, runItems, waitForExecutions } from '../kit/executions';
import { customerTexts, routedUrl } from '../kit/phoneOverride';
import { activate, activationError, deactivate, deployTrigger, TRIGGER, triggerNode, type DeployedTrigger } from '../kit/trigger';
import { createWorkflow, type WorkflowNode } from '../kit/workflows';
import { defineSuite } from '../runner';

interface State {
	n8n: N8nInstance;
	sim: Simulator;
	cred: CredentialRef;
}

const [A, B] = PHONE_NUMBERS.map((p) => p.id);

const phoneTrigger = (cred: CredentialRef, phoneNumberId: string, parameters: Record<string, unknown> = {}): WorkflowNode =>
	triggerNode(cred, { subscriptionMode: 'phoneOverride', phoneNumberId, events: ['messages'], ...parameters }, { typeVersion: 1.1 });

const override = (s: State, phone: string) => s.sim.state.phoneOverrides[phone]?.[APP_ID];
/** Writes at Meta: every POST / DELETE but the app lookup (debug_token inside a batch POST to the Graph root). */
const writes = (s: State) => s.sim.requests().filter((r) => r.method !== 'GET' && r.path !== `/${GRAPH_VERSION}/`).length;

/** Polls until `check` holds (n8n's log or the simulator's state), failing after 60 s with `what`. */
async function eventually(check: () => boolean, what: string): Promise<void> {
	for (const t0 = Date.now(); !check(); await sleep(200)) {
		if (Date.now() - t0 > 60_000) throw new Error(`not reached within 60 s: ${what}`);
	}
}

/** The customer texts `phone`; the routed delivery must reach `wf` only, and start one execution with that number's item. */
async function reachesOnly(s: State, phone: string, wf: DeployedTrigger, others: DeployedTrigger[], tag: string): Promise<string> {
	const counts = await Promise.all([wf, ...others].map(async (w) => (await executions(s.n8n, w.workflowId, false)).length));
	const routed = await customerTexts(s.sim, phone, `hello ${tag}`);
	assert.equal(routedUrl(routed, APP_ID), wf.url, `a message to ${phone} was routed to ${routedUrl(routed, APP_ID)}`);
	assert.equal(routed.deliveries.find((d) => d.appId === APP_ID)?.status, 200);
	const execs = await waitForExecutions(s.n8n, wf.workflowId, counts[0] + 1);
	const [item] = runItems(execs[execs.length - 1], TRIGGER) ?? [];
	assert.equal(item?.phoneNumberId, phone);
	assert.equal(item?.text, `hello ${tag}`);
	for (const [i, other] of others.entries()) {
		assert.equal((await executions(s.n8n, other.workflowId, false)).length, counts[i + 1], `workflow ${other.workflowId} ran for a message to ${phone}`);
	}
	return `${phone} → ${routed.deliveries.map((d) => d.via).join(', ')} → workflow ${wf.workflowId} only`;
}

export const triggerPhoneOverride = defineSuite<State>({
	name: 'trigger phone override',
	async setup(ctx) {
		const sim = await startSimulator({ port: 0 });
		onCleanup(() => sim.close());
		const n8n = await ctx.n8n();
		const hostFields: Record<string, string> = ctx.major === 1 ? { allowedHttpRequestDomains: 'all' } : {};
		const cred = await createCredential(n8n, 'WhatsApp (phone override)', { ...simulatorCredentialData(sim.url), ...hostFields });
		return { n8n, sim, cred };
	},
	cases: [
		{
			name: 'two numbers of one WABA, two workflows on one app: a message to A starts only A, to B only B, beside a WABA override',
			async run(ctx, s) {
				const waba = await deployTrigger(s.n8n, { name: 'e2e phone override (WABA)', nodes: [triggerNode(s.cred, { subscriptionMode: 'wabaOverride', events: ['messages'] }, { typeVersion: 1.1 })] });
				const wfA = await deployTrigger(s.n8n, { name: 'e2e phone override (A)', nodes: [phoneTrigger(s.cred, A)] });
				const wfB = await deployTrigger(s.n8n, { name: 'e2e phone override (B)', nodes: [phoneTrigger(s.cred, B)] });
				try {
					assert.deepEqual([override(s, A), override(s, B)], [wfA.url, wfB.url]);
					const posts = s.sim.requests({ method: 'POST' }).filter((r) => r.path.endsWith(`/${A}`));
					assert.deepEqual(posts.map((r) => r.body), [{ webhook_configuration: { override_callback_uri: wfA.url, verify_token: simulatorCredentialData(s.sim.url).verifyToken } }]);
					const lines = [await reachesOnly(s, A, wfA, [wfB, waba], 'A'), await reachesOnly(s, B, wfB, [wfA, waba], 'B')];
					await deactivate(s.n8n, wfA.workflowId);
					assert.equal(override(s, A), undefined, "A's override is still set");
					lines.push(await reachesOnly(s, A, waba, [wfA, wfB], 'A after A was deactivated'));
					ctx.log(lines.join('\n'));
					ctx.note(`phone override: ${lines.join('; ')}`);
				} finally {
					for (const wf of [wfA, wfB, waba]) await deactivate(s.n8n, wf.workflowId).catch(() => undefined);
				}
			},
		},
		{
			name: 'refusal: a number whose override points elsewhere fails activation with what to do, nothing changed at Meta',
			async run(ctx, s) {
				s.sim.state.phoneOverrides[B] = { [APP_ID]: 'https://elsewhere.example.com/hook' };
				try {
					const id = await createWorkflow(s.n8n, { name: 'e2e phone override (refused)', nodes: [phoneTrigger(s.cred, B)] });
					const before = writes(s);
					const message = await activationError(s.n8n, id);
					await deactivate(s.n8n, id).catch(() => undefined);
					ctx.log(`n8n said: ${message}`);
					assert.match(message, new RegExp(`Phone number ${B} already sends this app's webhooks to https://elsewhere\\.example\\.com/hook \\(app ${APP_ID}\\)`));
					assert.equal(writes(s), before, 'activation changed something at Meta');
					assert.equal(override(s, B), 'https://elsewhere.example.com/hook');
					ctx.note(`refused number: "${message}", no write at Meta`);
				} finally {
					delete s.sim.state.phoneOverrides[B];
				}
			},
		},
		{
			name: "restore: deactivating A removes only A's override (B's stays); an override someone changed meanwhile is left alone",
			async run(ctx, s) {
				const wfA = await deployTrigger(s.n8n, { name: 'e2e phone override (restore A)', nodes: [phoneTrigger(s.cred, A)] });
				const wfB = await deployTrigger(s.n8n, { name: 'e2e phone override (restore B)', nodes: [phoneTrigger(s.cred, B)] });
				try {
					await deactivate(s.n8n, wfA.workflowId);
					assert.equal(override(s, A), undefined, "A's override is still set");
					assert.equal(override(s, B), wfB.url, "B's override went with A's");
					const afterA = await customerTexts(s.sim, A, 'nobody listens');
					assert.equal(routedUrl(afterA, APP_ID), undefined, 'a message to A still goes somewhere');
					s.sim.state.phoneOverrides[B][APP_ID] = 'https://someone.example.com/hook';
					const before = writes(s);
					await deactivate(s.n8n, wfB.workflowId);
					await eventually(() => s.n8n.logs().includes(`left the override of app ${APP_ID} on phone number ${B} (→ ${wfB.url}) alone, someone changed it since`), 'the "left alone" log line');
					assert.equal(writes(s), before, 'deactivation of B wrote to Meta');
					assert.equal(override(s, B), 'https://someone.example.com/hook');
					ctx.note(`restore: A removed, B kept; B changed by someone else → left alone, no write`);
				} finally {
					for (const wf of [wfA, wfB]) await deactivate(s.n8n, wf.workflowId).catch(() => undefined);
					delete s.sim.state.phoneOverrides[B];
				}
			},
		},
		{
			name: 'Meta down at deactivation: the override is kept and noted, removed on the next activation',
			async run(ctx, s) {
				const wf = await deployTrigger(s.n8n, { name: 'e2e phone override (Meta down)', nodes: [phoneTrigger(s.cred, A)] });
				s.sim.addFault({ status: 500, times: Infinity });
				try {
					await deactivate(s.n8n, wf.workflowId);
					await eventually(() => s.n8n.logs().includes(`could not remove the override of app ${APP_ID} on phone number ${A} (→ ${wf.url})`), 'the "could not remove" warning');
					assert.equal(override(s, A), wf.url);
				} finally {
					s.sim.clearFaults();
				}
				const current = await s.n8n.api<{ nodes: WorkflowNode[]; [key: string]: unknown }>('GET', `/workflows/${wf.workflowId}`);
				const nodes = current.nodes.map((n) => (n.name === TRIGGER ? { ...n, parameters: { ...n.parameters, subscriptionMode: 'none' } } : n));
				await s.n8n.api('PUT', `/workflows/${wf.workflowId}`, { name: current.name, nodes, connections: current.connections, settings: { executionOrder: 'v1' } });
				await activate(s.n8n, wf.workflowId);
				await eventually(() => override(s, A) === undefined, "A's override removed by the next activation");
				assert.ok(s.n8n.logs().includes(`removed the override of app ${APP_ID} on phone number ${A} (→ ${wf.url})`));
				await deactivate(s.n8n, wf.workflowId);
				ctx.note('phone override, Meta down at deactivation: kept and noted; next activation (Subscription Mode None) removed it');
			},
		},
	],
});
