import { z } from 'zod';

import { isGroupId, isUserId, PHONE_EXAMPLE, USER_ID_EXAMPLE } from '../../shared/userIds';
import { parsePhoneNumber } from '../phone/phoneNumbers';

/**
 * The one recipient schema of every send (and of Block / Unblock): a WhatsApp user is a phone
 * number or, since usernames (2026), a business-scoped user ID (BSUID) or parent BSUID (Meta,
 * "Business-scoped user IDs"). A phone number is read exactly as phone/phoneNumbers.ts reads it
 * (no default country) and comes out as digits; a BSUID comes out as written, trimmed. Where it
 * goes in the body is `addressee()`'s decision (nodes/shared/userIds.ts). A group ID (Groups API)
 * passes too, as written: whether the item sends to a group ("Send To") is checked where the
 * message is sent (sending/sendMessage.ts), which refuses a group ID sent to a user and back.
 */
export const recipientId = z.preprocess(
	(value) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : value),
	z.string().transform((value, ctx) => {
		if (isUserId(value)) return value.trim();
		const parsed = parsePhoneNumber(value);
		if (parsed.possible) return parsed.digits;
		const text: string = parsed.input;
		if (isGroupId(text)) return text.trim();
		ctx.addIssue({ code: z.ZodIssueCode.custom, message: neitherMessage(value, parsed.reason) });
		return z.NEVER;
	}),
);

const BOTH_FORMATS = `a phone number with country code (${PHONE_EXAMPLE}) nor a WhatsApp user ID (${USER_ID_EXAMPLE})`;

/**
 * Both formats, and why the value fails as a phone number unless it plainly is not meant as one
 * (it starts with a letter and is no tel: or WhatsApp link).
 */
function neitherMessage(value: string, phoneReason: string): string {
	const text = value.trim();
	if (text === '') return `"${value}" is empty: enter a phone number with country code (${PHONE_EXAMPLE}) or a WhatsApp user ID (${USER_ID_EXAMPLE})`;
	const neither = `"${value}" is neither ${BOTH_FORMATS}`;
	const meantAsPhone = !/^\p{L}/u.test(text) || /^(tel:|https?:\/\/|wa\.me\/|whatsapp:)/i.test(text);
	return meantAsPhone ? `${neither}: as a phone number, ${phoneReason}` : neither;
}
