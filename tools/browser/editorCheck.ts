/**
 * `npm run check:editor` — the editor as a person sees it, in a real browser: the pinned n8n
 * (2.41.1) with this package installed from `npm pack`, the Graph API simulator behind the
 * credential, and Debian's Chromium driven by puppeteer-core.
 *
 *   npm run check:editor                      build, then check
 *   npm run check:editor -- --no-build        use the existing dist/
 *   npm run check:editor -- --only "Message"  only the forms whose title contains the text (repeatable)
 *   npm run check:editor -- --screenshots <dir>   where the README screenshots go (default docs/screenshots)
 *   npm run check:editor -- --no-screenshots
 *   WA_CHROMIUM=/path/to/chromium             another Chromium (default /usr/bin/chromium)
 *   WA_E2E_KEEP=1                             keep n8n's temp user folder (n8n.log, DB)
 *
 * It signs in through n8n's sign-in form, searches the node panel, opens every form (each
 * resource × operation of "WhatsApp Cloud", read from dist/, and the trigger) and checks that
 * the parameters n8n should show are there, picks a template in Send Template and checks the
 * generated fields, runs the credential test from the credential dialog (a valid and an
 * expired token), and fails on any browser console error or uncaught page error that is not
 * listed as n8n's own noise in noise.ts. It also opens a never-run workflow and checks that the
 * input panel after a WhatsApp Cloud node lists that node's fields from the package's output schema
 * (schemaPreview.ts; `--only "schema preview"` runs just that). Prints a summary and, last, one JSON line.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { launch, openWorkflowFromList, restQuiet, signIn, sleep, type Session } from './browser';
import { testCredentialInDialog, type CredentialTestResult } from './credential';
import {
	canvasNode,
	checkForm,
	searchNodePanel,
	widenNdv,
	openNdv,
	closeNdv,
	type FormResult,
	type NodePanelResult,
} from './editor';
import { allForms, loadDescriptions, type Form } from './forms';
import { KNOWN_NOISE, knownNoise, knownRequest, type ConsoleEntry } from './noise';
import { checkSchemaPreview, schemaFields, schemaWorkflow, type SchemaPreviewResult } from './schemaPreview';
import { pickTemplate, type PickResult } from './template';
import { manualTrigger, NODE_TYPE } from '../e2e/kit/workflows';
import { REPO_DIR, startN8n, type N8nInstance } from '../lab/n8n';
import { startSimulator, type Simulator } from '../lab/simulator';
import { TOKENS } from '../simulator/fixtures';
import { createCredential, CREDENTIAL_TYPE, type CredentialRef, simulatorCredentialData } from '../e2e/kit/credential';
import { runCleanups } from '../lab/processes';

// ---------------------------------------------------------------- what the check expects (literal)

const SEARCH = 'WhatsApp Cloud';
const SENDER = /^\+1 555-010-0001 — Sim Shop\b/;
const TEMPLATE = /^order_confirmation_named \(en_US\b/;
/** the fields Send Template must generate for order_confirmation_named (tools/simulator/fixtures.ts) */
const TEMPLATE_FIELDS = [
	{ id: 'header:order_id', label: 'Header {{order_id}} (e.g. A-1001)' },
	{ id: 'body:first_name', label: 'Body {{first_name}} (e.g. Jessica)' },
	{ id: 'body:order_id', label: 'Body {{order_id}} (e.g. A-1001)' },
	{ id: 'body:total', label: 'Body {{total}} (e.g. $12.50)' },
	{ id: 'body:delivery_date', label: 'Body {{delivery_date}} (e.g. May 1)' },
	{ id: 'button:1:url', label: "Button 2 'Track order' URL Suffix (e.g. https://shop.example.com/track/A-1001)" },
];
const CREDENTIAL_OK_BANNER = 'Connection tested successfully';
const CREDENTIAL_FAILED_BANNER = 'Couldn’t connect with these settings';
const EXPIRED_MESSAGE_START = 'The access token has expired.';

