import { z } from 'zod';

import { LIMITS, messageIdSchema, recipientId } from '../limits';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u;

/** One emoji (as the user sees it: 👍🏽 and 👨‍👩‍👧 count as one), or empty to remove the reaction. */
export const reactionEmoji = z
	.preprocess((value) => (value === undefined || value === null ? '' : value), z.string())
	.transform((value) => value.trim())
	.superRefine((value, ctx) => {
		if (value === '') return;
		const graphemes = [...segmenter.segment(value)].length;
		if (graphemes > LIMITS.reactionEmoji || !EMOJI.test(value)) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				message: `must be exactly ${LIMITS.reactionEmoji} emoji (e.g. 👍), not "${value}"; leave it empty to remove your reaction`,
			});
		}
	});

export const sendReactionInput = z.object({
	to: recipientId,
	reactionMessageId: messageIdSchema,
	emoji: reactionEmoji,
});

export const markAsReadInput = z.object({
	readMessageId: messageIdSchema,
	typingIndicator: z.boolean(),
});
