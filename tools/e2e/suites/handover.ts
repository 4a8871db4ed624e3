/**
 * Human handover (issue 19): examples/human-handover.json imported into a real n8n with its data
 * table, Pause Minutes 0.5 (the example's 30 would keep a test waiting half an hour), then the
 * scenario of kit/handover.ts: a reply before; the business answers customer A from the WhatsApp
 * Business app (a signed smb_message_echoes) → A's next message gets no reply, customer B's does
 * (by BSUID), and after the pause A gets one again; the data table holds A's pause only.
 * The same in queue mode: suites/queueHandover.ts.
 */
import { createCredential, simulatorCredentialData } from '../kit/credential';
import { deployHandover, handoverScenario, type HandoverEnv } from '../kit/handover';
import { waitForWebhook } from '../kit/workflows';
import { defineSuite } from '../runner';

/** Half a minute: long enough for three executions on a loaded machine, short enough to wait out. */
export const TEST_PAUSE_MINUTES = 0.5;

export const handover = defineSuite<HandoverEnv>({
	name: 'human handover',
	async setup(ctx) {
		const [n8n, sim] = await Promise.all([ctx.n8n(), ctx.simulator()]);
		const cred = await createCredential(n8n, 'WhatsApp (sim, handover)', simulatorCredentialData(sim.url));
		return {
			n8n,
			sim,
			cred,
			webhookBase: n8n.url,
			waitLive: async (path) => {
				await waitForWebhook(n8n, path, 'POST');
			},
		};
	},
	cases: [
		{
			name: 'an echo from the business app pauses the bot for that customer only, until the pause ends (data table)',
			timeoutMs: 4 * 60_000,
			async run(ctx, env) {
				const t0 = Date.now();
				const wf = await deployHandover(env, TEST_PAUSE_MINUTES);
				try {
					const lines = await handoverScenario(env, wf);
					ctx.log(lines.join('\n'));
					ctx.note(
						`human handover on n8n ${ctx.major}: ${lines.length} steps in ${Math.round((Date.now() - t0) / 1000)} s (pause ${TEST_PAUSE_MINUTES * 60} s, data table "${wf.table.name}")`,
					);
				} finally {
					await wf.stop();
				}
			},
		},
	],
});
