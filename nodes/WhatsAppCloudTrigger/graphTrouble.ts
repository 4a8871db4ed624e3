/**
 * What kind of trouble a failed Graph call was. Subscription checks run at moments no user
 * watches (n8n start, leadership change): a Graph outage there must not stop receiving, so
 * failures are sorted into kinds that can be waited out.
 */
import type { IDataObject } from 'n8n-workflow';

import type { MetaErrorSummary } from '../shared/transport/metaErrors';

type GraphTrouble = 'unreachable' | 'server' | 'rateLimited' | 'token' | 'refused';

/** Meta's rate-limit codes (app, user, account, WABA, throughput). */
const RATE_LIMIT_CODES = new Set([4, 17, 32, 613, 80007, 130429]);

/** The kind of a Graph failure thrown by the transport; undefined for anything else (configuration errors). */
export function graphTrouble(error: unknown): GraphTrouble | undefined {
	const context = (error as { context?: IDataObject } | null)?.context;
	if (!context) return undefined;
	if (context.networkError) return 'unreachable';
	const meta = context.meta as MetaErrorSummary | undefined;
	if (!meta) return undefined;
	const status = meta.httpStatus ?? 0;
	const code = meta.code ?? -1;
	if (code === 190 || status === 401) return 'token';
	if (status === 429 || RATE_LIMIT_CODES.has(code)) return 'rateLimited';
	if (status >= 500 || code === 1 || code === 2) return 'server';
	return 'refused';
}

const TROUBLE_WORDS: Record<GraphTrouble, string> = {
	unreachable: "Meta's Graph API could not be reached",
	server: "Meta's Graph API answered with a server error",
	rateLimited: 'Meta rate-limited the request',
	token: "Meta refused the credential's access token (expired or invalid)",
	refused: 'Meta refused the request',
};

export function describeTrouble(trouble: GraphTrouble, error: unknown): string {
	const message = ((error as Error)?.message ?? '').split('\n')[0].slice(0, 300);
	return message ? `${TROUBLE_WORDS[trouble]}: ${message}` : TROUBLE_WORDS[trouble];
}
