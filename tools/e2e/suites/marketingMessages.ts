/**
 * Marketing Messages API for WhatsApp inside a real n8n (issue 24): a marketing template sent
 * through each "Send Via" choice, Automatic's fallback with its reason, the readable refusal of an
 * account that is not onboarded, Business Account → Get's onboarding status, the Marketing
 * Messages metrics of Template → Get Analytics, and a 1,000-item bulk send through
 * /marketing_messages with 10 % of the requests answered 130429: 0 lost, 0 duplicated.
 */
import assert from 'node:assert/strict';

import type { N8nInstance } from '../../lab/n8n';
import type { Simulator } from '../../lab/simulator';
import { TOKENS } from '../../simulator/fixtures';
import { createCredential, simulatorCredentialData, type CredentialRef } from '../kit/credential';
import { recipients, runSends, sendTemplateNode, setOnboarding } from '../kit/marketing';
import { bodyItems, deployWebhookWorkflow, NODE_TYPE, uniquePath, webhookTrigger } from '../kit/workflows';
import { CREDENTIAL_TYPE } from '../kit/credential';
import { defineSuite } from '../runner';

interface State {
	n8n: N8nInstance;
	sim: Simulator;
	cred: CredentialRef;
}

const digits = (phone: string) => phone.replace(/\D/g, '');
const posts = (sim: Simulator, endpoint: string) =>
	sim.requests({ method: 'POST', pathIncludes: `/${endpoint}` }).filter((r) => r.path.endsWith(`/${endpoint}`));