const VALID_CREDENTIAL = 'WhatsApp Cloud (simulator)';
const EXPIRED_CREDENTIAL = 'WhatsApp Cloud (expired token)';
const EXPIRED_NODE = 'Expired token';
const FORMS_WORKFLOW = 'Editor check — every form';
const PLAIN_WORKFLOW = 'My workflow';

// ---------------------------------------------------------------- arguments

interface Args {
	build: boolean;
	only: string[];
	screenshots?: string;
}

function parseArgs(argv: string[]): Args {
	const args: Args = { build: true, only: [], screenshots: path.join(REPO_DIR, 'docs', 'screenshots') };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--no-build') args.build = false;
		else if (a === '--only') args.only.push(argv[++i] ?? '');
		else if (a.startsWith('--only=')) args.only.push(a.slice('--only='.length));
		else if (a === '--screenshots') args.screenshots = path.resolve(argv[++i] ?? '');
		else if (a === '--no-screenshots') args.screenshots = undefined;
		else if (a === '--help' || a === '-h') {
			console.log(
				'usage: tsx tools/browser/editorCheck.ts [--no-build] [--only <text>]… [--screenshots <dir> | --no-screenshots]',
			);
			process.exit(0);
		} else throw new Error(`unknown argument ${a}`);
	}
	return args;
}

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

// ---------------------------------------------------------------- run

interface Report {
	ok: boolean;
	failures: string[];
	timings: Record<string, number>;
	forms: FormResult[];
	formsExpected: number;
	panel?: NodePanelResult;
	expectedActions: string[];
	template?: PickResult;
	credentials: Array<{ token: string } & CredentialTestResult>;
	schemaPreview?: SchemaPreviewResult & { executions: number };
	errors: ConsoleEntry[];
	noise: Array<ConsoleEntry & { id: string }>;
	outside: string[];
	screenshots: string[];
	versions: Record<string, string>;
}

async function timed<T>(report: Report, name: string, fn: () => Promise<T>): Promise<T> {
	const t0 = Date.now();
	try {
		return await fn();
	} finally {
		report.timings[name] = Date.now() - t0;
		console.log(`editor: ${name} (${secs(report.timings[name])})`);
	}
}

function formsWorkflow(forms: Form[], cred: CredentialRef, expired: CredentialRef) {
	// a grid of nodes, the trigger first; plus one node on the expired-token credential
	const columns = 6;
	const nodes = forms.map((f, i) => ({
		name: f.nodeName,
		type: f.nodeType,
		typeVersion: f.typeVersion,
		position: [(i % columns) * 280, Math.floor(i / columns) * 240] as [number, number],
		parameters: f.parameters,
		credentials: { [CREDENTIAL_TYPE]: { id: cred.id, name: cred.name } },
		...(f.nodeType === NODE_TYPE ? {} : { webhookId: '6d2b1a52-4d1c-4a57-9d8e-5e0c3a7f1b01' }),
	}));
	nodes.push({
		name: EXPIRED_NODE,
		type: NODE_TYPE,
		typeVersion: 1,
		position: [(forms.length % columns) * 280, Math.floor(forms.length / columns) * 240],
		parameters: { resource: 'message', operation: 'sendText' },
		credentials: { [CREDENTIAL_TYPE]: { id: expired.id, name: expired.name } },
	});
	return { name: FORMS_WORKFLOW, nodes, connections: {}, settings: { executionOrder: 'v1' } };
}

async function failureShot(s: Session | undefined, what: string, report: Report): Promise<void> {
	if (!s) return;
	const dir = path.join(REPO_DIR, '.e2e', 'editor-check');
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(dir, `${what.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`);
	await s.page.screenshot({ path: file }).catch(() => undefined);
	report.failures.push(`  (screenshot of the failure: ${path.relative(REPO_DIR, file)})`);
}

