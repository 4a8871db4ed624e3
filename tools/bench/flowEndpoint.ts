/**
 * `npm run bench:flow-endpoint`: a Flow data endpoint's round trip inside a real n8n 2.41.1 — the
 * client side of WhatsApp (encrypt with the business public key, sign, POST, decrypt the answer)
 * against the booking endpoint workflow (WhatsApp Flow Endpoint Trigger → Set → Encrypt Flow
 * Response), data_exchange requests one after another, then the health check (answered by the
 * trigger alone). Prints p50 / p95 / max against Meta's 10-second limit.
 * Options: `--requests N` (default 200, after 10 warm-up), `--queue` (n8n's queue mode:
 * the request then crosses a webhook process, Redis and a worker), `--no-build`.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';

import { createCredential, simulatorCredentialData } from '../e2e/kit/credential';
import { bookingEndpointNodes } from '../e2e/kit/flowEndpoint';
import { complete } from '../e2e/kit/workflows';
import { APP_SECRET, PHONE_NUMBER_ID } from '../simulator/fixtures';
import { businessPublicKeys, callFlowEndpoint, type FlowClientCall } from '../simulator/flowEndpoint';
import { businessKeyPair } from '../simulator/flowEncryption';
import { createState } from '../simulator/state';
import { round, percentile, table } from './figures';
import { argValue, openTarget } from './n8nTarget';

/** Meta: a data endpoint must answer within 10 seconds ("Implementing Endpoints for Flows"). */
const META_LIMIT_MS = 10_000;

async function main(): Promise<void> {
	const requests = Number(argValue('--requests') ?? 200);
	const target = await openTarget();
	try {
		const keys = businessKeyPair();
		const state = createState();
		businessPublicKeys(state)[PHONE_NUMBER_ID] = keys.publicKey;
		const cred = await createCredential(target, 'bench flow endpoint', { ...simulatorCredentialData('http://127.0.0.1:9'), flowPrivateKey: keys.privateKey });
		const webhookId = randomUUID();
		const { id } = await target.api<{ id: string }>(
			'POST',
			'/workflows',
			complete({ name: 'bench: flow endpoint', ...bookingEndpointNodes(cred, webhookId), settings: { saveDataSuccessExecution: 'none' } }),
		);
		await target.api('POST', `/workflows/${id}/activate`);
		let turn = 0;
		const call = async (request: Omit<FlowClientCall, 'endpointUrl'>) => {
			const base = target.webhookBases[turn++ % target.webhookBases.length];
			return await callFlowEndpoint(state, APP_SECRET, { endpointUrl: `${base}/webhook/${webhookId}/flow`, flowToken: 'bench', ...request });
		};
		const t0 = Date.now();
		while ((await call({ action: 'ping' }).catch(() => ({ status: 0 }))).status !== 200) {
			if (Date.now() - t0 > 60_000) throw new Error(`the endpoint did not go live:\n${target.logTail()}`);
			await new Promise((r) => setTimeout(r, 250));
		}
		const measure = async (count: number, request: Omit<FlowClientCall, 'endpointUrl'>, expect: (answer: unknown) => boolean): Promise<number[]> => {
			const times: number[] = [];
			for (let i = 0; i < count; i++) {
				const result = await call(request);
				if (result.status !== 200 || !expect(result.answer)) throw new Error(`request ${i + 1}: ${JSON.stringify(result)}\n${target.logTail()}`);
				times.push(result.latencyMs);
			}
			return times.sort((a, b) => a - b);
		};
		const slots = (answer: unknown) => (answer as { screen?: string }).screen === 'SLOTS';
		await measure(10, { action: 'data_exchange', screen: 'DATE', data: { date: '2026-12-09' } }, slots);
		const exchange = await measure(requests, { action: 'data_exchange', screen: 'DATE', data: { date: '2026-12-09' } }, slots);
		const ping = await measure(Math.min(requests, 100), { action: 'ping' }, (a) => JSON.stringify(a) === '{"data":{"status":"active"}}');
		const row = (name: string, t: number[]) => [
			name,
			String(t.length),
			String(round(percentile(t, 50), 1)),
			String(round(percentile(t, 95), 1)),
			String(round(t[t.length - 1], 1)),
			`${round((t[t.length - 1] / META_LIMIT_MS) * 100, 2)} %`,
		];
		const load = os.loadavg().map((l) => l.toFixed(1)).join(' / ');
		process.stdout.write(`\nFlow data endpoint round trip, ${target.describe}; load average ${load} on ${os.cpus().length} cores\n`);
		process.stdout.write(`${table(['request', 'count', 'p50 ms', 'p95 ms', 'max ms', 'max / Meta 10 s'], [row('data_exchange (execution + Encrypt Flow Response)', exchange), row('ping (trigger only)', ping)])}\n`);
	} finally {
		await target.stop();
	}
}

main().catch((error) => {
	process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exitCode = 1;
});
