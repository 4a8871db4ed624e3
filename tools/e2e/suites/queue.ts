/**
 * The package in n8n's queue mode (`npm run test:e2e -- --queue`, topology in tools/lab/queue.ts):
 * PostgreSQL, Redis, one main, two workers, two webhook processes behind a round-robin proxy
 * (WEBHOOK_URL). Each case says which process served each step: the proxy records which webhook
 * process answered every delivery, the workers' logs which worker ran each execution ("Worker
 * started execution N"), and the simulator which process sent each Graph request (peer.ts).
 *
 * Later cases (hook): a Send and Wait resume goes the same way as a delivery — its resume URL
 * ($execution.resumeUrl) starts with WEBHOOK_URL, so the click reaches a webhook process through
 * the proxy and the waiting execution resumes on a worker. Add it as one more entry of `cases`
 * using `deploy`, `waitForExecutions` and `throughProxy` below (the sendwait branch builds the
 * operation; nothing here depends on it).
 */
import assert from 'node:assert/strict';
import os from 'node:os';

import { messagesChange, payload, textMessage } from '../../../test/trigger/payloads';
import { buttonReply, CUSTOMER } from '../../simulator/customer';
import { CUSTOMER_WA_ID, GRAPH_VERSION, PHONE_NUMBERS, PHONE_NUMBER_ID, WABA_ID } from '../../simulator/fixtures';
import { assertContractValid, byId, replyButtons, sentMessage, waNode } from '../cases';
import { createWorkflow, deactivateWorkflow, noOp, setNode, sleep, TRIGGER_TYPE, uniquePath, waitLive, webhookTrigger, type WorkflowNode } from '../kit/workflows';
import type { QueueTopology } from '../../lab/queue';
import { defineSuite } from '../runner';
import { executions, runItems, waitForExecutions } from '../kit/executions';
import { activate, TRIGGER, triggerNode } from '../kit/trigger';
import type { RecordedRequest } from '../../lab/simulator';
import { simulatorCredentialData, createCredential, type CredentialRef } from '../kit/credential';

interface Deployed {
	workflowId: string;
	/** the production URL through the proxy (what Meta is given) */
	url: string;
	path: string;
}

interface State {
	q: QueueTopology;
	cred: CredentialRef;
	/** Trigger (WABA Override) → Reply */
	replying?: Deployed;
	workflows: string[];
}

const REPLY = 'Reply';
const DEDUPE = 'Remove Duplicates';
const DOWNSTREAM = 'Downstream';
const DISCARDED = 'Discarded';
const SENDER_DIGITS = PHONE_NUMBERS[0].displayPhoneNumber.replace(/\D/g, '');
const SENDER = { phone_number_id: PHONE_NUMBER_ID, display_phone_number: SENDER_DIGITS };
/** Meta's default throughput per business phone number */
const META_RATE = 80;
/** enough for 80 msg/s up to 250 ms per request; fewer credential reads waiting for the database at once than the default 100 */
const IN_FLIGHT = 20;

/** Version 1.1, messages and statuses, the given Subscription Mode. */
const queueTrigger = (cred: CredentialRef, subscriptionMode: 'wabaOverride' | 'none') =>
	triggerNode(cred, { events: ['messages', 'statuses'], subscriptionMode }, { typeVersion: 1.1 });

/** Creates and activates (on main) a workflow; returns its production URL through the proxy. */
async function deploy(
	s: State,
	name: string,
	nodes: WorkflowNode[],
	connections?: Record<string, unknown>,
): Promise<Deployed> {
	const workflowId = await createWorkflow(s.q.main, { name, nodes, connections });
	s.workflows.push(workflowId);
	await activate(s.q.main, workflowId);
	const trigger = nodes.find((n) => n.type === TRIGGER_TYPE);
	const path = trigger ? `${trigger.webhookId}/webhook` : String(nodes[0].parameters.path);
	// every webhook process must serve it
	for (const w of s.q.webhooks) await waitLive(w.url, path);
	return { workflowId, path, url: throughProxy(s.q, `/webhook/${path}`) };
}