async function run(args: Args, report: Report): Promise<void> {
	if (args.build) {
		await timed(report, 'build', async () => {
			const r = spawnSync('npm', ['run', 'build'], { cwd: REPO_DIR, encoding: 'utf8' });
			if (r.status !== 0) throw new Error(`npm run build failed:\n${r.stdout}\n${r.stderr}`);
		});
	}
	const descriptions = loadDescriptions();
	const every = allForms(descriptions);
	const forms = every.filter(
		(f) => args.only.length === 0 || args.only.some((o) => f.title.toLowerCase().includes(o.toLowerCase())),
	);
	const full = args.only.length === 0;
	const schemaCheck = full || args.only.some((o) => 'schema preview'.includes(o.toLowerCase()));
	if (forms.length === 0 && !schemaCheck)
		throw new Error(`no form matches ${args.only.map((o) => JSON.stringify(o)).join(', ')}`);
	report.formsExpected = forms.length;
	report.expectedActions = every.flatMap((f) => (f.action ? [f.action] : []));
	const shot = (name: string) => {
		// full runs only; the schema preview's also when it is what --only picked
		if (!args.screenshots || !(full || (schemaCheck && name === 'schema-preview.png'))) return undefined;
		const file = path.join(args.screenshots, name);
		report.screenshots.push(path.relative(REPO_DIR, file));
		return file;
	};
	if (args.screenshots && full) fs.mkdirSync(args.screenshots, { recursive: true });

	let sim: Simulator | undefined;
	let n8n: N8nInstance | undefined;
	let s: Session | undefined;
	try {
		const [startedSim, startedN8n, session] = await timed(report, 'start simulator, n8n and Chromium', async () =>
			Promise.all([startSimulator({ port: 0 }), startN8n({ packageDir: REPO_DIR }), launch()]),
		);
		sim = startedSim;
		n8n = startedN8n;
		s = session;
		report.versions = {
			n8n: n8n.install.version,
			package: `${n8n.pkg?.name}@${n8n.pkg?.version}`,
			chromium: await s.browser.version(),
		};
		console.log(
			`editor: n8n ${n8n.install.version} on ${n8n.url} (ready after ${secs(n8n.startMs)}), ${report.versions.chromium}`,
		);

		const cred = await createCredential(n8n, VALID_CREDENTIAL, simulatorCredentialData(sim.url, TOKENS.valid));
		const expired = await createCredential(n8n, EXPIRED_CREDENTIAL, simulatorCredentialData(sim.url, TOKENS.expired));
		// both workflows exist before signing in, so the Overview lists them
		if (forms.length > 0) await n8n.api('POST', '/workflows', formsWorkflow(forms, cred, expired));
		const schemaWorkflowId = schemaCheck
			? (await n8n.api<{ id: string }>('POST', '/workflows', schemaWorkflow(cred))).id
			: undefined;
		if (full) {
			// a plain workflow (a Manual Trigger), where a person adds the node from the node panel
			await n8n.api('POST', '/workflows', {
				name: PLAIN_WORKFLOW,
				nodes: [{ ...manualTrigger(), position: [0, 0] }],
				connections: {},
				settings: { executionOrder: 'v1' },
			});
		}

		const page = s.page;
		const session2 = s;
		await timed(report, 'sign in', async () => {
			session2.phase = 'sign-in';
			await signIn(session2, n8n!.url, n8n!.owner.email, n8n!.owner.password);
		});
		if (full) {
			report.panel = await timed(report, 'node panel', async () => {
				session2.phase = 'open workflow';
				await openWorkflowFromList(page, PLAIN_WORKFLOW, '[data-test-id="canvas-node"]');
				const result = await searchNodePanel(session2, SEARCH, descriptions.node.displayName, {
					results: shot('node-search.png'),
					details: shot('node-actions.png'),
				});
				session2.phase = 'back to the overview';
				await page.goBack();
				return result;
			});
			const { found, actions } = report.panel;
			if (found[0] !== descriptions.node.displayName) {
				report.failures.push(
					`node panel: searching "${SEARCH}" lists ${JSON.stringify(found)}, not "${descriptions.node.displayName}" first`,
				);
			}
			if (JSON.stringify(actions) !== JSON.stringify(report.expectedActions)) {
				const missing = report.expectedActions.filter((a) => !actions.includes(a));
				const extra = actions.filter((a) => !report.expectedActions.includes(a));
				report.failures.push(
					`node panel: the Actions list differs from the operations' actions (missing ${JSON.stringify(missing)}, extra ${JSON.stringify(extra)}${missing.length + extra.length === 0 ? ', order differs' : ''})`,
				);
			}
		}

		if (schemaWorkflowId) {
			await timed(report, 'fields before the first run (schema preview)', async () => {
				const file = path.join(
					REPO_DIR,
					'dist',
					'nodes',
					'WhatsAppCloud',
					'__schema__',
					'v1.0.0',
					'message',
					'sendText.json',
				);
				try {
					const r = await checkSchemaPreview(session2, schemaFields(file), shot('schema-preview.png'));
					const runs = await n8n!.api<{ data: unknown[] }>('GET', `/executions?workflowId=${schemaWorkflowId}`);
					report.schemaPreview = { ...r, executions: runs.data.length };
					for (const p of r.problems) report.failures.push(`schema preview: ${p}`);
					if (runs.data.length > 0)
						report.failures.push(`schema preview: the workflow has ${runs.data.length} executions, expected none`);
				} catch (e) {
					report.failures.push(`schema preview: ${(e as Error).message.split('\n')[0]}`);
					await failureShot(session2, 'schema preview', report);
					await page.keyboard.press('Escape').catch(() => undefined);
				}
				session2.phase = 'back to the overview';
				await page.goBack();
			});
		}

		if (forms.length > 0)
			await timed(report, 'open the workflow', async () => {
				session2.phase = 'open workflow';
				await openWorkflowFromList(page, FORMS_WORKFLOW, canvasNode(forms[forms.length - 1].nodeName));
				await page.click('[data-test-id="zoom-to-fit"]');
				await restQuiet(page);
				await sleep(300);
			});

		await timed(report, `${forms.length} forms`, async () => {
			let widened = false;
			for (const form of forms) {
				try {
					if (!widened && full) {
						// once, so the screenshots show whole labels
						session2.phase = 'widen the NDV';
						await openNdv(page, form.nodeName);
						await widenNdv(page);
						await closeNdv(page);
						widened = true;
					}
					const result = await checkForm(
						session2,
						form,
						VALID_CREDENTIAL,
						form.title === 'Trigger' ? shot('trigger.png') : undefined,
					);
					report.forms.push(result);
					console.log(`  ${result.ok ? '✓' : '✗'} ${form.title} (${result.inputs} inputs, ${secs(result.ms)})`);
					for (const p of result.problems) report.failures.push(`form ${form.title}: ${p}`);
				} catch (e) {
					report.forms.push({
						title: form.title,
						ok: false,
						problems: [(e as Error).message],
						inputs: 0,
						lines: [],
						ms: 0,
					});
					report.failures.push(`form ${form.title}: ${(e as Error).message.split('\n')[0]}`);
					console.log(`  ✗ ${form.title}: ${(e as Error).message.split('\n')[0]}`);
					await failureShot(session2, `form ${form.title}`, report);
					await page.keyboard.press('Escape').catch(() => undefined);
					await sleep(500);
				}
			}
		});

		const sendTemplate = forms.find((f) => f.operation === 'sendTemplate');
		if (sendTemplate) {
			await timed(report, 'Send Template: sender list, template picker, generated fields', async () => {
				try {
					const r = await pickTemplate(session2, sendTemplate.nodeName, {
						phoneNumber: SENDER,
						template: TEMPLATE,
						expectFields: TEMPLATE_FIELDS.length,
						screenshot: shot('send-template.png'),
					});
					report.template = r;
					if (!r.picked.startsWith('order_confirmation_named'))
						report.failures.push(
							`Send Template: the picker shows "${r.picked}" after picking order_confirmation_named`,
						);
					if (JSON.stringify(r.fields) !== JSON.stringify(TEMPLATE_FIELDS)) {
						report.failures.push(
							`Send Template: generated fields ${JSON.stringify(r.fields)}, expected ${JSON.stringify(TEMPLATE_FIELDS)}`,
						);
					}
				} catch (e) {
					report.failures.push(`Send Template: ${(e as Error).message.split('\n')[0]}`);
					await failureShot(session2, 'send template', report);
					await page.keyboard.press('Escape').catch(() => undefined);
				}
			});
		}

		if (full) {
			await timed(report, 'credential test in the credential dialog', async () => {
				for (const [token, nodeName, file] of [
					['valid', forms[0].nodeName, shot('credential-test.png')],
					['expired', EXPIRED_NODE, undefined],
				] as const) {
					try {
						const r = await testCredentialInDialog(session2, nodeName, file);
						report.credentials.push({ token, ...r });
						const expectedName = token === 'valid' ? VALID_CREDENTIAL : EXPIRED_CREDENTIAL;
						if (r.name !== expectedName)
							report.failures.push(`credential test (${token}): the dialog shows "${r.name}", not "${expectedName}"`);
						if (token === 'valid') {
							if (r.status !== 'OK' || r.banner[0] !== CREDENTIAL_OK_BANNER) {
								report.failures.push(
									`credential test (valid token): n8n said ${r.status} "${r.message}", the dialog shows ${JSON.stringify(r.banner)}`,
								);
							}
						} else if (
							r.status !== 'Error' ||
							r.banner[0] !== CREDENTIAL_FAILED_BANNER ||
							r.banner[1] !== r.message ||
							!r.message?.startsWith(EXPIRED_MESSAGE_START)
						) {
							report.failures.push(
								`credential test (expired token): n8n said ${r.status} "${r.message}", the dialog shows ${JSON.stringify(r.banner)}`,
							);
						}
					} catch (e) {
						report.failures.push(`credential test (${token}): ${(e as Error).message.split('\n')[0]}`);
						await failureShot(session2, `credential ${token}`, report);
						await page.keyboard.press('Escape').catch(() => undefined);
					}
				}
			});
		}
	} finally {
		if (s) {
			for (const e of s.entries) {
				const noise = knownNoise(e);
				if (noise) report.noise.push({ ...e, id: noise.id });
				else report.errors.push(e);
			}
			report.outside = s.outside;
			await s.close();
		}
		if (report.failures.length > 0 && n8n)
			console.log(`\n--- n8n log tail (${n8n.logFile}) ---\n${n8n.logs().split('\n').slice(-30).join('\n')}`);
		await n8n?.stop().catch(() => undefined);
		await sim?.close();
		await runCleanups();
	}
	for (const e of report.errors)
		report.failures.push(`browser ${e.kind} during ${e.phase}: ${e.text}${e.url ? ` (${e.url})` : ''}`);
	for (const r of report.outside) {
		if (!knownRequest(r)) report.failures.push(`a request left the machine (blocked): ${r}`);
	}
}

