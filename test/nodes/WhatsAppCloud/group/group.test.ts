/**
 * Group resource and group sends (issue 22), in-process through n8n-core against the simulator,
 * whose contract checks every body (Meta's Groups API operations and the group send rules):
 * a group's life from Create to Delete, Meta's limits refused before any request with the field
 * named, and Send To: Group — text goes out with recipient_type "group", a type Meta does not
 * allow in groups is refused naming the rule, with nothing sent.
 */
import { describe, expect, it } from '@jest/globals';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { groupState, setGroupLimit } from '../../../../tools/simulator/groupState';
import { joinGroup } from '../../../../tools/simulator/groupAdmin';
import { CUSTOMER, USERNAME_CUSTOMER } from '../../../../tools/simulator/customer';
import { PHONE_NUMBER_ID } from '../../../../tools/simulator/fixtures';
import { storeBinary } from '../../../harness/runNode';
import { byId, errorMessage, outputJson, useSimulator } from '../../../harness/simulator';

const { sim, run } = useSimulator();

const group = (operation: string, extra: INodeParameters = {}): INodeParameters => ({ resource: 'group', operation, ...extra });

/** Creates a group through the node; returns its ID (Meta gives it in the webhook, the simulator's state has it). */
async function created(extra: INodeParameters = {}): Promise<string> {
	const result = await run(group('create', { phoneNumberId: byId(PHONE_NUMBER_ID), subject: 'Order 1042', ...extra }));
	expect(result.error).toBeUndefined();
	const groups = groupState(sim.state).groups;
	return groups[groups.length - 1].id;
}

function contractValid(): void {
	for (const request of sim.requests()) expect(request.contract).toMatchObject({ valid: true, errors: [] });
}

