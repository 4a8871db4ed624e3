/**
 * How the package names a WhatsApp user. Since WhatsApp usernames (2026) a user is either a phone
 * number (`wa_id`, digits with country code) or a business-scoped user ID (BSUID, `user_id`):
 * ISO country code, a dot, up to 128 letters and digits ("US.13491208655302741918"); a parent
 * BSUID (`parent_user_id`, shared across linked portfolios) has `ENT.` after the country code.
 * Meta withholds the phone number of a user who adopted a username, so nothing may assume a user
 * is a phone number. Source: Meta, "Business-scoped user IDs"
 * (developers.facebook.com/documentation/business-messaging/whatsapp/business-scoped-user-ids).
 */

/** A BSUID or parent BSUID, exactly as Meta writes them. */
const BSUID = /^[A-Z]{2}\.(?:ENT\.)?[A-Za-z0-9]{1,128}$/;
const PARENT_BSUID = /^[A-Z]{2}\.ENT\.[A-Za-z0-9]{1,128}$/;

/** Example values for labels, hints and errors: the two formats a recipient field takes. */
export const USER_ID_EXAMPLE = 'US.13491208655302741918';
export const PHONE_EXAMPLE = '+1 555 123 4567';

/** True for a BSUID or a parent BSUID (surrounding spaces ignored). */
export function isUserId(value: unknown): value is string {
	return typeof value === 'string' && BSUID.test(value.trim());
}

/** True for a parent BSUID only. */
export function isParentUserId(value: unknown): value is string {
	return typeof value === 'string' && PARENT_BSUID.test(value.trim());
}

/**
 * A WhatsApp group's ID as the Groups API gives it: a long token of letters and digits only
 * (Meta's examples: base64 of "capi_group:<number>:<id>" with Graph's "ZD" ending, 50+ characters),
 * so never a phone number (digits) nor a BSUID (it has a dot) nor a mistyped one (a dash). Source:
 * Meta, "Group management" (developers.facebook.com/documentation/business-messaging/whatsapp/groups/reference).
 */
const GROUP_ID = /^(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{20,}$/;

/** True for a value shaped like a group ID (surrounding spaces ignored). */
export function isGroupId(value: unknown): value is string {
	return typeof value === 'string' && GROUP_ID.test(value.trim());
}

/**
 * Where a recipient goes in a Cloud API send body: a phone number (digits) in `to`, a BSUID or
 * parent BSUID in `recipient` — never both (Meta: when both are present `to` wins, so sending
 * both would silently ignore the BSUID). A group (Meta's recipient_type "group") goes in `to`.
 */
export function addressee(recipient: string, kind: 'individual' | 'group' = 'individual'): { to: string } | { recipient: string } {
	const value = recipient.trim();
	return kind === 'individual' && isUserId(value) ? { recipient: value } : { to: value };
}
