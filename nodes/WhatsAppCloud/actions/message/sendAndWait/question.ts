import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import { templateLanguageSchema } from '../../../templates/languages';
import { templateNameSchema } from '../../../templates/names';
import { LIMITS, limitedText, recipientId } from '../../../validation/limits';
import { optionalText, replyToSchema, requireUnique } from '../../../validation/schemas/fields';
import { defineInput } from '../../../validation/validateInput';
import { description } from './description';

/**
 * The question of Send and Wait for Response, checked against Meta's limits, and the options
 * the contact can answer with. Pure: the execute and webhook sides both read it.
 */

/** One answer the contact can pick: what the output says (`value`) and what WhatsApp shows. */
interface AnswerOption {
	value: string;
	title: string;
	description?: string;
	/** Approval only: whether this option approves. */
	approved?: boolean;
}

const choiceSchema = z.object({
	title: limitedText(LIMITS.listRowTitle),
	description: optionalText(LIMITS.listRowDescription),
	value: z.string().optional(),
});

const formFieldSchema = z.object({
	fieldLabel: limitedText(200),
	fieldType: z.enum(['text', 'textarea', 'number', 'email', 'date']).optional(),
	requiredField: z.boolean().optional(),
});

export type FormField = z.output<typeof formFieldSchema>;


const questionSchema = z
	.object({
		to: recipientId,
		message: z.string().trim(),
		responseType: z.enum(['approval', 'choice', 'freeText', 'customForm'], {
			message: 'must be Approval, Choice, Free Text or Form (Web Page)',
		}),
		formFields: z.array(formFieldSchema).max(20).optional(),
		messageButtonLabel: limitedText(LIMITS.ctaDisplayText).optional(),
		approvalType: z.enum(['single', 'double']).optional(),
		approveLabel: limitedText(LIMITS.buttonTitle).optional(),
		disapproveLabel: limitedText(LIMITS.buttonTitle).optional(),
		listButtonText: limitedText(LIMITS.listButtonText).optional(),
		choices: z.array(choiceSchema).max(LIMITS.listRows).optional(),
		footer: optionalText(LIMITS.footerText),
		replyTo: replyToSchema,
		questionFormat: z.enum(['interactive', 'template']).optional(),
		templateName: templateNameSchema.optional(),
		templateLanguage: templateLanguageSchema.optional(),
		templateComponents: z.array(z.record(z.unknown())).optional(),
	})
	.superRefine((input, ctx) => {
		const template =
			input.questionFormat === 'template' && (input.responseType === 'approval' || input.responseType === 'choice');
		if (!template && input.message === '') {
			ctx.addIssue({ code: z.ZodIssueCode.too_small, type: 'string', minimum: 1, inclusive: true, path: ['message'] });
		}
		const max = input.responseType === 'freeText' ? LIMITS.textBody : LIMITS.interactiveBody;
		if (input.message.length > max) {
			ctx.addIssue({
				code: z.ZodIssueCode.too_big,
				type: 'string',
				maximum: max,
				inclusive: true,
				path: ['message'],
			});
		}
		if (template) {
			if (!input.templateName)
				ctx.addIssue({
					code: z.ZodIssueCode.custom,
					path: ['templateName'],
					message: 'is empty; enter the name of an approved template',
				});
			if (!input.templateLanguage)
				ctx.addIssue({
					code: z.ZodIssueCode.custom,
					path: ['templateLanguage'],
					message: 'is empty; enter the template language, e.g. en_US',
				});
			const buttons = (input.templateComponents ?? []).filter((c) => String(c.type).toLowerCase() === 'button');
			if (buttons.length > 0) {
				ctx.addIssue({
					code: z.ZodIssueCode.custom,
					path: ['templateComponents'],
					message:
						'must not contain button components: the node adds the quick-reply buttons with their answer payloads',
				});
			}
		}
		if (input.responseType === 'customForm') {
			const fields = input.formFields ?? [];
			if (fields.length === 0) {
				ctx.addIssue({
					code: z.ZodIssueCode.too_small,
					type: 'array',
					minimum: 1,
					inclusive: true,
					path: ['formFields'],
				});
			}
			requireUnique(
				ctx,
				fields,
				(f) => f.fieldLabel,
				(i) => ['formFields', i, 'fieldLabel'],
				(i) => `field ${i + 1}`,
			);
		}
		if (input.responseType === 'choice') {
			const choices = input.choices ?? [];
			if (choices.length === 0) {
				ctx.addIssue({ code: z.ZodIssueCode.too_small, type: 'array', minimum: 1, inclusive: true, path: ['choices'] });
			}
			requireUnique(
				ctx,
				choices,
				(c) => c.title,
				(i) => ['choices', i, 'title'],
				(i) => `choice ${i + 1}`,
			);
		}
	});

