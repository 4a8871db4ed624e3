/**
 * Send and Wait in n8n's queue mode: the question leaves from a worker, the person's tap reaches a
 * webhook process through the proxy and is relayed to the waiting URL; the execution resumes on a
 * worker, and a second tap changes nothing.
 */
import assert from 'node:assert/strict';

import { buttonReply, CUSTOMER } from '../../simulator/customer';
import { CUSTOMER_WA_ID, GRAPH_VERSION, PHONE_NUMBER_ID } from '../../simulator/fixtures';
import { assertContractValid, byId, replyButtons, sentMessage, waNode } from '../cases';
import { setNode, sleep, uniquePath, webhookTrigger } from '../kit/workflows';
import type { QueueTopology } from '../../lab/queue';
import { defineSuite } from '../runner';
import { executions, runItems, type Execution } from '../kit/executions';
import type { AnswerItem } from '../kit/sendAndWait';
import { deploy, queueSetup, queueTeardown, queueTrigger, type QueueState } from '../kit/queue';

type State = QueueState;

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
	ok: (e: Execution) => boolean,
	what: string,
): Promise<Execution> {
	const t0 = Date.now();
	for (;;) {
		const found = (await executions(q.main, workflowId, false)).find(ok);
		if (found) return await q.main.api<Execution>('GET', `/executions/${found.id}?includeData=true`);
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

export const queueSendAndWait = defineSuite<State>({
	name: 'queue mode',
	queue: true,
	setup: (ctx) => queueSetup(ctx, 'WhatsApp (sim, queue send and wait)'),
	teardown: (_ctx, s) => queueTeardown(s),
	cases: [
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
				const item = runItems(done, ASK) ?? [];
				assert.equal(item.length, 1, JSON.stringify(item));
				const { answeredAt, message, answeredBy, ...rest }: AnswerItem = item[0];
				assert.match(String(answeredAt), /^\d{4}-\d\d-\d\dT/);
				assert.deepEqual(
					{ ...rest, answeredBy: { waId: answeredBy?.waId, name: answeredBy?.name }, message: { type: message?.type, from: message?.from } },
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
					(runItems(done, AFTER) ?? []).map((j) => j.continued),
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
					(runItems(after.at(-1), ASK) ?? []).map((j: AnswerItem) => j.option?.value),
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
					`resumed on ${allJobs[1]}: ${ASK} → approved ${rest.approved}, answeredBy ${answeredBy?.waId}; ${AFTER} ran`,
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
