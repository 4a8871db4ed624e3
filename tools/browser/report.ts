/** The editor check's report: what each step found, timings, failures; the summary it prints. */
import fs from 'node:fs';
import path from 'node:path';

import type { Session } from './browser';
import type { CredentialTestResult } from './credential';
import type { FormResult, NodePanelResult } from './editor';
import { SEARCH } from './expected';
import { KNOWN_NOISE, type ConsoleEntry } from './noise';
import type { SchemaPreviewResult } from './schemaPreview';
import type { PickResult } from './template';
import { REPO_DIR } from '../lab/n8n';

export const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export interface Report {
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

export async function timed<T>(report: Report, name: string, fn: () => Promise<T>): Promise<T> {
	const t0 = Date.now();
	try {
		return await fn();
	} finally {
		report.timings[name] = Date.now() - t0;
		console.log(`editor: ${name} (${secs(report.timings[name])})`);
	}
}

export async function failureShot(s: Session | undefined, what: string, report: Report): Promise<void> {
	if (!s) return;
	const dir = path.join(REPO_DIR, '.e2e', 'editor-check');
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(dir, `${what.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`);
	await s.page.screenshot({ path: file }).catch(() => undefined);
	report.failures.push(`  (screenshot of the failure: ${path.relative(REPO_DIR, file)})`);
}

export function newReport(): Report {
	return {
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
}

function count<T>(items: T[], key: (t: T) => string): string {
	const m = new Map<string, number>();
	for (const i of items) m.set(key(i), (m.get(key(i)) ?? 0) + 1);
	return [...m].map(([k, n]) => `${k} ×${n}`).join(', ');
}

export function printSummary(report: Report, totalMs: number): void {
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
