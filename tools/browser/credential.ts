/**
 * The credential test as a person runs it: open the node's credential from the NDV (the pencil
 * beside the credential select), press the dialog's test button (Retry / Test), read the
 * banner n8n shows.
 */
import type { ElementHandle, HTTPResponse } from 'puppeteer-core';

import { restQuiet, sleep, type Session } from './browser';
import type { PageDocument } from './dom';
import { closeNdv, openNdv } from './editor';

declare const document: PageDocument;

const DIALOG = '[data-test-id="credential-edit-dialog"]';

export interface CredentialTestResult {
	/** the credential's name in the dialog's header */
	name: string;
	/** n8n's answer to the editor's POST /rest/credentials/test */
	status?: string;
	message?: string;
	/** the banner's lines (with a failure's details opened) */
	banner: string[];
	ok: boolean;
	/** the dialog's lines (labels of the credential's fields) */
	lines: string[];
}

export async function testCredentialInDialog(
	s: Session,
	nodeName: string,
	screenshot?: string,
): Promise<CredentialTestResult> {
	const { page } = s;
	s.phase = `credential test (${nodeName})`;
	await openNdv(page, nodeName);
	await page.click('[data-test-id="ndv"] [data-test-id="credential-edit-button"]');
	await page.waitForSelector(DIALOG, { visible: true, timeout: 20_000 });
	await restQuiet(page);

	// press the test button, as a person does, and wait for n8n's answer
	const answer = page.waitForResponse(
		(r: HTTPResponse) => /\/rest\/credentials\/test$/.test(r.url()) && r.request().method() === 'POST',
		{
			timeout: 30_000,
		},
	);
	const clicked = await page.evaluate((sel) => {
		const buttons = Array.from(document.querySelectorAll(`${sel} button`));
		const button = buttons.find((b) => /^(Retry|Test|Test connection)$/i.test(b.innerText.trim()));
		if (!button) return false;
		(button as unknown as { click(): void }).click();
		return true;
	}, DIALOG);
	if (!clicked) throw new Error('the credential dialog has no Retry/Test button');
	const response = await answer;
	const body = (await response.json().catch(() => ({}))) as { data?: { status?: string; message?: string } };
	await restQuiet(page);
	await sleep(300);

	// the banner holds the Retry button; a failure hides n8n's message behind "More details"
	const more = await page.evaluateHandle((sel) => {
		const dialog = document.querySelector(sel);
		return (
			Array.from(dialog?.querySelectorAll('a, span, button') ?? []).find(
				(e) => e.innerText.trim() === 'More details',
			) ?? null
		);
	}, DIALOG);
	const moreLink = more.asElement() as ElementHandle | null;
	if (moreLink) {
		await moreLink.click();
		await sleep(300);
	}
	const read = await page.evaluate((sel) => {
		const dialog = document.querySelector(sel);
		const retry = Array.from(dialog?.querySelectorAll('button') ?? []).find((b) =>
			/^(Retry|Test|Test connection)$/i.test(b.innerText.trim()),
		);
		const banner = retry?.closest('.el-tag') ?? retry?.parentElement?.parentElement ?? null;
		const lines = (el: { innerText: string } | null | undefined) =>
			(el?.innerText ?? '')
				.split('\n')
				.map((l) => l.trim())
				.filter((l) => l.length > 0);
		return {
			banner: lines(banner).filter((l) => !['Retry', 'More details', 'Test', 'Test connection'].includes(l)),
			header: lines(dialog?.closest('[role="dialog"]')?.querySelector('[data-test-id="credential-name"]'))[0] ?? '',
			lines: lines(dialog),
		};
	}, DIALOG);
	if (screenshot) await page.screenshot({ path: screenshot });
	await page.keyboard.press('Escape');
	await page.waitForSelector(DIALOG, { hidden: true, timeout: 10_000 });
	await closeNdv(page);
	return {
		name: read.header,
		status: body.data?.status,
		message: body.data?.message,
		banner: read.banner,
		ok: body.data?.status === 'OK',
		lines: read.lines,
	};
}
