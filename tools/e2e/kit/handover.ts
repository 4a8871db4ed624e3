/**
 * The human handover example (examples/human-handover.json) in a real n8n: its data table made the
 * way a user makes it (n8n's REST API behind Overview → Data tables: columns `recipient` string,
 * `pausedUntil` date), the example imported as a user's import sends it with the table picked and
 * a short pause, and the scenario of issue 19: the business answers customer A from the WhatsApp
 * Business app (a signed `smb_message_echoes` from the simulator) → A's messages get no bot reply
 * until the pause ends, then they do; customer B (a username customer, answered by BSUID) is never
 * paused. Used on one n8n (suites/handover.ts) and in queue mode (suites/queueHandover.ts).
 */
import assert from 'node:assert/strict';

import type { N8nInstance } from '../../lab/n8n';
import type { RecordedRequest, Simulator } from '../../lab/simulator';
import { businessEcho } from '../../simulator/echoes';
import { CUSTOMER_WA_ID, PHONE_NUMBER_ID, USERNAME_CUSTOMER_USER_ID } from '../../simulator/fixtures';
import { assertValid, forImport, readExample, sends } from '../themes/exampleImport';
import type { CredentialRef } from './credential';
import { executions, runItems, waitForExecutions, type Execution } from './executions';
import { activate, deactivate } from './trigger';
import { createWorkflow, sleep, TRIGGER_TYPE } from './workflows';

export const HANDOVER_EXAMPLE = 'human-handover.json';
const SETTINGS = 'Handover Settings';
const PAUSE = 'Pause Bot for This Customer';
const REPLY = 'Bot Reply';
const REPLY_TEXT = 'Thanks for your message! This is our assistant: we will get back to you shortly.';

/** Where the scenario runs: the n8n whose API holds the workflow, the simulator, and where Meta posts. */
export interface HandoverEnv {
	n8n: N8nInstance;
	sim: Simulator;
	cred: CredentialRef;
	/** the base URL Meta is given (the n8n itself, or queue mode's proxy) */
	webhookBase: string;
	/** waits until every process serving webhooks knows the trigger's path */
	waitLive(path: string): Promise<void>;
	/** extra words about an execution for the log (queue mode: the worker that ran it) */
	describe?(execution: Execution): string;
}

export interface PauseTable {
	projectId: string;
	id: string;
	name: string;
}

export interface DeployedHandover {
	workflowId: string;
	url: string;
	path: string;
	table: PauseTable;
	stop(): Promise<void>;
}

