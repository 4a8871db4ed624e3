/**
 * Fields about customers: marketing preferences, echoes of what the business sent from another
 * client, contact-book sync (coexistence), plus history (historyEvents.ts), calls (callEvents.ts)
 * and groups (groupEvents.ts). Every item names its user by phone number and/or BSUID: a user Meta
 * knows only by BSUID gets `waId: null` and the BSUID as `recipient`.
 */
import { isObj, str, type Obj } from '../../shared/jsonValues';
import { messageText } from '../messageFields';
import { Contacts } from '../userFields';
import { callEvents } from './callEvents';
import type { FieldItem, FieldMapper } from './fieldItems';
import { groupEventMappers } from './groupEvents';
import { historyEvents } from './historyEvents';
import { objects, ownIds, partyIds, splitParts, userOf } from './userIdentity';

/**
 * `user_preferences`: one item per preference change — a customer stopped or resumed marketing
 * messages. Meta: `user_preferences[] {wa_id, detail, category: "marketing_messages", value:
 * "stop" | "resume", timestamp}` beside `contacts[]`; with usernames also `user_id` /
 * `parent_user_id`. Source: Meta, "user_preferences webhook reference"
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/user_preferences)
 * and "Business-scoped user IDs" (the same identifiers on every user webhook).
 */
function userPreferences(value: Obj): FieldItem[] {
	const contacts = new Contacts(value);
	return objects(value.user_preferences).map((preference) => {
		const choice = str(preference.value);
		return {
			fields: { category: str(preference.category), preference: choice, detail: str(preference.detail) },
			user: userOf(ownIds(preference), contacts),
			part: preference,
			timestamp: preference.timestamp,
			type: choice,
			text: str(preference.detail),
		};
	});
}

/**
 * `smb_message_echoes` (sent from the WhatsApp Business app or a linked device, coexistence) and
 * `message_echoes` (sent by another Cloud API client of the number): one item per echo. The user
 * is the customer it went to (`to`, `to_user_id`, `to_parent_user_id`); `from` is the business
 * number. Meta: `message_echoes[] {from, to, id, timestamp, type, <type>: {…}}`. Source: Meta,
 * "smb_message_echoes webhook reference"
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/smb_message_echoes)
 * and ".../webhooks/reference/message_echoes"; BSUID fields: "Business-scoped user IDs".
 */
function messageEchoes(value: Obj): FieldItem[] {
	const contacts = new Contacts(value);
	return objects(value.message_echoes).map((echo) => {
		const context = isObj(echo.context) ? echo.context : undefined;
		return {
			fields: {
				messageId: str(echo.id),
				from: str(echo.from),
				to: str(echo.to) ?? str(echo.to_user_id),
				replyToMessageId: context ? str(context.id) : null,
			},
			user: userOf(partyIds(echo, 'to'), contacts),
			part: echo,
			timestamp: echo.timestamp,
			type: str(echo.type),
			text: messageText(echo).text,
		};
	});
}

/**
 * `smb_app_state_sync`: one item per contact the business added, edited (`add`) or removed
 * (`remove`) in the WhatsApp Business app's contact book. Meta: `state_sync[] {type: "contact",
 * contact: {full_name, first_name, phone_number}, action, metadata: {timestamp}}`; names are
 * absent on removal. Source: Meta, "smb_app_state_sync webhook reference"
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/smb_app_state_sync).
 * A contact's `user_id` / `parent_user_id` (BSUID) are read too when Meta sends them.
 */
function appStateSync(value: Obj): FieldItem[] {
	const contacts = new Contacts(value);
	return objects(value.state_sync).map((sync) => {
		const contact = isObj(sync.contact) ? sync.contact : {};
		const metadata = isObj(sync.metadata) ? sync.metadata : {};
		const action = str(sync.action);
		const fullName = str(contact.full_name);
		const user = userOf(ownIds({ ...contact, wa_id: contact.phone_number }), contacts);
		// The contact-book name is the name the business gave the user: the item's contactName.
		const named = fullName !== null ? { ...user, contact: { ...user.contact, profile: { name: fullName } } } : user;
		return {
			fields: {
				action,
				syncType: str(sync.type),
				fullName,
				firstName: str(contact.first_name),
				phoneNumber: str(contact.phone_number),
			},
			user: named,
			part: sync,
			timestamp: metadata.timestamp,
			type: action,
			text: fullName,
		};
	});
}

export const userEventMappers: Record<string, FieldMapper> = {
	user_preferences: (value) => splitParts(userPreferences(value)),
	smb_message_echoes: (value) => splitParts(messageEchoes(value)),
	message_echoes: (value) => splitParts(messageEchoes(value)),
	smb_app_state_sync: (value) => splitParts(appStateSync(value)),
	history: (value) => splitParts(historyEvents(value)),
	calls: (value) => splitParts(callEvents(value)),
	...groupEventMappers,
};
