/**
 * Calling (issue 22) in a real n8n, the simulator playing Meta and the WhatsApp user:
 * Update Call Settings then Get Call Settings reads them back; Send Call Permission Request, the
 * user accepts (a signed call_permission_reply) → a trigger item with callPermission "accept"
 * answering the request, and Get Permissions turns temporary; a missed call (connect, then
 * terminate unanswered) runs "trigger → Filter missedCall → Send Text to the caller" once; Connect
 * after the acceptance; Reject, Pre-Accept, Accept and Terminate on the user's calls, and Meta's error
 * for a call that is over.
 */
import assert from 'node:assert/strict';

import { missedCall, permissionReply, SIM_SDP_OFFER, userCalls } from '../../simulator/callingEvents';
import { CUSTOMER_WA_ID, GRAPH_VERSION, PHONE_NUMBER_ID } from '../../simulator/fixtures';
import type { Simulator } from '../../lab/simulator';
import type { N8nInstance } from '../../lab/n8n';
import { assertContractValid, byId, latestFailure, messagesSent, runByWebhook, waNode } from '../cases';
import { CALL_BACK, callingOn, callItemsTrigger, callNode, deliverSigned, MISSED_CALL_TEXT, missedCallWorkflow, TRIGGER } from '../kit/calling';
import { createCredential, simulatorCredentialData, type CredentialRef } from '../kit/credential';
import { executions, runItems, waitForExecutions, type Execution } from '../kit/executions';
import { deactivate, deployTrigger, type DeployedTrigger } from '../kit/trigger';
import { bodyItems } from '../kit/workflows';
import { defineSuite } from '../runner';

interface State {
	n8n: N8nInstance;
	sim: Simulator;
	cred: CredentialRef;
	items: DeployedTrigger;
	missed: DeployedTrigger;
}

/** Posts a delivery to a trigger workflow and returns the one execution it started. */
async function deliver(s: State, trigger: DeployedTrigger, payload: unknown): Promise<Execution> {
	const before = (await executions(s.n8n, trigger.workflowId, false)).length;
	await deliverSigned(s.sim, trigger.url, payload);
	const fresh = (await waitForExecutions(s.n8n, trigger.workflowId, before + 1, 800)).slice(before);
	assert.equal(fresh.length, 1, `one delivery started ${fresh.length} executions`);
	return fresh[0];
}

const settingsPath = `/${GRAPH_VERSION}/${PHONE_NUMBER_ID}/settings`;

