import { safeEqual } from '../shared/webhookSignature';

interface HandshakeAnswer {
	status: 200 | 403;
	/** The raw hub.challenge on success, a short reason otherwise (text/plain). */
	body: string;
}

type Query = Record<string, unknown> | undefined;

/** Reads `hub.x` whether the query parser kept the dotted key or nested it (`hub: {x}`). */
function hubParam(query: Query, name: 'mode' | 'verify_token' | 'challenge'): string | undefined {
	if (!query) return undefined;
	const flat = query[`hub.${name}`];
	const nested = (query.hub as Record<string, unknown> | undefined)?.[name];
	const value = flat ?? nested;
	if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : undefined;
	return typeof value === 'string' ? value : undefined;
}

/**
 * Meta's verification request: `GET ?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…`.
 * Answers the challenge unchanged when the token matches the credential's (compared in constant
 * time); anything else is refused with 403.
 */
export function answerHandshake(query: Query, verifyToken: string | undefined): HandshakeAnswer {
	const mode = hubParam(query, 'mode');
	const token = hubParam(query, 'verify_token');
	const challenge = hubParam(query, 'challenge');
	if (mode !== 'subscribe') return { status: 403, body: 'hub.mode must be "subscribe"' };
	if (!verifyToken) return { status: 403, body: 'no verify token is configured' };
	if (token === undefined || !safeEqual(token, verifyToken)) {
		return { status: 403, body: 'hub.verify_token does not match' };
	}
	if (challenge === undefined || challenge === '') return { status: 403, body: 'hub.challenge is missing' };
	return { status: 200, body: challenge };
}
