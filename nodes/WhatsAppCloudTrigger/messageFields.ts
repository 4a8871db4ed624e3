import type { IDataObject } from 'n8n-workflow';

import { finiteNumber, isObj, isoTimestamp, str, type Obj } from '../shared/jsonValues';
import { metaErrorHint } from '../shared/transport/metaErrors';
import { phoneOf, type UserIds } from './userFields';

const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);

/** A location's coordinates as "latitude, longitude" (as Meta wrote the numbers); null without both. */
function coordinates(location: Obj): string | null {
	const latitude = finiteNumber(location.latitude);
	const longitude = finiteNumber(location.longitude);
	return latitude !== null && longitude !== null ? `${latitude}, ${longitude}` : null;
}

/**
 * What the user typed or tapped, as plain text: the text body, a quick-reply button's label,
 * a list / reply button's title, a Flow's reply, a reaction's emoji, a location's name and
 * address (its coordinates "latitude, longitude" when it has neither), a media caption, shared
 * contacts' names, a system notice. Null when the message carries no text (stickers, audio,
 * unknown types).
 */
export function messageText(message: Obj): { text: string | null; replyId: string | null } {
	const type = str(message.type);
	const part = (type !== null && isObj(message[type]) ? message[type] : {}) as Obj;
	switch (type) {
		case 'text':
			return { text: str(part.body), replyId: null };
		case 'button':
			return { text: str(part.text), replyId: str(part.payload) };
		case 'interactive': {
			const replyType = str(part.type);
			const reply = (replyType !== null && isObj(part[replyType]) ? part[replyType] : {}) as Obj;
			if (replyType === 'nfm_reply') return { text: str(reply.body) ?? str(reply.name), replyId: str(reply.name) };
			if (replyType === 'call_permission_reply') return { text: str(reply.response), replyId: null };
			return { text: str(reply.title), replyId: str(reply.id) };
		}
		case 'reaction':
			return { text: str(part.emoji), replyId: null };
		case 'location': {
			const words = [str(part.name), str(part.address)].filter((w): w is string => w !== null);
			return { text: words.length ? words.join(', ') : coordinates(part), replyId: null };
		}
		case 'image':
		case 'video':
		case 'document':
		case 'audio':
		case 'sticker':
			return { text: str(part.caption) ?? (type === 'document' ? str(part.filename) : null), replyId: null };
		case 'order':
			return { text: str(part.text), replyId: null };
		case 'system':
			return { text: str(part.body), replyId: null };
		case 'contacts': {
			const names = arr(message.contacts)
				.filter(isObj)
				.map((c) => (isObj(c.name) ? str(c.name.formatted_name) : null))
				.filter((n): n is string => n !== null);
			return { text: names.length ? names.join(', ') : null, replyId: null };
		}
		default:
			return { text: null, replyId: null };
	}
}

/** System message types that change who a user is (Meta, "System messages webhook reference"). */
const IDENTITY_CHANGES = new Set(['user_changed_number', 'user_changed_user_id']);

/**
 * A system message saying a user changed number (`user_changed_number`) or BSUID
 * (`user_changed_user_id`): the old identifiers (the message's sender, or `system.previous_*`)
 * and the new ones (`system.wa_id`, `user_id`, `parent_user_id`); null for any other message.
 * Source: Meta, "System messages webhook reference" (webhooks/reference/messages/system).
 */
export function identityChange(message: Obj, sender: UserIds): { previous: UserIds; next: UserIds } | null {
	const system = isObj(message.system) ? message.system : undefined;
	const type = str(system?.type);
	if (str(message.type) !== 'system' || !system || type === null || !IDENTITY_CHANGES.has(type)) return null;
	const next = { waId: phoneOf(system.wa_id), userId: str(system.user_id), parentUserId: str(system.parent_user_id) };
	const previous = {
		waId: sender.waId,
		userId: str(system.previous_user_id) ?? sender.userId,
		parentUserId: str(system.previous_parent_user_id) ?? sender.parentUserId,
	};
	return { previous, next };
}

/** The item fields of an identity change. */
export function identityChangeFields(change: { previous: UserIds; next: UserIds }): IDataObject {
	return {
		previousWaId: change.previous.waId,
		newWaId: change.next.waId,
		previousUserId: change.previous.userId,
		newUserId: change.next.userId,
		previousParentUserId: change.previous.parentUserId,
		newParentUserId: change.next.parentUserId,
	};
}

