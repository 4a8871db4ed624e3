import { z } from 'zod';

import { LIMITS, recipientNumber } from '../limits';
import { MEDIA_KINDS, type MediaKind } from '../media';
import { httpUrl, mediaIdSchema, optionalFreeText, optionalText, replyToSchema } from './common';

/** Media kinds that may carry a caption (Meta: image, video, document). */
export const CAPTION_KINDS: readonly MediaKind[] = ['image', 'video', 'document'];

const mediaType = z.enum(MEDIA_KINDS as [MediaKind, ...MediaKind[]]);

const base = {
	to: recipientNumber,
	mediaType,
	caption: optionalText(LIMITS.caption),
	fileName: optionalFreeText,
	replyTo: replyToSchema,
};

/** Send Media: the user's input, checked before any request (upload or send). */
export const sendMediaInput = z
	.discriminatedUnion('source', [
		z.object({ ...base, source: z.literal('link'), link: httpUrl }),
		z.object({ ...base, source: z.literal('id'), mediaId: mediaIdSchema }),
		z.object({ ...base, source: z.literal('binary'), binaryProperty: z.string().trim().min(1) }),
	])
	.superRefine((input, ctx) => {
		if (input.caption !== undefined && !CAPTION_KINDS.includes(input.mediaType)) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['caption'],
				message: `WhatsApp shows a caption only on images, videos and documents, not on ${input.mediaType} messages; remove it`,
			});
		}
		if (input.fileName !== undefined && input.mediaType !== 'document') {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['fileName'],
				message: `only documents have a file name, not ${input.mediaType} messages; remove it`,
			});
		}
	});

export type SendMediaInput = z.output<typeof sendMediaInput>;

export const sendMediaLabels = {
	to: 'Recipient Phone Number',
	mediaType: 'Media Type',
	source: 'Media Source',
	link: 'Media URL',
	mediaId: 'Media ID',
	binaryProperty: 'Input Binary Field',
	caption: 'Caption',
	fileName: 'File Name',
	replyTo: 'Reply To Message ID',
};
