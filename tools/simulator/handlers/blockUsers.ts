/**
 * /{Phone-Number-ID}/block_users — Meta's Block Users API: block (POST), unblock (DELETE) and
 * list (GET, cursor paging) the users a business phone number has blocked.
 *
 * Like Meta: at most 1,000 users a request, a 64,000-user blocklist, and only users who messaged
 * the business in the last 24 hours can be blocked (here: RECENT_CONTACTS); unblocking has no such
 * rule. A user is named by `user` (phone number) or `user_id` (BSUID: answered with user_id, no
 * wa_id; Meta's "Business-scoped user IDs" page). When some users fail, Meta answers HTTP 400 with error 139100 *and* the per-user lists
 * (added_users / removed_users and failed_users, each failure with its own errors).
 */
import { RECENT_CONTACTS, RECENT_USER_IDS, SCOPE_MANAGEMENT } from '../fixtures';
import { graphError, invalidParameter } from '../graphError';
import type { RequestContext, Route, RouteResult } from '../router';

const MAX_USERS = 1000;
const MAX_BLOCKLIST = 64000;

interface UserResult {
	input: string;
	wa_id?: string;
	user_id?: string;
	errors?: Array<{ message: string; code: number; error_data: { details: string } }>;
}

/** A requested user: phone number entries carry `user`, BSUID entries `user_id`. */
interface Requested {
	input: string;
	byUserId: boolean;
}

function usersOf(ctx: RequestContext): Requested[] {
	const body = (ctx.body ?? {}) as { messaging_product?: unknown; block_users?: unknown };
	if (body.messaging_product !== 'whatsapp') {
		throw invalidParameter(
			'messaging_product must be "whatsapp"',
			'(#100) The parameter messaging_product is required',
		);
	}
	if (!Array.isArray(body.block_users) || body.block_users.length === 0) {
		throw invalidParameter('block_users must list at least one user', '(#100) The parameter block_users is required');
	}
	if (body.block_users.length > MAX_USERS) {
		throw invalidParameter(`block_users can list at most ${MAX_USERS} users`, '(#100) Invalid parameter');
	}
	return body.block_users.map((entry) => {
		const { user, user_id: userId } = (entry ?? {}) as { user?: unknown; user_id?: unknown };
		return typeof userId === 'string' ? { input: userId, byUserId: true } : { input: String(user ?? ''), byUserId: false };
	});
}

/** How Meta names a user in the answer: wa_id for a phone number, user_id for a BSUID. */
function named(input: string, key: string, byUserId: boolean): UserResult {
	return byUserId ? { input, user_id: key } : { input, wa_id: key };
}

function failure(user: UserResult, code: number, message: string, details: string): UserResult {
	return { ...user, errors: [{ message, code, error_data: { details } }] };
}

/**
 * Calls `fn` with each requested user, its key (phone digits or the BSUID, as stored in the
 * blocklist) and its answer entry; a `user` that is not a phone number fails.
 */
function forEachUser(ctx: RequestContext, failed: UserResult[], fn: (key: string, user: UserResult, byUserId: boolean) => void): void {
	for (const { input, byUserId } of usersOf(ctx)) {
		if (byUserId) fn(input, named(input, input, true), true);
		else if (/^\+?[0-9 ()-]{7,}$/.test(input)) fn(input.replace(/[^0-9]/g, ''), named(input, input.replace(/[^0-9]/g, ''), false), false);
		else failed.push(failure({ input }, 100, 'Invalid parameter', 'The user is not a valid phone number or WhatsApp ID'));
	}
}

/** Meta's answer: 200 with the list, or 400 with error 139100 and the lists when any user failed. */
function answer(key: 'added_users' | 'removed_users', done: UserResult[], failed: UserResult[]): RouteResult {
	const blockUsers: Record<string, UserResult[]> = { [key]: done };
	if (failed.length === 0) return { body: { messaging_product: 'whatsapp', block_users: blockUsers } };
	blockUsers.failed_users = failed;
	return {
		status: 400,
		body: {
			messaging_product: 'whatsapp',
			block_users: blockUsers,
			...graphError({
				message: '(#139100) Failed to block/unblock users',
				code: 139100,
				error_data: { details: 'Failed to block some users, see the block_users response list for details' },
			}),
		},
	};
}