/**
 * The phone number a user shared by answering a REQUEST_CONTACT_INFO button: a `contacts`
 * message whose `origin` (on the message, or on its contact entry) is "contact_request"; its
 * first phone's `wa_id`, else the number as written. Null for any other message (a card shared
 * by hand, origin "other", is someone else's number). Source: Meta, "Business-scoped user IDs",
 * "Requesting phone numbers from users".
 */
export function sharedPhoneNumber(message: Obj): string | null {
	if (str(message.type) !== 'contacts') return null;
	const contact = arr(message.contacts).find(isObj);
	if (!contact || (str(message.origin) ?? str(contact.origin)) !== 'contact_request') return null;
	const phone = arr(contact.phones).find(isObj);
	return phone ? (str(phone.wa_id) ?? str(phone.phone)) : null;
}

/**
 * The user's answer to a call permission request (an interactive call_permission_reply; Meta,
 * "Obtain user call permissions",
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/calling/user-call-permissions):
 * the decision (accept / reject), whether it is permanent, when it expires (ISO; null when
 * permanent or rejected) and its source (user_action, or automatic when the user called and the
 * number's callback permission is on). The message's replyToMessageId names the request (or the
 * call). Empty for any other message.
 */
export function callPermissionFields(message: Obj): IDataObject {
	const interactive = isObj(message.interactive) ? message.interactive : undefined;
	// The other interactive reply with fields of its own: a completed Flow (the fan-out reads both through here).
	if (str(message.type) === 'interactive' && interactive && str(interactive.type) === 'nfm_reply') return flowReplyFields(interactive);
	if (str(message.type) !== 'interactive' || !interactive || str(interactive.type) !== 'call_permission_reply') return {};
	const reply = isObj(interactive.call_permission_reply) ? interactive.call_permission_reply : {};
	return {
		callPermission: str(reply.response),
		callPermissionPermanent: typeof reply.is_permanent === 'boolean' ? reply.is_permanent : null,
		callPermissionExpiresAt: isoTimestamp(reply.expiration_timestamp),
		callPermissionSource: str(reply.response_source),
	};
}

/**
 * A completed Flow (`nfm_reply`): its `response_json` parsed (`flowResponse`, null when it is not
 * a JSON object) and the `flow_token` in it (`flowToken`), the token the Flow was sent with and
 * its data endpoint's requests carried, so a workflow can join the completion to them.
 */
export function flowReplyFields(interactive: Obj): IDataObject {
	const reply = isObj(interactive.nfm_reply) ? interactive.nfm_reply : {};
	let response: unknown = null;
	if (typeof reply.response_json === 'string') {
		try {
			response = JSON.parse(reply.response_json);
		} catch {
			response = null;
		}
	} else if (isObj(reply.response_json)) response = reply.response_json;
	const flowResponse = isObj(response) ? (response as IDataObject) : null;
	return { flowToken: flowResponse ? str(flowResponse.flow_token) : null, flowResponse };
}

/** An error code as Meta sends it (a number, or digits in a string); null for anything else. */
export function errorCodeOf(value: unknown): number | null {
	if (typeof value === 'number') return Number.isSafeInteger(value) ? value : null;
	if (typeof value === 'string' && /^\d{1,12}$/.test(value)) return Number(value);
	return null;
}

/**
 * The first of Meta's `errors[]` (a failed status, call, group request or declined history sync)
 * as flat fields: its code, title (Meta's `title`, else its `message`) and our hint saying what the
 * code means and what to do; all null when there is no error.
 */
export function errorFields(errors: unknown): { errorCode: number | null; errorTitle: string | null; errorHint: string | null } {
	const first = arr(errors).find(isObj);
	const errorCode = errorCodeOf(first?.code);
	return {
		errorCode,
		errorTitle: str(first?.title) ?? str(first?.message),
		errorHint: metaErrorHint(errorCode) ?? null,
	};
}

/**
 * Groups: a message a participant writes in a group carries the group's ID in `group_id`; `from`
 * and the contact are the participant (Meta, "Group messaging" → "Receive group messages",
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/groups/groups-messaging).
 * `groupId` is null for a one-to-one message, as on statuses; answer the group with Send To: Group.
 */
export function groupMessageFields(message: Obj): { groupId: string | null } {
	return { groupId: str(message.group_id) };
}
