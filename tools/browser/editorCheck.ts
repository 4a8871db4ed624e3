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

import { launch, signIn, type Session } from './browser';
import { EXPIRED_CREDENTIAL, EXPIRED_NODE, FORMS_WORKFLOW, PLAIN_WORKFLOW, VALID_CREDENTIAL } from './expected';
import { allForms, loadDescriptions, type Form } from './forms';
import { knownNoise, knownRequest } from './noise';
import { newReport, printSummary, secs, timed, type Report } from './report';
import { schemaWorkflow } from './schemaPreview';
import {
	checkCredentialTests,
	checkFieldsBeforeFirstRun,
	checkForms,
	checkNodePanel,
	checkSendTemplate,
	openFormsWorkflow,
	type StepContext,
} from './steps';
import { createCredential, CREDENTIAL_TYPE, type CredentialRef, simulatorCredentialData } from '../e2e/kit/credential';
import { manualTrigger, NODE_TYPE } from '../e2e/kit/workflows';
import { REPO_DIR, startN8n, type N8nInstance } from '../lab/n8n';
import { runCleanups } from '../lab/processes';
import { startSimulator, type Simulator } from '../lab/simulator';
import { TOKENS } from '../simulator/fixtures';

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

/** The forms to open and which steps run, from --only; the screenshot paths. */
function plan(args: Args, report: Report) {
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
	return { descriptions, forms, full, schemaCheck, shot };
}

/** The credentials and workflows the steps open, made over n8n's API before signing in (so the Overview lists them). */
async function seed(n8n: N8nInstance, sim: Simulator, forms: Form[], full: boolean, schemaCheck: boolean) {
	const cred = await createCredential(n8n, VALID_CREDENTIAL, simulatorCredentialData(sim.url, TOKENS.valid));
	const expired = await createCredential(n8n, EXPIRED_CREDENTIAL, simulatorCredentialData(sim.url, TOKENS.expired));
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
	return schemaWorkflowId;
}

/** What the browser saw: console errors (n8n's known noise apart) and requests that tried to leave the machine. */
function collectBrowserFindings(s: Session, report: Report): void {
	for (const e of s.entries) {
		const noise = knownNoise(e);
		if (noise) report.noise.push({ ...e, id: noise.id });
		else report.errors.push(e);
	}
	report.outside = s.outside;
}

async function run(args: Args, report: Report): Promise<void> {
	if (args.build) {
		await timed(report, 'build', async () => {
			const r = spawnSync('npm', ['run', 'build'], { cwd: REPO_DIR, encoding: 'utf8' });
			if (r.status !== 0) throw new Error(`npm run build failed:\n${r.stdout}\n${r.stderr}`);
		});
	}
	const { descriptions, forms, full, schemaCheck, shot } = plan(args, report);

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
		const schemaWorkflowId = await seed(n8n, sim, forms, full, schemaCheck);

		const ctx: StepContext = { report, session, n8n, descriptions, forms, full, shot };
		const instance = n8n;
		await timed(report, 'sign in', async () => {
			session.phase = 'sign-in';
			await signIn(session, instance.url, instance.owner.email, instance.owner.password);
		});
		if (full) await checkNodePanel(ctx);
		if (schemaWorkflowId) await checkFieldsBeforeFirstRun(ctx, schemaWorkflowId);
		if (forms.length > 0) await openFormsWorkflow(ctx);
		await checkForms(ctx);
		const sendTemplate = forms.find((f) => f.operation === 'sendTemplate');
		if (sendTemplate) await checkSendTemplate(ctx, sendTemplate);
		if (full) await checkCredentialTests(ctx);
	} finally {
		if (s) {
			collectBrowserFindings(s, report);
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

async function main(): Promise<number> {
	const args = parseArgs(process.argv.slice(2));
	const t0 = Date.now();
	const report = newReport();
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