function count<T>(items: T[], key: (t: T) => string): string {
	const m = new Map<string, number>();
	for (const i of items) m.set(key(i), (m.get(key(i)) ?? 0) + 1);
	return [...m].map(([k, n]) => `${k} ×${n}`).join(', ');
}

function printSummary(report: Report, totalMs: number): void {
	const formsOk = report.forms.filter((f) => f.ok).length;
	const lines = [
		'',
		`editor check — n8n ${report.versions.n8n ?? '?'}, ${report.versions.package ?? '?'}, ${report.versions.chromium ?? '?'}`,
		`  forms opened       ${report.forms.length}/${report.formsExpected}, ${formsOk} rendered every parameter (${report.forms.reduce((n, f) => n + f.inputs, 0)} inputs)`,
		`  console errors     ${report.errors.length}${report.noise.length ? ` (ignored as n8n's own noise: ${count(report.noise, (n) => n.id)})` : ''}`,
		`  blocked requests   ${report.outside.length}${report.outside.length ? ` (${count(report.outside, (r) => r.replace(/^[^:]*: /, ''))})` : ''}`,
	];
	if (report.panel) {
		lines.push(
			`  node panel         "${SEARCH}" → ${report.panel.found.join(', ')}; ${report.panel.actions.length}/${report.expectedActions.length} actions listed`,
		);
	}
	if (report.template) {
		lines.push(
			`  template picker    ${report.template.templates.length} templates, picked "${report.template.picked}" → ${report.template.fields.length} fields: ${report.template.fields.map((f) => f.id).join(', ')}`,
		);
	}
	for (const c of report.credentials)
		lines.push(`  credential test    ${c.token} token → ${c.status}: ${c.banner.join(' — ')}`);
	if (report.schemaPreview) {
		const p = report.schemaPreview;
		lines.push(
			`  schema preview     ${p.executions} executions; ${p.request ? `GET ${p.request.url} → ${p.request.status}` : 'no schema request'}; input panel "${p.header}"${p.previewNotice ? ' (preview)' : ''}: ${p.fields.join(', ')}`,
		);
	}
	if (report.screenshots.length) lines.push(`  screenshots        ${report.screenshots.join(', ')}`);
	for (const n of KNOWN_NOISE.filter((k) => report.noise.some((e) => e.id === k.id)))
		lines.push(`  ignored ${n.id}: ${n.reason}`);
	lines.push(
		`  timings            ${Object.entries(report.timings)
			.map(([k, v]) => `${k} ${secs(v)}`)
			.join(' · ')}`,
	);
	lines.push(`  total              ${secs(totalMs)}`);
	if (report.failures.length) lines.push('', 'failed:', ...report.failures.map((f) => `  ${f}`));
	lines.push('', `editor: ${report.ok ? 'OK' : 'FAILED'}`);
	console.log(lines.join('\n'));
	console.log(
		JSON.stringify({
			ok: report.ok,
			formsOpened: report.forms.length,
			formsExpected: report.formsExpected,
			formsRendered: formsOk,
			consoleErrors: report.errors.length,
			ignoredNoise: report.noise.length,
			blockedRequests: report.outside.length,
			actionsListed: report.panel?.actions.length ?? null,
			templateFields: report.template?.fields.map((f) => f.id) ?? null,
			credentialTests: report.credentials.map((c) => ({ token: c.token, status: c.status, banner: c.banner[0] ?? '' })),
			schemaPreviewFields: report.schemaPreview?.fields ?? null,
			screenshots: report.screenshots,
			failures: report.failures.length,
			totalMs,
			versions: report.versions,
		}),
	);
}

async function main(): Promise<number> {
	const args = parseArgs(process.argv.slice(2));
	const t0 = Date.now();
	const report: Report = {
		ok: false,
		failures: [],
		timings: {},
		forms: [],
		formsExpected: 0,
		expectedActions: [],
		credentials: [],
		errors: [],
		noise: [],
		outside: [],
		screenshots: [],
		versions: {},
	};
	const hardLimit = setTimeout(() => {
		console.error('editor: still running after 10 min; giving up');
		void runCleanups().finally(() => process.exit(1));
	}, 10 * 60_000);
	hardLimit.unref();
	try {
		await run(args, report);
	} catch (e) {
		report.failures.push(`check stopped: ${(e as Error).stack ?? String(e)}`);
	}
	report.ok = report.failures.length === 0;
	printSummary(report, Date.now() - t0);
	return report.ok ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	async (e) => {
		console.error(e);
		await runCleanups();
		process.exit(1);
	},
);
