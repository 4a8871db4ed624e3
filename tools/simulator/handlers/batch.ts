/**
 * POST / (the Graph root, with or without a version): Graph's batch requests, as Meta's "Batch
 * Requests" page describes them (https://developers.facebook.com/docs/graph-api/batch-requests):
 * `batch` is a JSON array of operations {method, relative_url, body?}, at most 50; each is
 * answered in order as {code, headers?, body: "<its answer as JSON text>"} — headers left out
 * with include_headers=false. An operation's own access_token (in its relative_url or body) wins;
 * otherwise it uses the batch request's token. An operation's error is its answer's code and
 * body; the batch itself still answers 200.
 *
 * Each operation goes through the same routing as a request of its own (token, permission,
 * contract check), but is not recorded as one: the request log holds what crossed the wire,
 * the batch, with its operations in the body.
 */
import { parseBody } from '../body';
import { GraphError } from '../graphError';
// routeGraphRequest imports the route table, which imports this file: it is only called at request time.
import { routeGraphRequest } from '../graphRequest';
import type { RequestContext, Route, RouteResult } from '../router';
import { splitGraphPath } from '../router';
import type { RecordedRequest } from '../server';

const MAX_OPERATIONS = 50;
const FORM = 'application/x-www-form-urlencoded';

interface Operation {
	method: string;
	relative_url: string;
	body?: string;
}

function batchParameterError(message: string): GraphError {
	return new GraphError(400, { message: `(#100) ${message}`, code: 100 });
}

/** The `batch` parameter as operations, or the (#100) error Graph gives for a malformed one. */
function operationsOf(body: unknown): Operation[] {
	const batch = typeof body === 'object' && body !== null ? (body as { batch?: unknown }).batch : undefined;
	if (batch === undefined) throw batchParameterError('The parameter batch is required');
	if (!Array.isArray(batch) || batch.length === 0) throw batchParameterError('The parameter batch must be a non-empty JSON array');
	if (batch.length > MAX_OPERATIONS) throw batchParameterError(`Too many requests in batch message. Maximum batch size is ${MAX_OPERATIONS}`);
	return batch.map((entry: unknown, index) => {
		const op = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
		if (typeof op.method !== 'string' || typeof op.relative_url !== 'string' || op.relative_url === '') {
			throw batchParameterError(`Batch operation ${index} needs a method and a relative_url`);
		}
		return { method: op.method.toUpperCase(), relative_url: op.relative_url, body: typeof op.body === 'string' ? op.body : undefined };
	});
}

/** One operation through the simulator's routing, answered the way a batch lists it. */
async function runOperation(ctx: RequestContext, op: Operation): Promise<RouteResult> {
	const url = new URL(`/${op.relative_url.replace(/^\/+/, '')}`, ctx.baseUrl);
	const { version, segments } = splitGraphPath(url.pathname);
	if (segments.length === 0) return { status: 400, body: batchParameterError('A batch operation cannot be a batch request').body() };
	// A relative_url without a version is read in the version of the batch request.
	if (version === undefined && ctx.version !== undefined) url.pathname = `/${ctx.version}${url.pathname}`;
	const raw = Buffer.from(op.body ?? '', 'utf8');
	const parsed = parseBody(raw, op.body === undefined ? undefined : FORM);
	const query = Object.fromEntries(url.searchParams);
	const token = query.access_token ?? parsed.accessToken ?? ctx.token;
	const headers: Record<string, string> = token === undefined ? {} : { authorization: `Bearer ${token}` };
	if (op.body !== undefined) headers['content-type'] = FORM;
	const record: RecordedRequest = {
		seq: 0,
		at: new Date().toISOString(),
		method: op.method,
		path: url.pathname,
		query,
		headers,
		body: parsed.value,
		rawBody: op.body ?? '',
		contract: { checked: false, valid: true, errors: [] },
		response: { status: 0, body: null },
	};
	const request = { method: op.method, url, version: version ?? ctx.version, segments, query, headers, raw, parsed, record, state: ctx.state, baseUrl: ctx.baseUrl };
	try {
		return await routeGraphRequest(request);
	} catch (error) {
		if (!(error instanceof GraphError)) throw error;
		return { status: error.status, body: error.body() };
	}
}

export const graphBatch: Route = {
	method: 'POST',
	path: '/',
	// Each operation checks its own token.
	auth: 'custom',
	async handle(ctx) {
		const body = ctx.body as Record<string, unknown> | undefined;
		const operations = operationsOf(body);
		const withHeaders = body?.include_headers !== false && body?.include_headers !== 'false';
		const answers: unknown[] = [];
		for (const op of operations) {
			const result = await runOperation(ctx, op);
			const text = result.raw ? result.raw.toString('utf8') : JSON.stringify(result.body ?? {});
			const headers = [{ name: 'Content-Type', value: result.raw ? 'application/octet-stream' : 'application/json; charset=UTF-8' }];
			answers.push({ code: result.status ?? 200, ...(withHeaders ? { headers } : {}), body: text });
		}
		return { body: answers };
	},
};
