/** Helpers shared by handlers: `fields` projection and cursor paging, the way Graph does them. */
import { GRAPH_VERSION } from '../fixtures';
import { GraphError, invalidParameter } from '../graphError';
import type { RequestContext } from '../router';

/** Top-level names of a Graph `fields` parameter: "id,name,throughput{level}" -> ["id","name","throughput"]. */
export function parseFields(fields: string | undefined): string[] | undefined {
	if (fields === undefined || fields.trim() === '') return undefined;
	const names: string[] = [];
	let depth = 0;
	let current = '';
	for (const char of fields) {
		if (char === '{') depth++;
		if (char === '}') depth--;
		if (char === ',' && depth === 0) {
			names.push(current);
			current = '';
		} else if (depth === 0 && char !== '}') {
			current += char;
		}
	}
	names.push(current);
	return names.map((n) => n.trim().replace(/\..*$/, '')).filter((n) => n.length > 0);
}

/**
 * Picks the requested fields (or `defaults`) from `item`; `id` is always included, as Graph does.
 * Unknown fields give Graph's "(#100) Tried accessing nonexisting field" error.
 */
export function project(item: object, ctx: RequestContext, allowed: readonly string[], defaults: readonly string[], nodeType: string): Record<string, unknown> {
	const wanted = parseFields(ctx.query.fields) ?? [...defaults];
	for (const field of wanted) {
		if (!allowed.includes(field)) {
			throw new GraphError(400, { message: `(#100) Tried accessing nonexisting field (${field}) on node type (${nodeType})`, code: 100 });
		}
	}
	const source = item as Record<string, unknown>;
	const out: Record<string, unknown> = {};
	for (const field of wanted) if (source[field] !== undefined) out[field] = source[field];
	if (source.id !== undefined) out.id = source.id;
	return out;
}

function encodeCursor(id: string): string {
	return Buffer.from(`sim-cursor:${id}`).toString('base64url');
}

function decodeCursor(cursor: string): string | undefined {
	const text = Buffer.from(cursor, 'base64url').toString('utf8');
	return text.startsWith('sim-cursor:') ? text.slice('sim-cursor:'.length) : undefined;
}

export interface Page {
	data: unknown[];
	paging?: { cursors: { before: string; after: string }; next?: string; previous?: string };
}

/**
 * One page of `items` following the request's `limit` (default 25), `after` and `before` cursors.
 * Like Graph, `paging.next`/`previous` are full URLs that repeat the query (with access_token).
 */
export function paginate<T extends { id: string }>(items: T[], ctx: RequestContext, toJson: (item: T) => unknown): Page {
	const limitText = ctx.query.limit;
	const limit = limitText === undefined ? 25 : Number(limitText);
	if (!Number.isInteger(limit) || limit < 1) throw invalidParameter(`limit must be a positive integer, got "${limitText}"`, '(#100) Param limit must be a positive integer');

	const indexOfCursor = (name: 'after' | 'before'): number | undefined => {
		const cursor = ctx.query[name];
		if (cursor === undefined) return undefined;
		const id = decodeCursor(cursor);
		const index = id === undefined ? -1 : items.findIndex((item) => item.id === id);
		if (index < 0) throw invalidParameter(`the ${name} cursor does not point to an item of this list`, `(#100) Invalid ${name} cursor`);
		return index;
	};
	const after = indexOfCursor('after');
	const before = indexOfCursor('before');
	let start = 0;
	if (after !== undefined) start = after + 1;
	else if (before !== undefined) start = Math.max(0, before - limit);
	const end = before !== undefined && after === undefined ? before : Math.min(items.length, start + limit);
	const page = items.slice(start, end);
	if (page.length === 0) return { data: [] };

	const cursors = { before: encodeCursor(page[0].id), after: encodeCursor(page[page.length - 1].id) };
	const link = (name: 'after' | 'before', value: string): string => {
		const query = new URLSearchParams();
		for (const [key, v] of Object.entries(ctx.query)) if (key !== 'after' && key !== 'before' && key !== 'access_token') query.set(key, v);
		if (ctx.token !== undefined) query.set('access_token', ctx.token);
		query.set('limit', String(limit));
		query.set(name, value);
		const rest = ctx.path.split('/').filter((s) => s.length > 0);
		if (ctx.version !== undefined) rest.shift();
		return `${ctx.baseUrl}/${ctx.version ?? GRAPH_VERSION}/${rest.join('/')}?${query.toString()}`;
	};
	const paging: Required<Page>['paging'] = { cursors };
	if (end < items.length) paging.next = link('after', cursors.after);
	if (start > 0) paging.previous = link('before', cursors.before);
	return { data: page.map(toJson), paging };
}
