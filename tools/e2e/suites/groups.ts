/**
 * Groups (issue 22) in a real n8n, the simulator playing Meta and the customers: Group → Create,
 * the invite link read from the trigger's group_create item, a customer joining through the link
 * (group_participants_update item), a participant's message in the group (a message item with
 * groupId), Send Text to the group (recipient_type "group"), a join request approved, a
 * participant removed, the group deleted — every request contract-checked — and a send Meta does
 * not allow in groups refused with the rule named and nothing sent.
 */
import assert from 'node:assert/strict';

import { PHONE_NUMBER_ID } from '../../simulator/fixtures';
import { CUSTOMER, USERNAME_CUSTOMER } from '../../simulator/customer';
import { assertContractValid, byId, messagesSent, onlyValidSend, refusalCases, runByWebhook, waNode, type SendEnv } from '../cases';
import { createCredential, simulatorCredentialData } from '../kit/credential';
import { customerJoins, customerWrites, deliverToTrigger, deployGroupTrigger, simGroups, triggerItems } from '../kit/groups';
import { runItems, type ItemJson } from '../kit/executions';
import { deactivate, type DeployedTrigger } from '../kit/trigger';
import { defineSuite } from '../runner';

interface State extends SendEnv {
	trigger: DeployedTrigger;
	/** the group of the first case (auto approve), and one that wants approval */
	groupId?: string;
	approvalGroupId?: string;
}

const group = (operation: string, extra: Record<string, unknown> = {}) => ({ resource: 'group', operation, ...extra });

/** Runs one Group operation by webhook; it must succeed with contract-valid requests; returns its output items. */
async function runGroup(ctx: Parameters<typeof runByWebhook>[0], s: State, name: string, parameters: Record<string, unknown>): Promise<ItemJson[]> {
	const since = s.sim.requests().length;
	const { res, wf } = await runByWebhook(ctx, s.n8n, name, [waNode(s.cred, parameters)]);
	assert.equal(res.status, 200, `${name} failed: ${JSON.stringify(res.body)}`);
	for (const request of s.sim.requests().slice(since)) {
		assert.deepEqual({ valid: request.contract?.valid, errors: request.contract?.errors }, { valid: true, errors: [] }, `${request.method} ${request.path}`);
	}
	const output = runItems((await wf.executions()).at(-1), 'WhatsApp Cloud');
	assert.ok(output, `no output of ${name}`);
	return output;
}

async function created(ctx: Parameters<typeof runByWebhook>[0], s: State, subject: string, joinApprovalMode: string): Promise<{ groupId: string; item: ItemJson; requestId: unknown }> {
	const [out] = await runGroup(ctx, s, `create ${subject}`, group('create', { phoneNumberId: byId(PHONE_NUMBER_ID), subject, joinApprovalMode }));
	const [execution] = await deliverToTrigger(s.n8n, s.sim, s.trigger, 1);
	const [item] = triggerItems(execution, 2);
	assert.equal(item.requestId, out.requestId, 'the webhook answers the create request');
	return { groupId: String(item.groupId), item, requestId: out.requestId };
}

