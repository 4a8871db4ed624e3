/**
 * Mapping Mode "Fields From Input" inside a real n8n (issue 20): Send Text and Send Template read
 * the recipient and the content from named fields of each item (dot paths too), with no
 * expression in the node; a missing field becomes an error item naming the field and the item.
 */
import assert from 'node:assert/strict';

import { PHONE_NUMBER_ID, TOKENS } from '../../simulator/fixtures';
import { deployWebhookWorkflow, NODE_TYPE, uniquePath, webhookTrigger, type WorkflowNode } from '../kit/workflows';
import type { N8nInstance } from '../../lab/n8n';
import { defineSuite } from '../runner';
import type { Simulator } from '../../lab/simulator';
import { simulatorCredentialData, createCredential, CREDENTIAL_TYPE, type CredentialRef } from '../kit/credential';

type State = { n8n: N8nInstance; sim: Simulator; cred: CredentialRef };

/** Our node in Fields From Input, for a message operation. */
function send(s: State, parameters: Record<string, unknown>, extra: Record<string, unknown> = {}): WorkflowNode {
	const base = { resource: 'message', phoneNumberId: { __rl: true, mode: 'id', value: PHONE_NUMBER_ID }, mappingMode: 'fieldsFromInput' };
	return { name: 'WhatsApp Cloud', type: NODE_TYPE, typeVersion: 1, parameters: { ...base, ...parameters }, credentials: { [CREDENTIAL_TYPE]: s.cred }, ...extra };
}

/** Webhook → Split Out (one item per row) → `node`, called once with `rows`. */
async function run(s: State, name: string, node: WorkflowNode, rows: unknown[]) {
	const split: WorkflowNode = { name: 'Rows', type: 'n8n-nodes-base.splitOut', typeVersion: 1, parameters: { fieldToSplitOut: 'body.rows', options: {} } };
	const wf = await deployWebhookWorkflow(s.n8n, { name, nodes: [webhookTrigger(uniquePath('fields')), split, node] });
	try {
		return await wf.call({ body: { rows } });
	} finally {
		await wf.deactivate();
	}
}

const messages = (s: State) => s.sim.requests({ method: 'POST', pathIncludes: '/messages' });

export const fieldMapping = defineSuite<State>({
	name: 'field mapping',
	async setup(ctx) {
		const [n8n, sim] = await Promise.all([ctx.n8n(), ctx.simulator()]);
		const cred = await createCredential(n8n, 'WhatsApp (sim, field mapping)', simulatorCredentialData(sim.url, TOKENS.valid));
		return { n8n, sim, cred };
	},
	cases: [
		{
			name: 'Send Text from customer.phone / msg: 100 items, each sent once, in order, contract-valid',
			timeoutMs: 2 * 60_000,
			async run(ctx, s) {
				s.sim.reset();
				const rows = Array.from({ length: 100 }, (_, n) => ({ customer: { phone: `+1 555 3${String(n).padStart(6, '0')}` }, msg: `Hi ${n}` }));
				const res = await run(s, 'e2e fields text', send(s, { operation: 'sendText', toField: 'customer.phone', bodyField: 'msg' }), rows);
				assert.equal(res.status, 200, `webhook answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
				const out = res.body as Array<{ waId: string; messageId: string }>;
				assert.deepEqual(out.map((o) => o.waId), rows.map((r) => r.customer.phone.replace(/\D/g, '')));
				const sent = messages(s);
				assert.equal(sent.length, 100);
				assert.ok(sent.every((r) => r.contract.valid), 'a request broke the contract');
				assert.deepEqual(sent.map((r) => (r.body as { text: { body: string } }).text.body).sort(), rows.map((r) => r.msg).sort());
				ctx.note('Fields From Input in real n8n: 100 Send Text items from customer.phone / msg, each sent once, order kept');
			},
		},
		{
			name: 'a missing field: with Continue On Fail an error item names the field and the item, the others go out',
			timeoutMs: 2 * 60_000,
			async run(ctx, s) {
				s.sim.reset();
				const rows = [{ to: '15550009999', text: 'one' }, { phone: '15550008888', text: 'two' }, { to: '15550007777', text: 'three' }];
				const res = await run(s, 'e2e fields missing', send(s, { operation: 'sendText' }, { onError: 'continueRegularOutput' }), rows);
				assert.equal(res.status, 200, `webhook answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
				const out = res.body as Array<{ waId?: string; error?: string }>;
				assert.equal(out.length, 3);
				assert.match(String(out[1].error), /no field "to" \(named in "Recipient Field"\) \(item 2\)/);
				assert.equal(messages(s).length, 2);
				ctx.log(`error item: ${String(out[1].error)}`);
			},
		},
		{
			name: 'Send Template with variables from an object field, keyed by name',
			timeoutMs: 2 * 60_000,
			async run(ctx, s) {
				s.sim.reset();
				const rows = [
					{ to: '15550009999', variables: { 1: 'Ana', 2: 'A-7' } },
					{ to: '15550008888', variables: { 1: 'Ben', 2: 'B-8' } },
				];
				const template = { __rl: true, mode: 'list', value: '400000000000003' };
				const res = await run(s, 'e2e fields template', send(s, { operation: 'sendTemplate', template }), rows);
				assert.equal(res.status, 200, `webhook answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
				const sent = messages(s).map((r) => r.body as { to: string; template: { components: Array<{ parameters: Array<{ text: string }> }> } });
				assert.deepEqual(
					sent.map((b) => [b.to, b.template.components[0].parameters.map((p) => p.text)]),
					[
						['15550009999', ['Ana', 'A-7']],
						['15550008888', ['Ben', 'B-8']],
					],
				);
				assert.ok(messages(s).every((r) => r.contract.valid));
				ctx.log('2 template sends from input fields, contract-valid');
			},
		},
	],
});
