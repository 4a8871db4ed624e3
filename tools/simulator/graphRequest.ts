/** One Graph API request: the route it matches, the caller's token and scope, the contract check, the answer. */
import { validateOperation, validateParameters } from '../contract/validate';
import { findToken, identify, requireScope, requireValidToken } from './auth';
import type { parseBody } from './body';
import { GRAPH_VERSION } from './fixtures';
import { GraphError, fbtraceId, invalidParameter, unsupportedRequest } from './graphError';
import { routes } from './handlers/routes';
import { type RouteMatch, type RouteResult, matchRoutes, operationKey } from './router';
import type { RecordedRequest } from './server';
import type { SimState } from './state';

const MAX_DETAILS = 600;

export interface GraphRequest {
	method: string;
	url: URL;
	version: string | undefined;
	segments: string[];
	query: Record<string, string>;
	headers: Record<string, string>;
	raw: Buffer;
	parsed: ReturnType<typeof parseBody>;
	record: RecordedRequest;
	state: SimState;
	/** The simulator's own URL (for paging links). */
	baseUrl: string;
}

/** The route for the request, or Graph's error for an unknown path or a missing object. */
function findRoute(method: string, segments: string[], state: SimState, caller: ReturnType<typeof identify>): RouteMatch {
	const candidates = matchRoutes(
		routes.filter((r) => r.method === method),
		segments,
		state,
	);
	const customAuth = candidates.length > 0 && candidates.every((m) => m.route.auth === 'custom');
	if (!customAuth) requireValidToken(caller);

	const match = candidates.find((m) => m.missing.length === 0);
	if (!match) {
		if (candidates.length > 0) throw unsupportedRequest(method, candidates[0].missing[0]);
		if (segments.length <= 1 || matchRoutes(routes, segments, state).length > 0)
			throw unsupportedRequest(method, segments[0] ?? '');
		throw new GraphError(400, { message: `Unknown path components: /${segments.slice(1).join('/')}`, code: 2500 });
	}
	return match;
}

/**
 * Contract check of the body, for every route the contract describes (no body = no parameters);
 * operations the contract generator added (R8) also have their query and headers checked.
 * The result goes into the record; a breach is answered like Meta does, (#100) with the details.
 */
function checkContract(request: GraphRequest, match: RouteMatch): void {
	const { parsed, query, headers, record } = request;
	const contentType = parsed.contentType === '' ? undefined : parsed.contentType;
	const bodyCheck = validateOperation(operationKey(match.route), parsed.contractValue ?? {}, contentType);
	const parameterCheck = validateParameters(operationKey(match.route), query, headers);
	const check = {
		...bodyCheck,
		checked: bodyCheck.checked || parameterCheck.checked,
		valid: bodyCheck.valid && parameterCheck.valid,
		errors: [...parameterCheck.errors, ...bodyCheck.errors],
	};
	record.contract = { checked: check.checked, valid: check.valid, errors: check.errors };
	if (check.schema) record.contract.schema = check.schema;
	if (check.checked && !check.valid) {
		const details = check.errors.join('; ');
		throw invalidParameter(details.length > MAX_DETAILS ? `${details.slice(0, MAX_DETAILS)}…` : details);
	}
}

/** Routes the request to its handler (GraphErrors are thrown to the caller). */
export async function routeGraphRequest(request: GraphRequest): Promise<RouteResult> {
	const { method, url, version, segments, query, headers, raw, parsed, state } = request;
	const token = findToken(headers.authorization, query.access_token ?? parsed.accessToken);
	const caller = identify(token);
	const match = findRoute(method, segments, state, caller);
	if (match.route.scope) requireScope(caller, match.route.scope);
	if (parsed.error) throw invalidParameter(parsed.error, '(#100) The request body could not be parsed');
	checkContract(request, match);

	return match.route.handle({
		method,
		path: url.pathname,
		version,
		params: match.params,
		query,
		headers,
		body: parsed.value,
		files: parsed.files,
		rawBody: raw,
		state,
		caller,
		token,
		baseUrl: request.baseUrl,
	});
}

/** The answer with Graph's headers; what is answered is stored in the record. */
export function graphAnswer(
	record: RecordedRequest,
	result: RouteResult,
	version: string | undefined,
): { status: number; headers: Record<string, string | number>; payload: Buffer } {
	const status = result.status ?? 200;
	const headers: Record<string, string | number> = {
		'facebook-api-version': version ?? GRAPH_VERSION,
		'x-fb-trace-id': fbtraceId(),
		...result.headers,
	};
	if (status === 401)
		headers['www-authenticate'] = 'OAuth "Facebook Platform" "invalid_token" "Invalid OAuth access token"';
	let payload: Buffer;
	if (result.raw) {
		payload = result.raw;
		record.response = { status, body: `<${payload.length} bytes>` };
	} else {
		const body = result.body ?? {};
		payload = Buffer.from(JSON.stringify(body));
		headers['content-type'] = 'application/json; charset=UTF-8';
		record.response = { status, body };
	}
	headers['content-length'] = payload.length;
	return { status, headers, payload };
}
