/** Access tokens: who is calling, and the Graph errors for bad tokens and missing permissions. */
import { APP_ID, APPS, EXPIRED_MESSAGE, type Scope, TOKEN_FIXTURES, type TokenFixture } from './fixtures';
import { GraphError, pacificTime } from './graphError';

export type Caller =
	| { kind: 'none' }
	| { kind: 'invalid'; token: string }
	| { kind: 'app'; token: string; appId: string }
	| { kind: 'user'; token: string; fixture: TokenFixture };

/** The token of a request: `Authorization: Bearer …` first, then `access_token` (query or body). */
export function findToken(authorization: string | undefined, accessToken: string | undefined): string | undefined {
	const match = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(authorization ?? '');
	if (match) return match[1].trim();
	return accessToken && accessToken.length > 0 ? accessToken : undefined;
}

export function identify(token: string | undefined): Caller {
	if (token === undefined) return { kind: 'none' };
	const app = APPS.find((a) => a.token === token);
	if (app) return { kind: 'app', token, appId: app.id };
	const fixture = TOKEN_FIXTURES.find((t) => t.token === token);
	return fixture ? { kind: 'user', token, fixture } : { kind: 'invalid', token };
}

/** The app a caller acts for (undefined without a usable token). */
export function appIdOf(caller: Caller): string | undefined {
	if (caller.kind === 'app') return caller.appId;
	if (caller.kind === 'user') return caller.fixture.appId ?? APP_ID;
	return undefined;
}

export function noTokenError(): GraphError {
	return new GraphError(400, { message: 'An active access token must be used to query information about the current user.', code: 2500 });
}

export function invalidTokenError(status = 401): GraphError {
	return new GraphError(status, { message: 'Invalid OAuth access token - Cannot parse access token', code: 190 });
}

export function expiredTokenError(status = 401): GraphError {
	return new GraphError(status, {
		message: `Error validating access token: ${EXPIRED_MESSAGE}. The current time is ${pacificTime()}.`,
		code: 190,
		error_subcode: 463,
	});
}

/** Throws the Graph error for a caller that may not use ordinary (non-debug) endpoints. */
export function requireValidToken(caller: Caller): void {
	if (caller.kind === 'none') throw noTokenError();
	if (caller.kind === 'invalid') throw invalidTokenError();
	if (caller.kind === 'user' && caller.fixture.expired) throw expiredTokenError();
}

/** Throws 403 (#200) when the caller's token lacks `scope` (app tokens have no WhatsApp scopes). */
export function requireScope(caller: Caller, scope: Scope): void {
	const scopes = caller.kind === 'user' ? caller.fixture.scopes : [];
	if (!scopes.includes(scope)) {
		throw new GraphError(403, {
			message: '(#200) Permissions error',
			code: 200,
			error_data: { messaging_product: 'whatsapp', details: `The access token does not have the ${scope} permission.` },
		});
	}
}
