/**
 * Trigger items around calls (issue 22): the user's answer to a call permission request is a
 * message item with the decision flat (callPermission, permanence, expiry, source) and the request
 * it answers (replyToMessageId); a missed call (a user's call that ended unanswered) is flagged
 * missedCall, an answered one is not; a connect event carries its SDP flat for the media server.
 * The deliveries are the simulator's (tools/simulator/callingEvents.ts), checked against the contract.
 */
import { validateWebhook } from '../../../tools/contract/validate';
import { callEnds, missedCall, permissionReply, SIM_SDP_OFFER, userCalls } from '../../../tools/simulator/callingEvents';
import { callingOf } from '../../../tools/simulator/callingState';
import { CUSTOMER_USER_ID, CUSTOMER_WA_ID, USERNAME_CUSTOMER_USER_ID } from '../../../tools/simulator/fixtures';
import { createState } from '../../../tools/simulator/state';
import { fanOut } from '../../../nodes/WhatsAppCloudTrigger/fanOut';

function items(payload: unknown) {
	expect(validateWebhook(payload).errors).toEqual([]);
	return fanOut(payload).map((e) => e.json);
}

describe('call permission replies', () => {
	it('an acceptance: a message item, decision flat, expiry in 7 days, answering the request', () => {
		const state = createState();
		const [item] = items(permissionReply(state, { response: 'accept', messageId: 'wamid.request1' }));
		expect(item).toMatchObject({
			event: 'message',
			type: 'interactive',
			text: 'accept',
			callPermission: 'accept',
			callPermissionPermanent: false,
			callPermissionSource: 'user_action',
			replyToMessageId: 'wamid.request1',
			waId: CUSTOMER_WA_ID,
			userId: CUSTOMER_USER_ID,
			recipient: CUSTOMER_WA_ID,
		});
		const days = (Date.parse(String(item.callPermissionExpiresAt)) - Date.now()) / 86_400_000;
		expect(days).toBeGreaterThan(6.99);
		expect(days).toBeLessThanOrEqual(7);
	});

	it('a permanent acceptance has no expiry; a rejection from a username user is named by BSUID', () => {
		const state = createState();
		const [permanent] = items(permissionReply(state, { response: 'accept', permanent: true, messageId: 'wamid.r' }));
		expect(permanent).toMatchObject({ callPermission: 'accept', callPermissionPermanent: true, callPermissionExpiresAt: null });
		const [rejected] = items(permissionReply(state, { response: 'reject', customer: 'username', messageId: 'wamid.r2' }));
		expect(rejected).toMatchObject({ callPermission: 'reject', callPermissionExpiresAt: null, waId: null, recipient: USERNAME_CUSTOMER_USER_ID });
	});

	it('other messages get no call permission fields', () => {
		const [item] = items(userCalls(createState()).payload);
		expect(item).not.toHaveProperty('callPermission');
	});
});

describe('call items', () => {
	it('a missed call: connect (SDP offer flat, not missed), then terminate flagged missedCall', () => {
		const state = createState();
		const { callId, connect, terminate } = missedCall(state);
		const [ringing] = items(connect);
		expect(ringing).toMatchObject({ event: 'calls', callEvent: 'connect', callId, missedCall: false, sdpType: 'offer', sdp: SIM_SDP_OFFER, recipient: CUSTOMER_WA_ID });
		const [ended] = items(terminate);
		expect(ended).toMatchObject({ callEvent: 'terminate', callId, missedCall: true, callStatus: 'FAILED', duration: null, sdp: null, recipient: CUSTOMER_WA_ID });
	});

	it('an answered call that ends is no missed call', () => {
		const state = createState();
		const { callId } = userCalls(state);
		callingOf(state).calls[callId].answeredAt = Math.floor(Date.now() / 1000) - 42;
		const [ended] = items(callEnds(state, callId).payload);
		expect(ended).toMatchObject({ callStatus: 'COMPLETED', missedCall: false });
		expect(ended.duration).toBeGreaterThanOrEqual(42);
	});
});
