import type { IDataObject } from 'n8n-workflow';

import { isObj, str, type Obj } from '../shared/jsonValues';
import { isUserId } from '../shared/userIds';

/**
 * Who an event is about. Since WhatsApp usernames (2026) Meta names a user by phone number
 * (`wa_id`, withheld for a user with a username), by business-scoped user ID (`user_id`, BSUID)
 * and, when enabled, by parent BSUID (`parent_user_id`); `profile.username` is a display handle
 * only. Source: Meta, "Business-scoped user IDs"
 * (developers.facebook.com/documentation/business-messaging/whatsapp/business-scoped-user-ids).
 */
export interface UserIds {
	waId: string | null;
	userId: string | null;
	parentUserId: string | null;
}

/**
 * The fields every item about a user carries: the three identifiers, the username and profile
 * name when Meta sent them, and `recipient`, the one identifier to answer with (the phone number
 * when Meta gave it, else the BSUID, else the parent BSUID).
 */
export function userFields(ids: UserIds, contact?: Obj): IDataObject {
	const profile = isObj(contact?.profile) ? contact.profile : {};
	return {
		contactName: str(profile.name),
		waId: ids.waId,
		userId: ids.userId,
		parentUserId: ids.parentUserId,
		username: str(profile.username),
		recipient: ids.waId ?? ids.userId ?? ids.parentUserId,
	};
}

/** A phone number, or null for a value that is a BSUID (a status's `recipient_id` of a BSUID send). */
export const phoneOf = (x: unknown): string | null => {
	const value = str(x);
	return value !== null && !isUserId(value) ? value : null;
};

/** The identifiers of a `contacts[]` entry. */
export function idsOfContact(contact: Obj | undefined): UserIds {
	return { waId: phoneOf(contact?.wa_id), userId: str(contact?.user_id), parentUserId: str(contact?.parent_user_id) };
}

/** What the event itself says, completed by its contact: the event's values win. */
export function merged(own: UserIds, contact: Obj | undefined): UserIds {
	const c = idsOfContact(contact);
	return { waId: own.waId ?? c.waId, userId: own.userId ?? c.userId, parentUserId: own.parentUserId ?? c.parentUserId };
}

/**
 * The `contacts[]` of one change, looked up in constant time (a change can carry thousands of
 * messages and as many contacts) by phone number, BSUID or parent BSUID; the first entry with a
 * value wins.
 */
export class Contacts {
	private readonly byKey = new Map<string, Obj>();
	private readonly only: Obj | undefined;

	constructor(value: Obj) {
		const contacts = (Array.isArray(value.contacts) ? value.contacts : []).filter(isObj);
		for (const contact of contacts) {
			const ids = idsOfContact(contact);
			for (const [kind, id] of [['w', ids.waId], ['u', ids.userId], ['p', ids.parentUserId]] as const) {
				if (id !== null && !this.byKey.has(`${kind}${id}`)) this.byKey.set(`${kind}${id}`, contact);
			}
		}
		this.only = contacts.length === 1 ? contacts[0] : undefined;
	}

	/** The contact matching any of the identifiers; none when nothing matches. */
	of(ids: UserIds): Obj | undefined {
		const { waId, userId, parentUserId } = ids;
		return (
			(userId !== null ? this.byKey.get(`u${userId}`) : undefined) ??
			(waId !== null ? this.byKey.get(`w${waId}`) : undefined) ??
			(parentUserId !== null ? this.byKey.get(`p${parentUserId}`) : undefined)
		);
	}

	/**
	 * The sender's contact. A change with exactly one contact that matches nothing still gives it
	 * to a sender known only by phone number (Meta has sent a `wa_id` differing from `from`), but
	 * never to a sender with a BSUID: a BSUID that matches no contact means the contact is someone
	 * else's.
	 */
	ofSender(ids: UserIds): Obj | undefined {
		const found = this.of(ids);
		if (found || ids.userId !== null || ids.parentUserId !== null) return found;
		return this.only !== undefined && str(this.only.user_id) === null ? this.only : undefined;
	}
}