export const blockUsers: Route = {
	method: 'POST',
	path: '/{Phone-Number-ID}/block_users',
	scope: SCOPE_MANAGEMENT,
	handle(ctx) {
		const phoneId = ctx.params['Phone-Number-ID'];
		const list = (ctx.state.commerce.blockedUsers[phoneId] ??= []);
		const added: UserResult[] = [];
		const failed: UserResult[] = [];
		forEachUser(ctx, failed, (key, user, byUserId) => {
			if (!(byUserId ? RECENT_USER_IDS : RECENT_CONTACTS).includes(key)) {
				failed.push(failure(user, 131047, 'Re-engagement required', 'User has not messaged in the last 24 hours'));
			} else if (!list.includes(key) && list.length >= MAX_BLOCKLIST) {
				failed.push(failure(user, 139101, 'Blocklist limit reached', 'The blocklist has reached its 64,000 user limit'));
			} else {
				if (!list.includes(key)) list.push(key);
				added.push(user);
			}
		});
		return answer('added_users', added, failed);
	},
};

export const unblockUsers: Route = {
	method: 'DELETE',
	path: '/{Phone-Number-ID}/block_users',
	scope: SCOPE_MANAGEMENT,
	handle(ctx) {
		const phoneId = ctx.params['Phone-Number-ID'];
		const removed: UserResult[] = [];
		const failed: UserResult[] = [];
		forEachUser(ctx, failed, (key, user) => {
			ctx.state.commerce.blockedUsers[phoneId] = (ctx.state.commerce.blockedUsers[phoneId] ?? []).filter((id) => id !== key);
			removed.push(user);
		});
		return answer('removed_users', removed, failed);
	},
};

const cursor = (offset: number) => Buffer.from(JSON.stringify({ offset })).toString('base64url');
function offsetOf(value: string | undefined): number {
	if (!value) return 0;
	try {
		const offset = (JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as { offset?: unknown }).offset;
		if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
	} catch {
		// fall through
	}
	throw invalidParameter(`after "${value}" is not a cursor of this list`, '(#100) Invalid cursor');
}

/** A page of a list, Graph style: data + paging.cursors (+ next when there is more). */
export function page<T>(
	ctx: RequestContext,
	all: T[],
	defaultLimit: number,
	maxLimit: number,
): { data: T[]; paging?: unknown } {
	const limit = ctx.query.limit === undefined ? defaultLimit : Number(ctx.query.limit);
	if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) {
		throw invalidParameter(`limit must be an integer from 1 to ${maxLimit}`, '(#100) Invalid parameter');
	}
	const start = offsetOf(ctx.query.after);
	const data = all.slice(start, start + limit);
	if (all.length === 0) return { data };
	const end = start + data.length;
	return {
		data,
		paging: {
			cursors: { before: cursor(start), after: cursor(end) },
			...(end < all.length ? { next: `${ctx.baseUrl}${ctx.path}?limit=${limit}&after=${cursor(end)}` } : {}),
		},
	};
}

export const listBlockedUsers: Route = {
	method: 'GET',
	path: '/{Phone-Number-ID}/block_users',
	scope: SCOPE_MANAGEMENT,
	handle(ctx) {
		const list = ctx.state.commerce.blockedUsers[ctx.params['Phone-Number-ID']] ?? [];
		return {
			body: page(
				ctx,
				list.map((key) => ({ messaging_product: 'whatsapp', ...(/^[0-9]+$/.test(key) ? { wa_id: key } : { user_id: key }) })),
				100,
				1000,
			),
		};
	},
};