/** A URL on the proxy (WEBHOOK_URL), as Meta or a user's browser would call it. */
function throughProxy(q: QueueTopology, path: string): string {
	return `${q.proxy.url}${path}`;
}

const output = runItems;

/** "webhook 1: 3, webhook 2: 3" */
function countBy<T>(items: T[], key: (t: T) => string): Record<string, number> {
	const out: Record<string, number> = {};
	for (const i of items) out[key(i)] = (out[key(i)] ?? 0) + 1;
	return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}
const fmt = (counts: Record<string, number>) =>
	Object.entries(counts)
		.map(([k, v]) => `${k}: ${v}`)
		.join(', ');

const incoming = (id: string, text: string, from = CUSTOMER_WA_ID) =>
	payload([
		{
			id: WABA_ID,
			changes: [messagesChange(SENDER, [textMessage(id, text, from)], [{ profile: { name: 'Ana' }, wa_id: from }])],
		},
	]);

/** Posts one signed delivery through the proxy; returns the proxy's record of it. */
async function deliver(s: State, wf: Deployed, body: unknown, pin?: number) {
	if (pin !== undefined) s.q.proxy.pinNext(pin);
	const before = s.q.proxy.requests().length;
	const res = await s.q.sim.postWebhook(wf.url, body);
	assert.equal(res.status, 200, `the trigger answered ${res.status} ${res.body}`);
	const served = s.q.proxy
		.requests()
		.slice(before)
		.filter((r) => r.method === 'POST');
	assert.equal(served.length, 1, `expected 1 proxied POST, got ${served.length}`);
	return served[0];
}

// ---------------------------------------------------------------- bulk

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

