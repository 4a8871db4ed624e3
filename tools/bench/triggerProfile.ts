/**
 * bench:trigger --profile: CPU profiles of n8n while one workflow takes load, summed by where the
 * time goes (our trigger, n8n's webhook handling, expressions, the database …).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Pool } from 'undici';

import { argValue, type BenchTarget } from './n8nTarget';

import type { Deployed } from './triggerWorkflows';
import { runPhase } from './triggerPhases';
import { inclusiveTimes, topSelf, type CpuProfile } from './cpuProfile';
import { round } from './figures';

// ---------------------------------------------------------------- profile

export const SPANS: Array<{ label: string; match: (fn: string, url: string) => boolean }> = [
	{
		label: 'webhook request handling (executeWebhook)',
		match: (fn, url) => fn === 'executeWebhook' && url.includes('webhook-helpers'),
	},
	{ label: "the node's webhook() (runWebhook)", match: (fn) => fn === 'runWebhook' },
	{
		label: 'getCredentials → getDecrypted (credentials-helper)',
		match: (fn, url) => fn === 'getDecrypted' && url.includes('credentials-helper'),
	},
	{ label: '  credential row from the DB (getCredentialsEntity)', match: (fn) => fn === 'getCredentialsEntity' },
	{
		label: '  decryption (Credentials.getData)',
		match: (fn, url) => fn === 'getData' && url.includes('n8n-core') && url.includes('credentials'),
	},
	{
		label: '  defaults + expressions (applyDefaultsAndOverwrites)',
		match: (fn) => fn === 'applyDefaultsAndOverwrites',
	},
	{
		label: 'credential permission check of the execution',
		match: (fn, url) => url.includes('credentials-permission-checker') && fn === 'check',
	},
	{ label: 'workflow run (WorkflowRunner.run)', match: (fn, url) => fn === 'run' && url.includes('workflow-runner') },
	{
		label: 'execution saved (ExecutionRepository)',
		match: (fn, url) =>
			url.includes('execution.repository') && /^(createNewExecution|updateExistingExecution)$/.test(fn),
	},
	{
		label: 'this package (every frame in n8n-nodes-whatsapp-cloud)',
		match: (_fn, url) => url.includes('n8n-nodes-whatsapp-cloud/dist'),
	},
	{
		label: '  our webhook() (receiveWebhook)',
		match: (fn, url) => fn === 'receiveWebhook' && url.includes('n8n-nodes-whatsapp-cloud'),
	},
	{
		label: '  signature (verifySignature)',
		match: (fn, url) => fn === 'verifySignature' && url.includes('n8n-nodes-whatsapp-cloud'),
	},
	{ label: '  fan-out (fanOut)', match: (fn, url) => fn === 'fanOut' && url.includes('n8n-nodes-whatsapp-cloud') },
	{ label: '  dedupe (claim)', match: (fn, url) => fn === 'claim' && url.includes('n8n-nodes-whatsapp-cloud') },
	{
		label: 'Webhook node webhook() (n8n-nodes-base)',
		match: (fn, url) => fn === 'webhook' && url.includes('nodes/Webhook/Webhook.node'),
	},
	{ label: 'SQLite (sqlite3 driver)', match: (_fn, url) => url.includes('/sqlite3/') },
	{ label: 'garbage collection', match: (fn) => fn === '(garbage collector)' },
];

export async function profileVariant(target: BenchTarget, pools: Pool[], d: Deployed, seconds: number, concurrency: number) {
	const profiler = target.profiler!;
	await profiler.start();
	const phase = await runPhase(target, pools, d, 1, seconds, concurrency, -1);
	const profile: CpuProfile = await profiler.stop();
	const dir = argValue('--profile-dir');
	if (dir) {
		fs.mkdirSync(dir, { recursive: true });
		fs.writeFileSync(path.join(dir, `n8n-${d.variant}.cpuprofile`), JSON.stringify(profile));
	}
	const spans = inclusiveTimes(profile, SPANS);
	return {
		variant: d.variant,
		requests: phase.ok,
		busyMsPerReq: round(spans.busyMs / phase.ok, 2),
		spans: spans.spans.map((s) => ({ ...s, msPerReq: round(s.ms / phase.ok, 3) })),
		top: topSelf(profile, 15),
	};
}
