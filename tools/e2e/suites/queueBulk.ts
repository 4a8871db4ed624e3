/**
 * Bulk sending in n8n's queue mode: one execution of 2,000 items on a worker holds Meta's rate,
 * and two bulk executions for one number on two workers at once meet Meta's limit (130429),
 * retry, and send every message exactly once.
 */
import assert from 'node:assert/strict';
import os from 'node:os';

import { PHONE_NUMBER_ID } from '../../simulator/fixtures';
import { waNode } from '../cases';
import { uniquePath, webhookTrigger, type WorkflowNode } from '../kit/workflows';
import type { QueueTopology } from '../../lab/queue';
import { defineSuite } from '../runner';
import { waitForExecutions, type Execution } from '../kit/executions';
import type { RecordedRequest } from '../../lab/simulator';
import { type CredentialRef } from '../kit/credential';
import { countBy, deploy, fmt, queueSetup, queueTeardown, type QueueDeployed, type QueueState } from '../kit/queue';

type State = QueueState;

/** Meta's default throughput per business phone number */
const META_RATE = 80;
/** enough for 80 msg/s up to 250 ms per request; fewer credential reads waiting for the database at once than the default 100 */
const IN_FLIGHT = 20;

const splitOut: WorkflowNode = {
	name: 'Split Out',
	type: 'n8n-nodes-base.splitOut',
	typeVersion: 1,
	parameters: { fieldToSplitOut: 'body.recipients', options: {} },
};

function bulkSend(cred: CredentialRef, sending: Record<string, unknown>): WorkflowNode {
	return waNode(cred, {
		resource: 'message',
		operation: 'sendText',
		phoneNumberId: { __rl: true, mode: 'id', value: PHONE_NUMBER_ID },
		to: '={{ $json.phone }}',
		body: '=Hello {{ $json.n }}',
		sending,
	});
}

/** `count` recipients +1 555 <prefix><6 digits>. */
const recipients = (prefix: number, count: number) =>
	Array.from({ length: count }, (_, n) => ({ phone: `+1 555 ${prefix}${String(n).padStart(6, '0')}`, n }));
const digits = (phone: string) => phone.replace(/\D/g, '');

async function deployBulk(s: State, name: string, sending: Record<string, unknown>): Promise<QueueDeployed> {
	const hook = webhookTrigger(uniquePath('queue-bulk'), { responseMode: 'onReceived' });
	return await deploy(s, name, [hook, splitOut, bulkSend(s.cred, sending)]);
}

interface SendFigures {
	attempts: number;
	accepted: number;
	throttled: number;
	/** accepted sends per second between the first and the last accepted one */
	rate: number;
	seconds: number;
	first: number;
	last: number;
	busiestSecond: number;
}

function figures(requests: RecordedRequest[]): SendFigures {
	const accepted = requests.filter((r) => r.response.status === 200);
	const times = accepted.map((r) => Date.parse(r.at)).sort((a, b) => a - b);
	const first = times[0] ?? 0;
	const last = times.at(-1) ?? 0;
	let busiest = 0;
	for (let i = 0, j = 0; i < times.length; i++) {
		while (times[i] - times[j] >= 1000) j++;
		busiest = Math.max(busiest, i - j + 1);
	}
	return {
		attempts: requests.length,
		accepted: accepted.length,
		throttled: requests.filter((r) => (r.response.body as { error?: { code?: number } })?.error?.code === 130429)
			.length,
		rate: times.length > 1 ? (times.length - 1) / ((last - first) / 1000) : 0,
		seconds: (last - first) / 1000,
		first,
		last,
		busiestSecond: busiest,
	};
}

/** Each recipient of `list` got exactly one accepted message, and nobody else got one. */
function assertExactlyOnce(s: State, lists: Array<Array<{ phone: string }>>): void {
	const got = countBy(s.q.sim.state.sentMessages, (m) => digits(m.to));
	const expected = Object.fromEntries(lists.flat().map((r) => [digits(r.phone), 1]));
	const twice = Object.entries(got).filter(([, n]) => n > 1);
	const missing = Object.keys(expected).filter((k) => !got[k]);
	const extra = Object.keys(got).filter((k) => !expected[k]);
	assert.deepEqual(
		{ twice, missing: missing.length, extra },
		{ twice: [], missing: 0, extra: [] },
		`missing e.g. ${missing.slice(0, 5).join(', ')}`,
	);
}

/** ": <error message> (<node>)" of a failed execution, "" otherwise */
function failure(execution: Execution): string {
	const error = execution.data?.resultData?.error;
	return error ? `: ${String(error.message).slice(0, 300)}${error.node?.name ? ` (${error.node.name})` : ''}` : '';
}

/** The machine's 1-minute load average and cores: the figures depend on it. */
const load = () => `${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`;

const sendsTo = (sim: QueueTopology['sim'], prefix: string) =>
	sim
		.requests({ method: 'POST', pathIncludes: '/messages' })
		.filter((r) => digits(String((r.body as { to?: string }).to ?? '')).startsWith(prefix));

