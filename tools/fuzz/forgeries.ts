/** Forged, malformed or missing X-Hub-Signature-256 headers: each must be answered 401 without an execution. */
import { APP_SECRET } from '../../test/harness/triggerWebhook';
import { signatureHeader } from '../simulator/webhook-client';
import type { Rng } from './rng';

export const FORGERIES = ['wrong-secret', 'flipped-digit', 'truncated', 'missing', 'empty', 'sha1-prefix', 'other-body', 'body-changed', 'not-hex', 'array-wrong-first'] as const;

export function forge(kind: (typeof FORGERIES)[number], raw: string, rng: Rng): { headers: Record<string, string | string[]>; body: string } {
	const good = signatureHeader(APP_SECRET, raw);
	const headers = (sig?: string | string[]) => ({ 'content-type': 'application/json', ...(sig === undefined ? {} : { 'x-hub-signature-256': sig }) });
	switch (kind) {
		case 'wrong-secret':
			return { headers: headers(signatureHeader(`${APP_SECRET}-not`, raw)), body: raw };
		case 'flipped-digit': {
			const i = 7 + rng.int(64);
			const c = good[i] === '0' ? '1' : '0';
			return { headers: headers(good.slice(0, i) + c + good.slice(i + 1)), body: raw };
		}
		case 'truncated':
			return { headers: headers(good.slice(0, 7 + rng.int(64))), body: raw };
		case 'missing':
			return { headers: headers(), body: raw };
		case 'empty':
			return { headers: headers(''), body: raw };
		case 'sha1-prefix':
			return { headers: headers(good.replace('sha256=', 'sha1=')), body: raw };
		case 'other-body':
			return { headers: headers(signatureHeader(APP_SECRET, `${raw} `)), body: raw };
		case 'body-changed':
			// one byte more than what was signed (a leading space keeps it JSON)
			return { headers: headers(good), body: ` ${raw}` };
		case 'not-hex':
			return { headers: headers(`sha256=${'z'.repeat(64)}`), body: raw };
		case 'array-wrong-first':
			return { headers: headers([signatureHeader('forged', raw), good]), body: raw };
	}
}

// ---------------------------------------------------------------------------------------------
// The run
