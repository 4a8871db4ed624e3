/**
 * Phone Number → Reserve Username / Get Username through n8n-core against the simulator
 * (POST / GET /{Phone-Number-ID}/username, contract-checked): Meta's answer as the item, a name
 * taken elsewhere refused by Meta (147001), and Meta's format rules checked before any request.
 */
import { describe, expect, it } from '@jest/globals';
import type { INodeParameters } from 'n8n-workflow';

import { PHONE_NUMBER_ID } from '../../../../tools/simulator/fixtures';
import { byId, errorMessage, outputJson, requestLines, useSimulator } from '../../../harness/simulator';

const { sim, run } = useSimulator();

const params = (operation: string, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'phoneNumber',
	operation,
	phoneNumberId: byId(PHONE_NUMBER_ID),
	...extra,
});

describe('Phone Number → Reserve Username and Get Username', () => {
	it('Get before any reservation says there is none; Reserve claims it; Get reads it back', async () => {
		expect(outputJson(await run(params('getUsername')))).toEqual([
			{ phoneNumberId: PHONE_NUMBER_ID, username: null, status: null },
		]);

		const [reserved] = outputJson(await run(params('reserveUsername', { username: ' @Lucky_Shrub.plants ' })));
		expect(reserved).toEqual({ phoneNumberId: PHONE_NUMBER_ID, username: 'Lucky_Shrub.plants', status: 'approved' });

		expect(outputJson(await run(params('getUsername')))).toEqual([
			{ phoneNumberId: PHONE_NUMBER_ID, username: 'Lucky_Shrub.plants', status: 'approved' },
		]);
		const requests = sim.requests();
		expect(requestLines(requests)).toEqual([
			`GET /${PHONE_NUMBER_ID}/username`,
			`POST /${PHONE_NUMBER_ID}/username`,
			`GET /${PHONE_NUMBER_ID}/username`,
		]);
		expect(requests.every((r) => r.contract.checked && r.contract.valid)).toBe(true);
		expect(requests[1].body).toEqual({ username: 'Lucky_Shrub.plants' });
	});

	it("a name another number holds fails with Meta's error", async () => {
		const message = errorMessage(await run(params('reserveUsername', { username: 'taken.name' })));
		expect(message).toMatch(/147001|not available/i);
	});

	it.each([
		['ab', '"ab" has 2 characters; a username has 3 to 35'],
		['a'.repeat(36), `"${'a'.repeat(36)}" has 36 characters; a username has 3 to 35`],
		['lucky shrub', '"lucky shrub" may only contain English letters, digits, periods (.) and underscores (_)'],
		['lücky', '"lücky" may only contain English letters, digits, periods (.) and underscores (_)'],
		['12345', '"12345" needs at least one English letter'],
		['.lucky', '".lucky" must not start or end with a period'],
		['lucky.', '"lucky." must not start or end with a period'],
		['lucky..shrub', '"lucky..shrub" must not contain two periods in a row'],
		['wwwlucky', '"wwwlucky" must not start with "www"'],
		['luckyshrub.com', '"luckyshrub.com" must not end like a web domain (.com, .org, .net …)'],
	])('%j is refused before any request', async (username, why) => {
		expect(errorMessage(await run(params('reserveUsername', { username })))).toBe(`"Username": ${why} (item 1)`);
		expect(sim.requests()).toHaveLength(0);
	});
});
