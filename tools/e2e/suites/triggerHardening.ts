/**
 * WhatsApp Cloud Trigger in a real n8n, against what production throws at a public URL: bodies
 * that are not Meta's JSON (forms, plain text, XML) get a 4xx and start nothing — also with the
 * node's "On Error: Continue" and with "Accept Unsigned Events" — signed payloads of another
 * `object` start nothing, group statuses come through once per participant, and refusals do not
 * flood n8n's log.
 */
import assert from 'node:assert/strict';

import { APP_SECRET } from '../../simulator/fixtures';
import { signatureHeader } from '../../simulator/webhook-client';
import { batchedPayload, GROUP_ID, GROUP_PARTICIPANTS, groupStatusesPayload } from '../../../test/fixtures/webhookPayloads';
import { deactivateWorkflow, sleep, type WorkflowNode } from '../kit/workflows';
import { type N8nInstance } from '../../lab/n8n';
import { defineSuite } from '../runner';
import { executions, waitForExecutions, type Execution, type ItemJson } from '../kit/executions';
import { deployTrigger, settled, TRIGGER, triggerNode, type DeployedTrigger } from '../kit/trigger';
import type { Simulator } from '../../lab/simulator';
import { createCredential, simulatorCredentialData, type CredentialRef } from '../kit/credential';

interface Deployed extends DeployedTrigger {
	label: string;
}

interface State {
	n8n: N8nInstance;
	sim: Simulator;
	cred: CredentialRef;
	deployed: Deployed[];
}

async function deploy(s: State, label: string, node: WorkflowNode): Promise<Deployed> {
	const deployed = { ...(await deployTrigger(s.n8n, { name: `e2e trigger hardening (${label})`, nodes: [node] })), label };
	s.deployed.push(deployed);
	return deployed;
}

function items(execution: Execution | undefined): ItemJson[] {
	const run = execution?.data?.resultData?.runData?.[TRIGGER]?.[0];
	return (run?.data?.main?.[0] ?? []).map((i) => i.json);
}

async function post(url: string, body: string | FormData | URLSearchParams, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
	const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(30_000) });
	return { status: res.status, body: await res.text() };
}

/** Requests that are not Meta's: each must get a 4xx and start nothing. */
function junkRequests(): Array<{ name: string; send(url: string): Promise<{ status: number; body: string }> }> {
	const json = JSON.stringify(batchedPayload('e2e-junk'));
	return [
		{
			name: 'multipart/form-data',
			send: (url) => {
				const form = new FormData();
				form.append('payload', json);
				form.append('file', new Blob(['not a webhook']), 'a.txt');
				return post(url, form);
			},
		},
		{
			name: 'multipart/form-data, signed',
			send: (url) => {
				const raw = `--e2eBoundary\r\nContent-Disposition: form-data; name="payload"\r\n\r\n${json}\r\n--e2eBoundary--\r\n`;
				return post(url, raw, { 'content-type': 'multipart/form-data; boundary=e2eBoundary', 'x-hub-signature-256': signatureHeader(APP_SECRET, raw) });
			},
		},
		{ name: 'application/x-www-form-urlencoded', send: (url) => post(url, new URLSearchParams({ payload: json })) },
		{ name: 'text/plain, signed', send: (url) => post(url, json, { 'content-type': 'text/plain', 'x-hub-signature-256': signatureHeader(APP_SECRET, json) }) },
		{ name: 'application/xml', send: (url) => post(url, '<entry><id>1</id></entry>', { 'content-type': 'application/xml' }) },
	];
}

