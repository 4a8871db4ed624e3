import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { LIMITS } from '../../../validation/limits';
import {
	footerSchema,
	optionalText,
	headerTextSchema,
	httpUrl,
	interactiveBodySchema,
	mediaIdSchema,
	replyToSchema,
} from '../../../validation/schemas/fields';
import { headerTypeOptions } from '../../headerTypes';
import { replyToOption } from '../../parameters';
import type { Part } from './kind';

/**
 * The parts several kinds of interactive message share: header, body, footer and reply-to.
 * A kind lists the ones Meta allows for it in its `parts`.
 */

type HeaderType = 'text' | 'image' | 'video' | 'document';

const headerShape = {
	headerType: z.string(),
	headerText: headerTextSchema.optional(),
	headerMediaSource: z.enum(['link', 'id'], { message: 'must be "link" (Public URL) or "id" (Media ID)' }).optional(),
	headerMediaUrl: httpUrl.optional(),
	headerMediaId: mediaIdSchema.optional(),
};

/** "a, b or c" */
function orList(words: string[]): string {
	return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** The header, for a kind whose messages Meta lets carry a header of these types (or none). */
export function headerPart(types: readonly HeaderType[]): Part<typeof headerShape> {
	const media = types.filter((type) => type !== 'text');
	const properties: INodeProperties[] = [
		{
			displayName: 'Header',
			name: 'headerType',
			type: 'options',
			default: 'none',
			options: headerTypeOptions(['none', ...types]),
			...(media.length ? {} : { description: 'This message type only supports a text header' }),
		},
	];
	if (types.includes('text')) {
		properties.push({
			displayName: 'Header Text',
			name: 'headerText',
			type: 'string',
			default: '',
			required: true,
			placeholder: `Up to ${LIMITS.headerText} characters`,
			description: `Up to ${LIMITS.headerText} characters, no formatting`,
			displayOptions: { show: { headerType: ['text'] } },
		});
	}
	if (media.length) {
		properties.push(
			{
				displayName: 'Header Media Source',
				name: 'headerMediaSource',
				type: 'options',
				default: 'link',
				options: [
					{ name: 'Public URL', value: 'link' },
					{ name: 'Media ID', value: 'id', description: 'A file uploaded with Media → Upload' },
				],
				displayOptions: { show: { headerType: media } },
			},
			{
				displayName: 'Header Media URL',
				name: 'headerMediaUrl',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'https://example.com/photo.jpg',
				displayOptions: { show: { headerType: media, headerMediaSource: ['link'] } },
			},
			{
				displayName: 'Header Media ID',
				name: 'headerMediaId',
				type: 'string',
				default: '',
				required: true,
				displayOptions: { show: { headerType: media, headerMediaSource: ['id'] } },
			},
		);
	}
	const isMedia = (type: string): type is HeaderType => (media as string[]).includes(type);
	// Only the fields this kind shows (their values are optional in every kind).
	const { headerType, headerText, headerMediaSource, headerMediaUrl, headerMediaId } = headerShape;
	const shape = {
		headerType,
		...(types.includes('text') ? { headerText } : {}),
		...(media.length ? { headerMediaSource, headerMediaUrl, headerMediaId } : {}),
	} as typeof headerShape;

	return {
		properties,
		shape,
		read(itemIndex) {
			const headerType = this.getNodeParameter('headerType', itemIndex, 'none') as string;
			if (headerType === 'text' && types.includes('text')) {
				return { headerType, headerText: this.getNodeParameter('headerText', itemIndex, '') };
			}
			if (!isMedia(headerType)) return { headerType };
			const headerMediaSource = this.getNodeParameter('headerMediaSource', itemIndex, 'link') as string;
			return headerMediaSource === 'id'
				? { headerType, headerMediaSource, headerMediaId: this.getNodeParameter('headerMediaId', itemIndex, '') }
				: { headerType, headerMediaSource, headerMediaUrl: this.getNodeParameter('headerMediaUrl', itemIndex, '') };
		},
		refine(input, ctx, kind) {
			const issue = (path: string, message: string) =>
				ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
			const type = input.headerType;
			if (type !== 'none' && !(types as string[]).includes(type)) {
				const allowed = orList(headerTypeOptions(types).map((option) => option.name));
				issue('headerType', `a ${kind.name} message can have a ${allowed} header or none, not "${type}"`);
			} else if (type === 'text' && input.headerText === undefined) {
				issue('headerText', 'is empty; enter the header text');
			} else if (isMedia(type) && input.headerMediaSource === 'id' && input.headerMediaId === undefined) {
				issue('headerMediaId', 'is empty; enter the media ID');
			} else if (isMedia(type) && input.headerMediaSource !== 'id' && input.headerMediaUrl === undefined) {
				issue('headerMediaUrl', 'is empty; enter the address of the file');
			}
		},
		interactive(input) {
			const type = input.headerType;
			if (type === 'text') return { header: { type, text: input.headerText } };
			if (!isMedia(type)) return {};
			const media = input.headerMediaSource === 'id' ? { id: input.headerMediaId } : { link: input.headerMediaUrl };
			return { header: { type, [type]: media } };
		},
	};
}

const bodyShape = { bodyText: interactiveBodySchema };

/** The message text. */
export const bodyPart: Part<typeof bodyShape> = {
	properties: [
		{
			displayName: 'Body Text',
			name: 'bodyText',
			type: 'string',
			default: '',
			required: true,
			typeOptions: { rows: 3 },
			description: `The message text, up to ${LIMITS.interactiveBody} characters. *bold*, _italic_ and emojis work.`,
		},
	],
	shape: bodyShape,
	read(itemIndex) {
		return { bodyText: this.getNodeParameter('bodyText', itemIndex) };
	},
	interactive: (input) => ({ body: { text: input.bodyText } }),
};

const optionalBodyShape = { bodyText: optionalText(LIMITS.interactiveBody) };

/** The message text, for the kinds where Meta makes it optional (a single product). */
export const optionalBodyPart: Part<typeof optionalBodyShape> = {
	properties: [
		{
			...bodyPart.properties![0],
			required: false,
			description: `Optional text under the product, up to ${LIMITS.interactiveBody} characters. *bold*, _italic_ and emojis work.`,
		},
	],
	shape: optionalBodyShape,
	read(itemIndex) {
		return { bodyText: this.getNodeParameter('bodyText', itemIndex, '') };
	},
	interactive: (input): IDataObject => (input.bodyText ? { body: { text: input.bodyText } } : {}),
};

const footerShape = { footerText: footerSchema };

/** The optional small gray text under the body. */
export const footerPart: Part<typeof footerShape> = {
	properties: [
		{
			displayName: 'Footer Text',
			name: 'footerText',
			type: 'string',
			default: '',
			placeholder: `Optional, up to ${LIMITS.footerText} characters`,
			description: `Optional small gray text under the body, up to ${LIMITS.footerText} characters`,
		},
	],
	shape: footerShape,
	read(itemIndex) {
		return { footerText: this.getNodeParameter('footerText', itemIndex, '') };
	},
	interactive: (input): IDataObject => (input.footerText ? { footer: { text: input.footerText } } : {}),
};

const replyToShape = { replyTo: replyToSchema };

/** "Reply To Message ID" in the Options: the message quotes a message of the contact. */
export const replyToPart: Part<typeof replyToShape> = {
	options: [replyToOption],
	shape: replyToShape,
	read: (_itemIndex, options) => ({ replyTo: options.replyTo }),
};

/**
 * Meta's rule for sectioned messages (list and product list): with more than one section, every
 * section needs a title. One place for both kinds.
 */
export function requireSectionTitles(
	ctx: z.RefinementCtx,
	sections: ReadonlyArray<{ title?: string }>,
	field: string,
): void {
	if (sections.length < 2) return;
	sections.forEach((section, s) => {
		if (!section.title) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: [field, s, 'title'],
				message: 'is required when the message has more than one section',
			});
		}
	});
}