export const groups = defineSuite<State>({
	name: 'groups',
	async setup(ctx) {
		const [n8n, sim] = await Promise.all([ctx.n8n(), ctx.simulator()]);
		const cred = await createCredential(n8n, 'WhatsApp (sim, groups)', simulatorCredentialData(sim.url));
		return { n8n, sim, cred, trigger: await deployGroupTrigger(n8n, cred, 1) };
	},
	async teardown(_ctx, s) {
		await deactivate(s.n8n, s.trigger.workflowId).catch(() => undefined);
	},
	cases: [
		{
			name: 'Group → Create; the trigger\'s group_create item carries the group ID and its invite link',
			async run(ctx, s) {
				const t0 = Date.now();
				const { groupId, item } = await created(ctx, s, 'Order 1042', 'auto_approve');
				assert.deepEqual(
					{ event: item.event, type: item.type, subject: item.subject, joinApprovalMode: item.joinApprovalMode },
					{ event: 'group_lifecycle_update', type: 'group_create', subject: 'Order 1042', joinApprovalMode: 'auto_approve' },
				);
				assert.equal(item.inviteLink, simGroups(s.sim).find((g) => g.id === groupId)?.inviteLink);
				assert.match(String(item.inviteLink), /^https:\/\/chat\.whatsapp\.com\//);
				s.groupId = groupId;
				ctx.note(`groups · n8n ${ctx.major}: Create → group_create item groupId ${groupId.slice(0, 16)}…, inviteLink ${String(item.inviteLink)} (${Date.now() - t0} ms)`);
			},
		},
		{
			name: 'a customer joins by the link → group_participants_update item; they write in the group → message item with groupId',
			async run(ctx, s) {
				const groupId = String(s.groupId);
				customerJoins(s.sim, groupId, 'phone');
				const [joined] = await deliverToTrigger(s.n8n, s.sim, s.trigger, 1);
				const [event] = triggerItems(joined, 2);
				assert.deepEqual(
					{ event: event.event, type: event.type, groupId: event.groupId, waId: event.waId, recipient: event.recipient },
					{ event: 'group_participants_update', type: 'group_participants_add', groupId, waId: CUSTOMER.waId, recipient: CUSTOMER.waId },
				);
				customerWrites(s.sim, groupId, 'Hi all, when does it ship?');
				const [wrote] = await deliverToTrigger(s.n8n, s.sim, s.trigger, 1);
				const [message] = triggerItems(wrote, 0);
				assert.deepEqual(
					{ event: message.event, groupId: message.groupId, waId: message.waId, userId: message.userId, text: message.text },
					{ event: 'message', groupId, waId: CUSTOMER.waId, userId: CUSTOMER.userId, text: 'Hi all, when does it ship?' },
				);
				ctx.note(`groups · n8n ${ctx.major}: join → item type ${String(event.type)}; participant's message → message item groupId set, waId ${String(message.waId)}`);
			},
		},
		{
			name: 'Send Text with Send To: Group → recipient_type "group", the group ID in `to`, contract-valid; the output names the group',
			async run(ctx, s) {
				const groupId = String(s.groupId);
				const since = messagesSent(s.sim).length;
				const out = await runGroup(ctx, s, 'send text to the group', {
					resource: 'message',
					operation: 'sendText',
					phoneNumberId: byId(PHONE_NUMBER_ID),
					recipientType: 'group',
					to: groupId,
					body: 'It ships tomorrow 📦',
				});
				const sent = onlyValidSend(s.sim, since);
				assertContractValid(sent);
				assert.deepEqual(sent.body, { messaging_product: 'whatsapp', recipient_type: 'group', to: groupId, type: 'text', text: { body: 'It ships tomorrow 📦', preview_url: false } });
				assert.equal(out[0].groupId, groupId);
				assert.equal(out[0].messageId, (sent.response.body as { messages: Array<{ id: string }> }).messages[0].id);
				ctx.note(`groups · n8n ${ctx.major}: Send Text to the group → ${JSON.stringify({ recipient_type: sent.body.recipient_type, type: sent.body.type })}`);
			},
		},
		{
			name: 'a join request (approval group) arrives as an item; Approve Join Requests with its joinRequestId lets them in',
			async run(ctx, s) {
				const { groupId } = await created(ctx, s, 'VIP preview', 'approval_required');
				s.approvalGroupId = groupId;
				customerJoins(s.sim, groupId, 'username');
				const [asked] = await deliverToTrigger(s.n8n, s.sim, s.trigger, 1);
				const [request] = triggerItems(asked, 2);
				assert.deepEqual(
					{ type: request.type, userId: request.userId, waId: request.waId },
					{ type: 'group_join_request_created', userId: USERNAME_CUSTOMER.userId, waId: null },
				);
				const listed = await runGroup(ctx, s, 'get join requests', group('getJoinRequests', { groupId }));
				assert.deepEqual(listed.map((r) => r.joinRequestId), [request.joinRequestId]);
				const [approved] = await runGroup(ctx, s, 'approve join requests', group('approveJoinRequests', { groupId, joinRequestIds: String(request.joinRequestId) }));
				assert.deepEqual(approved.approved, [request.joinRequestId]);
				const [added] = await deliverToTrigger(s.n8n, s.sim, s.trigger, 1);
				assert.equal(triggerItems(added, 2)[0].type, 'group_participants_add');
				assert.deepEqual(simGroups(s.sim).find((g) => g.id === groupId)?.participants.map((p) => p.userId), [USERNAME_CUSTOMER.userId]);
				ctx.note(`groups · n8n ${ctx.major}: join request item → Approve Join Requests → participant added`);
			},
		},
		{
			name: 'Get, Get Many, Get / Reset Invite Link, Update (group_settings_update item), Reject Join Requests',
			async run(ctx, s) {
				const groupId = String(s.groupId);
				const [info] = await runGroup(ctx, s, 'get group', group('get', { groupId, fields: ['subject', 'join_approval_mode', 'participants', 'total_participant_count'] }));
				assert.deepEqual(info, { groupId, id: groupId, subject: 'Order 1042', join_approval_mode: 'auto_approve', participants: [{ wa_id: CUSTOMER.waId, user_id: CUSTOMER.userId }], total_participant_count: 1 });
				const many = await runGroup(ctx, s, 'get many groups', group('getAll', { phoneNumberId: byId(PHONE_NUMBER_ID), returnAll: true }));
				assert.deepEqual(many.map((g) => g.groupId), [groupId, s.approvalGroupId]);
				const [link] = await runGroup(ctx, s, 'get invite link', group('getInviteLink', { groupId }));
				const [reset] = await runGroup(ctx, s, 'reset invite link', group('resetInviteLink', { groupId }));
				assert.notEqual(reset.inviteLink, link.inviteLink);
				assert.equal(reset.inviteLink, simGroups(s.sim).find((g) => g.id === groupId)?.inviteLink);
				const [updated] = await runGroup(ctx, s, 'update group', group('update', { groupId, subject: 'Order 1042 (shipped)', description: 'Tracking inside' }));
				assert.deepEqual(updated, { groupId, subject: 'Order 1042 (shipped)', description: 'Tracking inside', success: true });
				const [settings] = await deliverToTrigger(s.n8n, s.sim, s.trigger, 1);
				const [changed] = triggerItems(settings, 2);
				assert.deepEqual({ type: changed.type, subject: changed.subject, description: changed.description }, { type: 'group_settings_update', subject: 'Order 1042 (shipped)', description: 'Tracking inside' });

				const approvalGroupId = String(s.approvalGroupId);
				const asked = customerJoins(s.sim, approvalGroupId, 'phone');
				await deliverToTrigger(s.n8n, s.sim, s.trigger, 1);
				const [rejected] = await runGroup(ctx, s, 'reject join requests', group('rejectJoinRequests', { groupId: approvalGroupId, joinRequestIds: String(asked.joinRequestId) }));
				assert.deepEqual(rejected.rejected, [asked.joinRequestId]);
				assert.deepEqual(simGroups(s.sim).find((g) => g.id === approvalGroupId)?.joinRequests, []);
				ctx.note(`groups · n8n ${ctx.major}: Get / Get Many / invite link get+reset / Update (settings item) / Reject Join Requests`);
			},
		},
		{
			name: 'Remove Participants by phone number → the participant leaves (group_participants_update item); Delete → group_delete item',
			async run(ctx, s) {
				const groupId = String(s.groupId);
				const [removed] = await runGroup(ctx, s, 'remove participants', group('removeParticipants', { groupId, participants: `+${CUSTOMER.waId}` }));
				assert.deepEqual(removed.removed, [CUSTOMER.waId]);
				const [left] = await deliverToTrigger(s.n8n, s.sim, s.trigger, 1);
				assert.deepEqual(triggerItems(left, 2)[0].removedParticipants, [{ waId: CUSTOMER.waId, userId: CUSTOMER.userId, parentUserId: null, input: CUSTOMER.waId }]);
				for (const id of [groupId, String(s.approvalGroupId)]) {
					const [deleted] = await runGroup(ctx, s, 'delete group', group('delete', { groupId: id }));
					assert.deepEqual(deleted, { groupId: id, deleted: true });
				}
				const gone = await deliverToTrigger(s.n8n, s.sim, s.trigger, 2);
				assert.deepEqual(gone.map((e) => triggerItems(e, 2)[0].type), ['group_delete', 'group_delete']);
				assert.deepEqual(simGroups(s.sim), []);
				ctx.note(`groups · n8n ${ctx.major}: Remove Participants → item; Delete ×2 → group_delete items`);
			},
		},
		...refusalCases<State>([
			{
				name: 'Send Location with Send To: Group is refused naming the rule; nothing sent',
				parameters: {
					resource: 'message',
					operation: 'sendLocation',
					phoneNumberId: byId(PHONE_NUMBER_ID),
					recipientType: 'group',
					to: 'Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD',
					latitude: 52.52,
					longitude: 13.405,
				},
				error: 'A location message cannot go to a group: WhatsApp groups take only text, media (image, video, audio, document, sticker) and template messages (Meta, Groups API "Group messaging") (item 1)',
			},
		]),
	],
});