export const queueBulk = defineSuite<State>({
	name: 'queue mode',
	queue: true,
	setup: (ctx) => queueSetup(ctx, 'WhatsApp (sim, queue bulk)'),
	teardown: (_ctx, s) => queueTeardown(s),
	cases: [
		{
			name: `2,000 items at ${META_RATE} msg/s on one worker hold the rate (simulator enforces ${META_RATE}/s per number)`,
			timeoutMs: 4 * 60_000,
			async run(ctx, s) {
				s.q.sim.reset();
				s.q.sim.setThroughputLimit({ perSecond: META_RATE });
				s.q.sampleSends(10);
				try {
					const wf = await deployBulk(s, 'e2e queue: bulk 2,000', { ratePerSecond: META_RATE, maxInFlight: IN_FLIGHT });
					const list = recipients(2, 2000);
					const t0 = Date.now();
					const res = await fetch(wf.url, {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: JSON.stringify({ recipients: list }),
					});
					assert.equal(res.status, 200, await res.text());
					const [execution] = await waitForExecutions(s.q.main, wf.workflowId, 1, { timeoutMs: 180_000, settleMs: 500 });
					const wall = (Date.now() - t0) / 1000;
					assert.equal(
						execution.status,
						'success',
						`execution ${execution.id} ended ${execution.status}${failure(execution)}`,
					);
					const worker = s.q.workerOf(execution.id);
					assert.ok(worker, `execution ${execution.id} not started by a worker`);
					const sends = s.q.sim.requests({ method: 'POST', pathIncludes: '/messages' });
					const f = figures(sends);
					const clients = countBy(
						sends.filter((r) => r.client),
						(r) => r.client!,
					);
					ctx.log(
						`load average ${load()}; execution ${execution.id} on ${worker}: ${f.accepted} accepted in ${f.seconds.toFixed(1)} s = ${f.rate.toFixed(1)} msg/s at the simulator (busiest second ${f.busiestSecond}), ${f.throttled} × 130429 retried, ${f.attempts} requests; webhook → finished ${wall.toFixed(1)} s; sampled senders: ${fmt(clients)}`,
					);
					assert.equal(f.accepted, 2000);
					assertExactlyOnce(s, [list]);
					assert.deepEqual(Object.keys(clients), [worker], 'sends must come from the worker that runs the execution');
					// sanity only: the pacer never starts more than 80 in a second, so 2,000 span at least ~24 s
					assert.ok(f.seconds >= 20, `2,000 sends at ${META_RATE}/s took ${f.seconds.toFixed(1)} s: not paced`);
					ctx.note(
						`queue · bulk 2,000 at ${META_RATE} msg/s on ${worker}: ${f.rate.toFixed(1)} msg/s measured at the simulator (first → last accepted ${f.seconds.toFixed(1)} s, busiest second ${f.busiestSecond}); ${f.throttled} × 130429 (limit ${META_RATE}/s) retried; 2,000/2,000 delivered once; load average ${load()}`,
					);
				} finally {
					s.q.sim.setThroughputLimit(undefined);
					s.q.sampleSends(1);
				}
			},
		},
		{
			name: `two bulk executions for the same number on two workers at once: Meta's ${META_RATE}/s limit → 130429s, retries, every message exactly once`,
			timeoutMs: 5 * 60_000,
			async run(ctx, s) {
				s.q.sim.reset();
				s.q.sim.setThroughputLimit({ perSecond: META_RATE });
				s.q.sampleSends(10);
				try {
					const count = 600;
					const wf = await deployBulk(s, 'e2e queue: two bulks, one number', {
						ratePerSecond: META_RATE,
						maxInFlight: IN_FLIGHT,
					});
					const lists = [recipients(3, count), recipients(4, count)];
					const answers = await Promise.all(
						lists.map((list) =>
							fetch(wf.url, {
								method: 'POST',
								headers: { 'content-type': 'application/json' },
								body: JSON.stringify({ recipients: list }),
							}),
						),
					);
					assert.deepEqual(
						answers.map((a) => a.status),
						[200, 200],
					);
					const execs = await waitForExecutions(s.q.main, wf.workflowId, 2, { timeoutMs: 240_000, settleMs: 500 });
					const workers = execs.map((e) => s.q.workerOf(e.id));
					const [a, b] = ['3', '4'].map((p) => figures(sendsTo(s.q.sim, `1555${p}`)));
					const counts = s.q.sim.throughputCounts();
					const overlap = (Math.min(a.last, b.last) - Math.max(a.first, b.first)) / 1000;
					const both = figures(s.q.sim.requests({ method: 'POST', pathIncludes: '/messages' }));
					const lines = [
						`executions ${execs.map((e, i) => `${e.id} on ${workers[i]} (${e.status}${failure(e)})`).join(', ')}; sends overlapped ${overlap.toFixed(1)} s; load average ${load()}`,
						`list A: ${a.accepted} accepted, ${a.throttled} × 130429, ${a.attempts - count} retries, ${a.rate.toFixed(1)} msg/s over ${a.seconds.toFixed(1)} s`,
						`list B: ${b.accepted} accepted, ${b.throttled} × 130429, ${b.attempts - count} retries, ${b.rate.toFixed(1)} msg/s over ${b.seconds.toFixed(1)} s`,
						`number ${PHONE_NUMBER_ID}: ${both.rate.toFixed(1)} msg/s accepted together (busiest second ${both.busiestSecond}); simulator counted ${JSON.stringify(counts)}`,
					];
					ctx.log(lines.join('\n'));
					ctx.note(
						`queue · two bulks (2 × ${count}, ${META_RATE} msg/s each) for one number on two workers:\n${lines.map((l) => `  ${l}`).join('\n')}`,
					);
					assert.equal(
						new Set(workers).size,
						2,
						`both executions should run on different workers: ${JSON.stringify(workers)}`,
					);
					assert.ok(workers.every((w) => w?.startsWith('worker ')));
					assert.deepEqual(
						execs.map((e) => e.status),
						['success', 'success'],
					);
					assertExactlyOnce(s, lists);
					assert.equal(a.accepted + b.accepted, 2 * count);
				} finally {
					s.q.sim.setThroughputLimit(undefined);
					s.q.sampleSends(1);
				}
			},
		},
	],
});
