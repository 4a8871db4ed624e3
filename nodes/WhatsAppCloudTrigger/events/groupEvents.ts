/**
 * The Groups API's fields: `group_lifecycle_update` (created / deleted), `group_participants_update`
 * (added, removed, left, join requests), `group_settings_update` (subject, description, picture)
 * and `group_status_update` (suspended / suspension cleared). Meta: `groups[] {timestamp, group_id,
 * type, request_id, subject, description, invite_link, join_approval_mode, added_participants[] /
 * removed_participants[] {input, wa_id}, initiated_by, reason, join_request_id, group_subject /
 * group_description {text}, profile_picture, errors[]}`; with usernames a participant also has
 * `user_id` / `parent_user_id`. Sources: the v23.0 contract's group examples
 * (tools/contract/meta), Meta, "Webhooks for Groups API"
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/groups/webhooks),
 * "Business-scoped user IDs".
 */
import type { IDataObject } from 'n8n-workflow';

import { isObj, str, type Obj } from '../../shared/jsonValues';
import { errorFields } from '../messageFields';
import { Contacts, type UserIds } from '../userFields';
import type { FieldItem, FieldMapper } from './fieldItems';
import { nobody, objects, ownIds, splitParts, userOf } from './userIdentity';

/** A participant as flat identifiers (`input` = what the request named it by). */
function participant(p: Obj): IDataObject {
	const ids = ownIds(p);
	return { waId: ids.waId, userId: ids.userId, parentUserId: ids.parentUserId, input: str(p.input) };
}

/** A text Meta sends plain (`subject`) or, on settings updates, as `{text}` (`group_subject`). */
function textOf(plain: unknown, wrapped: unknown): string | null {
	return str(plain) ?? (isObj(wrapped) ? str(wrapped.text) : null);
}

/** The one user a group event is about: the lone participant added or removed, else the requester (join requests). */
function userOfGroupEvent(group: Obj, people: Obj[]): UserIds | undefined {
	if (people.length === 1) return ownIds(people[0]);
	const requester = ownIds(group);
	return nobody(requester) ? undefined : requester;
}

/** One item per `groups[]` entry. */
function groupEvents(value: Obj): FieldItem[] {
	const contacts = new Contacts(value);
	return objects(value.groups).map((group) => {
		const added = objects(group.added_participants);
		const removed = objects(group.removed_participants);
		const subject = textOf(group.subject, group.group_subject);
		return {
			fields: {
				groupId: str(group.group_id),
				requestId: str(group.request_id),
				subject,
				description: textOf(group.description, group.group_description),
				inviteLink: str(group.invite_link),
				joinApprovalMode: str(group.join_approval_mode),
				joinRequestId: str(group.join_request_id),
				initiatedBy: str(group.initiated_by),
				reason: str(group.reason),
				addedParticipants: added.map(participant),
				removedParticipants: removed.map(participant),
				...errorFields(group.errors),
			},
			user: userOf(userOfGroupEvent(group, [...added, ...removed]), contacts),
			part: group,
			timestamp: group.timestamp,
			type: str(group.type),
			// text stays null (as before typed items): the subject is in `subject`.
		};
	});
}

const groupItems: FieldMapper = (value) => splitParts(groupEvents(value));

export const groupEventMappers: Record<string, FieldMapper> = {
	group_lifecycle_update: groupItems,
	group_participants_update: groupItems,
	group_settings_update: groupItems,
	group_status_update: groupItems,
};
