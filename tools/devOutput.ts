/**
 * n8n's output for the `npm run dev` terminal, without what an offline n8n prints about hosts it
 * cannot reach (its update checks, community-node and template catalogues, license server,
 * telemetry): those lines, and the stack-trace lines right after them, are dropped. Everything
 * stays in n8n's log file.
 */

const OFFLINE = [
	/\bENOTFOUND\b/,
	/\bEAI_AGAIN\b/,
	/\bgetaddrinfo\b/,
	/\bfetch failed\b/i,
	/\bECONNREFUSED\b.*\b(n8n\.io|npmjs\.org|n8n\.cloud)\b/,
	/\b(api|license|telemetry|ph|internal)\.n8n\.(io|cloud)\b/,
	/\bregistry\.npmjs\.org\b/,
	/\bError fetching from .*\bn8n\.(io|cloud)\b/,
	/community nodes?.*(fetch|load|retriev)/i,
	/\blicen[cs]e\b.*\b(renew|server|fetch|reach|init)/i,
	/\bnode types? (from|for) the (community|npm)/i,
];

/** A line that continues the previous one's error (stack frames, a cause). */
const CONTINUATION = /^\s+(at |\.\.\.|\{|\}|cause|code|errno|syscall|hostname)|^\s*\}?$/;

let dropping = false;

/** The chunk without offline noise ('' when nothing is left). */
export function quietN8nOutput(chunk: string): string {
	const kept: string[] = [];
	for (const line of chunk.split('\n')) {
		if (OFFLINE.some((p) => p.test(line))) {
			dropping = true;
			continue;
		}
		if (dropping && CONTINUATION.test(line)) continue;
		dropping = false;
		kept.push(line);
	}
	const text = kept.join('\n');
	return text.trim() ? text : '';
}
