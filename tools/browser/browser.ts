/**
 * Chromium (Debian's, /usr/bin/chromium) driven by puppeteer-core, set up for a closed network:
 * no background services, a fresh profile, and no host but the loopback one reachable (DNS for
 * everything else resolves to nothing, no proxy), so the editor cannot phone home and every
 * attempt shows up as a failed request. Collects console errors and uncaught page errors with
 * the phase the check was in.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import puppeteer, { type Browser, type ElementHandle, type HTTPRequest, type Page } from 'puppeteer-core';

import type { PageDocument } from './dom';
import type { ConsoleEntry } from './noise';

declare const document: PageDocument;

export const CHROMIUM = process.env.WA_CHROMIUM ?? '/usr/bin/chromium';
export const VIEWPORT = { width: 1440, height: 900 };

export interface Session {
	browser: Browser;
	page: Page;
	/** every console error and page error so far */
	entries: ConsoleEntry[];
	/** requests to anything but 127.0.0.1 / localhost (all blocked) */
	outside: string[];
	/** native dialogs (alert, confirm, beforeunload) the page opened; each is dismissed */
	dialogs: string[];
	/** what the check is doing; entries are tagged with it */
	phase: string;
	close(): Promise<void>;
}

function isLoopback(url: string): boolean {
	if (/^(data|blob|about|chrome|devtools):/.test(url)) return true;
	try {
		const host = new URL(url).hostname;
		return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
	} catch {
		return false;
	}
}

