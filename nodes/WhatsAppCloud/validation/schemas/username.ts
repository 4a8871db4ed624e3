/**
 * A business username (Phone Number → Reserve Username), checked against Meta's format rules
 * before the request (Meta, "Business-scoped user IDs" → "Business usernames",
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/business-scoped-user-ids):
 * 3 to 35 characters, English letters, digits, periods and underscores, at least one letter, no
 * period at either end or twice in a row, not starting with "www", not ending like a web domain.
 * Meta compares usernames case-insensitively; it is sent as typed, without a leading @.
 */
import { z } from 'zod';

import { LIMITS } from '../limits';

/** Endings Meta refuses because they look like a web domain (".com", ".org", …). */
const DOMAIN_ENDING = /\.(com|org|net|int|edu|gov|mil|us|in|html|io|ai)$/i;

export const usernameSchema = z
	.string()
	.trim()
	.transform((value) => value.replace(/^@/, ''))
	.superRefine((value, ctx) => {
		const problem = usernameProblem(value);
		if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `"${value}" ${problem}` });
	});

/** What is wrong with a username, in the words of Meta's rules; undefined when it fits them. */
function usernameProblem(value: string): string | undefined {
	const { usernameMin: min, usernameMax: max } = LIMITS;
	if (value.length < min || value.length > max) return `has ${value.length} characters; a username has ${min} to ${max}`;
	if (!/^[A-Za-z0-9._]+$/.test(value)) return 'may only contain English letters, digits, periods (.) and underscores (_)';
	if (!/[A-Za-z]/.test(value)) return 'needs at least one English letter';
	if (value.startsWith('.') || value.endsWith('.')) return 'must not start or end with a period';
	if (value.includes('..')) return 'must not contain two periods in a row';
	if (/^www/i.test(value)) return 'must not start with "www"';
	if (DOMAIN_ENDING.test(value)) return 'must not end like a web domain (.com, .org, .net …)';
	return undefined;
}
