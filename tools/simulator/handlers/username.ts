/**
 * /{Phone-Number-ID}/username — business usernames (Meta, "Business-scoped user IDs" → "Business
 * usernames"): POST claims or changes one ({status}), GET reads it ({username?, status}), DELETE
 * removes it ({success}). The contract (R8c) checks the format; these handlers add Meta's other
 * refusals: a domain suffix (100), a name another number holds (147001: TAKEN_USERNAME or another
 * number of this WABA; names compare case-insensitively), a deregistered number (133010).
 * Usernames are visible to users since late 2026, so a claim is answered `approved`; a name that
 * starts with "reserved." is answered `reserved` (approved, not visible yet) to exercise that state.
 */
import { SCOPE_MANAGEMENT, TAKEN_USERNAME } from '../fixtures';
import { whatsappError } from '../graphError';
import type { RequestContext, Route } from '../router';

/** Meta: a username must not end with a domain (.com, .org, .net, …). */
const DOMAIN_SUFFIX = /\.(com|org|net|int|edu|gov|mil|us|in|html|io|ai|co|info|biz)$/i;

function phoneId(ctx: RequestContext): string {
	return ctx.params['Phone-Number-ID'];
}

export const setUsername: Route = {
	method: 'POST',
	path: '/{Phone-Number-ID}/username',
	scope: SCOPE_MANAGEMENT,
	handle(ctx) {
		const id = phoneId(ctx);
		const username = String((ctx.body as { username?: unknown }).username);
		if (!ctx.state.phoneNumbers.find((p) => p.id === id)?.registered) {
			throw whatsappError(133010, 'Account not registered', 'The business phone number must be registered for API use first');
		}
		if (DOMAIN_SUFFIX.test(username)) throw whatsappError(100, 'Param Invalid', 'A username must not end with a domain');
		const wanted = username.toLowerCase();
		const heldElsewhere = Object.entries(ctx.state.usernames).some(([other, u]) => other !== id && u.username.toLowerCase() === wanted);
		if (wanted === TAKEN_USERNAME || heldElsewhere) {
			throw whatsappError(147001, 'Username not available', 'The username has already been claimed or is not available');
		}
		const status = wanted.startsWith('reserved.') ? 'reserved' : 'approved';
		ctx.state.usernames[id] = { username, status };
		return { body: { status } };
	},
};

export const getUsername: Route = {
	method: 'GET',
	path: '/{Phone-Number-ID}/username',
	scope: SCOPE_MANAGEMENT,
	handle(ctx) {
		const current = ctx.state.usernames[phoneId(ctx)];
		return { body: current ? { username: current.username, status: current.status } : {} };
	},
};

export const deleteUsername: Route = {
	method: 'DELETE',
	path: '/{Phone-Number-ID}/username',
	scope: SCOPE_MANAGEMENT,
	handle(ctx) {
		const id = phoneId(ctx);
		const had = id in ctx.state.usernames;
		delete ctx.state.usernames[id];
		return { body: { success: had } };
	},
};
