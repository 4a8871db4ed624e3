/**
 * The simulator's Graph batch endpoint (POST to the Graph root, Meta's "Batch Requests" page):
 * operations routed like requests of their own, answered in order as {code, headers?, body: JSON
 * text}, the batch's token as every operation's fallback, malformed batches refused by the contract.
 */
import { describe, expect, it } from '@jest/globals';

import { APP_ID, APP_TOKEN, OTHER_APP_ID, PHONE_NUMBER_ID, TOKENS, WABA_ID } from '../../../tools/simulator/fixtures';
import { useSimulator } from '../../harness/simulator';

const { sim } = useSimulator();

interface Answer {
	code: number;
	headers?: Array<{ name: string; value: string }>;
	body: string;
}

/** POSTs `batch` (and extra form fields) to `path` as Meta documents it: form-encoded, token in the header. */
async function batch(operations: unknown, options: { token?: string; path?: string; fields?: Record<string, string> } = {}) {
	const form = new URLSearchParams({ batch: JSON.stringify(operations), ...options.fields });
	const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
	if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
	const response = await fetch(`${sim.url}${options.path ?? '/v23.0/'}`, { method: 'POST', headers, body: form.toString() });
	return { status: response.status, body: (await response.json()) as unknown };
}

const parsed = (answer: Answer) => JSON.parse(answer.body) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const debugOp = (input: string) => ({ method: 'GET', relative_url: `debug_token?input_token=${encodeURIComponent(input)}` });

describe('Graph batch requests', () => {
	it('answers debug_token inside a batch like the GET itself, with the batch token as the caller', async () => {
		const { status, body } = await batch([debugOp(TOKENS.valid)], { token: TOKENS.valid, fields: { include_headers: 'false' } });
		expect(status).toBe(200);
		const [answer] = body as Answer[];
		expect(answer.code).toBe(200);
		expect(answer.headers).toBeUndefined();
		expect(parsed(answer).data).toMatchObject({ app_id: APP_ID, is_valid: true, type: 'SYSTEM_USER' });

		const direct = await fetch(`${sim.url}/v23.0/debug_token?input_token=${TOKENS.valid}`, { headers: { authorization: `Bearer ${TOKENS.valid}` } });
		expect(parsed(answer)).toEqual(await direct.json());
		const [recorded] = sim.requests({ method: 'POST' });
		expect(recorded).toMatchObject({ path: '/v23.0/', query: {}, contract: { checked: true, valid: true, schema: 'R8BatchRequest' } });
	});

	it('lists the answers in order, with headers unless include_headers=false, and an operation error as its code and body', async () => {
		const { body } = await batch(
			[debugOp(TOKENS.otherApp), { method: 'GET', relative_url: `${PHONE_NUMBER_ID}` }, { method: 'GET', relative_url: '999999/phone_numbers' }],
			{ token: TOKENS.otherApp },
		);
		const answers = body as Answer[];
		expect(answers.map((a) => a.code)).toEqual([200, 200, 400]);
		expect(parsed(answers[0]).data.app_id).toBe(OTHER_APP_ID);
		expect(parsed(answers[1]).id).toBe(PHONE_NUMBER_ID);
		expect(parsed(answers[2]).error.message).toMatch(/Object with ID '999999' does not exist/);
		expect(answers[0].headers).toEqual([{ name: 'Content-Type', value: 'application/json; charset=UTF-8' }]);
	});

	it("an operation's own access_token wins over the batch's; without any token the operation fails, not the batch", async () => {
		const own = `${WABA_ID}/phone_numbers?access_token=${encodeURIComponent(TOKENS.valid)}`;
		const { status, body } = await batch([{ method: 'GET', relative_url: own }, { method: 'GET', relative_url: `${WABA_ID}/phone_numbers` }]);
		expect(status).toBe(200);
		expect((body as Answer[]).map((a) => a.code)).toEqual([200, 400]);
		expect(parsed((body as Answer[])[1]).error.message).toMatch(/active access token/);
	});

	it('an expired batch token: debug_token answers 400 with 190/463 inside the batch, as the GET does', async () => {
		const [answer] = (await batch([debugOp(TOKENS.expired)], { token: TOKENS.expired })).body as Answer[];
		expect(answer.code).toBe(400);
		expect(parsed(answer).error).toMatchObject({ code: 190, error_subcode: 463 });
	});

	it('the version of the batch URL applies to a relative_url without one; the root without a version works too', async () => {
		const app = await batch([debugOp(APP_TOKEN)], { token: APP_TOKEN, path: '/' });
		expect(parsed((app.body as Answer[])[0]).data).toMatchObject({ app_id: APP_ID, type: 'APP' });
		const versioned = await batch([{ method: 'GET', relative_url: `v23.0/${PHONE_NUMBER_ID}` }], { token: TOKENS.valid, path: '/' });
		expect((versioned.body as Answer[])[0].code).toBe(200);
	});

	it('refuses a malformed batch like Meta refuses a bad parameter: (#100), nothing run', async () => {
		const cases: Array<[unknown, RegExp]> = [
			[[], /batch/],
			[[{ relative_url: 'debug_token' }], /method/],
			[[{ method: 'GET', relative_url: '' }], /relative_url/],
			[Array.from({ length: 51 }, () => debugOp(TOKENS.valid)), /batch/],
			[[{ method: 'PATCH', relative_url: PHONE_NUMBER_ID }], /method/],
		];
		for (const [operations, detail] of cases) {
			const { status, body } = await batch(operations, { token: TOKENS.valid });
			expect(status).toBe(400);
			const error = (body as { error: { code: number; message: string; error_data?: { details: string } } }).error;
			expect(error.code).toBe(100);
			expect(`${error.message} ${error.error_data?.details ?? ''}`).toMatch(detail);
		}
		const missing = await fetch(`${sim.url}/v23.0/`, { method: 'POST', headers: { authorization: `Bearer ${TOKENS.valid}` } });
		expect(missing.status).toBe(400);
	});

	it('a batch inside a batch is refused as an operation error', async () => {
		const [answer] = (await batch([{ method: 'POST', relative_url: 'v23.0/', body: 'batch=[]' }], { token: TOKENS.valid })).body as Answer[];
		expect(answer.code).toBe(400);
		expect(parsed(answer).error.code).toBe(100);
	});
});