export const marketingMessages = defineSuite<State>({
	name: 'marketing messages',
	async setup(ctx) {
		const [n8n, sim] = await Promise.all([ctx.n8n(), ctx.simulator()]);
		const cred = await createCredential(n8n, 'WhatsApp (sim, marketing)', simulatorCredentialData(sim.url, TOKENS.valid));
		return { n8n, sim, cred };
	},
	cases: [
		{
			name: 'a marketing template via each Send Via: Cloud API, Marketing Messages API, Automatic (and its fallback reason)',
			timeoutMs: 2 * 60_000,
			async run(ctx, s) {
				s.sim.reset();
				setOnboarding(s.sim, 'ONBOARDED');
				const one = recipients(1);
				const results: Record<string, Record<string, unknown>> = {};
				for (const via of ['cloudApi', 'marketingMessages', 'automatic'] as const) {
					const before = s.sim.requests().length;
					const { res } = await runSends(s.n8n, `e2e mm via ${via}`, sendTemplateNode(s.cred, { sendVia: via }), one);
					assert.equal(res.status, 200, `${via}: webhook answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
					const [item] = bodyItems(res);
					results[via] = item;
					const sends = s.sim.requests().slice(before).filter((r) => r.method === 'POST');
					assert.equal(sends.length, 1, `${via}: one send expected`);
					assert.ok(sends[0].contract.valid, `${via}: the send broke the contract`);
					const expected = via === 'cloudApi' ? '/messages' : '/marketing_messages';
					assert.ok(sends[0].path.endsWith(expected), `${via}: sent to ${sends[0].path}`);
					assert.match(String(item.messageId), /^wamid\./);
				}
				assert.equal(results.cloudApi.sentVia, undefined, 'Cloud API output must stay as before');
				assert.equal(results.marketingMessages.sentVia, 'marketing_messages_api');
				assert.equal(results.automatic.sentVia, 'marketing_messages_api');

				// Automatic falls back: a utility template, then a marketing one on an account not onboarded.
				const { res: utility } = await runSends(s.n8n, 'e2e mm automatic utility', sendTemplateNode(s.cred, { sendVia: 'automatic', template: 'hello_world' }), one);
				const [u] = bodyItems(utility);
				assert.equal(u.sentVia, 'cloud_api');
				assert.match(String(u.sentViaReason), /category is UTILITY/);
				setOnboarding(s.sim, 'ELIGIBLE');
				const { res: fallback } = await runSends(s.n8n, 'e2e mm automatic fallback', sendTemplateNode(s.cred, { sendVia: 'automatic' }), one);
				const [f] = bodyItems(fallback);
				assert.equal(f.sentVia, 'cloud_api');
				assert.match(String(f.sentViaReason), /not onboarded/);
				assert.match(String(f.messageId), /^wamid\./);
				ctx.note(`Automatic fallback reason in the output: "${String(f.sentViaReason)}"`);
			},
		},
		{
			name: 'Marketing Messages API on an account not onboarded: a readable error that says how to onboard, nothing sent',
			timeoutMs: 2 * 60_000,
			async run(ctx, s) {
				s.sim.reset();
				setOnboarding(s.sim, 'ELIGIBLE');
				const { res } = await runSends(s.n8n, 'e2e mm not onboarded', sendTemplateNode(s.cred, { sendVia: 'marketingMessages', continueOnFail: true }), recipients(1));
				assert.equal(res.status, 200);
				const [item] = bodyItems(res);
				assert.match(String(item.error), /not onboarded to the Marketing Messages API \(status ELIGIBLE\)/);
				assert.match(String(item.description), /Accept the Marketing Messages API for WhatsApp terms/);
				assert.equal(posts(s.sim, 'marketing_messages').length, 0, 'nothing may be sent');
				ctx.note(`not onboarded: "${String(item.error)}"`);
			},
		},
		{
			name: 'Business Account → Get shows the onboarding status; Get Analytics carries the Marketing Messages metrics',
			timeoutMs: 2 * 60_000,
			async run(_ctx, s) {
				s.sim.reset();
				setOnboarding(s.sim, 'ONBOARDED');
				const nodes = [
					webhookTrigger(uniquePath('mm-get')),
					{
						name: 'Get Account',
						type: NODE_TYPE,
						typeVersion: 1,
						parameters: { resource: 'businessAccount', operation: 'get' },
						credentials: { [CREDENTIAL_TYPE]: s.cred },
					},
					{
						name: 'Analytics',
						type: NODE_TYPE,
						typeVersion: 1,
						parameters: {
							resource: 'template',
							operation: 'getAnalytics',
							templateIds: '400000000000005',
							startDate: '2026-11-01',
							endDate: '2026-11-03',
							metrics: ['SENT', 'CLICKED', 'WEBSITE_PURCHASES', 'APP_ACTIVATIONS'],
							productType: 'MARKETING_MESSAGES_API_FOR_WHATSAPP',
						},
						credentials: { [CREDENTIAL_TYPE]: s.cred },
					},
				];
				const wf = await deployWebhookWorkflow(s.n8n, { name: 'e2e mm get + analytics', nodes });
				try {
					const res = await wf.call({ body: {} });
					assert.equal(res.status, 200, JSON.stringify(res.body).slice(0, 300));
					const [, executions] = [null, await wf.executions()];
					const run = executions[0]?.data?.resultData?.runData ?? {};
					const account = run['Get Account']?.[0]?.data?.main?.[0]?.[0]?.json as Record<string, unknown>;
					assert.equal(account.marketingMessagesOnboardingStatus, 'ONBOARDED');
					assert.equal(account.marketingMessagesOnboarded, true);
					const rows = bodyItems(res);
					assert.ok(rows.length >= 2, 'one row per day');
					for (const row of rows) {
						assert.equal(typeof row.websitePurchases, 'number');
						assert.equal(typeof row.appActivations, 'number');
					}
				} finally {
					await wf.deactivate();
				}
			},
		},
		{
			name: 'bulk 1,000 marketing sends via the Marketing Messages API with 10% 130429: 0 lost, 0 duplicated',
			timeoutMs: 6 * 60_000,
			async run(ctx, s) {
				s.sim.reset();
				setOnboarding(s.sim, 'ONBOARDED');
				s.sim.addFault({
					method: 'POST',
					pathIncludes: '/marketing_messages',
					probability: 0.1,
					status: 400,
					error: { message: '(#130429) Rate limit hit', type: 'OAuthException', code: 130429, error_data: { details: 'Cloud API message throughput has been reached.' } },
				});
				try {
					const list = recipients(1000);
					const node = sendTemplateNode(s.cred, { sendVia: 'marketingMessages', sending: { ratePerSecond: 200 } });
					const { res, seconds } = await runSends(s.n8n, 'e2e mm bulk', node, list);
					assert.equal(res.status, 200, `webhook answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
					const out = bodyItems(res);
					assert.equal(out.length, 1000);
					assert.deepEqual(out.map((o) => o.waId), list.map((r) => digits(r.phone)), 'output order differs from input order');
					assert.ok(out.every((o) => o.sentVia === 'marketing_messages_api' && /^wamid\./.test(String(o.messageId))));
					const all = posts(s.sim, 'marketing_messages');
					const accepted = all.filter((r) => r.response.status === 200);
					const throttled = all.length - accepted.length;
					assert.equal(accepted.length, 1000, 'lost or extra sends');
					assert.equal(new Set(accepted.map((r) => (r.body as { to: string }).to)).size, 1000, 'a recipient got two messages');
					assert.ok(accepted.every((r) => r.contract.valid), 'a request broke the contract');
					assert.equal(posts(s.sim, 'messages').length, 0, 'nothing may go to /messages');
					assert.ok(throttled > 0, 'no fault was injected');
					ctx.note(`bulk 1,000 via /marketing_messages with 10% 130429: ${throttled} throttled requests retried, 1000/1000 accepted once, 0 lost, 0 duplicated, ${seconds.toFixed(1)} s`);
				} finally {
					s.sim.clearFaults();
				}
			},
		},
	],
});
