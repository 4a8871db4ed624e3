/**
 * Bulk sending inside a real n8n: one webhook call fans out into hundreds of items (Split Out),
 * the WhatsApp Cloud node sends them at the configured pace, retries Meta's throughput errors,
 * keeps the input order and pairs every output with its input.
 */
import assert from 'node:assert/strict';

import { PHONE_NUMBER_ID, TOKENS } from '../../simulator/fixtures';
import { deployWebhookWorkflow, NODE_TYPE, uniquePath, webhookTrigger, type WorkflowNode } from '../kit/workflows';
import type { N8nInstance } from '../../lab/n8n';
import { defineSuite } from '../runner';
import type { Simulator } from '../../lab/simulator';
import { simulatorCredentialData, createCredential, CREDENTIAL_TYPE, type CredentialRef } from '../kit/credential';

interface State {
	n8n: N8nInstance;
	sim: Simulator;
	cred: CredentialRef;
}

const splitOut: WorkflowNode = {
	name: 'Split Out',
	type: 'n8n-nodes-base.splitOut',
	typeVersion: 1,
	parameters: { fieldToSplitOut: 'body.recipients', options: {} },
};

function sendText(s: State, sending: Record<string, unknown>, extra: Record<string, unknown> = {}): WorkflowNode {
	return {
		name: 'WhatsApp Cloud',
		type: NODE_TYPE,
		typeVersion: 1,
		parameters: {
			resource: 'message',
			operation: 'sendText',
			phoneNumberId: { __rl: true, mode: 'id', value: PHONE_NUMBER_ID },
			to: '={{ $json.phone }}',
			body: '=Hello {{ $json.n }}',
			sending,
		},
		credentials: { [CREDENTIAL_TYPE]: s.cred },
		...extra,
	};
}

/** `count` distinct recipients: +1 555 2xx xxxx. */
function recipients(count: number): Array<{ phone: string; n: number }> {
	return Array.from({ length: count }, (_, n) => ({ phone: `+1 555 2${String(n).padStart(6, '0')}`, n }));
}

const digits = (phone: string) => phone.replace(/\D/g, '');

async function runBulk(s: State, name: string, node: WorkflowNode, list: Array<{ phone: string; n: number }>) {
	const wf = await deployWebhookWorkflow(s.n8n, { name, nodes: [webhookTrigger(uniquePath('bulk')), splitOut, node] });
	try {
		const t0 = Date.now();
		const res = await wf.call({ body: { recipients: list } });
		return { res, seconds: (Date.now() - t0) / 1000 };
	} finally {
		await wf.deactivate();
	}
}

