/**
 * The verification GET at its edges: each refusal says why (the 403 body is all a user setting up
 * the webhook in Meta's dashboard sees), repeated query keys, and empty or missing values.
 */
import { answerHandshake } from '../../../nodes/WhatsAppCloudTrigger/handshake';

const TOKEN = 'verify-me';

describe('verification handshake: why a request is refused', () => {
	it('names the wrong mode', () => {
		expect(answerHandshake({ 'hub.mode': 'unsubscribe', 'hub.verify_token': TOKEN, 'hub.challenge': '1' }, TOKEN)).toEqual({
			status: 403,
			body: 'hub.mode must be "subscribe"',
		});
	});

	it('says no verify token is configured, even to a request carrying an empty one', () => {
		const refused = { status: 403, body: 'no verify token is configured' };
		expect(answerHandshake({ 'hub.mode': 'subscribe', 'hub.verify_token': '', 'hub.challenge': '1' }, '')).toEqual(refused);
		expect(answerHandshake({ 'hub.mode': 'subscribe', 'hub.verify_token': 'x', 'hub.challenge': '1' }, undefined)).toEqual(refused);
	});

	it('refuses a missing or wrong token without echoing the challenge', () => {
		const refused = { status: 403, body: 'hub.verify_token does not match' };
		expect(answerHandshake({ 'hub.mode': 'subscribe', 'hub.challenge': '77' }, TOKEN)).toEqual(refused);
		expect(answerHandshake({ 'hub.mode': 'subscribe', 'hub.verify_token': `${TOKEN} `, 'hub.challenge': '77' }, TOKEN)).toEqual(refused);
		expect(answerHandshake({ 'hub.mode': 'subscribe', 'hub.verify_token': 42, 'hub.challenge': '77' }, '42')).toEqual(refused);
	});

	it('refuses an empty or missing challenge after a matching token', () => {
		const refused = { status: 403, body: 'hub.challenge is missing' };
		expect(answerHandshake({ 'hub.mode': 'subscribe', 'hub.verify_token': TOKEN, 'hub.challenge': '' }, TOKEN)).toEqual(refused);
		expect(answerHandshake({ 'hub.mode': 'subscribe', 'hub.verify_token': TOKEN }, TOKEN)).toEqual(refused);
		expect(answerHandshake({ 'hub.mode': 'subscribe', 'hub.verify_token': TOKEN, 'hub.challenge': 5 }, TOKEN)).toEqual(refused);
	});

	it('refuses a request without a query at all as a wrong mode', () => {
		expect(answerHandshake(undefined, TOKEN)).toEqual({ status: 403, body: 'hub.mode must be "subscribe"' });
		expect(answerHandshake({}, TOKEN)).toEqual({ status: 403, body: 'hub.mode must be "subscribe"' });
	});
});

describe('verification handshake: how the query is read', () => {
	it('takes the first value of a repeated key', () => {
		expect(
			answerHandshake({ 'hub.mode': ['subscribe', 'x'], 'hub.verify_token': [TOKEN, 'other'], 'hub.challenge': ['first', 'second'] }, TOKEN),
		).toEqual({ status: 200, body: 'first' });
		expect(answerHandshake({ 'hub.mode': 'subscribe', 'hub.verify_token': ['other', TOKEN], 'hub.challenge': '1' }, TOKEN).status).toBe(403);
	});

	it('does not read a repeated key whose first value is not text', () => {
		expect(answerHandshake({ 'hub.mode': 'subscribe', 'hub.verify_token': [{ a: 1 }, TOKEN], 'hub.challenge': '1' }, TOKEN)).toEqual({
			status: 403,
			body: 'hub.verify_token does not match',
		});
	});

	it('prefers the dotted key to a nested one, and reads a nested one alone', () => {
		expect(
			answerHandshake({ 'hub.mode': 'subscribe', 'hub.verify_token': TOKEN, 'hub.challenge': 'flat', hub: { challenge: 'nested' } }, TOKEN),
		).toEqual({ status: 200, body: 'flat' });
		expect(answerHandshake({ 'hub.mode': 'subscribe', 'hub.verify_token': TOKEN, hub: { challenge: 'nested' } }, TOKEN)).toEqual({
			status: 200,
			body: 'nested',
		});
	});
});
