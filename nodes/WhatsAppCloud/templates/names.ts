import { z } from 'zod';

import { LIMITS } from '../validation/limits';

/**
 * Template names, Meta's rule: lowercase letters a-z, digits and underscores, at most
 * LIMITS.templateName (512) characters. Spaces around a name are ignored; nothing else is
 * changed, so a name is never silently turned into another template's name.
 */
const TEMPLATE_NAME_PATTERN = /^[a-z0-9_]+$/;

const RULE = 'may only contain lowercase letters a-z, digits and underscores';

/** What the user probably meant: "Order Update!" → "order_update". */
function suggestTemplateName(value: string): string | undefined {
	const suggestion = value
		.trim()
		.toLowerCase()
		.replace(/[^a-z0-9_]+/g, '_')
		.replace(/^_+|_+$/g, '');
	return suggestion && suggestion.length <= LIMITS.templateName ? suggestion : undefined;
}

/** A template name: trimmed, then Meta's rule; a refused name comes with a suggestion. */
export const templateNameSchema = z
	.string()
	.trim()
	.min(1)
	.max(LIMITS.templateName)
	.superRefine((name, ctx) => {
		if (TEMPLATE_NAME_PATTERN.test(name)) return;
		const suggestion = suggestTemplateName(name);
		ctx.addIssue({
			code: z.ZodIssueCode.custom,
			message: `"${name}" ${RULE}${suggestion ? `, e.g. "${suggestion}"` : ''}`,
		});
	});
