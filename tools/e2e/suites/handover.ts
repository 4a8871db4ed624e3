/**
 * Human handover (issue 19): examples/human-handover.json imported into a real n8n with its data
 * table, Pause Minutes 0.5 (the example's 30 would keep a test waiting half an hour), then the
 * scenario of kit/handover.ts: a reply before; the business answers customer A from the WhatsApp
 * Business app (a signed smb_message_echoes) → A's next message gets no reply, customer B's does
 * (by BSUID), and after the pause A gets one again; the data table holds A's pause only. Then, on
 * an n8n of its own (a user folder it can restart with its database), a pause set before a
 * restart still holds after it. The same in queue mode: suites/queueHandover.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { restartN8n } from '../../lab/n8n';
import { onCleanup } from '../../lab/processes';
import { createCredential, simulatorCredentialData } from '../kit/credential';
import { deployHandover, handoverScenario, restartScenario, type HandoverEnv } from '../kit/handover';
import { waitForWebhook } from '../kit/workflows';
import { defineSuite, type E2EContext } from '../runner';

/** Half a minute: long enough for three executions on a loaded machine, short enough to wait out. */
export const TEST_PAUSE_MINUTES = 0.5;

/** Where the scenario runs on one n8n; `env.n8n` follows a restart. */
function oneN8n(n8n: HandoverEnv['n8n'], sim: HandoverEnv['sim'], cred: HandoverEnv['cred']): HandoverEnv {
	const env: HandoverEnv = {
		n8n,
		sim,
		cred,
		webhookBase: n8n.url,
		waitLive: async (webhookPath) => {
			await waitForWebhook(env.n8n, webhookPath, 'POST');
		},
	};
	return env;
}

/** An n8n of the case's own, with a user folder that outlives its restart. */
async function ownN8n(ctx: E2EContext, sim: HandoverEnv['sim']): Promise<HandoverEnv> {
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-e2e-handover-'));
	onCleanup(() => {
		if (!process.env.WA_E2E_KEEP) fs.rmSync(userFolder, { recursive: true, force: true });
	});
	const n8n = await ctx.startN8n({ userFolder });
	return oneN8n(n8n, sim, await createCredential(n8n, 'WhatsApp (sim, handover restart)', simulatorCredentialData(sim.url)));
}

export const handover = defineSuite<HandoverEnv>({
	name: 'human handover',
	async setup(ctx) {
		const [n8n, sim] = await Promise.all([ctx.n8n(), ctx.simulator()]);
		return oneN8n(n8n, sim, await createCredential(n8n, 'WhatsApp (sim, handover)', simulatorCredentialData(sim.url)));
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
		{
			name: 'the pause survives an n8n restart (data table in the database)',
			timeoutMs: 8 * 60_000,
			async run(ctx, shared) {
				const t0 = Date.now();
				const env = await ownN8n(ctx, shared.sim);
				// long enough to outlast a restart on a loaded machine; this case never waits it out
				const wf = await deployHandover(env, 10);
				try {
					const lines = await restartScenario(env, wf, async () => {
						env.n8n = await restartN8n(env.n8n, { start: ctx.startN8n });
					});
					ctx.log(lines.join('\n'));
					ctx.note(`human handover across a restart on n8n ${ctx.major}: ${Math.round((Date.now() - t0) / 1000)} s including its own n8n`);
				} finally {
					await wf.stop();
					await env.n8n.stop();
				}
			},
		},
	],
});
