/**
 * The simulator playing the WhatsApp user around calls, as Meta's webhooks tell it (Calling API:
 * "User-initiated calls", "Business-initiated calls", "Obtain user call permissions",
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/calling/): the user
 * calls the business (a `calls` connect event with the SDP offer), a call ends (terminate: COMPLETED
 * with start_time, end_time and duration when it was answered; a user's call nobody answered ends
 * FAILED without them — a missed call), a business call rings / is accepted / rejected (call
 * statuses), and the user answers a call permission request (a `messages` delivery: interactive
 * call_permission_reply, context.id = the request's wamid). Each builder updates the calling state
 * (callingState.ts) the way Meta would: an accepted request grants permission, a user's call grants
 * a temporary one when the number's callback permission is on. Post the payloads with
 * Simulator.postWebhook (signed).
 */
import { WABA_ID } from './fixtures';
import { CUSTOMER, contactEntry, contactOf, incomingDelivery, metadataOf, now, userIdOf, type Contact, type Customer } from './customer';
import { callingOf, grantPermission, revokePermission, settingsOf, startCall, type SimCall } from './callingState';
import type { SimState } from './state';
import { PHONE_NUMBER_ID } from './fixtures';

/** A stand-in SDP offer (the simulator carries no media; Meta's example is an RFC 8866 offer). */
export const SIM_SDP_OFFER = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=rtpmap:111 opus/48000/2\r\n';

/** The user's side of a call as Meta names it: phone digits when shared, else the BSUID. */
const userKey = (contact: Contact) => contact.waId ?? userIdOf(contact);

/** A delivery of the `calls` field for the business number. */
function callsDelivery(phoneNumberId: string, contact: Contact, value: Record<string, unknown>) {
	return {
		object: 'whatsapp_business_account',
		entry: [
			{
				id: WABA_ID,
				changes: [
					{ field: 'calls', value: { messaging_product: 'whatsapp', metadata: metadataOf(phoneNumberId), contacts: [contactEntry(contact)], ...value } },
				],
			},
		],
	};
}

/** The user's side of a call event: `from` (a user's call) or `to` (a business call), by phone number or BSUID. */
function sides(call: SimCall, contact: Contact): Record<string, string> {
	const business = metadataOf(call.phoneNumberId).display_phone_number;
	const user = call.direction === 'USER_INITIATED' ? 'from' : 'to';
	const other = user === 'from' ? 'to' : 'from';
	return { [other]: business, ...(contact.waId ? { [user]: contact.waId } : {}), [`${user}_user_id`]: userIdOf(contact) };
}

function contactOfCall(call: SimCall): Contact {
	if (call.user === CUSTOMER.waId) return CUSTOMER;
	return /^[0-9]+$/.test(call.user) ? { waId: call.user, name: 'Sim Customer' } : { userId: call.user, name: 'Sim Customer' };
}

/**
 * The user calls the business: a ringing user-initiated call and its connect webhook. With the
 * number's callback permission on, calling grants the business a temporary permission (Meta).
 */
export function userCalls(state: SimState, opts: { customer?: Customer; phoneNumberId?: string } = {}) {
	const contact = contactOf(opts.customer ?? 'phone');
	const phoneNumberId = opts.phoneNumberId ?? PHONE_NUMBER_ID;
	const call = startCall(state, { phoneNumberId, direction: 'USER_INITIATED', user: userKey(contact) });
	if (settingsOf(state, phoneNumberId).callback_permission_status === 'ENABLED') grantPermission(state, phoneNumberId, call.user, false);
	const payload = callsDelivery(phoneNumberId, contact, {
		calls: [{ id: call.id, ...sides(call, contact), event: 'connect', timestamp: now(), direction: call.direction, session: { sdp_type: 'offer', sdp: SIM_SDP_OFFER } }],
	});
	return { callId: call.id, payload };
}

function callOf(state: SimState, callId: string): SimCall {
	const call = callingOf(state).calls[callId];
	if (!call) throw new Error(`no call ${callId}`);
	return call;
}

