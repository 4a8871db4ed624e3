import { answerHandshake } from '../../../nodes/WhatsAppCloudTrigger/handshake';

const query = (token: string, extra: Record<string, unknown> = {}) => ({
	'hub.mode': 'subscribe',
	'hub.verify_token': token,
	'hub.challenge': '1158201444',
	...extra,
});

describe('verification handshake (GET)', () => {
	it('answers the raw challenge when the verify token matches', () => {
		expect(answerHandshake(query('my-verify-token'), 'my-verify-token')).toEqual({ status: 200, body: '1158201444' });
	});

	it('returns a non-numeric challenge unchanged', () => {
		expect(answerHandshake(query('t', { 'hub.challenge': 'abc DEF_123' }), 't')).toEqual({ status: 200, body: 'abc DEF_123' });
	});

	it('refuses a wrong token with 403', () => {
		const answer = answerHandshake(query('wrong'), 'my-verify-token');
		expect(answer.status).toBe(403);
		expect(answer.body).not.toContain('1158201444');
	});

	it('refuses a token that is only a prefix or differs in case', () => {
		expect(answerHandshake(query('my-verify'), 'my-verify-token').status).toBe(403);
		expect(answerHandshake(query('MY-VERIFY-TOKEN'), 'my-verify-token').status).toBe(403);
	});

	it('refuses when mode is not subscribe, the challenge is missing, or no token is configured', () => {
		expect(answerHandshake(query('t', { 'hub.mode': 'unsubscribe' }), 't').status).toBe(403);
		expect(answerHandshake({ 'hub.mode': 'subscribe', 'hub.verify_token': 't' }, 't').status).toBe(403);
		expect(answerHandshake(query(''), '').status).toBe(403);
		expect(answerHandshake(query('t'), undefined).status).toBe(403);
		expect(answerHandshake(undefined, 't').status).toBe(403);
	});

	it('reads a query parser that nests dotted keys', () => {
		expect(answerHandshake({ hub: { mode: 'subscribe', verify_token: 't', challenge: '42' } }, 't')).toEqual({ status: 200, body: '42' });
	});
});
