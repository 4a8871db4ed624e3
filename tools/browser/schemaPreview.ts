/**
 * Output schemas in the editor before anything ran: a workflow Manual Trigger → WhatsApp Cloud
 * (Message → Send Text) → a next node, never executed. Opening the next node, its input panel must
 * show the WhatsApp Cloud node's fields from the package's `__schema__` file (n8n marks them as a
 * preview), read from `GET /schemas/<node type>/1.0.0/message/sendText.json`.
 */
import fs from 'node:fs';

import type { HTTPResponse } from 'puppeteer-core';

import { restQuiet, sleep, type Session } from './browser';
import type { PageDocument } from './dom';
import { canvasNode, screenshotNdv } from './editor';
import { openWorkflowFromList } from './browser';
import { manualTrigger, NODE_TYPE } from '../e2e/kit/workflows';
import { CREDENTIAL_TYPE, type CredentialRef } from '../e2e/kit/credential';

declare const document: PageDocument;

export const SCHEMA_WORKFLOW = 'Editor check — fields before the first run';
export const SOURCE_NODE = 'Send Text';
export const NEXT_NODE = 'Next';
/** What the editor must request for the Send Text node (node type, padded version, resource, operation). */
export const SCHEMA_URL = `/schemas/${NODE_TYPE}/1.0.0/message/sendText.json`;

const NDV = '[data-test-id="ndv"]';
const INPUT = `${NDV} [data-test-id="ndv-input-panel"]`;

/** Manual Trigger → Send Text → Next (No Operation), not executed. */
export function schemaWorkflow(cred: CredentialRef) {
	const nodes = [
		{ ...manualTrigger(), position: [0, 0] as [number, number] },
		{
			name: SOURCE_NODE,
			type: NODE_TYPE,
			typeVersion: 1,
			position: [240, 0] as [number, number],
			parameters: { resource: 'message', operation: 'sendText', to: '+1 555 000 9999', body: 'Hi' },
			credentials: { [CREDENTIAL_TYPE]: { id: cred.id, name: cred.name } },
		},
		{
			name: NEXT_NODE,
			type: 'n8n-nodes-base.noOp',
			typeVersion: 1,
			position: [480, 0] as [number, number],
			parameters: {},
		},
	];
	const connections = {
		[nodes[0].name]: { main: [[{ node: SOURCE_NODE, type: 'main', index: 0 }]] },
		[SOURCE_NODE]: { main: [[{ node: NEXT_NODE, type: 'main', index: 0 }]] },
	};
	return { name: SCHEMA_WORKFLOW, nodes, connections, settings: { executionOrder: 'v1' } };
}

export interface SchemaPreviewResult {
	/** the schema request the editor made and n8n's status for it */
	request?: { url: string; status: number };
	/** the node name the input panel's schema header shows */
	header: string;
	/** field names the input panel lists */
	fields: string[];
	/** n8n's "preview" marking of a schema that comes from a schema file, not from run data */
	previewNotice: boolean;
	problems: string[];
}

/**
 * Opens the workflow, double-clicks the next node and reads its input panel (Schema view).
 * `expected` are the fields that must be listed (the schema file's top-level properties).
 */
export async function checkSchemaPreview(
	s: Session,
	expected: string[],
	screenshot?: string,
): Promise<SchemaPreviewResult> {
	const { page } = s;
	const problems: string[] = [];
	let request: SchemaPreviewResult['request'];
	const onResponse = (r: HTTPResponse) => {
		if (new URL(r.url()).pathname === SCHEMA_URL) request = { url: SCHEMA_URL, status: r.status() };
	};
	page.on('response', onResponse);
	try {
		s.phase = 'open workflow';
		await openWorkflowFromList(page, SCHEMA_WORKFLOW, canvasNode(NEXT_NODE));
		s.phase = 'schema preview';
		const box = await page.evaluate((sel) => {
			const r = document.querySelector(sel)?.getBoundingClientRect();
			return r ? { x: r.x + r.width / 2, y: r.y + r.height / 2 } : undefined;
		}, canvasNode(NEXT_NODE));
		if (!box) throw new Error(`no node "${NEXT_NODE}" on the canvas`);
		await page.mouse.click(box.x, box.y, { count: 2 });
		await page.waitForSelector(INPUT, { visible: true, timeout: 20_000 });
		await restQuiet(page);
		// the Schema view, if the panel does not open on it
		const schemaMode = await page.$(`${INPUT} [data-test-id="ndv-run-data-display-mode"] label:first-child`);
		if (schemaMode && (await schemaMode.evaluate((e) => /schema/i.test(e.innerText)))) await schemaMode.click();
		await page
			.waitForSelector(`${INPUT} [data-test-id="run-data-schema-item"]`, { visible: true, timeout: 20_000 })
			.catch(() => undefined);
		await sleep(500);
		const seen = await page.evaluate((sel) => {
			const panel = document.querySelector(sel);
			const names = Array.from(panel?.querySelectorAll('[data-test-id="run-data-schema-item"]') ?? []).map((e) =>
				e.innerText.trim().split('\n')[0].trim(),
			);
			const header = (panel?.querySelector('[data-test-id="run-data-schema-header"]')?.innerText ?? '')
				.split('\n')[0]
				.trim();
			const notice = panel?.querySelector('[data-test-id="schema-preview-warning"]') !== null;
			return { names, header, notice };
		}, INPUT);
		if (screenshot) await screenshotNdv(page, screenshot, 900);
		if (!request) problems.push(`the editor did not request ${SCHEMA_URL}`);
		else if (request.status !== 200) problems.push(`${SCHEMA_URL} answered ${request.status}`);
		if (seen.header !== SOURCE_NODE)
			problems.push(`the input panel's schema is headed "${seen.header}", not "${SOURCE_NODE}"`);
		const missing = expected.filter((f) => !seen.names.includes(f));
		if (missing.length > 0)
			problems.push(`the input panel lists ${JSON.stringify(seen.names)}, without ${JSON.stringify(missing)}`);
		if (!seen.notice) problems.push('the fields are not marked as a preview (schema-preview-warning)');
		await page.keyboard.press('Escape');
		await page.waitForSelector(NDV, { hidden: true, timeout: 10_000 }).catch(() => undefined);
		return { request, header: seen.header, fields: seen.names, previewNotice: seen.notice, problems };
	} finally {
		page.off('response', onResponse);
	}
}

/** The top-level field names of the schema file the editor should show (from dist/, what users install). */
export function schemaFields(distSchemaFile: string): string[] {
	const schema = JSON.parse(fs.readFileSync(distSchemaFile, 'utf8')) as { properties?: Record<string, unknown> };
	return Object.keys(schema.properties ?? {});
}
