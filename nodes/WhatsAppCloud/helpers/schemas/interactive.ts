import { z } from 'zod';

import { LIMITS, limitedText, recipientNumber } from '../limits';
import {
	footerSchema,
	headerTextSchema,
	httpUrl,
	interactiveBodySchema,
	mediaIdSchema,
	optionalText,
	replyToSchema,
	requireUnique,
} from './common';

/**
 * Send Interactive: reply buttons, list, CTA URL, location request and flow messages. One
 * schema per kind; what Meta allows in the header differs by kind (see HEADER_TYPES).
 */
export const INTERACTIVE_KINDS = ['buttons', 'list', 'ctaUrl', 'locationRequest', 'flow'] as const;
export type InteractiveKind = (typeof INTERACTIVE_KINDS)[number];

export type HeaderType = 'none' | 'text' | 'image' | 'video' | 'document';

/** Header types Meta accepts per interactive kind. */
export const HEADER_TYPES: Record<InteractiveKind, HeaderType[]> = {
	buttons: ['none', 'text', 'image', 'video', 'document'],
	list: ['none', 'text'],
	ctaUrl: ['none', 'text', 'image', 'video', 'document'],
	locationRequest: ['none'],
	flow: ['none', 'text'],
};

const mediaHeader = <T extends 'image' | 'video' | 'document'>(type: T) => [
	z.object({ type: z.literal(type), source: z.literal('link'), link: httpUrl }),
	z.object({ type: z.literal(type), source: z.literal('id'), id: mediaIdSchema }),
];

const headerSchema = z.union([
	z.object({ type: z.literal('none') }),
	z.object({ type: z.literal('text'), text: headerTextSchema }),
	...mediaHeader('image'),
	...mediaHeader('video'),
	...mediaHeader('document'),
]);

export type InteractiveHeader = z.output<typeof headerSchema>;

/** Header type allowed for this kind, else an issue naming what is allowed. */
function headerFor(kind: InteractiveKind) {
	return z.preprocess(
		(value) => value ?? { type: 'none' },
		headerSchema.superRefine((header, ctx) => {
			const allowed = HEADER_TYPES[kind];
			if (!allowed.includes(header.type)) {
				ctx.addIssue({
					code: z.ZodIssueCode.custom,
					path: ['type'],
					message:
						allowed.length === 1
							? `this kind of message has no header; choose "None"`
							: `a ${KIND_NAMES[kind]} message can only have a ${allowed.filter((t) => t !== 'none').join(' or ')} header, not ${header.type}`,
				});
			}
		}),
	);
}

export const KIND_NAMES: Record<InteractiveKind, string> = {
	buttons: 'reply buttons',
	list: 'list',
	ctaUrl: 'CTA URL button',
	locationRequest: 'location request',
	flow: 'flow',
};

const common = {
	to: recipientNumber,
	replyTo: replyToSchema,
	body: interactiveBodySchema,
};

const buttonSchema = z.object({
	id: limitedText(LIMITS.buttonId),
	title: limitedText(LIMITS.buttonTitle),
});

export const buttonsInput = z
	.object({
		...common,
		kind: z.literal('buttons'),
		header: headerFor('buttons'),
		footer: footerSchema,
		buttons: z.array(buttonSchema).min(1).max(LIMITS.replyButtons),
	})
	.superRefine((input, ctx) => {
		requireUnique(ctx, input.buttons, (b) => b.id, (i) => ['buttons', i, 'id'], (i) => `button ${i + 1}`);
		requireUnique(ctx, input.buttons, (b) => b.title, (i) => ['buttons', i, 'title'], (i) => `button ${i + 1}`);
	});

const rowSchema = z.object({
	id: limitedText(LIMITS.listRowId),
	title: limitedText(LIMITS.listRowTitle),
	description: optionalText(LIMITS.listRowDescription),
});

const sectionSchema = z.object({
	title: optionalText(LIMITS.listSectionTitle),
	rows: z.array(rowSchema).min(1).max(LIMITS.listRows),
});

export const listInput = z
	.object({
		...common,
		kind: z.literal('list'),
		header: headerFor('list'),
		footer: footerSchema,
		buttonText: limitedText(LIMITS.listButtonText),
		sections: z.array(sectionSchema).min(1).max(LIMITS.listSections),
	})
	.superRefine((input, ctx) => {
		const rows = input.sections.flatMap((section, s) => section.rows.map((row, r) => ({ row, s, r })));
		if (rows.length > LIMITS.listRows) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['sections'],
				message: `the list has ${rows.length} rows in total; WhatsApp allows at most ${LIMITS.listRows} rows across all sections`,
			});
		}
		const where = (i: number) => `section ${rows[i].s + 1} row ${rows[i].r + 1}`;
		requireUnique(ctx, rows, (x) => x.row.id, (i) => ['sections', rows[i].s, 'rows', rows[i].r, 'id'], where);
		requireUnique(ctx, rows, (x) => x.row.title, (i) => ['sections', rows[i].s, 'rows', rows[i].r, 'title'], where);
		if (input.sections.length > 1) {
			input.sections.forEach((section, s) => {
				if (!section.title) {
					ctx.addIssue({
						code: z.ZodIssueCode.custom,
						path: ['sections', s, 'title'],
						message: 'is required when the list has more than one section',
					});
				}
			});
		}
	});

