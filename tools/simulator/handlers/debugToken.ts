/** GET /debug_token?input_token=… — token introspection, like Meta's. */
import { appIdOf, expiredTokenError, identify, invalidTokenError, noTokenError } from '../auth';
import { APPS, EXPIRED_MESSAGE, SYSTEM_USER_ID, WABA_ID } from '../fixtures';
import { GraphError } from '../graphError';
import type { Route } from '../router';

/** 90 days after the expiry of the expired token: when its data access ended. */
const DAY = 24 * 60 * 60;

export const debugToken: Route = {
	method: 'GET',
	path: '/debug_token',
	auth: 'custom',
	handle(ctx) {
		// The caller: an app token may debug any token, a user/system token may debug tokens of its app
		// (including itself). An expired caller gets the 190/463 error, as HTTP 400 here.
		const caller = ctx.caller;
		if (caller.kind === 'none') throw noTokenError();
		if (caller.kind === 'invalid') throw invalidTokenError(400);
		if (caller.kind === 'user' && caller.fixture.expired) throw expiredTokenError(400);

		const inputToken = ctx.query.input_token;
		if (inputToken === undefined || inputToken === '') {
			throw new GraphError(400, { message: '(#100) The parameter input_token is required', code: 100 });
		}
		const input = identify(inputToken);
		const app = APPS.find((a) => a.id === appIdOf(input)) ?? APPS[0];
		if (input.kind === 'app') {
			return { body: { data: { app_id: app.id, type: 'APP', application: app.name, is_valid: true } } };
		}
		if (input.kind !== 'user') {
			return { body: { data: { is_valid: false, error: { code: 190, message: 'Invalid OAuth access token - Cannot parse access token' } } } };
		}
		const { fixture } = input;
		const data: Record<string, unknown> = {
			app_id: app.id,
			type: fixture.type,
			application: app.name,
			data_access_expires_at: fixture.expired ? fixture.expiresAt + 90 * DAY : 0,
			expires_at: fixture.expiresAt,
			is_valid: !fixture.expired,
			scopes: [...fixture.scopes],
			granular_scopes: fixture.scopes.map((scope) => ({ scope, target_ids: [WABA_ID] })),
			user_id: SYSTEM_USER_ID,
		};
		if (fixture.expired) {
			data.issued_at = fixture.expiresAt - 60 * DAY;
			data.error = { code: 190, message: EXPIRED_MESSAGE, subcode: 463 };
		}
		return { body: { data } };
	},
};