describe('Group resource', () => {
	it('Create sends the subject, description and join approval; the group_create webhook carries the invite link', async () => {
		const result = await run(
			group('create', { phoneNumberId: byId(PHONE_NUMBER_ID), subject: '  Order 1042  ', description: 'Your order, our team', joinApprovalMode: 'approval_required' }),
		);
		expect(result.error).toBeUndefined();
		const [request] = sim.requests({ method: 'POST', pathIncludes: '/groups' });
		expect(request.body).toEqual({ messaging_product: 'whatsapp', subject: 'Order 1042', description: 'Your order, our team', join_approval_mode: 'approval_required' });
		const [item] = outputJson(result);
		expect(item).toMatchObject({ phoneNumberId: PHONE_NUMBER_ID, subject: 'Order 1042', joinApprovalMode: 'approval_required' });
		expect(item.requestId).toMatch(/^\d+$/);
		const [webhook] = groupState(sim.state).outbox as Array<{ entry: Array<{ changes: Array<{ field: string; value: { groups: IDataObject[] } }> }> }>;
		const change = webhook.entry[0].changes[0];
		expect(change.field).toBe('group_lifecycle_update');
		expect(change.value.groups[0]).toMatchObject({ type: 'group_create', request_id: item.requestId, invite_link: expect.stringMatching(/^https:\/\/chat\.whatsapp\.com\//) });
		contractValid();
	});

	it('Get Many, Get, Get / Reset Invite Link, Update, Delete', async () => {
		const groupId = await created({ description: 'First' });
		const many = outputJson(await run(group('getAll', { phoneNumberId: byId(PHONE_NUMBER_ID), returnAll: true })));
		expect(many).toEqual([expect.objectContaining({ groupId, id: groupId, subject: 'Order 1042', phoneNumberId: PHONE_NUMBER_ID })]);

		joinGroup(sim, groupId, 'username');
		const [info] = outputJson(await run(group('get', { groupId, fields: ['subject', 'participants', 'total_participant_count'] })));
		expect(info).toEqual({ groupId, id: groupId, subject: 'Order 1042', participants: [{ user_id: USERNAME_CUSTOMER.userId }], total_participant_count: 1 });
		expect(sim.requests({ method: 'GET' }).at(-1)?.query).toMatchObject({ fields: 'id,subject,participants,total_participant_count' });

		const [link] = outputJson(await run(group('getInviteLink', { groupId })));
		const [reset] = outputJson(await run(group('resetInviteLink', { groupId })));
		expect(link.inviteLink).toMatch(/^https:\/\/chat\.whatsapp\.com\//);
		expect(reset.inviteLink).not.toBe(link.inviteLink);

		const photo = await storeBinary(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]), { fileName: 'logo.jpg', mimeType: 'image/jpeg' });
		const updated = await run(group('update', { groupId, subject: 'Order 1042 (shipped)', photoBinaryPropertyName: 'data' }), { input: [{ json: {}, binary: { data: photo } }] });
		expect(outputJson(updated)).toEqual([{ groupId, subject: 'Order 1042 (shipped)', photoUpdated: true, success: true }]);
		const posts = sim.requests({ method: 'POST' }).filter((r) => r.path.endsWith(groupId));
		expect(posts.map((r) => r.headers['content-type'].split(';')[0])).toEqual(['application/json', 'multipart/form-data']);
		expect(groupState(sim.state).groups[0]).toMatchObject({ subject: 'Order 1042 (shipped)', pictureBytes: 2004 });

		expect(outputJson(await run(group('delete', { groupId })))).toEqual([{ groupId, deleted: true }]);
		expect(groupState(sim.state).groups).toEqual([]);
		contractValid();
	});

	it('join requests: listed with who asked, approved and rejected; Remove Participants by phone number and user ID', async () => {
		const groupId = await created({ joinApprovalMode: 'approval_required' });
		const first = joinGroup(sim, groupId, 'phone');
		const second = joinGroup(sim, groupId, 'username');
		const requests = outputJson(await run(group('getJoinRequests', { groupId })));
		expect(requests.map((r) => [r.joinRequestId, r.waId, r.userId])).toEqual([
			[first.joinRequestId, CUSTOMER.waId, CUSTOMER.userId],
			[second.joinRequestId, null, USERNAME_CUSTOMER.userId],
		]);
		const [approved] = outputJson(await run(group('approveJoinRequests', { groupId, joinRequestIds: `${first.joinRequestId}, unknown-id` })));
		expect(approved).toMatchObject({ groupId, approved: [first.joinRequestId], failed: [expect.objectContaining({ join_request_id: 'unknown-id' })] });
		const [rejected] = outputJson(await run(group('rejectJoinRequests', { groupId, joinRequestIds: [second.joinRequestId] })));
		expect(rejected).toMatchObject({ rejected: [second.joinRequestId], failed: [] });

		joinGroup(sim, groupId, 'username'); // asks again
		await run(group('approveJoinRequests', { groupId, joinRequestIds: groupState(sim.state).groups[0].joinRequests[0].id }));
		const removed = await run(group('removeParticipants', { groupId, participants: `+${CUSTOMER.waId}, ${USERNAME_CUSTOMER.userId}` }));
		expect(removed.error).toBeUndefined();
		expect(sim.requests({ method: 'DELETE', pathIncludes: '/participants' })[0].body).toEqual({
			messaging_product: 'whatsapp',
			participants: [{ user: CUSTOMER.waId }, { user: USERNAME_CUSTOMER.userId }],
		});
		expect(groupState(sim.state).groups[0].participants).toEqual([]);
		contractValid();
	});

	it.each([
		['create', { phoneNumberId: byId(PHONE_NUMBER_ID), subject: 'x'.repeat(129) }, '"Subject" is too long: 129 characters; WhatsApp allows at most 128'],
		['create', { phoneNumberId: byId(PHONE_NUMBER_ID), subject: 'Ok', description: 'd'.repeat(2049) }, '"Description" is too long: 2049 characters; WhatsApp allows at most 2048'],
		['update', { groupId: 'Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD', subject: 's'.repeat(130) }, '"Subject" is too long: 130 characters; WhatsApp allows at most 128'],
		['removeParticipants', { groupId: 'Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD', participants: Array.from({ length: 9 }, (_, i) => `+1555000000${i}`).join(',') }, '"Participants" has too many entries; WhatsApp allows at most 8'],
		['approveJoinRequests', { groupId: 'Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD', joinRequestIds: 'a,b,c,d,e,f,g,h,i' }, '"Join Request IDs" has too many entries; WhatsApp allows at most 8'],
		['get', { groupId: 'not a group/../x' }, '"Group ID": must be a group ID'],
	])('%s: over a limit (case %#), refused before any request', async (operation, extra, message) => {
		const result = await run(group(operation, extra as INodeParameters));
		expect(errorMessage(result)).toContain(message);
		expect(sim.requests()).toHaveLength(0);
	});

	it("Meta's groups-per-number limit answers with its error (the node cannot count Meta's groups)", async () => {
		setGroupLimit(sim.state, 1);
		await created();
		const result = await run(group('create', { phoneNumberId: byId(PHONE_NUMBER_ID), subject: 'Second' }));
		expect(errorMessage(result)).toContain('(#100) Invalid parameter');
		expect(JSON.stringify(result.error)).toContain('reached the limit of 1 groups');
	});
});

describe('Send To: Group', () => {
	const send = (operation: string, extra: INodeParameters): INodeParameters => ({
		resource: 'message',
		operation,
		phoneNumberId: byId(PHONE_NUMBER_ID),
		recipientType: 'group',
		...extra,
	});

	it('Send Text goes to the group: recipient_type group, the group ID in `to`; the output names the group', async () => {
		const groupId = await created();
		const result = await run(send('sendText', { to: groupId, body: 'Welcome 👋' }));
		expect(result.error).toBeUndefined();
		const [request] = sim.requests({ method: 'POST', pathIncludes: '/messages' });
		expect(request.body).toEqual({ messaging_product: 'whatsapp', recipient_type: 'group', to: groupId, type: 'text', text: { body: 'Welcome 👋', preview_url: false } });
		expect(request.contract).toMatchObject({ valid: true });
		expect(outputJson(result)[0]).toMatchObject({ groupId, waId: null, userId: null, messageId: expect.stringMatching(/^wamid\./) });
	});

	it.each([
		['sendLocation', { latitude: 52.5, longitude: 13.4 }, 'location'],
		['sendReaction', { reactionMessageId: 'wamid.HBgLMTU1NTAwMDk5OTkVAgASGBQzQUYzMjEzNDM2RTZGQ0MzMDJBRgA=', emoji: '👍' }, 'reaction'],
	])('%s to a group is refused naming the rule, nothing sent', async (operation, extra, type) => {
		const result = await run(send(operation, { to: 'Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD', ...extra }));
		expect(errorMessage(result)).toBe(
			`A ${type} message cannot go to a group: WhatsApp groups take only text, media (image, video, audio, document, sticker) and template messages (Meta, Groups API "Group messaging") (item 1)`,
		);
		expect(sim.requests({ pathIncludes: '/messages' })).toHaveLength(0);
	});

	it('a phone number with Send To: Group, and a group ID with Send To: User, are refused before sending', async () => {
		const toGroup = await run(send('sendText', { to: '+1 555 000 9999', body: 'Hi' }));
		expect(errorMessage(toGroup)).toContain('which is no group ID; with "Send To": Group it takes a group ID');
		const toUser = await run(send('sendText', { recipientType: 'individual', to: 'Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD', body: 'Hi' }));
		expect(errorMessage(toUser)).toContain('a group ID; set "Send To" to Group');
		expect(sim.requests()).toHaveLength(0);
	});
});