export const triggerHardening = defineSuite<State>({
	name: 'trigger hardening',
	async setup(ctx) {
		const [n8n, sim] = await Promise.all([ctx.n8n(), ctx.simulator()]);
		const cred = await createCredential(n8n, 'WhatsApp (sim, trigger hardening)', simulatorCredentialData(sim.url));
		return { n8n, sim, cred, deployed: [] };
	},
	async teardown(_ctx, s) {
		for (const wf of s.deployed) {
			await deactivateWorkflow(s.n8n, wf.workflowId).catch(() => undefined);
			await settled(s.n8n, wf.workflowId).catch(() => undefined);
		}
	},
	cases: [
		{
			name: 'junk bodies (multipart, urlencoded, text/plain, XML) → 4xx and no execution, with and without On Error: Continue',
			async run(ctx, s) {
				const variants = [
					await deploy(s, 'defaults', triggerNode(s.cred, {})),
					await deploy(s, 'On Error: Continue', triggerNode(s.cred, {}, { onError: 'continueRegularOutput' })),
					await deploy(s, 'On Error: Continue + Accept Unsigned', triggerNode(s.cred, { options: { acceptUnsigned: true } }, { onError: 'continueRegularOutput' })),
				];
				const logStart = s.n8n.logs().length;
				const lines: string[] = [];
				for (const wf of variants) {
					for (const junk of junkRequests()) {
						const res = await junk.send(wf.url);
						lines.push(`${wf.label} · ${junk.name} → ${res.status} ${res.body}`);
						assert.ok(res.status >= 400 && res.status < 500, `${wf.label} · ${junk.name}: HTTP ${res.status} ${res.body}`);
					}
				}
				ctx.log(lines.join('\n'));
				await sleep(2500);
				for (const wf of variants) {
					const execs = await executions(s.n8n, wf.workflowId);
					assert.equal(execs.length, 0, `${wf.label}: ${execs.length} execution(s) started by junk bodies (statuses ${execs.map((e) => e.status).join(', ')})`);
				}
				const log = s.n8n.logs().slice(logStart);
				assert.ok(!/stream is not readable|not readable|Workflow Webhook Error/.test(log), `n8n logged a webhook error:\n${log.slice(-2000)}`);
				const statuses = [...new Set(lines.map((l) => l.replace(/^.* → (\d+) .*$/, '$1')))].join('/');
				ctx.note(`junk bodies: 5 kinds × 3 settings (defaults, On Error: Continue, + Accept Unsigned) → HTTP ${statuses}, 0 executions; e.g. "${lines[0]}"`);
			},
		},
		{
			name: 'a signed payload whose object is not whatsapp_business_account → 200, no execution',
			async run(ctx, s) {
				const wf = await deploy(s, 'object', triggerNode(s.cred, {}));
				const page = await s.sim.postWebhook(wf.url, { ...batchedPayload('e2e-page'), object: 'page' });
				const none = await s.sim.postWebhook(wf.url, { entry: batchedPayload('e2e-noobject').entry });
				ctx.log(`object "page" → ${page.status} ${page.body}; no object → ${none.status} ${none.body}`);
				assert.equal(page.status, 200);
				assert.equal(none.status, 200);
				await sleep(2000);
				const execs = await executions(s.n8n, wf.workflowId);
				assert.equal(execs.length, 0, `${execs.length} execution(s) for non-WhatsApp objects`);
				ctx.note(`non-WhatsApp object: "page" → HTTP ${page.status} ${page.body}, no object → HTTP ${none.status}; 0 executions`);
			},
		},
		{
			name: 'group statuses: delivered to 3 participants → 3 items; read by one → 1 item; redelivery → nothing',
			async run(ctx, s) {
				const wf = await deploy(s, 'group statuses', triggerNode(s.cred, { events: ['statuses'] }));
				const delivered = groupStatusesPayload('wamid.e2e-group', 'delivered', GROUP_PARTICIPANTS);
				const read = groupStatusesPayload('wamid.e2e-group', 'read', [GROUP_PARTICIPANTS[1]]);
				const answers: number[] = [];
				answers.push((await s.sim.postWebhook(wf.url, delivered)).status);
				await waitForExecutions(s.n8n, wf.workflowId, 1, 300);
				answers.push((await s.sim.postWebhook(wf.url, read)).status);
				await waitForExecutions(s.n8n, wf.workflowId, 2, 300);
				answers.push((await s.sim.postWebhook(wf.url, delivered)).status);
				answers.push((await s.sim.postWebhook(wf.url, read)).status);
				assert.deepEqual(answers, [200, 200, 200, 200]);
				const execs = await waitForExecutions(s.n8n, wf.workflowId, 2, 2500);
				const per = execs.map((e) => items(e).map((i) => `${i.status} ${i.recipientId}`));
				ctx.log(`4 deliveries → ${execs.length} executions: ${JSON.stringify(per)}`);
				assert.equal(execs.length, 2, `expected 2 executions (the redeliveries add none), got ${execs.length}`);
				assert.deepEqual(per[0], GROUP_PARTICIPANTS.map((p) => `delivered ${p}`));
				assert.deepEqual(per[1], [`read ${GROUP_PARTICIPANTS[1]}`]);
				assert.ok(items(execs[0]).every((i) => i.groupId === GROUP_ID));
				ctx.note(`group statuses: delivered ×3 participants → 1 execution with 3 items; read by 1 → 1 item; both redelivered → 0 executions`);
			},
		},
		{
			name: "refused signatures and handshakes: one warning per minute in n8n's log; unsigned events accepted for testing warn at most once a minute too",
			async run(ctx, s) {
				const strict = await deploy(s, 'log', triggerNode(s.cred, {}));
				const open = await deploy(s, 'unsigned', triggerNode(s.cred, { options: { acceptUnsigned: true } }));
				const logStart = s.n8n.logs().length;
				const forged: number[] = [];
				const refused: number[] = [];
				for (let i = 0; i < 10; i++) {
					forged.push((await s.sim.postWebhook(strict.url, batchedPayload(`e2e-forged-${i}`), { sign: 'forged' })).status);
					refused.push((await s.sim.handshake(strict.url, `wrong-${i}`)).status);
				}
				const unsigned = [
					await s.sim.postWebhook(open.url, batchedPayload('e2e-open-1'), { sign: 'none' }),
					await s.sim.postWebhook(open.url, batchedPayload('e2e-open-2'), { sign: 'none' }),
				];
				assert.deepEqual(forged, Array(10).fill(401));
				assert.deepEqual(refused, Array(10).fill(403));
				assert.deepEqual(unsigned.map((u) => u.status), [200, 200]);
				await waitForExecutions(s.n8n, open.workflowId, 2, 500);
				const log = s.n8n.logs().slice(logStart);
				const count = (text: string) => log.split('\n').filter((l) => l.includes(text)).length;
				const rejected = count('WhatsApp Cloud Trigger: webhook rejected with 401');
				const handshakes = count('WhatsApp Cloud Trigger: verification request refused with 403');
				const accepted = count('WhatsApp Cloud Trigger: accepted an UNSIGNED webhook');
				ctx.log(`n8n log: ${rejected} line(s) for 10 forged, ${handshakes} for 10 bad handshakes, ${accepted} for 2 unsigned accepted`);
				assert.equal(rejected, 1);
				assert.equal(handshakes, 1);
				assert.equal(accepted, 1, 'unsigned deliveries warn at most once a minute');
				assert.equal((await executions(s.n8n, strict.workflowId)).length, 0);
				ctx.note(`log: 10 forged → ${rejected} warning, 10 bad handshakes → ${handshakes} warning, 2 unsigned accepted (testing option) → ${accepted} warning (at most one a minute)`);
			},
		},
	],
});