export async function launch(): Promise<Session> {
	if (!fs.existsSync(CHROMIUM))
		throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (or set WA_CHROMIUM)`);
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-editor-chromium-'));
	const browser = await puppeteer.launch({
		executablePath: CHROMIUM,
		headless: true,
		defaultViewport: VIEWPORT,
		userDataDir: profile,
		// a CDP call that gets no answer fails after this instead of hanging the run
		protocolTimeout: 60_000,
		args: [
			'--no-sandbox',
			'--headless',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			`--user-data-dir=${profile}`,
			'--no-proxy-server',
			'--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
			`--window-size=${VIEWPORT.width},${VIEWPORT.height}`,
			'--lang=en-US',
		],
	});
	const page = (await browser.pages())[0] ?? (await browser.newPage());
	const session: Session = {
		browser,
		page,
		entries: [],
		outside: [],
		dialogs: [],
		phase: 'start',
		async close() {
			await browser.close().catch(() => undefined);
			fs.rmSync(profile, { recursive: true, force: true });
		},
	};
	// tsx compiles with keepNames: functions sent to the page may call esbuild's __name helper
	await page.evaluateOnNewDocument('globalThis.__name = globalThis.__name || ((f) => f);');
	page.on('console', (m) => {
		if (m.type() !== 'error') return;
		session.entries.push({ phase: session.phase, kind: 'console', text: m.text(), url: m.location()?.url });
	});
	// a native dialog blocks the page (and every CDP call after it) until answered
	page.on('dialog', (d) => {
		session.dialogs.push(`${session.phase}: ${d.type()} "${d.message()}"`);
		void d.dismiss().catch(() => undefined);
	});
	if (process.env.WA_EDITOR_DEBUG) {
		let last = '';
		const t0 = Date.now();
		const timer = setInterval(() => {
			if (session.phase !== last)
				process.stdout.write(`[debug ${((Date.now() - t0) / 1000).toFixed(0)} s] ${(last = session.phase)}\n`);
		}, 250);
		timer.unref();
	}
	page.on('pageerror', (e) => {
		const err = e as Error;
		session.entries.push({
			phase: session.phase,
			kind: 'pageerror',
			text: `${err.name ?? 'Error'}: ${err.message ?? String(e)}`,
		});
	});
	page.on('request', (r: HTTPRequest) => {
		if (!isLoopback(r.url())) session.outside.push(`${session.phase}: ${r.method()} ${r.url()}`);
	});
	trackRest(page);
	return session;
}

// ---------------------------------------------------------------- waiting

const pending = new WeakMap<Page, Map<HTTPRequest, number>>();
/** a request still open after this long is taken as never coming back (e.g. its page is gone) */
const STALE_MS = 10_000;

/** Counts the editor's in-flight /rest calls so `restQuiet` can wait for them. */
function trackRest(page: Page): void {
	const open = new Map<HTTPRequest, number>();
	pending.set(page, open);
	const isRest = (r: HTTPRequest) => /\/rest\//.test(r.url()) && !/\/rest\/push/.test(r.url());
	page.on('request', (r) => {
		if (isRest(r)) open.set(r, Date.now());
	});
	const done = (r: HTTPRequest) => open.delete(r);
	page.on('requestfinished', done);
	page.on('requestfailed', done);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Waits until no /rest request has been in flight for `quietMs` (at most `timeoutMs`, then
 * goes on: a slow request shows up as a missing field, not as a hang).
 */
export async function restQuiet(page: Page, quietMs = 300, timeoutMs = 10_000): Promise<void> {
	const open = pending.get(page);
	if (!open) return;
	const t0 = Date.now();
	let quietSince = Date.now();
	while (Date.now() - t0 < timeoutMs) {
		const now = Date.now();
		for (const [r, at] of open) {
			if (now - at <= STALE_MS) continue;
			open.delete(r);
			if (process.env.WA_EDITOR_DEBUG)
				process.stdout.write(`[debug] no answer after ${STALE_MS / 1000} s: ${r.method()} ${r.url()}\n`);
		}
		if (open.size > 0) quietSince = now;
		else if (now - quietSince >= quietMs) return;
		await sleep(50);
	}
}

// ---------------------------------------------------------------- reading the page

/** The rendered text of the first element matching `selector`, one trimmed non-empty line each. */
export async function linesOf(page: Page, selector: string): Promise<string[]> {
	return page.evaluate((sel) => {
		const el = document.querySelector(sel);
		if (!el) return [];
		return el.innerText
			.split('\n')
			.map((l) => l.trim())
			.filter((l) => l.length > 0);
	}, selector);
}

/** Visible elements matching `selector` (laid out, non-zero size). */
export async function visibleCount(page: Page, selector: string): Promise<number> {
	return page.evaluate((sel) => {
		const all = Array.from(document.querySelectorAll(sel));
		return all.filter((e) => {
			const r = e.getBoundingClientRect();
			return r.width > 0 && r.height > 0;
		}).length;
	}, selector);
}

/** The first element matching `selector` whose rendered text satisfies `test` (a regex source). */
export async function elementWithText(
	page: Page,
	selector: string,
	pattern: RegExp,
	timeoutMs = 15_000,
): Promise<ElementHandle> {
	const handle = await page.waitForFunction(
		(sel, source, flags) => {
			const re = new RegExp(source, flags);
			return Array.from(document.querySelectorAll(sel)).find((e) => re.test(e.innerText.trim())) ?? false;
		},
		{ timeout: timeoutMs },
		selector,
		pattern.source,
		pattern.flags,
	);
	return handle as ElementHandle;
}

// ---------------------------------------------------------------- n8n

/** Opens a workflow from the Overview list (/home/workflows) by clicking its card, as a person does. */
export async function openWorkflowFromList(page: Page, name: string, ready: string): Promise<void> {
	await page.waitForSelector('[data-test-id="resources-list-item-workflow"]', { visible: true, timeout: 60_000 });
	const card = await elementWithText(
		page,
		'[data-test-id="workflow-card-name"]',
		new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
	);
	await card.click();
	await page.waitForSelector(ready, { timeout: 60_000 });
	await restQuiet(page);
}

/** Signs in through n8n's sign-in form, as a person does. */
export async function signIn(session: Session, baseUrl: string, email: string, password: string): Promise<void> {
	const { page } = session;
	await page.goto(`${baseUrl}/signin`, { waitUntil: 'domcontentloaded' });
	await page.waitForSelector('input[name="emailOrLdapLoginId"]', { timeout: 90_000 });
	await page.type('input[name="emailOrLdapLoginId"]', email);
	await page.type('input[name="password"]', password);
	await page.click('[data-test-id="form-submit-button"]');
	await page.waitForFunction(
		() => !/\/signin/.test(String((globalThis as { location?: { pathname: string } }).location?.pathname)),
		{
			timeout: 60_000,
		},
	);
}
