import { z } from 'zod';

import { LIMITS, limitedText, recipientNumber } from '../limits';
import { replyToSchema } from './fields';

export const textMessageInput = z.object({
	to: recipientNumber,
	body: limitedText(LIMITS.textBody),
	previewUrl: z.boolean(),
	replyTo: replyToSchema,
});
