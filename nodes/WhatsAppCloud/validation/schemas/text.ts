import { z } from 'zod';

import { LIMITS, limitedText, recipientId } from '../limits';
import { replyToSchema } from './fields';

export const textMessageInput = z.object({
	to: recipientId,
	body: limitedText(LIMITS.textBody),
	previewUrl: z.boolean(),
	replyTo: replyToSchema,
});