/** A data table for the pauses in the owner's personal project, as a user creates it in the editor. */
export async function createPauseTable(n8n: N8nInstance): Promise<PauseTable> {
	const project = await n8n.rest<{ data: { id: string } }>('GET', '/projects/personal');
	const name = `e2e handover ${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
	const created = await n8n.rest<{ data: { id: string } }>('POST', `/projects/${project.data.id}/data-tables`, {
		name,
		columns: [
			{ name: 'recipient', type: 'string' },
			{ name: 'pausedUntil', type: 'date' },
		],
	});
	return { projectId: project.data.id, id: created.data.id, name };
}

/** The rows of the pause table (what the user sees under Overview → Data tables). */
export async function pauseRows(n8n: N8nInstance, table: PauseTable): Promise<Array<Record<string, unknown>>> {
	const res = await n8n.rest<{ data: { data: Array<Record<string, unknown>> } }>(
		'GET',
		`/projects/${table.projectId}/data-tables/${table.id}/rows?skip=0&take=100`,
	);
	return res.data.data;
}

/** The example as imported, with the table picked in its Data Table nodes and Pause Minutes set. */
export function handoverWorkflow(env: HandoverEnv, table: PauseTable, pauseMinutes: number) {
	const example = readExample(HANDOVER_EXAMPLE);
	const body = forImport({ n8n: env.n8n, sim: env.sim, cred: env.cred, others: {}, imported: {} }, example);
	let tables = 0;
	for (const node of body.nodes) {
		if (node.type === 'n8n-nodes-base.dataTable') {
			node.parameters.dataTableId = { __rl: true, mode: 'id', value: table.id };
			tables += 1;
		}
	}
	assert.equal(tables, 2, 'the example has two Data Table nodes');
	const settings = body.nodes.find((n) => n.name === SETTINGS);
	const assignments = (settings?.parameters.assignments as { assignments: Array<{ name: string; value: unknown }> } | undefined)?.assignments;
	const pause = assignments?.find((a) => a.name === 'pauseMinutes');
	assert.ok(pause, `${SETTINGS} sets pauseMinutes`);
	assert.equal(pause.value, 30, 'the example pauses for 30 minutes');
	pause.value = pauseMinutes;
	return body;
}

/** Creates the table and the workflow, activates it and waits until its trigger URL is live. */
export async function deployHandover(env: HandoverEnv, pauseMinutes: number): Promise<DeployedHandover> {
	const table = await createPauseTable(env.n8n);
	const body = handoverWorkflow(env, table, pauseMinutes);
	const trigger = body.nodes.find((n) => n.type === TRIGGER_TYPE)!;
	const workflowId = await createWorkflow(env.n8n, body);
	await activate(env.n8n, workflowId);
	const path = `${trigger.webhookId}/webhook`;
	await env.waitLive(path);
	return { workflowId, path, url: `${env.webhookBase}/webhook/${path}`, table, stop: () => deactivate(env.n8n, workflowId) };
}

type Who = 'phone' | 'username';
const NAME: Record<Who, string> = { phone: 'A', username: 'B' };

export interface Step {
	execution: Execution;
	sent: RecordedRequest[];
	line: string;
}

/** One delivery (the business's echo, or a customer's text), its one execution and the sends it made. */
export async function step(env: HandoverEnv, wf: DeployedHandover, kind: 'echo' | 'message', who: Who, text: string): Promise<Step> {
	const before = (await executions(env.n8n, wf.workflowId, false)).length;
	const since = sends(env.sim, 0).length;
	const delivery =
		kind === 'echo'
			? await env.sim.postWebhook(wf.url, businessEcho(PHONE_NUMBER_ID, who, text))
			: (await env.sim.customer({ kind: 'text', customer: who, text }, wf.url)).delivery;
	assert.equal(delivery?.status, 200, `the trigger answered ${delivery?.status} ${delivery?.body}`);
	const all = await waitForExecutions(env.n8n, wf.workflowId, before + 1, 800);
	assert.equal(all.length, before + 1, `one delivery, ${all.length - before} executions`);
	const execution = all[all.length - 1];
	assert.equal(execution.status, 'success', JSON.stringify(execution.data?.resultData?.error ?? {}));
	const sent = sends(env.sim, since);
	sent.forEach(assertValid);
	const what = kind === 'echo' ? `the business answers ${NAME[who]} from the app` : `${NAME[who]} writes "${text}"`;
	const outcome = sent.length === 0 ? 'no send' : sent.map((r) => `reply to ${JSON.stringify(r.body.to ?? r.body.recipient)}`).join(', ');
	const line = `${what} → execution ${execution.id}${env.describe ? ` (${env.describe(execution)})` : ''}: ${outcome}`;
	return { execution, sent, line };
}

/** The bot's reply to one customer: `to` for the phone customer, `recipient` (BSUID) for the username customer. */
function assertReply(s: Step, who: Who): void {
	assert.equal(s.sent.length, 1, `${s.line}; expected one reply`);
	const address = who === 'phone' ? { to: CUSTOMER_WA_ID } : { recipient: USERNAME_CUSTOMER_USER_ID };
	assert.deepEqual(s.sent[0].body, {
		messaging_product: 'whatsapp',
		recipient_type: 'individual',
		...address,
		type: 'text',
		text: { body: REPLY_TEXT, preview_url: false },
	});
	assert.equal(runItems(s.execution, PAUSE), undefined, `${PAUSE} ran for a customer message`);
}

function assertSilent(s: Step): void {
	assert.deepEqual(s.sent.map((r) => r.body), [], `${s.line}; the bot must stay quiet`);
	assert.equal(runItems(s.execution, REPLY), undefined, `${REPLY} ran`);
}

const started = (e: Execution) => new Date(String(e.startedAt)).getTime();

/**
 * The issue's scenario; returns the log lines. The pause is `pauseMinutes` (a fraction for tests);
 * the cases in it must finish within it, so a machine too slow for that fails with the timings.
 */
export async function handoverScenario(env: HandoverEnv, wf: DeployedHandover): Promise<string[]> {
	const lines: string[] = [];
	const run = async (kind: 'echo' | 'message', who: Who, text: string) => {
		const s = await step(env, wf, kind, who, text);
		lines.push(s.line);
		return s;
	};
	assertReply(await run('message', 'phone', 'Hi, is the shop open today?'), 'phone');

	const echo = await run('echo', 'phone', 'Hi Ana, Maria here: yes, until 6 pm.');
	assertSilent(echo);
	const [row] = runItems(echo.execution, PAUSE) ?? [];
	assert.equal(row?.recipient, CUSTOMER_WA_ID, `${PAUSE} wrote ${JSON.stringify(row)}`);
	const until = new Date(String(row.pausedUntil)).getTime();
	assert.ok(Number.isFinite(until) && until > started(echo.execution), `pausedUntil ${String(row.pausedUntil)} is not after the echo`);
	lines.push(`pause row: ${JSON.stringify({ recipient: row.recipient, pausedUntil: row.pausedUntil })}`);

	const during = await run('message', 'phone', 'Great, and tomorrow?');
	assertSilent(during);
	const other = await run('message', 'username', 'Do you deliver?');
	assertReply(other, 'username');
	for (const s of [during, other]) {
		assert.ok(started(s.execution) < until, `${s.line} started after the pause ended: raise the test's pause (machine too slow)`);
	}

	const wait = until - Date.now() + 1000;
	if (wait > 0) await sleep(wait);
	lines.push(`waited ${Math.max(0, Math.round(wait / 100) / 10)} s for the pause to end`);
	assertReply(await run('message', 'phone', 'Hello again'), 'phone');

	const rows = await pauseRows(env.n8n, wf.table);
	assert.deepEqual(
		rows.map((r) => r.recipient),
		[CUSTOMER_WA_ID],
		`the table holds one pause, for A: ${JSON.stringify(rows)}`,
	);
	return lines;
}

/**
 * The pause outlives the n8n process: the business answers A, `restart` stops and starts n8n on the
 * same database, then A's message gets no reply and B's does. The pause must outlast the restart.
 */
export async function restartScenario(env: HandoverEnv, wf: DeployedHandover, restart: () => Promise<void>): Promise<string[]> {
	const lines: string[] = [];
	const echo = await step(env, wf, 'echo', 'phone', 'Maria here, I will check and call you back.');
	assertSilent(echo);
	lines.push(echo.line);
	const t0 = Date.now();
	await restart();
	await env.waitLive(wf.path);
	lines.push(`n8n restarted (same database) in ${Math.round((Date.now() - t0) / 1000)} s`);
	const during = await step(env, wf, 'message', 'phone', 'Thanks, waiting for your call');
	lines.push(during.line);
	assertSilent(during);
	const other = await step(env, wf, 'message', 'username', 'Are you open on Sunday?');
	lines.push(other.line);
	assertReply(other, 'username');
	return lines;
}