export type Question = z.output<typeof questionSchema>;

export const questionInput = defineInput('message.sendAndWait', questionSchema, description);

/** Reads the question's parameters (item `itemIndex`) into the shape `questionInput` checks. */
export function readQuestion(get: (name: string, fallback: unknown) => unknown): Record<string, unknown> {
	const approval = (get('approvalOptions.values', {}) ?? {}) as IDataObject;
	const options = (get('options', {}) ?? {}) as IDataObject;
	const choices = (get('choices.choice', []) ?? []) as IDataObject[];
	return {
		to: get('to', ''),
		message: get('message', ''),
		responseType: get('responseType', 'approval'),
		approvalType: approval.approvalType ?? 'double',
		approveLabel: approval.approveLabel ?? 'Approve',
		disapproveLabel: approval.disapproveLabel ?? 'Decline',
		listButtonText: get('listButtonText', 'Choose'),
		choices,
		footer: options.footer,
		replyTo: options.replyTo,
		...(get('responseType', 'approval') === 'customForm'
			? {
					formFields: (get('formFields.values', []) ?? []) as unknown,
					messageButtonLabel: get('messageButtonLabel', 'Open form'),
				}
			: {}),
		questionFormat: get('questionFormat', 'interactive'),
		...(get('questionFormat', 'interactive') === 'template' &&
		['approval', 'choice'].includes(String(get('responseType', 'approval')))
			? {
					templateName: get('templateName', ''),
					templateLanguage: get('templateLanguage', ''),
					templateComponents: parseComponents(get('templateComponents', '[]')),
				}
			: {}),
	};
}

/** "Template Components (JSON)": a JSON text or, from an expression, the array itself. */
function parseComponents(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	if (value.trim() === '') return [];
	try {
		return JSON.parse(value) as unknown;
	} catch {
		return value;
	}
}

/** The options of the question, in the order WhatsApp shows them (the option index is the position). */
export function answerOptions(question: Question): AnswerOption[] {
	if (question.responseType === 'approval') {
		const approve: AnswerOption = { value: 'approve', title: question.approveLabel ?? 'Approve', approved: true };
		if (question.approvalType === 'single') return [approve];
		return [approve, { value: 'decline', title: question.disapproveLabel ?? 'Decline', approved: false }];
	}
	if (question.responseType === 'choice') {
		return (question.choices ?? []).map((choice) => ({
			value: choice.value && choice.value.trim() !== '' ? choice.value : choice.title,
			title: choice.title,
			...(choice.description ? { description: choice.description } : {}),
		}));
	}
	return [];
}

/**
 * Meta's message for the question: reply buttons (Approval), a list (Choice) or a text (Free
 * Text). `idFor(i)` is the answer reference of option i.
 */
export function questionMessage(
	question: Question,
	idFor: (option: number) => string,
	formUrl = '',
): { type: 'interactive' | 'text' | 'template'; content: IDataObject } {
	if (question.responseType === 'freeText') return { type: 'text', content: { body: question.message } };
	if (question.responseType === 'customForm') {
		return {
			type: 'interactive',
			content: {
				type: 'cta_url',
				body: { text: question.message },
				...(question.footer ? { footer: { text: question.footer } } : {}),
				action: {
					name: 'cta_url',
					parameters: { display_text: question.messageButtonLabel ?? 'Open form', url: formUrl },
				},
			},
		};
	}
	const options = answerOptions(question);
	if (question.questionFormat === 'template') {
		return {
			type: 'template',
			content: {
				name: question.templateName,
				language: { code: question.templateLanguage },
				components: [
					...((question.templateComponents ?? []) as IDataObject[]),
					...options.map((_, i) => ({
						type: 'button',
						sub_type: 'quick_reply',
						index: String(i),
						parameters: [{ type: 'payload', payload: idFor(i) }],
					})),
				],
			},
		};
	}
	const footer = question.footer ? { footer: { text: question.footer } } : {};
	if (question.responseType === 'approval') {
		return {
			type: 'interactive',
			content: {
				type: 'button',
				body: { text: question.message },
				...footer,
				action: {
					buttons: options.map((option, i) => ({ type: 'reply', reply: { id: idFor(i), title: option.title } })),
				},
			},
		};
	}
	return {
		type: 'interactive',
		content: {
			type: 'list',
			body: { text: question.message },
			...footer,
			action: {
				button: question.listButtonText ?? 'Choose',
				sections: [
					{
						rows: options.map((option, i) => ({
							id: idFor(i),
							title: option.title,
							...(option.description ? { description: option.description } : {}),
						})),
					},
				],
			},
		},
	};
}
