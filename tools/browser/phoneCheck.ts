/**
 * `npm run check:phone` — the customer phone (the simulator's root page) against the pinned n8n
 * (2.41.1) with this package installed from `npm pack`, in Debian's Chromium, as the README's
 * "Try it with the simulator" walks through it:
 *
 *   1. the echo example (examples/echo-bot.json) and the approval example are imported with the
 *      simulator credential and published;
 *   2. on the phone the customer writes "Hi": the echo reply appears as a bubble with ticks, and
 *      the customer's own message turns read (the example marks it read);
 *   3. the approval example asks the customer (Send and Wait): the question appears with its
 *      buttons, the customer taps Approve, the waiting execution resumes and its confirmation
 *      arrives on the phone;
 *   4. the username customer (no phone number, a BSUID) writes and gets the echo reply.
 *
 *   npm run check:phone                    build, then check
 *   npm run check:phone -- --no-build      use the existing dist/
 *   npm run check:phone -- --no-screenshots
 *
 * Screenshots (full runs): docs/screenshots/phone-chat.png, phone-approval.png,
 * phone-username.png, phone-execution.png (the echo workflow's execution in the editor) and
 * phone-send-template.png (Send Template with a template picked and its generated fields).
 * Fails on any console error of the phone page. Prints `phone: OK` / `phone: FAILED` and one JSON line.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import type { Page } from 'puppeteer-core';

import type { PageDocument } from './dom';

import { elementWithText, launch, signIn, sleep, type Session } from './browser';
import { SENDER, TEMPLATE, TEMPLATE_FIELDS } from './expected';
import { APPROVAL_EXAMPLE, ECHO_EXAMPLE, example, webhookPathOf } from './phoneWorkflows';
import { pickTemplate } from './template';
import { createCredential, CREDENTIAL_TYPE, type CredentialRef, simulatorCredentialData } from '../e2e/kit/credential';
import { waitForExecution } from '../e2e/kit/executions';
import { activate } from '../e2e/kit/trigger';
import { callWebhook, createWorkflow, manualTrigger, NODE_TYPE, waitForWebhook } from '../e2e/kit/workflows';
import { REPO_DIR, startN8n, type N8nInstance } from '../lab/n8n';
import { runCleanups } from '../lab/processes';
import { startSimulator, type Simulator } from '../lab/simulator';
import { CUSTOMER_WA_ID, USERNAME_CUSTOMER_USER_ID } from '../simulator/fixtures';

interface Args {
	build: boolean;
	screenshots?: string;
}

interface Outcome {
	ok: boolean;
	failures: string[];
	steps: Record<string, number>;
	screenshots: string[];
	consoleErrors: number;
}

function parseArgs(argv: string[]): Args {
	const args: Args = { build: true, screenshots: path.join(REPO_DIR, 'docs', 'screenshots') };
	for (const a of argv) {
		if (a === '--no-build') args.build = false;
		else if (a === '--no-screenshots') args.screenshots = undefined;
		else if (a === '--help' || a === '-h') {
			console.log('usage: tsx tools/browser/phoneCheck.ts [--no-build] [--no-screenshots]');
			process.exit(0);
		} else throw new Error(`unknown argument ${a}`);
	}
	return args;
}

declare const document: PageDocument;

const BUBBLE_IN = '.bubble.in';

/** Waits for a business bubble whose text matches, with ticks reporting `status` (sent, delivered, read). */
async function businessBubble(page: Page, text: RegExp, status: string): Promise<void> {
	const bubble = await elementWithText(page, BUBBLE_IN, text, 30_000);
	await page.waitForFunction(
		(el, wanted) => (el as unknown as { querySelector(s: string): unknown }).querySelector(`.ticks[data-status="${wanted}"]`) !== null,
		{ timeout: 15_000 },
		bubble,
		status,
	);
}

async function write(page: Page, text: string): Promise<void> {
	await page.click('#text');
	await page.type('#text', text);
	await page.keyboard.press('Enter');
}

