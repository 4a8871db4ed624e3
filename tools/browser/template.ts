/**
 * Send Template as a person fills it in: pick the sender from the phone-number list, pick a
 * template from the picker (both served by the simulator through the package's list-search
 * methods), and wait for the generated variable fields (the resource mapper).
 */
import type { Page } from 'puppeteer-core';

import { elementWithText, linesOf, restQuiet, sleep, type Session } from './browser';
import type { PageDocument } from './dom';
import { closeNdv, openNdv, screenshotNdv } from './editor';

declare const document: PageDocument;

const NDV = '[data-test-id="ndv"]';
const PARAMS = `${NDV} [data-test-id="node-parameters"]`;

export interface PickResult {
	/** what the sender list offered */
	phoneNumbers: string[];
	/** what the template picker offered */
	templates: string[];
	/** the template input's value after picking */
	picked: string;
	/** the generated fields (resource-mapper ids and labels), in order */
	fields: Array<{ id: string; label: string }>;
	lines: string[];
}

/** The entries a resource locator's open list shows (the list pops up inside the locator). */
async function rlcItems(page: Page, locator: string): Promise<string[]> {
	const items = `${locator} [data-test-id="rlc-item"]`;
	await page.waitForSelector(items, { visible: true, timeout: 20_000 });
	await restQuiet(page);
	return page.evaluate(
		(sel) =>
			Array.from(document.querySelectorAll(sel))
				.filter((e) => e.getBoundingClientRect().height > 0)
				.map((e) => e.innerText.replace(/\s+/g, ' ').trim()),
		items,
	);
}

/** Opens a resource locator's list and clicks the entry whose text matches; returns every entry it offered. */
async function pickFromList(page: Page, parameter: string, entry: RegExp): Promise<string[]> {
	const locator = `${PARAMS} [data-test-id="resource-locator-${parameter}"]`;
	await page.click(`${locator} [data-test-id="rlc-input"]`);
	const offered = await rlcItems(page, locator);
	const item = await elementWithText(page, `${locator} [data-test-id="rlc-item"]`, entry);
	await item.click();
	await page
		.waitForSelector(`${locator} [data-test-id="rlc-item"]`, { hidden: true, timeout: 10_000 })
		.catch(() => undefined);
	await restQuiet(page);
	return offered;
}

async function inputValue(page: Page, selector: string): Promise<string> {
	return page.evaluate(
		(sel) => (document.querySelector(sel) as unknown as { value?: string } | null)?.value ?? '',
		selector,
	);
}

/**
 * In the open workflow: opens the node, picks the sender and the template, waits for the
 * template's fields, optionally screenshots the form with the fields in view, closes the NDV.
 */
export async function pickTemplate(
	s: Session,
	nodeName: string,
	opts: { phoneNumber: RegExp; template: RegExp; expectFields: number; screenshot?: string },
): Promise<PickResult> {
	const { page } = s;
	s.phase = 'send template: open';
	await openNdv(page, nodeName);

	s.phase = 'send template: sender list';
	const phoneNumbers = await pickFromList(page, 'phoneNumberId', opts.phoneNumber);

	s.phase = 'send template: template picker';
	const templates = await pickFromList(page, 'template', opts.template);
	const picked = await inputValue(
		page,
		`${PARAMS} [data-test-id="resource-locator-template"] [data-test-id="rlc-input"]`,
	);

	s.phase = 'send template: generated fields';
	await page.waitForSelector(`${PARAMS} [data-test-id="mapping-fields-container"]`, { visible: true, timeout: 20_000 });
	await page.waitForFunction(
		(sel, n) =>
			(document.querySelector(sel)?.querySelectorAll('[data-test-id="parameter-input-field"], input').length ?? 0) >= n,
		{ timeout: 20_000 },
		`${PARAMS} [data-test-id="mapping-fields-container"]`,
		opts.expectFields,
	);
	await restQuiet(page);
	await sleep(300);
	const fields = await page.evaluate((sel) => {
		const box = document.querySelector(sel);
		if (!box) return [];
		// each field: <input-label>label … <parameter-input-{field id}> … </input-label>
		return Array.from(box.querySelectorAll('[data-test-id^="parameter-input-"]'))
			.filter((e) => !['parameter-input-field', 'parameter-input-hint'].includes(e.getAttribute('data-test-id') ?? ''))
			.map((e) => ({
				id: (e.getAttribute('data-test-id') ?? '').slice('parameter-input-'.length),
				label: (e.closest('[data-test-id="input-label"]')?.innerText ?? '').split('\n')[0].trim(),
			}));
	}, `${PARAMS} [data-test-id="mapping-fields-container"]`);
	const lines = await linesOf(page, PARAMS);
	if (opts.screenshot)
		await screenshotNdv(page, opts.screenshot, 1150, `${PARAMS} [data-test-id="parameter-input-operation"]`);
	await closeNdv(page);
	return { phoneNumbers, templates, picked, fields, lines };
}
