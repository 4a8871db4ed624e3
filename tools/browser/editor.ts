/**
 * The editor checks proper, on a signed-in page: the node panel, every form, Send Template's
 * template picker and generated fields, the credential test. Each returns what it saw; the
 * caller (editorCheck.ts) decides pass/fail and prints it.
 */
import type { Page } from 'puppeteer-core';

import { elementWithText, linesOf, restQuiet, sleep, visibleCount, type Session } from './browser';
import type { PageDocument, PageElement } from './dom';
import type { Form } from './forms';

declare const document: PageDocument;

const NDV = '[data-test-id="ndv"]';
const PARAMS = `${NDV} [data-test-id="node-parameters"]`;

/** CSS attribute value in double quotes. */
function attr(value: string): string {
	return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function canvasNode(nodeName: string): string {
	return `[data-test-id="canvas-node"][data-node-name=${attr(nodeName)}]`;
}

// ---------------------------------------------------------------- forms

export interface FormResult {
	title: string;
	ok: boolean;
	problems: string[];
	/** visible inputs, selects and text areas in the parameters panel */
	inputs: number;
	/** the rendered lines of the parameters panel */
	lines: string[];
	ms: number;
}

/** Where each expected label is among the rendered lines, in order; returns the labels not found. */
export function missingInOrder(lines: string[], expected: string[]): string[] {
	const missing: string[] = [];
	let at = 0;
	for (const text of expected) {
		const i = lines.findIndex((l, idx) => idx >= at && l === text);
		if (i === -1) {
			missing.push(lines.includes(text) ? `${text} (out of order)` : text);
		} else at = i + 1;
	}
	return missing;
}

export async function openNdv(page: Page, nodeName: string): Promise<void> {
	await page.waitForSelector(canvasNode(nodeName), { timeout: 20_000 });
	const box = await page.evaluate((sel) => {
		const r = document.querySelector(sel)?.getBoundingClientRect();
		return r ? { x: r.x + r.width / 2, y: r.y + r.height / 2 } : undefined;
	}, canvasNode(nodeName));
	if (!box) throw new Error(`no node "${nodeName}" on the canvas`);
	await page.mouse.click(box.x, box.y, { count: 2 });
	await page.waitForSelector(PARAMS, { visible: true, timeout: 20_000 });
	await restQuiet(page);
}

export async function closeNdv(page: Page): Promise<void> {
	const close = await page.$(`${NDV} [data-test-id="ndv-close-button"]`);
	if (close) await close.click();
	else await page.keyboard.press('Escape');
	await page.waitForSelector(NDV, { hidden: true, timeout: 10_000 });
}

async function ndvTitle(page: Page): Promise<string> {
	return page.evaluate((sel) => {
		const ndv = document.querySelector(sel);
		const input = ndv?.querySelector('[data-test-id="node-title-container"]') ?? ndv?.querySelector('header');
		return (input?.innerText ?? '').split('\n')[0].trim();
	}, NDV);
}

/**
 * Makes the NDV's parameters column wider, as a person drags its edges, so long labels are not
 * cut off in screenshots (n8n keeps the width for the next NDVs).
 */
export async function widenNdv(page: Page, right = 250, left = 150): Promise<void> {
	const drag = async (edge: string, dx: number) => {
		const at = await page.evaluate((sel) => {
			const r = document.querySelector(sel)?.getBoundingClientRect();
			return r && r.height > 0 ? { x: r.x + r.width / 2, y: r.y + r.height / 2 } : undefined;
		}, `${NDV} [class*="_resizer_"][class*="${edge}"]`);
		if (!at) return false;
		await page.mouse.move(at.x, at.y);
		await page.mouse.down();
		await page.mouse.move(at.x + dx, at.y, { steps: 8 });
		await page.mouse.up();
		return true;
	};
	await drag('_right_', right);
	await drag('_left_', -left);
	await sleep(300);
}

/** A screenshot of the open NDV at a taller window, the pointer out of the way. */
export async function screenshotNdv(page: Page, file: string, height = 1100, scrollTo?: string): Promise<void> {
	const viewport = page.viewport() ?? { width: 1440, height: 900 };
	await page.setViewport({ ...viewport, height });
	await page.mouse.move(5, height - 5);
	if (scrollTo) {
		// the parameter's whole row (label included) at the top of the panel
		await page.evaluate((sel) => {
			const el = document.querySelector(sel);
			(el?.closest('[data-test-id="parameter-item"]') ?? el)?.scrollIntoView({ block: 'start' });
		}, scrollTo);
	}
	await sleep(500);
	await page.screenshot({ path: file });
	await page.setViewport(viewport);
	await sleep(200);
}

/** The credential the NDV's credential select shows (its input's value). */
export async function selectedCredential(page: Page): Promise<string | undefined> {
	return page.evaluate((sel) => {
		const input = document.querySelector(`${sel} [data-test-id="node-credentials-select"] input`) as
			| (PageElement & { value?: string })
			| null;
		return input?.value;
	}, NDV);
}

/**
 * Opens one form and checks it: the NDV opens on the node, every parameter n8n should show
 * for it is there in order (labels; the resource mapper by its container), inputs are
 * visible, the credential is selected.
 */
export async function checkForm(
	s: Session,
	form: Form,
	credentialName: string,
	screenshot?: string,
): Promise<FormResult> {
	const { page } = s;
	const t0 = Date.now();
	const problems: string[] = [];
	s.phase = `form ${form.title}`;
	await openNdv(page, form.nodeName);
	const title = await ndvTitle(page);
	if (title !== form.nodeName) problems.push(`the NDV is titled "${title}", not "${form.nodeName}"`);
	const lines = await linesOf(page, PARAMS);
	const credentialAt = lines.indexOf('Credential');
	const firstParameterAt = form.expected.length > 0 ? lines.indexOf(form.expected[0].text) : lines.length;
	if (credentialAt === -1 || credentialAt > firstParameterAt)
		problems.push('the credential select is not shown above the parameters');
	const cred = await selectedCredential(page);
	if (cred !== credentialName)
		problems.push(`the credential select shows "${cred ?? '(nothing)'}", not "${credentialName}"`);
	const labelled = form.expected.filter((p) => p.type !== 'resourceMapper');
	for (const missing of missingInOrder(
		lines,
		labelled.map((p) => p.text),
	))
		problems.push(`"${missing}" is not shown`);
	for (const mapper of form.expected.filter((p) => p.type === 'resourceMapper')) {
		if ((await visibleCount(page, `${PARAMS} [data-test-id="resource-mapper-container"]`)) === 0) {
			problems.push(`the ${mapper.text} field mapper is not shown`);
		}
	}
	const inputs = await visibleCount(
		page,
		`${PARAMS} input, ${PARAMS} textarea, ${PARAMS} [role="switch"], ${PARAMS} .cm-content`,
	);
	if (inputs === 0) problems.push('no input is visible');
	if (screenshot) await screenshotNdv(page, screenshot, 900);
	await closeNdv(page);
	return { title: form.title, ok: problems.length === 0, problems, inputs, lines, ms: Date.now() - t0 };
}

// ---------------------------------------------------------------- node panel

export interface NodePanelResult {
	/** node names the search listed */
	found: string[];
	/** the node's details view: the resource headings and the action labels, in order */
	headings: string[];
	actions: string[];
	lines: string[];
}

/** Opens the node panel from the canvas, searches, screenshots the results, opens the node's details. */
export async function searchNodePanel(
	s: Session,
	query: string,
	nodeName: string,
	shots: { results?: string; details?: string },
): Promise<NodePanelResult> {
	const { page } = s;
	s.phase = 'node panel';
	await page.click('[data-test-id="node-creator-plus-button"]');
	const search = await page.waitForSelector('[data-test-id="node-creator-search-bar"]', {
		visible: true,
		timeout: 15_000,
	});
	await search!.type(query);
	await elementWithText(page, '[data-test-id="node-creator-item-name"]', new RegExp(`^${escapeRegExp(nodeName)}$`));
	await sleep(400); // the list animates in
	const found = await page.evaluate(() =>
		Array.from(document.querySelectorAll('[data-test-id="node-creator-item-name"]')).map((e) => e.innerText.trim()),
	);
	if (shots.results) await page.screenshot({ path: shots.results });

	s.phase = 'node panel details';
	const item = await elementWithText(
		page,
		'[data-test-id="node-creator-item-name"]',
		new RegExp(`^${escapeRegExp(nodeName)}$`),
	);
	await item.click();
	await page.waitForFunction(
		() => /Actions \(\d+\)/.test(document.querySelector('[data-test-id="node-creator"]')?.innerText ?? ''),
		{
			timeout: 15_000,
		},
	);
	await restQuiet(page);
	await sleep(400);
	const lines = await linesOf(page, '[data-test-id="node-creator"]');
	// the details view lists "<RESOURCE> ACTIONS" headings, each followed by its actions
	const listed = await page.evaluate(() =>
		Array.from(document.querySelectorAll('[data-test-id="node-creator"] [data-test-id="item-iterator-item"]')).map(
			(e) => ({
				text: e.innerText.trim(),
				isAction: e.querySelector('[data-test-id="node-creator-item-name"]') !== null,
			}),
		),
	);
	const actions = listed.filter((l) => l.isAction).map((l) => l.text.split('\n')[0].trim());
	const headings = listed.filter((l) => !l.isAction).map((l) => l.text);
	if (shots.details) await page.screenshot({ path: shots.details });
	await page.keyboard.press('Escape');
	await page.waitForSelector('[data-test-id="node-creator"]', { hidden: true, timeout: 10_000 }).catch(() => undefined);
	return { found, headings, actions, lines };
}

function escapeRegExp(s: string): string {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