/** The call ends (either side hung up, or nobody answered): Meta's terminate webhook. */
export function callEnds(state: SimState, callId: string) {
	const call = callOf(state, callId);
	const contact = contactOfCall(call);
	const end = Math.floor(Date.now() / 1000);
	const answered = call.answeredAt !== undefined;
	call.stage = 'ended';
	const payload = callsDelivery(call.phoneNumberId, contact, {
		calls: [
			{
				id: call.id,
				...sides(call, contact),
				event: 'terminate',
				timestamp: String(end),
				direction: call.direction,
				status: answered ? 'COMPLETED' : 'FAILED',
				...(answered ? { start_time: String(call.answeredAt), end_time: String(end), duration: end - (call.answeredAt ?? end) } : {}),
				...(call.bizOpaqueCallbackData ? { biz_opaque_callback_data: call.bizOpaqueCallbackData } : {}),
			},
		],
	});
	return { callId, payload };
}

/** A missed call: the user calls, nobody answers, the call ends. Both deliveries, in Meta's order. */
export function missedCall(state: SimState, opts: { customer?: Customer; phoneNumberId?: string } = {}) {
	const connect = userCalls(state, opts);
	return { callId: connect.callId, connect: connect.payload, terminate: callEnds(state, connect.callId).payload };
}

/** A business-initiated call rings, is accepted or rejected by the user: a call status webhook. */
export function callStatus(state: SimState, callId: string, status: 'RINGING' | 'ACCEPTED' | 'REJECTED') {
	const call = callOf(state, callId);
	if (call.direction !== 'BUSINESS_INITIATED') throw new Error(`${callId} is not a business-initiated call`);
	const contact = contactOfCall(call);
	if (status === 'ACCEPTED') {
		call.stage = 'accepted';
		call.answeredAt = Math.floor(Date.now() / 1000);
	}
	if (status === 'REJECTED') call.stage = 'ended';
	const recipient = contact.waId ? { recipient_id: contact.waId } : { recipient_user_id: userIdOf(contact) };
	return callsDelivery(call.phoneNumberId, contact, { statuses: [{ id: call.id, type: 'call', status, timestamp: now(), ...recipient }] });
}

/** The latest call permission request the business sent to `contact` (its wamid). */
function latestRequest(state: SimState, contact: Contact): { id: string; phoneNumberId: string } {
	const list = state.sentMessages.filter((m) => {
		const body = m.body as { to?: string; recipient?: string; interactive?: { type?: string } };
		const to = body.recipient ?? String(body.to ?? '').replace(/[^0-9]/g, '');
		return body.interactive?.type === 'call_permission_request' && (to === contact.waId || to === contact.userId);
	});
	const last = list[list.length - 1];
	if (!last) throw new Error('the business sent this customer no call permission request');
	return last;
}

/**
 * The user answers the business's call permission request (the latest one sent to them, or
 * `messageId`): accept (for 7 days, or for good with `permanent`) or reject. Meta's webhook is an
 * interactive message of type call_permission_reply; the simulator's permission follows it.
 */
export function permissionReply(
	state: SimState,
	opts: { response: 'accept' | 'reject'; permanent?: boolean; customer?: Customer; messageId?: string; phoneNumberId?: string },
) {
	const contact = contactOf(opts.customer ?? 'phone');
	const request = opts.messageId ? { id: opts.messageId, phoneNumberId: opts.phoneNumberId ?? PHONE_NUMBER_ID } : latestRequest(state, contact);
	const key = userKey(contact);
	const permanent = opts.response === 'accept' && opts.permanent === true;
	let expiration: number | undefined;
	if (opts.response === 'accept') expiration = grantPermission(state, request.phoneNumberId, key, permanent).expiration_time;
	else revokePermission(state, request.phoneNumberId, key);
	const reply = {
		response: opts.response,
		is_permanent: permanent,
		...(expiration !== undefined ? { expiration_timestamp: expiration } : {}),
		response_source: 'user_action',
	};
	return incomingDelivery(
		request.phoneNumberId,
		{
			context: { from: metadataOf(request.phoneNumberId).display_phone_number, id: request.id },
			type: 'interactive',
			interactive: { type: 'call_permission_reply', call_permission_reply: reply },
		},
		contact,
	);
}