async function run(args: Args, out: Outcome): Promise<void> {
	const step = async (name: string, fn: () => Promise<void>) => {
		const t0 = Date.now();
		try {
			await fn();
		} finally {
			out.steps[name] = Date.now() - t0;
			console.log(`phone: ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
		}
	};
	const shotFile = (name: string) => {
		if (!args.screenshots) return undefined;
		fs.mkdirSync(args.screenshots, { recursive: true });
		const file = path.join(args.screenshots, name);
		out.screenshots.push(path.relative(REPO_DIR, file));
		return file;
	};
	const shot = async (page: Page, name: string) => {
		const file = shotFile(name);
		if (file) await page.screenshot({ path: file });
	};
	if (args.build) {
		await step('build', async () => {
			const r = spawnSync('npm', ['run', 'build'], { cwd: REPO_DIR, encoding: 'utf8' });
			if (r.status !== 0) throw new Error(`npm run build failed:\n${r.stdout}\n${r.stderr}`);
		});
	}
	let sim: Simulator | undefined;
	let n8n: N8nInstance | undefined;
	let s: Session | undefined;
	try {
		await step('start simulator, n8n and Chromium', async () => {
			[sim, n8n, s] = await Promise.all([startSimulator({ port: 0 }), startN8n({ packageDir: REPO_DIR }), launch()]);
		});
		const [simulator, instance, session] = [sim!, n8n!, s!];
		const page = session.page;
		await page.setViewport({ width: 460, height: 820 });
		let echoId = '';
		let approvalId = '';
		let approvalPath = '';
		let cred: CredentialRef = { id: '', name: '' };
		await step('import and publish the echo and approval examples', async () => {
			cred = await createCredential(instance, 'WhatsApp Cloud (simulator)', simulatorCredentialData(simulator.url));
			echoId = await createWorkflow(instance, example(ECHO_EXAMPLE, cred));
			await activate(instance, echoId);
			const approval = example(APPROVAL_EXAMPLE, cred);
			approvalPath = webhookPathOf(approval);
			approvalId = await createWorkflow(instance, approval);
			await activate(instance, approvalId);
			await waitForWebhook(instance, approvalPath);
		});
		await step('phone: "Hi" → the echo reply with ticks', async () => {
			session.phase = 'phone: echo';
			await page.goto(simulator.url, { waitUntil: 'domcontentloaded' });
			await page.waitForSelector('[data-customer="phone"][aria-selected="true"]', { timeout: 15_000 });
			await write(page, 'Hi');
			await businessBubble(page, /You said: Hi/, 'read');
			// the example marks the customer's message read: its ticks turn blue
			await page.waitForSelector('.bubble.out .ticks[data-status="read"]', { timeout: 15_000 });
			await shot(page, 'phone-chat.png');
		});
		await step('Send and Wait: tap Approve, the execution resumes', async () => {
			session.phase = 'phone: approval';
			const body = { approver: `+${CUSTOMER_WA_ID}`, amount: '42.00', orderId: 'A-1001', reason: 'Arrived damaged' };
			const res = await callWebhook(instance, approvalPath, { body });
			if (res.status !== 200) throw new Error(`the approval webhook answered ${res.status}`);
			await elementWithText(page, BUBBLE_IN, /Refund request/, 30_000);
			await shot(page, 'phone-approval.png');
			await page.click(`${BUBBLE_IN} button[data-tap="Approve"]`);
			await waitForExecution(instance, approvalId, (e) => e.status === 'success', 'the approval execution resumed and finished');
			await businessBubble(page, /Done: order A-1001 is refunded/, 'read');
		});
		await step('username customer: writes, gets the reply', async () => {
			session.phase = 'phone: username';
			await page.click('[data-customer="username"]');
			await page.waitForSelector('[data-customer="username"][aria-selected="true"]', { timeout: 10_000 });
			await write(page, 'Hi, no number here');
			await businessBubble(page, /You said: Hi, no number here/, 'read');
			const reply = simulator
				.requests({ method: 'POST', pathIncludes: '/messages' })
				.find((r) => r.body?.text?.body === 'You said: Hi, no number here');
			if (reply?.body?.recipient !== USERNAME_CUSTOMER_USER_ID)
				throw new Error(`the reply to the username customer went to ${JSON.stringify(reply?.body?.to ?? reply?.body?.recipient)}, not their user ID`);
			await shot(page, 'phone-username.png');
		});
		if (args.screenshots) {
			await step('editor: the echo execution', async () => {
				session.phase = 'editor: execution';
				await page.setViewport({ width: 1440, height: 900 });
				await signIn(session, instance.url, instance.owner.email, instance.owner.password);
				await page.goto(`${instance.url}/workflow/${echoId}/executions`, { waitUntil: 'domcontentloaded' });
				await page.waitForSelector('[data-test-id="canvas-node"], .vue-flow__node', { timeout: 60_000 });
				await sleep(1500);
				// n8n's own "Production Checklist" pop-over covers the executions list: close it if it is there
				await page
					.evaluate((CLOSE) => {
						// the innermost block with the title and a control: the title row and its close button
						const box = Array.from(document.querySelectorAll('body *'))
							.filter((e) => /^Production Checklist/.test(e.innerText.trim()) && e.querySelector(CLOSE) !== null)
							.pop();
						const close = box?.querySelector(CLOSE);
						(close as unknown as { dispatchEvent(e: unknown): void } | null | undefined)?.dispatchEvent(
							new (globalThis as unknown as { MouseEvent: new (t: string, o: object) => unknown }).MouseEvent('click', { bubbles: true }),
						);
					}, 'button, [role="button"], [aria-label*="lose"], svg')
					.catch(() => undefined);
				await page.keyboard.press('Escape');
				await sleep(500);
				await shot(page, 'phone-execution.png');
			});
			await step('editor: Send Template with the template picked', async () => {
				session.phase = 'editor: send template';
				const node = { name: 'Send Template', type: NODE_TYPE, typeVersion: 1, parameters: { resource: 'message', operation: 'sendTemplate' }, credentials: { [CREDENTIAL_TYPE]: cred } };
				const id = await createWorkflow(instance, { name: 'Send a template', nodes: [manualTrigger(), node] });
				await page.goto(`${instance.url}/workflow/${id}`, { waitUntil: 'domcontentloaded' });
				await page.waitForSelector('[data-test-id="canvas-node"]', { timeout: 60_000 });
				await pickTemplate(session, node.name, { phoneNumber: SENDER, template: TEMPLATE, expectFields: TEMPLATE_FIELDS.length, screenshot: shotFile('phone-send-template.png') });
			});
		}
	} catch (e) {
		out.failures.push((e as Error).message.split('\n')[0]);
		if (s) {
			const dir = path.join(REPO_DIR, '.e2e', 'phone-check');
			fs.mkdirSync(dir, { recursive: true });
			await s.page.screenshot({ path: path.join(dir, 'failure.png') }).catch(() => undefined);
			out.failures.push('  (screenshot of the failure: .e2e/phone-check/failure.png)');
		}
	} finally {
		const errors = (s?.entries ?? []).filter((e) => e.phase.startsWith('phone'));
		out.consoleErrors = errors.length;
		for (const e of errors) out.failures.push(`phone page ${e.kind}: ${e.text}`);
		if (out.failures.length > 0 && n8n) console.log(`\n--- n8n log tail ---\n${n8n.logs().split('\n').slice(-30).join('\n')}`);
		await s?.close();
		await n8n?.stop().catch(() => undefined);
		await sim?.close();
		await runCleanups();
	}
}

async function main(): Promise<number> {
	const args = parseArgs(process.argv.slice(2));
	const t0 = Date.now();
	const out: Outcome = { ok: false, failures: [], steps: {}, screenshots: [], consoleErrors: 0 };
	const hardLimit = setTimeout(() => {
		console.error('phone: still running after 6 min; giving up');
		void runCleanups().finally(() => process.exit(1));
	}, 6 * 60_000);
	hardLimit.unref();
	await run(args, out);
	out.ok = out.failures.length === 0;
	for (const f of out.failures) console.log(`phone: FAIL ${f}`);
	console.log(`phone: ${out.ok ? 'OK' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	console.log(JSON.stringify(out));
	return out.ok ? 0 : 1;
}

// an error outside run() (e.g. a bad argument): the processes started so far are stopped too
void main()
	.catch(async (e: unknown) => {
		console.error(e);
		await runCleanups();
		return 1;
	})
	.then((code) => process.exit(code));
