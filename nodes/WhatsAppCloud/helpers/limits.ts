import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import { recipientNumber } from './phone';

/** The recipient phone number schema lives with the one phone-number parser (helpers/phone.ts). */
export { recipientNumber };

/**
 * Meta's limits for Cloud API messages, written once. Every operation validates its input
 * with these schemas before any request, and a breach becomes a NodeOperationError that
 * names the parameter, the limit and the item. Nothing is ever truncated.
 */
export const LIMITS = {
	textBody: 4096,
	caption: 1024,
	interactiveBody: 1024,
	headerText: 60,
	footerText: 60,
	buttonTitle: 20,
	buttonId: 256,
	replyButtons: 3,
	listButtonText: 20,
	listSectionTitle: 24,
	listRowTitle: 24,
	listRowDescription: 72,
	listRowId: 200,
	listRows: 10,
	listSections: 10,
	ctaDisplayText: 20,
	reactionEmoji: 1,
	/** Flow CTA button text (contract: flow_cta maxLength 30). */
	flowCta: 30,
	/** Contact cards in one contacts message (contract: ContactsMessage.contacts maxItems 5). */
	contactCards: 5,
	/** Latitude and longitude ranges of a location. */
	latitude: 90,
	longitude: 180,
	/** Account operations (contract: register pin / verify_code code ^[0-9]{6}$). */
	pinDigits: 6,
	verificationCodeDigits: 6,
	/** Page size of /{WABA-ID}/phone_numbers (contract: limit maximum 100) and of template lists. */
	pageSize: 100,
	/** Message templates: name ^[a-z0-9_]+$ up to 512 characters; component texts and buttons. */
	templateName: 512,
	templateHeaderText: 60,
	templateBodyText: 1024,
	templateFooterText: 60,
	templateButtonText: 25,
	templateButtons: 10,
	templateButtonUrl: 2000,
	templateHeaderVariables: 1,
	/** Business profile (contract: WhatsAppBusinessProfileUpdateRequest). */
	profileAbout: 139,
	profileAddress: 256,
	profileDescription: 256,
	profileEmail: 128,
	profileWebsites: 2,
	profileWebsiteLength: 256,
} as const;

/** A string with at least one non-blank character and at most `max` characters. */
export const limitedText = (max: number) => z.string().trim().min(1).max(max);

export const messageIdSchema = z
	.string()
	.trim()
	.min(1)
	.regex(/^\S+$/, 'a message ID has no spaces (it looks like wamid.HBgL…)');

export const textMessageInput = z.object({
	to: recipientNumber,
	body: limitedText(LIMITS.textBody),
	previewUrl: z.boolean(),
	replyTo: messageIdSchema.optional(),
});

export type ParameterLabels = Record<string, string>;

function pathKey(path: Array<string | number>): string {
	return path.map((p) => (typeof p === 'number' ? '*' : p)).join('.');
}

function valueAt(input: unknown, path: Array<string | number>): unknown {
	let current: unknown = input;
	for (const key of path) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Record<string | number, unknown>)[key];
	}
	return current;
}

function describeIssue(issue: z.ZodIssue, input: unknown, labels: ParameterLabels): string {
	const key = pathKey(issue.path);
	const positions = issue.path.filter((p): p is number => typeof p === 'number').map((n) => n + 1);
	const where = positions.length ? ` (entry ${positions.join('.')})` : '';
	const label = `"${labels[key] ?? (key || 'input')}"${where}`;
	const value = valueAt(input, issue.path);
	switch (issue.code) {
		case z.ZodIssueCode.too_big: {
			if (issue.type === 'string') {
				const length = typeof value === 'string' ? value.trim().length : undefined;
				return `${label} is too long${length !== undefined ? `: ${length} characters` : ''}; WhatsApp allows at most ${issue.maximum}`;
			}
			if (issue.type === 'array') {
				const count = Array.isArray(value) ? value.length : undefined;
				return `${label} has too many entries${count !== undefined ? `: ${count}` : ''}; WhatsApp allows at most ${issue.maximum}`;
			}
			return `${label} must be at most ${issue.maximum}`;
		}
		case z.ZodIssueCode.too_small: {
			if (issue.type === 'string') return `${label} is empty; enter a value`;
			if (issue.type === 'array') return `${label} needs at least ${issue.minimum} ${issue.minimum === 1 ? 'entry' : 'entries'}`;
			return `${label} must be at least ${issue.minimum}`;
		}
		case z.ZodIssueCode.invalid_type:
			return issue.received === 'undefined'
				? `${label} is required`
				: `${label} must be a ${issue.expected}, not ${issue.received}`;
		default:
			return `${label}: ${issue.message}`;
	}
}

/**
 * Validates an operation's input with its schema; on failure throws a NodeOperationError
 * naming the parameter (by its label), the limit and the item, before any request is sent.
 */
export function validateInput<S extends z.ZodTypeAny>(
	node: INode,
	schema: S,
	input: unknown,
	labels: ParameterLabels,
	itemIndex: number,
): z.output<S> {
	const result = schema.safeParse(input);
	if (result.success) return result.data;
	const problems = result.error.issues.map((issue) => describeIssue(issue, input, labels));
	const unique = [...new Set(problems)];
	throw new NodeOperationError(node, `${unique[0]} (item ${itemIndex + 1})`, {
		itemIndex,
		description: unique.length > 1 ? `Also:\n${unique.slice(1).join('\n')}` : undefined,
	});
}
