/**
 * `calls` (Calling API): one item per call event and per call status. Meta: `calls[] {id (wacid…),
 * from, to, event: "connect" | "terminate", timestamp, direction: "USER_INITIATED" |
 * "BUSINESS_INITIATED", session {sdp_type, sdp}, biz_opaque_callback_data}`; a terminate adds
 * `status` ("COMPLETED" / "FAILED"), `start_time`, `end_time`, `duration` (seconds) and, on
 * failure, `errors[]`; a business-initiated call also reports `statuses[] {id, type: "call", status:
 * "RINGING" | "ACCEPTED" | "REJECTED", recipient_id}`. With usernames the user's side also carries
 * `from_user_id` / `to_user_id` (and `_parent_user_id`). Sources: Meta, "User-initiated calls",
 * "Business-initiated calls" and "API and Webhook Reference" of the Calling API
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/calling/reference/),
 * "Business-scoped user IDs" (calling webhooks). A connect event's SDP (`session`) is flat as
 * sdpType / sdp, for the media server that answers it (Call → Pre-Accept / Accept). `missedCall`:
 * a user's call that ended without ever being answered — a terminate of a USER_INITIATED call with
 * no start_time and no duration above 0 (our reading: Meta sets start_time and duration only for a
 * connected call and has no "missed" status).
 */
import { finiteNumber, isObj, isoTimestamp, str, type Obj } from '../../shared/jsonValues';
import { errorFields } from '../messageFields';
import { Contacts, type UserIds } from '../userFields';
import type { FieldItem } from './fieldItems';
import { objects, ownIds, partyIds, userOf } from './userIdentity';

/** The customer's side of a call: the caller of a user-initiated call, the callee of a business-initiated one. */
function customerOf(call: Obj, businessNumber: string | null): UserIds {
	const direction = str(call.direction);
	if (direction === 'USER_INITIATED') return partyIds(call, 'from');
	if (direction === 'BUSINESS_INITIATED') return partyIds(call, 'to');
	// No direction: the side that is not the business's own number.
	const from = str(call.from);
	return from !== null && from === businessNumber ? partyIds(call, 'to') : partyIds(call, 'from');
}

/** A user's call that ended unanswered. */
function missed(call: Obj, event: string | null): boolean {
	if (event !== 'terminate' || str(call.direction) !== 'USER_INITIATED') return false;
	const duration = finiteNumber(call.duration);
	return isoTimestamp(call.start_time) === null && (duration === null || duration <= 0);
}

/** Call events and call statuses, in Meta's order (events first). */
export function callEvents(value: Obj): FieldItem[] {
	const contacts = new Contacts(value);
	const metadata = isObj(value.metadata) ? value.metadata : {};
	const businessNumber = str(metadata.display_phone_number);
	const events: FieldItem[] = objects(value.calls).map((call) => {
		const event = str(call.event);
		const session = isObj(call.session) ? call.session : undefined;
		return {
			fields: {
				callId: str(call.id),
				callEvent: event,
				direction: str(call.direction),
				callStatus: str(call.status),
				from: str(call.from),
				to: str(call.to),
				startTime: isoTimestamp(call.start_time),
				endTime: isoTimestamp(call.end_time),
				duration: finiteNumber(call.duration),
				bizOpaqueCallbackData: str(call.biz_opaque_callback_data),
				missedCall: missed(call, event),
				sdpType: session ? str(session.sdp_type) : null,
				sdp: session ? str(session.sdp) : null,
				...errorFields(call.errors),
			},
			user: userOf(customerOf(call, businessNumber), contacts),
			part: call,
			timestamp: call.timestamp,
			type: event,
		};
	});
	const statuses: FieldItem[] = objects(value.statuses).map((status) => {
		const callStatus = str(status.status);
		return {
			fields: {
				callId: str(status.id),
				callEvent: 'status',
				direction: 'BUSINESS_INITIATED',
				callStatus,
				bizOpaqueCallbackData: str(status.biz_opaque_callback_data),
				...errorFields(status.errors),
			},
			user: userOf(ownIds({ wa_id: status.recipient_id, user_id: status.recipient_user_id, parent_user_id: status.recipient_parent_user_id }), contacts),
			part: status,
			timestamp: status.timestamp,
			type: callStatus !== null ? callStatus.toLowerCase() : 'status',
		};
	});
	return [...events, ...statuses];
}