export const bulk = defineSuite<State>({
	name: 'bulk',
	async setup(ctx) {
		const [n8n, sim] = await Promise.all([ctx.n8n(), ctx.simulator()]);
		const cred = await createCredential(n8n, 'WhatsApp (sim, bulk)', simulatorCredentialData(sim.url, TOKENS.valid));
		return { n8n, sim, cred };
	},
	cases: [
		{
			name: '300 items at 50 msg/s: paced, in order, each sent once, contract-valid',
			timeoutMs: 3 * 60_000,
			async run(ctx, s) {
				s.sim.reset();
				const list = recipients(300);
				const { res, seconds } = await runBulk(s, 'e2e bulk 50/s', sendText(s, { ratePerSecond: 50 }), list);
				assert.equal(res.status, 200, `webhook answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
				const out = res.body as Array<{ waId: string; messageId: string }>;
				assert.equal(out.length, 300);
				assert.deepEqual(out.map((o) => o.waId), list.map((r) => digits(r.phone)), 'output order differs from input order');
				assert.ok(out.every((o) => /^wamid\./.test(o.messageId)));

				const sent = s.sim.requests({ method: 'POST', pathIncludes: '/messages' });
				assert.equal(sent.length, 300, 'the simulator should get exactly one request per item');
				assert.equal(new Set(sent.map((r) => (r.body as { to: string }).to)).size, 300, 'a recipient got two messages');
				assert.ok(sent.every((r) => r.contract.valid), 'a request broke the contract');
				// The pacer's rule (never more than 50 starts in any second) is proven on a fake clock in
				// test/nodes/WhatsAppCloud/sending/throttle.test.ts. Here, on a shared machine, only its floor is safe to assert:
				// request k+50 starts at least a second after request k, so 300 sends take at least 5 s.
				// The arrival pattern at the simulator depends on the machine's load and is only reported.
				const times = sent.map((r) => Date.parse(r.at));
				const rate = (sent.length - 1) / ((times[times.length - 1] - times[0]) / 1000);
				const busiest = Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 1000).length));
				ctx.log(`300 sends: ${rate.toFixed(1)} msg/s at the simulator (configured 50), busiest second ${busiest}, webhook answered in ${seconds.toFixed(1)} s`);
				ctx.note(`bulk in real n8n: 300 items at configured 50 msg/s → ${rate.toFixed(1)} msg/s measured at the simulator (busiest second: ${busiest}), order kept, 0 lost, 0 duplicated`);
				assert.ok(seconds >= 5, `300 sends at 50 msg/s finished in ${seconds.toFixed(1)} s: they were not paced`);
			},
		},
		{
			name: '200 items with 20% injected 130429 (Retry-After 1 s): all delivered once, no error items',
			timeoutMs: 3 * 60_000,
			async run(ctx, s) {
				s.sim.reset();
				s.sim.addFault({
					method: 'POST',
					pathIncludes: '/messages',
					probability: 0.2,
					status: 400,
					retryAfterSeconds: 1,
					error: { message: '(#130429) Rate limit hit', type: 'OAuthException', code: 130429, error_data: { details: 'Cloud API message throughput has been reached.' } },
				});
				try {
					const list = recipients(200);
					const { res } = await runBulk(s, 'e2e bulk retries', sendText(s, { ratePerSecond: 100 }), list);
					assert.equal(res.status, 200, `webhook answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
					const out = res.body as Array<{ waId: string; error?: string }>;
					assert.deepEqual(out.map((o) => o.waId), list.map((r) => digits(r.phone)));
					const all = s.sim.requests({ method: 'POST', pathIncludes: '/messages' });
					const accepted = all.filter((r) => r.response.status === 200);
					const throttled = all.length - accepted.length;
					assert.equal(accepted.length, 200);
					assert.equal(new Set(accepted.map((r) => (r.body as { to: string }).to)).size, 200, 'a recipient got two messages');
					assert.ok(throttled > 0, 'no fault was injected');
					ctx.log(`${throttled} requests answered 130429 and retried; 200 delivered once each`);
					ctx.note(`bulk in real n8n with 20% 130429: ${throttled} throttled requests retried, 200/200 delivered once`);
				} finally {
					s.sim.clearFaults();
				}
			},
		},
		{
			name: 'a non-retryable 131026 with Continue On Fail: one error item in place, the rest sent',
			timeoutMs: 2 * 60_000,
			async run(ctx, s) {
				s.sim.reset();
				s.sim.addFault({
					method: 'POST',
					pathIncludes: '/messages',
					times: 1,
					status: 400,
					error: { message: '(#131026) Message undeliverable', type: 'OAuthException', code: 131026, error_data: { details: 'Message Undeliverable.' } },
				});
				try {
					const list = recipients(20);
					const { res } = await runBulk(s, 'e2e bulk continue on fail', sendText(s, { ratePerSecond: 80 }, { onError: 'continueRegularOutput' }), list);
					assert.equal(res.status, 200);
					const out = res.body as Array<{ waId?: string; code?: number; hint?: string; attempts?: number }>;
					assert.equal(out.length, 20);
					const failed = out.map((o, i) => ({ o, i })).filter(({ o }) => o.code === 131026);
					assert.equal(failed.length, 1, 'exactly one item should fail');
					assert.match(String(failed[0].o.hint), /undeliverable/i);
					const all = s.sim.requests({ method: 'POST', pathIncludes: '/messages' });
					assert.equal(all.length, 20, '131026 must not be retried');
					const failedTo = (all.find((r) => r.response.status !== 200)?.body as { to: string }).to;
					assert.equal(digits(list[failed[0].i].phone), failedTo, 'the error item is not at the position of its input');
					ctx.log(`item ${failed[0].i + 1} failed with 131026 (not retried); 19 others sent`);
				} finally {
					s.sim.clearFaults();
				}
			},
		},
	],
});
