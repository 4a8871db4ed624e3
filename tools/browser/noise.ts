/**
 * Browser console errors that are n8n's own and unrelated to this package. Everything else
 * fails the check. Each entry says why it is noise; keep the matches narrow (exact resource,
 * exact phase) so a real problem never hides behind one.
 */
export interface ConsoleEntry {
	/** what the check was doing ("sign-in", "form Message › Send Text", …) */
	phase: string;
	kind: 'console' | 'pageerror';
	text: string;
	/** the resource the message is about (console messages) */
	url?: string;
}

export interface Noise {
	id: string;
	reason: string;
	matches(e: ConsoleEntry): boolean;
	/** the blocked non-loopback request behind it, "<phase>: <METHOD> <url>" */
	request?: RegExp;
}

const failedToLoad = /^Failed to load resource: /;

export const KNOWN_NOISE: Noise[] = [
	{
		id: 'signin-current-user-401',
		reason:
			'The sign-in page asks GET /rest/login who is signed in before anyone is; n8n answers 401 and Chromium logs every 4xx resource as a console error.',
		matches: (e) =>
			e.phase === 'sign-in' &&
			e.kind === 'console' &&
			/^Failed to load resource: the server responded with a status of 401 \(Unauthorized\)$/.test(e.text) &&
			/^http:\/\/127\.0\.0\.1:\d+\/rest\/login$/.test(e.url ?? ''),
	},
	{
		id: 'node-details-npm-registry',
		reason:
			"The node panel's details view of a community node asks registry.npmjs.org about the package (n8n's own request); this check blocks every non-loopback host, so the request fails.",
		matches: (e) =>
			e.phase.startsWith('node panel') &&
			e.kind === 'console' &&
			failedToLoad.test(e.text) &&
			/^https:\/\/registry\.npmjs\.org\/n8n-nodes-whatsapp-cloud(\/|$)/.test(e.url ?? ''),
		request: /^node panel[^:]*: GET https:\/\/registry\.npmjs\.org\/n8n-nodes-whatsapp-cloud(\/|$)/,
	},
	{
		id: 'open-workflow-ndv-store',
		reason:
			'Opening a workflow from the Overview list, n8n 2.41.1\'s editor logs "injectNDVStore() was accessed without an active workflow document store" (a Vue store wiring warning); it does so just the same for a workflow of n8n\'s own Manual Trigger and Set nodes. Depending on timing the same error arrives as an uncaught page error (no resource) instead of a console message.',
		matches: (e) =>
			e.phase === 'open workflow' &&
			e.text.startsWith('Error: injectNDVStore() was accessed without an active workflow document store.') &&
			(e.kind === 'pageerror' ||
				(e.kind === 'console' && /\/assets\/vue\.runtime\.esm-bundler-[\w-]+\.js$/.test(e.url ?? ''))),
	},
];

export function knownNoise(e: ConsoleEntry): Noise | undefined {
	return KNOWN_NOISE.find((n) => n.matches(e));
}

/** The noise entry that explains a blocked non-loopback request, if any. */
export function knownRequest(request: string): Noise | undefined {
	return KNOWN_NOISE.find((n) => n.request?.test(request));
}
