/** Reading a user's identifiers out of the fields of webhooks other than messages. */
import { asArray, isObj, str, type Obj } from '../../shared/jsonValues';
import { isUserId } from '../../shared/userIds';
import { Contacts, merged, phoneOf, type UserIds } from '../userFields';
import type { FieldItem } from './fieldItems';

/** The objects of an array (anything else in it is skipped). */
export const objects = (x: unknown): Obj[] => asArray(x).filter(isObj);

/**
 * The user named by `<key>`, `<key>_user_id` and `<key>_parent_user_id` of an object (`to` /
 * `to_user_id` / `to_parent_user_id` of an echo …). A BSUID where Meta usually writes a phone
 * number (a user without a shareable number) counts as the BSUID.
 */
export function partyIds(o: Obj, key: string): UserIds {
	const plain = o[key];
	return {
		waId: phoneOf(plain),
		userId: str(o[`${key}_user_id`]) ?? (isUserId(plain) ? plain.trim() : null),
		parentUserId: str(o[`${key}_parent_user_id`]),
	};
}

/** The user named by `wa_id`, `user_id` and `parent_user_id` of an object (a preference, a participant …). */
export function ownIds(o: Obj): UserIds {
	return {
		waId: phoneOf(o.wa_id),
		userId: str(o.user_id) ?? (isUserId(o.wa_id) ? o.wa_id.trim() : null),
		parentUserId: str(o.parent_user_id),
	};
}

const NO_ONE: UserIds = { waId: null, userId: null, parentUserId: null };

/** True when no identifier is known. */
export const nobody = (ids: UserIds): boolean => ids.waId === null && ids.userId === null && ids.parentUserId === null;

/**
 * The FieldItem `user` for identifiers an event names: completed by the change's matching
 * `contacts[]` entry (profile name, username, the identifiers Meta withheld on the event).
 * Nobody (all null) rather than the change's lone contact when the event names no one.
 */
export function userOf(ids: UserIds | undefined, contacts: Contacts): NonNullable<FieldItem['user']> {
	if (!ids || nobody(ids)) return { ids: NO_ONE };
	const contact = contacts.of(ids);
	return { ids: merged(ids, contact), contact };
}

/**
 * A change that becomes one item keeps the whole change as its `value` and its dedupe key, as
 * before typed items; only items split from one change stand for (and key on) their own part.
 */
export function splitParts(items: FieldItem[]): FieldItem[] {
	if (items.length !== 1) return items;
	const only = { ...items[0] };
	delete only.part;
	return [only];
}
