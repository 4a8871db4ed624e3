/**
 * Contact → Block / Unblock / Get Blocked through n8n-core against the simulator (Meta's Block
 * Users API): contract-valid requests, one item per user, Meta's partial failure (139100) turned
 * into per-user results, and the item failing only when no user could be blocked.
 */
import { describe, expect, it } from '@jest/globals';
import type { INodeParameters } from 'n8n-workflow';

import { APP_ID, CUSTOMER_WA_ID, PHONE_NUMBER_ID, USERNAME_CUSTOMER_USER_ID } from '../../../../tools/simulator/fixtures';
import { byId, errorMessage, outputJson, requestLines, useSimulator } from '../../../harness/simulator';

const { sim, run } = useSimulator({ credential: { appId: APP_ID } });

const contact = (operation: string, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'contact',
	operation,
	phoneNumberId: byId(PHONE_NUMBER_ID),
	...extra,
});

describe('Contact → Block', () => {
	it('blocks users who wrote in the last 24 hours, one item per user', async () => {
		const items = outputJson(await run(contact('block', { users: '+1 555 000 9999, 15550001111' })));
		expect(items).toEqual([
			{
				phoneNumberId: PHONE_NUMBER_ID,
				user: '15550009999',
				waId: '15550009999',
				userId: null,
				status: 'blocked',
				errorCode: null,
				error: null,
				details: null,
				hint: null,
			},
			{
				phoneNumberId: PHONE_NUMBER_ID,
				user: '15550001111',
				waId: '15550001111',
				userId: null,
				status: 'blocked',
				errorCode: null,
				error: null,
				details: null,
				hint: null,
			},
		]);
		const requests = sim.requests();
		expect(requestLines(requests)).toEqual([`POST /${PHONE_NUMBER_ID}/block_users`]);
		expect(requests[0].contract.checked).toBe(true);
		expect(requests[0].body).toEqual({
			messaging_product: 'whatsapp',
			block_users: [{ user: '15550009999' }, { user: '15550001111' }],
		});
	});

	it("blocks a user by user ID (BSUID): Meta's `user_id` key, never `user`; phone numbers beside it keep `user`", async () => {
		const parent = 'US.ENT.11815799212886844830';
		const result = await run(contact('block', { users: `${USERNAME_CUSTOMER_USER_ID}\n+1 555 000 9999, ${parent}` }));
		const requests = sim.requests();
		expect(requests[0].contract).toMatchObject({ checked: true, valid: true });
		expect(requests[0].body).toEqual({
			messaging_product: 'whatsapp',
			block_users: [{ user_id: USERNAME_CUSTOMER_USER_ID }, { user: '15550009999' }, { user_id: parent }],
		});
		const items = outputJson(result);
		expect(items.map((i) => [i.user, i.waId, i.userId, i.status])).toEqual([
			[USERNAME_CUSTOMER_USER_ID, null, USERNAME_CUSTOMER_USER_ID, 'blocked'],
			['15550009999', '15550009999', null, 'blocked'],
			[parent, null, parent, 'failed'],
		]);

		const unblocked = outputJson(await run(contact('unblock', { users: USERNAME_CUSTOMER_USER_ID })));
		expect(unblocked.map((i) => [i.userId, i.status])).toEqual([[USERNAME_CUSTOMER_USER_ID, 'unblocked']]);
		expect(sim.requests()[1].body).toEqual({ messaging_product: 'whatsapp', block_users: [{ user_id: USERNAME_CUSTOMER_USER_ID }] });
	});

	it("reports the users Meta refused next to those it blocked (Meta's 139100)", async () => {
		const items = outputJson(
			await run(contact('block', { users: ['15550002222', '+44 7911 123456'] as unknown as string })),
		);
		expect(items.map((i) => [i.user, i.status, i.errorCode])).toEqual([
			['15550002222', 'blocked', null],
			['447911123456', 'failed', 131047],
		]);
		expect(items[1]).toMatchObject({
			error: 'Re-engagement required',
			details: 'User has not messaged in the last 24 hours',
			hint: 'WhatsApp only lets you block users who messaged this business phone number in the last 24 hours. Block them the next time they write.',
		});
		expect(sim.requests()[0].response.status).toBe(400);
	});

	it('fails the item when no user could be blocked', async () => {
		const message = errorMessage(await run(contact('block', { users: '+44 7911 123456' })));
		expect(message).toBe(
			'No user could be blocked: 447911123456: User has not messaged in the last 24 hours (code 131047) (item 1)',
		);
	});

	it('refuses a number that is not one, and more than 1000 users, before sending', async () => {
		expect(errorMessage(await run(contact('block', { users: '12' })))).toBe(
			'"Users" (entry 1): "12" is neither a phone number with country code (+1 555 123 4567) nor a WhatsApp user ID (US.13491208655302741918): as a phone number, it has 2 digits with the country code; phone numbers have 7 to 15 (item 1)',
		);
		const many = Array.from({ length: 1001 }, (_, i) => `1555${String(i).padStart(7, '0')}`).join(',');
		expect(errorMessage(await run(contact('block', { users: many })))).toBe(
			'"Users" has too many entries; WhatsApp allows at most 1000 (item 1)',
		);
		expect(sim.requests()).toHaveLength(0);
	});
});

describe('Contact → Get Blocked and Unblock', () => {
	it('lists blocked users page by page, then unblocks one', async () => {
		outputJson(await run(contact('block', { users: `${CUSTOMER_WA_ID}, 15550001111, 15550002222` })));
		const two = outputJson(await run(contact('getBlocked', { limit: 2 })));
		expect(two).toEqual([
			{ phoneNumberId: PHONE_NUMBER_ID, waId: CUSTOMER_WA_ID },
			{ phoneNumberId: PHONE_NUMBER_ID, waId: '15550001111' },
		]);
		const all = outputJson(await run(contact('getBlocked', { returnAll: true })));
		expect(all.map((u) => u.waId)).toEqual([CUSTOMER_WA_ID, '15550001111', '15550002222']);

		const unblocked = outputJson(await run(contact('unblock', { users: '15550001111' })));
		expect(unblocked).toEqual([
			{
				phoneNumberId: PHONE_NUMBER_ID,
				user: '15550001111',
				waId: '15550001111',
				userId: null,
				status: 'unblocked',
				errorCode: null,
				error: null,
				details: null,
				hint: null,
			},
		]);
		const after = outputJson(await run(contact('getBlocked', { returnAll: true })));
		expect(after.map((u) => u.waId)).toEqual([CUSTOMER_WA_ID, '15550002222']);
		const deletes = sim.requests({ method: 'DELETE' });
		expect(requestLines(deletes)).toEqual([`DELETE /${PHONE_NUMBER_ID}/block_users`]);
		expect(deletes[0].contract.checked).toBe(true);
	});
});
