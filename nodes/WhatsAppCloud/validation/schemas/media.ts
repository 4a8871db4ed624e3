import { z } from 'zod';

import { MEDIA_KINDS, type MediaKind } from '../../../shared/mediaTypes';
import { LIMITS, recipientId } from '../limits';
import { httpUrl, mediaIdSchema, optionalFreeText, optionalText, replyToSchema } from './fields';

/** Media kinds that may carry a caption (Meta: image, video, document). */
export const CAPTION_KINDS: readonly MediaKind[] = ['image', 'video', 'document'];

const mediaType = z.enum(MEDIA_KINDS as [MediaKind, ...MediaKind[]]);

const base = {
	to: recipientId,
	mediaType,
	caption: optionalText(LIMITS.caption),
	fileName: optionalFreeText,
	replyTo: replyToSchema,
};

/** Send Media: the user's input, checked before any request (upload or send). */
export const sendMediaInput = z
	.discriminatedUnion('mediaSource', [
		z.object({ ...base, mediaSource: z.literal('link'), mediaUrl: httpUrl }),
		z.object({ ...base, mediaSource: z.literal('id'), mediaId: mediaIdSchema }),
		z.object({ ...base, mediaSource: z.literal('binary'), binaryPropertyName: z.string().trim().min(1) }),
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

/** Media resource: a media ID (Get URL, Download, Delete). */
export const mediaIdInput = z.object({ mediaId: mediaIdSchema });