async function deployBulk(s: State, name: string, sending: Record<string, unknown>): Promise<Deployed> {
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
function failure(execution: any): string {
	const error = execution.data?.resultData?.error;
	return error ? `: ${String(error.message).slice(0, 300)}${error.node?.name ? ` (${error.node.name})` : ''}` : '';
}

/** The machine's 1-minute load average and cores: the figures depend on it. */
const load = () => `${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`;

const sendsTo = (sim: QueueTopology['sim'], prefix: string) =>
	sim
		.requests({ method: 'POST', pathIncludes: '/messages' })
		.filter((r) => digits(String((r.body as { to?: string }).to ?? '')).startsWith(prefix));

// ---------------------------------------------------------------- Send and Wait

const ASK = 'Ask';
const AFTER = 'After';

/** "worker 2 (job 7), worker 1 (job 9)": every job the workers started for the execution, in job order. */
function jobsOf(q: QueueTopology, executionId: string | number): string[] {
	const line = new RegExp(`Worker started execution ${executionId} \\(job (\\d+)\\)`, 'g');
	const jobs = q.workers.flatMap((w) =>
		[...w.logs().matchAll(line)].map((m) => ({ job: Number(m[1]), worker: q.nameOf(w) })),
	);
	return jobs.sort((a, b) => a.job - b.job).map((j) => `${j.worker} (job ${j.job})`);
}

/** Polls main's API until an execution of the workflow satisfies `ok` (the list carries no data for waiting ones: read it). */
async function executionWhere(
	q: QueueTopology,
	workflowId: string,
	ok: (e: any) => boolean,
	what: string,
): Promise<any> {
	const t0 = Date.now();
	for (;;) {
		const found = (await executions(q.main, workflowId, false)).find(ok);
		if (found) return await q.main.api<any>('GET', `/executions/${found.id}?includeData=true`);
		if (Date.now() - t0 > 90_000) throw new Error(`no execution of ${workflowId} ${what} after 90 s`);
		await sleep(250);
	}
}

/** The lines of `instance`'s log from character `from` on that contain `text`. */
const logLines = (log: string, from: number, text: string) =>
	log
		.slice(from)
		.split('\n')
		.filter((l) => l.includes(text))
		.map((l) => l.trim());

export const queue = defineSuite<State>({
	name: 'queue mode',
	queue: true,
	async setup(ctx) {
		const q = await ctx.queue();
		ctx.log(
			`processes: main pid ${q.main.pid} (${q.main.url}); ${[...q.workers, ...q.webhooks].map((i) => `${q.nameOf(i)} pid ${i.pid}${i.command === 'webhook' ? ` (${i.url})` : ''}`).join('; ')}; proxy ${q.proxy.url}`,
		);
		const cred = await createCredential(q.main, 'WhatsApp (sim, queue)', simulatorCredentialData(q.sim.url));
		return { q, cred, workflows: [] };
	},
	async teardown(_ctx, s) {
		for (const id of s.workflows) await deactivateWorkflow(s.q.main, id).catch(() => undefined);
	},
	cases: [
		{
			name: 'activation runs on main: it subscribes the WABA to the proxy URL; the handshake reaches a webhook process',
			async run(ctx, s) {
				const trig = queueTrigger(s.cred, 'wabaOverride');
				const reply = waNode(
					s.cred,
					{
						resource: 'message',
						operation: 'sendText',
						phoneNumberId: { __rl: true, mode: 'id', value: '={{ $json.phoneNumberId }}' },
						to: '={{ $json.waId }}',
						body: '=You said: {{ $json.text }}',
						options: { replyTo: '={{ $json.messageId }}' },
					},
					REPLY,
				);
				const proxied = s.q.proxy.requests().length;
				s.replying = await deploy(s, 'e2e queue: trigger → reply', [trig, reply]);
				const graph = s.q.sim.requests({ pathIncludes: `/${WABA_ID}/subscribed_apps` });
				const post = graph.find((r) => r.method === 'POST');
				assert.ok(post, 'no POST /subscribed_apps on activation');
				assert.equal(post.response.status, 200, JSON.stringify(post.response.body));
				assert.ok(post.contract.valid, JSON.stringify(post.contract.errors));
				assert.equal(
					post.body.override_callback_uri,
					s.replying.url,
					'Meta must be given the URL behind the proxy (WEBHOOK_URL)',
				);
				const callers = graph.map(
					(r) => `${r.method} ${r.path.replace(`/${GRAPH_VERSION}`, '')} → ${r.response.status} from ${r.client}`,
				);
				ctx.log(`Graph calls on activation: ${callers.join('; ')}`);
				assert.deepEqual(
					[...new Set(graph.map((r) => r.client))],
					['main'],
					'activation Graph calls must come from main',
				);
				const handshake = s.q.proxy
					.requests()
					.slice(proxied)
					.filter((r) => r.method === 'GET' && r.path.startsWith(`/webhook/${s.replying!.path}?`));
				assert.equal(
					handshake.length,
					1,
					`expected the simulator's one verification GET through the proxy, got ${handshake.length}`,
				);
				assert.equal(handshake[0].status, 200);
				ctx.note(
					`queue · activation: on main (${callers.join('; ')}); override_callback_uri = ${post.body.override_callback_uri} (the proxy); Meta's verification GET → ${s.q.webhookName(handshake[0].backend)} → 200`,
				);
			},
		},
		{
			name: "Meta's signed POSTs alternate over both webhook processes; every execution runs on a worker",
			timeoutMs: 3 * 60_000,
			async run(ctx, s) {
				assert.ok(s.replying, 'needs the activated trigger');
				const wf = s.replying;
				const before = (await executions(s.q.main, wf.workflowId, false)).length;
				const tag = `q-spread-${Date.now()}`;
				const served = [];
				for (let i = 1; i <= 6; i++) served.push(await deliver(s, wf, incoming(`wamid.${tag}.${i}`, `message ${i}`)));
				const execs = (await waitForExecutions(s.q.main, wf.workflowId, before + 6)).slice(before);
				assert.equal(execs.length, 6, `6 deliveries → ${execs.length} executions`);
				const byWebhook = countBy(served, (r) => s.q.webhookName(r.backend));
				const runs = execs.map((e) => ({
					id: e.id,
					worker: s.q.workerOf(e.id) ?? 'not a worker',
					status: e.status,
					text: output(e, TRIGGER)?.[0]?.text,
				}));
				ctx.log(`deliveries: ${served.map((r, i) => `#${i + 1} → ${s.q.webhookName(r.backend)}`).join(', ')}`);
				ctx.log(`executions: ${runs.map((r) => `${r.id} "${r.text}" on ${r.worker} (${r.status})`).join('; ')}`);
				assert.deepEqual(byWebhook, { 'webhook 1': 3, 'webhook 2': 3 });
				assert.deepEqual(
					runs.map((r) => r.text).sort(),
					[1, 2, 3, 4, 5, 6].map((i) => `message ${i}`),
				);
				assert.ok(
					runs.every((r) => r.status === 'success'),
					JSON.stringify(runs),
				);
				assert.ok(
					runs.every((r) => r.worker.startsWith('worker ')),
					`executions not started by a worker: ${JSON.stringify(runs)}`,
				);
				assert.ok(!s.q.main.logs().includes('Worker started execution'), 'main ran a job');
				ctx.note(
					`queue · 6 signed deliveries through the proxy → ${fmt(byWebhook)}; 6 executions → ${fmt(countBy(runs, (r) => r.worker))} (from the workers' "Worker started execution" lines), all success`,
				);
			},
		},
		{
			name: 'Trigger → Send Text: the reply leaves from the worker that ran the execution',
			async run(ctx, s) {
				assert.ok(s.replying, 'needs the activated trigger');
				const wf = s.replying;
				const before = (await executions(s.q.main, wf.workflowId, false)).length;
				const sent = s.q.sim.requests({ method: 'POST', pathIncludes: '/messages' }).length;
				const served = await deliver(s, wf, incoming('wamid.q-reply.1', 'Hola, ¿tienen envío? 🚚'));
				const [execution] = (await waitForExecutions(s.q.main, wf.workflowId, before + 1)).slice(before);
				assert.equal(execution.status, 'success', JSON.stringify(execution.data?.resultData?.error ?? {}));
				const replies = s.q.sim.requests({ method: 'POST', pathIncludes: '/messages' }).slice(sent);
				assert.equal(replies.length, 1, `${replies.length} /messages requests`);
				const [req] = replies;
				assert.equal(req.path, `/${GRAPH_VERSION}/${PHONE_NUMBER_ID}/messages`);
				assert.ok(req.contract.valid, JSON.stringify(req.contract.errors));
				assert.deepEqual(req.body, {
					messaging_product: 'whatsapp',
					recipient_type: 'individual',
					to: CUSTOMER_WA_ID,
					type: 'text',
					text: { body: 'You said: Hola, ¿tienen envío? 🚚', preview_url: false },
					context: { message_id: 'wamid.q-reply.1' },
				});
				const worker = s.q.workerOf(execution.id);
				assert.ok(worker, `execution ${execution.id} not started by a worker`);
				assert.equal(req.client, worker, 'the reply was not sent by the worker that ran the execution');
				assert.equal(
					output(execution, REPLY)?.[0]?.messageId,
					(req.response.body as { messages: Array<{ id: string }> }).messages[0].id,
				);
				ctx.note(
					`queue · Trigger → Send Text: delivery → ${s.q.webhookName(served.backend)}, execution ${execution.id} on ${worker}, reply POST /${PHONE_NUMBER_ID}/messages sent by ${req.client} → 200 (contract-valid)`,
				);
			},
		},
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
		{
			name: 'a redelivery landing on the other webhook process: the trigger emits it again (2 executions), Remove Duplicates on dedupeKey discards it',
			timeoutMs: 3 * 60_000,
			async run(ctx, s) {
				const trig = queueTrigger(s.cred, 'none');
				const dedupe: WorkflowNode = {
					name: DEDUPE,
					type: 'n8n-nodes-base.removeDuplicates',
					typeVersion: 2,
					parameters: {
						operation: 'removeItemsSeenInPreviousExecutions',
						logic: 'removeItemsWithAlreadySeenKeyValues',
						dedupeValue: '={{ $json.dedupeKey }}',
						options: {},
					},
				};
				const wf = await deploy(
					s,
					'e2e queue: redelivery + Remove Duplicates',
					[trig, dedupe, noOp(DOWNSTREAM), noOp(DISCARDED)],
					{
						[TRIGGER]: { main: [[{ node: DEDUPE, type: 'main', index: 0 }]] },
						[DEDUPE]: {
							main: [[{ node: DOWNSTREAM, type: 'main', index: 0 }], [{ node: DISCARDED, type: 'main', index: 0 }]],
						},
					},
				);
				const messageId = `wamid.q-redeliver-${Date.now()}`;
				const event = incoming(messageId, 'once only');
				const first = await deliver(s, wf, event, 0);
				await waitForExecutions(s.q.main, wf.workflowId, 1);
				const sameProcess = await deliver(s, wf, event, 0);
				await sleep(2000);
				assert.equal(
					(await executions(s.q.main, wf.workflowId, false)).length,
					1,
					'the same webhook process should drop its own repeat',
				);
				const otherProcess = await deliver(s, wf, event, 1);
				const execs = await waitForExecutions(s.q.main, wf.workflowId, 2, { settleMs: 2500 });
				const lines = execs.map(
					(e) =>
						`trigger ${output(e, TRIGGER)?.length ?? '-'} → ${DEDUPE} kept ${output(e, DEDUPE, 0)?.length ?? '-'}, discarded ${output(e, DEDUPE, 1)?.length ?? '-'} → ${DOWNSTREAM} ${output(e, DOWNSTREAM) === undefined ? 'did not run' : output(e, DOWNSTREAM)!.length} (${e.status})`,
				);
				const where = [first, sameProcess, otherProcess].map((r) => s.q.webhookName(r.backend));
				ctx.log(
					`deliveries → ${where.join(', ')}; executions: ${execs.map((e, i) => `${e.id} on ${s.q.workerOf(e.id)}: ${lines[i]}`).join('; ')}`,
				);
				assert.deepEqual(where, ['webhook 1', 'webhook 1', 'webhook 2']);
				assert.deepEqual(lines, [
					`trigger 1 → ${DEDUPE} kept 1, discarded 0 → ${DOWNSTREAM} 1 (success)`,
					`trigger 1 → ${DEDUPE} kept 0, discarded 1 → ${DOWNSTREAM} did not run (success)`,
				]);
				assert.deepEqual(
					execs.map((e) => output(e, TRIGGER)?.[0]?.dedupeKey),
					[0, 1].map(() => `message|["${PHONE_NUMBER_ID}","${messageId}","text"]`),
				);
				ctx.note(
					`queue · redelivery: #1 → ${where[0]} (execution: kept 1); the same event again → ${where[1]}: dropped by that process's memory (no execution); again → ${where[2]}: the trigger emits it (2nd execution), Remove Duplicates (dedupeKey, in PostgreSQL) discards it, ${DOWNSTREAM} did not run`,
				);
			},
		},
		{
			name: 'Send and Wait (Approval): the question leaves from a worker, the tap reaches a webhook process through the proxy, which relays it to the waiting URL (proxy again); B resumes on a worker; a second tap changes nothing',
			timeoutMs: 4 * 60_000,
			async run(ctx, s) {
				const q = s.q;
				q.sampleSends(1);
				const answers = await deploy(s, 'e2e queue: send and wait A (trigger)', [queueTrigger(s.cred, 'none')]);
				const hook = webhookTrigger(uniquePath('queue-saw'), { responseMode: 'onReceived' });
				const ask = waNode(
					s.cred,
					{
						resource: 'message',
						operation: 'sendAndWait',
						phoneNumberId: byId(PHONE_NUMBER_ID),
						to: '+1 555 000 9999',
						message: 'Refund order 42 (19.90 EUR)?',
						responseType: 'approval',
						approvalOptions: { values: { approvalType: 'double', approveLabel: 'Refund', disapproveLabel: 'Keep' } },
					},
					ASK,
				);
				const wf = await deploy(s, 'e2e queue: send and wait B (approval)', [
					hook,
					ask,
					setNode(AFTER, { continued: 'yes' }),
				]);
				const logMark = new Map([...q.workers, ...q.webhooks].map((i) => [i, i.logs().length]));
				const newLines = (text: string) =>
					[...q.workers, ...q.webhooks].flatMap((i) =>
						logLines(i.logs(), logMark.get(i) ?? 0, text).map((l) => `${q.nameOf(i)}: ${l}`),
					);

				// 1. B starts through the proxy; a worker sends the question and B waits
				const graphSince = q.sim.requests().length;
				const proxiedStart = q.proxy.requests().length;
				const started = await fetch(wf.url, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ order: 42 }),
				});
				assert.equal(started.status, 200, await started.text());
				const [startedBy] = q.proxy.requests().slice(proxiedStart);
				const waiting = await executionWhere(q, wf.workflowId, (e) => e.status === 'waiting', 'waiting');
				const executionId = String(waiting.id);
				const asked = q.sim
					.requests()
					.slice(graphSince)
					.filter((r) => r.method === 'POST' && r.path.endsWith('/messages'));
				assert.equal(asked.length, 1, `expected one question sent, got ${asked.length}`);
				const [question] = asked;
				assertContractValid(question);
				assert.deepEqual(
					replyButtons(question).map((b) => b.title),
					['Refund', 'Keep'],
				);
				const firstJobs = jobsOf(q, executionId);
				assert.equal(firstJobs.length, 1, `jobs for execution ${executionId} before the tap: ${firstJobs.join(', ')}`);
				const askedOn = firstJobs[0].replace(/ \(job \d+\)$/, '');
				assert.equal(question.client, askedOn, 'the question was not sent by the worker that ran the execution');

				// 2. the customer taps Refund: Meta's signed delivery goes to A through the proxy
				const sent = sentMessage(question);
				const proxiedTap = q.proxy.requests().length;
				// the delivery → webhook 1; the proxy alternates, so the relay's resume request → webhook 2
				q.proxy.pinNext(0);
				const tap = await q.sim.postWebhook(answers.url, buttonReply(sent, 0));
				assert.equal(tap.status, 200, tap.body);
				const done = await executionWhere(q, wf.workflowId, (e) => e.status === 'success', 'finished');
				assert.equal(String(done.id), executionId, 'the resume must continue the same execution');
				const tapHops = q.proxy
					.requests()
					.slice(proxiedTap)
					.map((r) => ({ ...r, who: q.webhookName(r.backend) }));
				const delivery = tapHops.filter((r) => r.method === 'POST' && r.path === `/webhook/${answers.path}`);
				const resume = tapHops.filter(
					(r) => r.method === 'POST' && r.path.startsWith(`/webhook-waiting/${executionId}/`),
				);
				assert.equal(delivery.length, 1, `deliveries through the proxy: ${JSON.stringify(tapHops)}`);
				assert.equal(resume.length, 1, `resume requests through the proxy: ${JSON.stringify(tapHops)}`);
				assert.deepEqual(
					[delivery[0].who, resume[0].who],
					['webhook 1', 'webhook 2'],
					'the resume request should reach the other webhook process',
				);
				assert.equal(delivery[0].status, 200);
				assert.equal(resume[0].status, 200);
				const relayLines = newLines(`execution ${executionId} resumed`);
				assert.equal(relayLines.length, 1, `trigger relay log lines: ${JSON.stringify(relayLines)}`);
				assert.ok(
					relayLines[0].startsWith(`${delivery[0].who}: `),
					`the relay should be logged by the process that got the delivery (${delivery[0].who}): ${relayLines[0]}`,
				);
				const allJobs = jobsOf(q, executionId);
				assert.equal(allJobs.length, 2, `jobs for execution ${executionId}: ${allJobs.join(', ')}`);
				const resumedOn = allJobs[1].replace(/ \(job \d+\)$/, '');
				assert.ok(resumedOn.startsWith('worker '), allJobs[1]);
				const item = output(done, ASK) ?? [];
				assert.equal(item.length, 1, JSON.stringify(item));
				const { answeredAt, message, ...rest } = item[0];
				assert.match(String(answeredAt), /^\d{4}-\d\d-\d\dT/);
				assert.deepEqual(
					{ ...rest, message: { type: message?.type, from: message?.from } },
					{
						approved: true,
						option: { index: 0, value: 'approve', title: 'Refund' },
						timedOut: false,
						responseType: 'approval',
						answeredBy: { waId: CUSTOMER_WA_ID, name: CUSTOMER.name },
						message: { type: 'interactive', from: CUSTOMER_WA_ID },
					},
				);
				assert.deepEqual(
					(output(done, AFTER) ?? []).map((j) => j.continued),
					['yes'],
				);

				// 3. a second tap (Keep) changes nothing
				const proxiedAgain = q.proxy.requests().length;
				const before = (await executions(q.main, wf.workflowId, false)).map((e) => [e.id, e.status]);
				const again = await q.sim.postWebhook(answers.url, buttonReply(sent, 1));
				assert.equal(again.status, 200, again.body);
				await sleep(3000);
				const againHops = q.proxy
					.requests()
					.slice(proxiedAgain)
					.map((r) => `${r.method} ${r.path.split('?')[0]} → ${q.webhookName(r.backend)} → ${r.status}`);
				const after = await executions(q.main, wf.workflowId, true);
				assert.deepEqual(
					after.map((e) => [e.id, e.status]),
					before,
				);
				assert.deepEqual(
					(output(after.at(-1), ASK) ?? []).map((j) => j.option.value),
					['approve'],
				);
				assert.equal(jobsOf(q, executionId).length, 2, 'the second tap started another job');
				const graphCalls = q.sim
					.requests()
					.slice(graphSince)
					.map((r) => `${r.method} ${r.path.replace(`/${GRAPH_VERSION}`, '')} → ${r.response.status} from ${r.client}`);
				const lines = [
					`B started: POST /webhook/${wf.path} → ${q.webhookName(startedBy.backend)} → ${startedBy.status}; execution ${executionId} ran on ${firstJobs[0]}, question POST /${PHONE_NUMBER_ID}/messages sent by ${question.client} (contract-valid), then waiting`,
					`tap (button_reply "Refund"): ${tapHops.map((r) => `${r.method} ${r.path.split('?')[0]} → ${r.who} → ${r.status}`).join('; ')}`,
					`relay logged by ${relayLines[0]}`,
					`resumed on ${allJobs[1]}: ${ASK} → approved ${rest.approved}, answeredBy ${rest.answeredBy.waId}; ${AFTER} ran`,
					`second tap (Keep): ${againHops.join('; ')}; B's executions unchanged ${JSON.stringify(after.map((e) => [e.id, e.status]))}; relay: ${
						newLines(`execution ${executionId} already`)
							.map((l) => l.split(': Send and Wait answers: ')[1] ?? l)
							.join(' | ') || '(no line)'
					}`,
					`Graph requests: ${graphCalls.join('; ')}`,
				];
				ctx.log(lines.join('\n'));
				ctx.note(`queue · Send and Wait (Approval):\n${lines.map((l) => `  ${l}`).join('\n')}`);
			},
		},
	],
});
