/** The editor check's steps after signing in, each recording what it found and failed in the report. */
import path from 'node:path';

import { openWorkflowFromList, restQuiet, sleep, type Session } from './browser';
import { testCredentialInDialog } from './credential';
import { canvasNode, checkForm, closeNdv, openNdv, searchNodePanel, widenNdv } from './editor';
import {
	CREDENTIAL_FAILED_BANNER,
	CREDENTIAL_OK_BANNER,
	EXPIRED_CREDENTIAL,
	EXPIRED_MESSAGE_START,
	EXPIRED_NODE,
	FORMS_WORKFLOW,
	PLAIN_WORKFLOW,
	SEARCH,
	SENDER,
	TEMPLATE,
	TEMPLATE_FIELDS,
	VALID_CREDENTIAL,
} from './expected';
import type { Form, loadDescriptions } from './forms';
import { failureShot, secs, timed, type Report } from './report';
import { checkSchemaPreview, schemaFields } from './schemaPreview';
import { pickTemplate } from './template';
import { REPO_DIR, type N8nInstance } from '../lab/n8n';

export interface StepContext {
	report: Report;
	session: Session;
	n8n: N8nInstance;
	descriptions: ReturnType<typeof loadDescriptions>;
	/** The forms to open (all, or those --only picked). */
	forms: Form[];
	/** No --only: every step, with screenshots. */
	full: boolean;
	/** Where a README screenshot goes (undefined = none taken). */
	shot: (name: string) => string | undefined;
}

/** Searches the node panel from a plain workflow: the node first, its Actions as the operations list them. */
export async function checkNodePanel(ctx: StepContext): Promise<void> {
	const { report, session, descriptions, shot } = ctx;
	const page = session.page;
	report.panel = await timed(report, 'node panel', async () => {
		session.phase = 'open workflow';
		await openWorkflowFromList(page, PLAIN_WORKFLOW, '[data-test-id="canvas-node"]');
		const result = await searchNodePanel(session, SEARCH, descriptions.node.displayName, {
			results: shot('node-search.png'),
			details: shot('node-actions.png'),
		});
		session.phase = 'back to the overview';
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

/** A never-run workflow: the input panel after a WhatsApp Cloud node lists its output schema's fields. */
export async function checkFieldsBeforeFirstRun(ctx: StepContext, schemaWorkflowId: string): Promise<void> {
	const { report, session, n8n, shot } = ctx;
	const page = session.page;
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
			const r = await checkSchemaPreview(session, schemaFields(file), shot('schema-preview.png'));
			const runs = await n8n.api<{ data: unknown[] }>('GET', `/executions?workflowId=${schemaWorkflowId}`);
			report.schemaPreview = { ...r, executions: runs.data.length };
			for (const p of r.problems) report.failures.push(`schema preview: ${p}`);
			if (runs.data.length > 0)
				report.failures.push(`schema preview: the workflow has ${runs.data.length} executions, expected none`);
		} catch (e) {
			report.failures.push(`schema preview: ${(e as Error).message.split('\n')[0]}`);
			await failureShot(session, 'schema preview', report);
			await page.keyboard.press('Escape').catch(() => undefined);
		}
		session.phase = 'back to the overview';
		await page.goBack();
	});
}

/** Opens the workflow of every form and zooms to fit. */
export async function openFormsWorkflow(ctx: StepContext): Promise<void> {
	const { report, session, forms } = ctx;
	const page = session.page;
	await timed(report, 'open the workflow', async () => {
		session.phase = 'open workflow';
		await openWorkflowFromList(page, FORMS_WORKFLOW, canvasNode(forms[forms.length - 1].nodeName));
		await page.click('[data-test-id="zoom-to-fit"]');
		await restQuiet(page);
		await sleep(300);
	});
}

/** Opens every form and checks the parameters n8n shows. */
export async function checkForms(ctx: StepContext): Promise<void> {
	const { report, session, forms, full, shot } = ctx;
	const page = session.page;
	await timed(report, `${forms.length} forms`, async () => {
		let widened = false;
		for (const form of forms) {
			try {
				if (!widened && full) {
					// once, so the screenshots show whole labels
					session.phase = 'widen the NDV';
					await openNdv(page, form.nodeName);
					await widenNdv(page);
					await closeNdv(page);
					widened = true;
				}
				const result = await checkForm(
					session,
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
				await failureShot(session, `form ${form.title}`, report);
				await page.keyboard.press('Escape').catch(() => undefined);
				await sleep(500);
			}
		}
	});
}

/** Send Template: the sender list, the template picker and the fields it generates. */
export async function checkSendTemplate(ctx: StepContext, sendTemplate: Form): Promise<void> {
	const { report, session, shot } = ctx;
	const page = session.page;
	await timed(report, 'Send Template: sender list, template picker, generated fields', async () => {
		try {
			const r = await pickTemplate(session, sendTemplate.nodeName, {
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
			await failureShot(session, 'send template', report);
			await page.keyboard.press('Escape').catch(() => undefined);
		}
	});
}

/** The credential test from the credential dialog, with a valid and an expired token. */
export async function checkCredentialTests(ctx: StepContext): Promise<void> {
	const { report, session, forms, shot } = ctx;
	const page = session.page;
	await timed(report, 'credential test in the credential dialog', async () => {
		for (const [token, nodeName, file] of [
			['valid', forms[0].nodeName, shot('credential-test.png')],
			['expired', EXPIRED_NODE, undefined],
		] as const) {
			try {
				const r = await testCredentialInDialog(session, nodeName, file);
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
				await failureShot(session, `credential ${token}`, report);
				await page.keyboard.press('Escape').catch(() => undefined);
			}
		}
	});
}