export const ctaUrlInput = z.object({
	...common,
	kind: z.literal('ctaUrl'),
	header: headerFor('ctaUrl'),
	footer: footerSchema,
	displayText: limitedText(LIMITS.ctaDisplayText),
	url: httpUrl,
});

export const locationRequestInput = z.object({
	...common,
	kind: z.literal('locationRequest'),
});

const flowData = z.preprocess(
	(value) => {
		if (value === undefined || value === null) return undefined;
		if (typeof value === 'string') {
			if (value.trim() === '' || value.trim() === '{}') return undefined;
			try {
				return JSON.parse(value) as unknown;
			} catch {
				return value;
			}
		}
		if (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0) return undefined;
		return value;
	},
	z
		.record(z.unknown(), {
			invalid_type_error: 'must be a JSON object such as {"name": "Ana"}',
		})
		.optional(),
);

export const flowInput = z
	.object({
		...common,
		kind: z.literal('flow'),
		header: headerFor('flow'),
		footer: footerSchema,
		flowBy: z.enum(['id', 'name']),
		flowId: z.string().trim().optional(),
		flowName: z.string().trim().optional(),
		flowCta: limitedText(LIMITS.flowCta),
		mode: z.enum(['published', 'draft']),
		flowToken: z.string().trim().optional(),
		flowAction: z.enum(['navigate', 'data_exchange']),
		screen: z.string().trim().optional(),
		data: flowData,
	})
	.superRefine((input, ctx) => {
		if (input.flowBy === 'id' && !/^\d+$/.test(input.flowId ?? '')) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['flowId'],
				message: input.flowId ? `"${input.flowId}" is not a Flow ID (digits only; WhatsApp Manager → Flows)` : 'is empty; enter the Flow ID',
			});
		}
		if (input.flowBy === 'name' && !input.flowName) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['flowName'], message: 'is empty; enter the Flow name' });
		}
		if (input.flowAction === 'navigate' && !input.screen) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['screen'],
				message: 'is empty; enter the ID of the screen the Flow opens on (Flow JSON → screens → id)',
			});
		}
		if (input.flowAction === 'data_exchange' && (input.screen || input.data)) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: [input.screen ? 'screen' : 'data'],
				message: 'only applies with Flow Action "Navigate"; with "Data Exchange" your endpoint chooses the first screen and its data',
			});
		}
	});

/** Validates any kind with the schema of that kind (refinements included). */
export const interactiveSchemas = {
	buttons: buttonsInput,
	list: listInput,
	ctaUrl: ctaUrlInput,
	locationRequest: locationRequestInput,
	flow: flowInput,
} as const;

export type ButtonsInput = z.output<typeof buttonsInput>;
export type ListInput = z.output<typeof listInput>;
export type CtaUrlInput = z.output<typeof ctaUrlInput>;
export type LocationRequestInput = z.output<typeof locationRequestInput>;
export type FlowInput = z.output<typeof flowInput>;
export type InteractiveInput = ButtonsInput | ListInput | CtaUrlInput | LocationRequestInput | FlowInput;

export const sendInteractiveLabels = {
	to: 'Recipient Phone Number',
	replyTo: 'Reply To Message ID',
	body: 'Body Text',
	footer: 'Footer Text',
	header: 'Header',
	'header.type': 'Header Type',
	'header.text': 'Header Text',
	'header.link': 'Header Media URL',
	'header.id': 'Header Media ID',
	buttons: 'Buttons',
	'buttons.*.id': 'Button ID',
	'buttons.*.title': 'Button Title',
	buttonText: 'List Button Text',
	sections: 'Sections',
	'sections.*.title': 'Section Title',
	'sections.*.rows': 'Rows',
	'sections.*.rows.*.id': 'Row ID',
	'sections.*.rows.*.title': 'Row Title',
	'sections.*.rows.*.description': 'Row Description',
	displayText: 'Button Text',
	url: 'URL',
	flowBy: 'Flow',
	flowId: 'Flow ID',
	flowName: 'Flow Name',
	flowCta: 'Flow Button Text',
	mode: 'Flow Mode',
	flowToken: 'Flow Token',
	flowAction: 'Flow Action',
	screen: 'First Screen',
	data: 'Screen Data',
};