export const calling = defineSuite<State>({
	name: 'calling',
	async setup(ctx) {
		const [n8n, sim] = await Promise.all([ctx.n8n(), ctx.simulator()]);
		const cred = await createCredential(n8n, 'WhatsApp (sim, calling)', simulatorCredentialData(sim.url));
		const items = await deployTrigger(n8n, callItemsTrigger(cred));
		const missed = await deployTrigger(n8n, missedCallWorkflow(cred));
		return { n8n, sim, cred, items, missed };
	},
	async teardown(_ctx, s) {
		for (const wf of [s.items, s.missed]) await deactivate(s.n8n, wf.workflowId).catch(() => undefined);
	},
	cases: [
		{
			name: 'Update Call Settings (calling on, callback permission, call hours) → Get Call Settings reads them back; contract-valid',
			async run(ctx, s) {
				const t0 = Date.now();
				const since = s.sim.requests({ pathIncludes: '/settings' }).length;
				const update = waNode(s.cred, {
					resource: 'phoneNumber',
					operation: 'updateCallSettings',
					phoneNumberId: byId(PHONE_NUMBER_ID),
					callingStatus: 'ENABLED',
					callbackPermissionStatus: 'ENABLED',
					callHoursMode: 'set',
					callHoursTimeZone: 'America/Sao_Paulo',
					weeklyHours: { hours: [{ day: 'MONDAY', open: '08:00', close: '18:00' }] },
				}, 'Update Call Settings');
				const get = waNode(s.cred, { resource: 'phoneNumber', operation: 'getCallSettings', phoneNumberId: byId(PHONE_NUMBER_ID) }, 'Get Call Settings');
				const { res } = await runByWebhook(ctx, s.n8n, 'call settings', [update, get]);
				const [read] = bodyItems(res);
				const callHours = {
					status: 'ENABLED',
					timezone_id: 'America/Sao_Paulo',
					weekly_operating_hours: [{ day_of_week: 'MONDAY', open_time: '0800', close_time: '1800' }],
					holiday_schedule: [],
				};
				assert.deepEqual(
					{ callingEnabled: read.callingEnabled, callbackPermissionStatus: read.callbackPermissionStatus, callIconVisibility: read.callIconVisibility, callHours: read.callHours },
					{ callingEnabled: true, callbackPermissionStatus: 'ENABLED', callIconVisibility: 'DEFAULT', callHours },
				);
				const requests = s.sim.requests({ pathIncludes: '/settings' }).slice(since);
				assert.deepEqual(requests.map((r) => `${r.method} ${r.path}`), [`POST ${settingsPath}`, `GET ${settingsPath}`]);
				assert.deepEqual(requests[0].body, { calling: { status: 'ENABLED', callback_permission_status: 'ENABLED', call_hours: callHours } });
				assert.ok(requests.every((r) => r.contract?.valid !== false), JSON.stringify(requests.map((r) => r.contract)));
				ctx.note(`calling · n8n ${ctx.major}: Update Call Settings → ${JSON.stringify(requests[0].body)}; Get Call Settings → callingEnabled ${read.callingEnabled} (${Date.now() - t0} ms)`);
			},
		},
		{
			name: "Send Call Permission Request → the user accepts → trigger item callPermission \"accept\" answering the request; Get Permissions → temporary",
			async run(ctx, s) {
				const t0 = Date.now();
				callingOn(s.sim);
				const since = messagesSent(s.sim).length;
				const ask = waNode(s.cred, {
					resource: 'message',
					operation: 'sendCallPermissionRequest',
					phoneNumberId: byId(PHONE_NUMBER_ID),
					to: CUSTOMER_WA_ID,
					body: 'May we call you about your delivery?',
				}, 'Ask To Call');
				const { res } = await runByWebhook(ctx, s.n8n, 'call permission request', [ask]);
				const [sentItem] = bodyItems(res);
				const sends = messagesSent(s.sim, since);
				assert.equal(sends.length, 1, JSON.stringify(sends.map((r) => r.body)));
				assertContractValid(sends[0]);
				assert.deepEqual(sends[0].body.interactive, { type: 'call_permission_request', action: { name: 'call_permission_request' }, body: { text: 'May we call you about your delivery?' } });

				const execution = await deliver(s, s.items, permissionReply(s.sim.state, { response: 'accept' }));
				const items = runItems(execution, TRIGGER) ?? [];
				assert.equal(items.length, 1, JSON.stringify(items));
				const [item] = items;
				assert.deepEqual(
					{ event: item.event, type: item.type, text: item.text, callPermission: item.callPermission, callPermissionPermanent: item.callPermissionPermanent, callPermissionSource: item.callPermissionSource, replyToMessageId: item.replyToMessageId, recipient: item.recipient },
					{ event: 'message', type: 'interactive', text: 'accept', callPermission: 'accept', callPermissionPermanent: false, callPermissionSource: 'user_action', replyToMessageId: sentItem.messageId, recipient: CUSTOMER_WA_ID },
				);
				const expiresInDays = (Date.parse(String(item.callPermissionExpiresAt)) - Date.now()) / 86_400_000;
				assert.ok(expiresInDays > 6.9 && expiresInDays <= 7, `callPermissionExpiresAt ${item.callPermissionExpiresAt}`);

				const { res: check } = await runByWebhook(ctx, s.n8n, 'call permissions', [callNode(s.cred, 'getPermissions', { user: CUSTOMER_WA_ID })]);
				const [permission] = bodyItems(check);
				const { res: call } = await runByWebhook(ctx, s.n8n, 'connect', [callNode(s.cred, 'connect', { user: CUSTOMER_WA_ID, sdp: SIM_SDP_OFFER, callbackData: 'delivery-42' })]);
				const [connected] = bodyItems(call);
				assert.deepEqual([permission?.permissionStatus, permission?.canCall, permission?.canRequestPermission], ['temporary', true, false], JSON.stringify(permission));
				assert.match(String(connected.callId), /^wacid\./, JSON.stringify(connected));
				const [connect] = s.sim.requests({ pathIncludes: '/calls' }).slice(-1);
				assertContractValid(connect, `/${GRAPH_VERSION}/${PHONE_NUMBER_ID}/calls`);
				assert.deepEqual(connect.body.session, { sdp_type: 'offer', sdp: SIM_SDP_OFFER });
				ctx.note(`calling · n8n ${ctx.major}: permission request ${sentItem.messageId} → accepted → item ${JSON.stringify({ callPermission: item.callPermission, callPermissionExpiresAt: item.callPermissionExpiresAt })}; Get Permissions → ${permission?.permissionStatus}; Connect → ${connected.callId} (${Date.now() - t0} ms)`);
			},
		},
		{
			name: 'a missed call (connect, then terminate unanswered) runs trigger → Filter missedCall → Send Text to the caller: one text, to the caller, contract-valid',
			async run(ctx, s) {
				const t0 = Date.now();
				const since = messagesSent(s.sim).length;
				const { callId, connect, terminate } = missedCall(s.sim.state);
				const ringing = await deliver(s, s.missed, connect);
				assert.equal(runItems(ringing, CALL_BACK), undefined, 'the connect event sent a text');
				const ended = await deliver(s, s.missed, terminate);
				assert.equal(ended.status, 'success', JSON.stringify(ended.data?.resultData?.error ?? {}));
				const [item] = runItems(ended, TRIGGER) ?? [];
				assert.deepEqual(
					{ event: item?.event, callEvent: item?.callEvent, callId: item?.callId, missedCall: item?.missedCall, recipient: item?.recipient },
					{ event: 'calls', callEvent: 'terminate', callId, missedCall: true, recipient: CUSTOMER_WA_ID },
				);
				const sends = messagesSent(s.sim, since);
				assert.equal(sends.length, 1, `expected one text, got ${JSON.stringify(sends.map((r) => r.body))}`);
				assertContractValid(sends[0]);
				assert.deepEqual(sends[0].body, { messaging_product: 'whatsapp', recipient_type: 'individual', to: CUSTOMER_WA_ID, type: 'text', text: { body: MISSED_CALL_TEXT, preview_url: false } });
				ctx.note(`calling · n8n ${ctx.major}: missed call ${callId} → 2 executions (connect: no text; terminate: missedCall true) → 1 text to ${CUSTOMER_WA_ID} (${Date.now() - t0} ms)`);
			},
		},
		{
			name: "Reject a ringing call; Pre-Accept, Accept (SDP passed through) and Terminate another; a second Terminate fails with Meta's error (the call is over)",
			async run(ctx, s) {
				const t0 = Date.now();
				callingOn(s.sim);
				const ringing = userCalls(s.sim.state).callId;
				const talking = userCalls(s.sim.state).callId;
				// The media server's SDP answer would come from the connect item's sdp; the simulator's offer stands in.
				const answer = SIM_SDP_OFFER;
				const { res } = await runByWebhook(ctx, s.n8n, 'reject, pre-accept, accept and terminate', [
					callNode(s.cred, 'reject', { callId: ringing }, 'Reject'),
					callNode(s.cred, 'preAccept', { callId: talking, sdp: answer }, 'Pre-Accept'),
					callNode(s.cred, 'accept', { callId: talking, sdp: answer }, 'Accept'),
					callNode(s.cred, 'terminate', { callId: talking }, 'Terminate'),
				]);
				assert.deepEqual(bodyItems(res).map((i) => [i.action, i.callId, i.success]), [['terminate', talking, true]]);
				const calls = s.sim.requests({ pathIncludes: '/calls' }).slice(-4);
				const session = { sdp_type: 'answer', sdp: answer };
				assert.deepEqual(calls.map((r) => r.body), [
					{ messaging_product: 'whatsapp', call_id: ringing, action: 'reject' },
					{ messaging_product: 'whatsapp', call_id: talking, action: 'pre_accept', session },
					{ messaging_product: 'whatsapp', call_id: talking, action: 'accept', session },
					{ messaging_product: 'whatsapp', call_id: talking, action: 'terminate' },
				]);
				for (const r of calls) assertContractValid(r, `/${GRAPH_VERSION}/${PHONE_NUMBER_ID}/calls`);

				const again = await runByWebhook(ctx, s.n8n, 'terminate again', [callNode(s.cred, 'terminate', { callId: talking })]);
				const failure = await latestFailure(again.wf);
				assert.match(failure, /100|Invalid parameter/, failure);
				ctx.note(`calling · n8n ${ctx.major}: Reject ${ringing.slice(0, 14)}…; Pre-Accept, Accept, Terminate ${talking.slice(0, 14)}… → success; Terminate again → "${failure}" (${Date.now() - t0} ms)`);
			},
		},
	],
});
