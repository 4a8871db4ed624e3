import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import { LIMITS, limitedText, recipientNumber } from '../../../helpers/limits';
import { optionalText, replyToSchema, requireUnique } from '../../../helpers/schemas/common';
import { defineInput } from '../../../helpers/validate';
import { description } from './description';

/**
 * The question of Send and Wait for Response, checked against Meta's limits, and the options
 * the contact can answer with. Pure: the execute and webhook sides both read it.
 */

export type ResponseType = 'approval' | 'choice' | 'freeText';

/** One answer the contact can pick: what the output says (`value`) and what WhatsApp shows. */
export interface AnswerOption {
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

const questionSchema = z
	.object({
		to: recipientNumber,
		message: z.string().trim().min(1),
		responseType: z.enum(['approval', 'choice', 'freeText'], {
			message: 'must be Approval, Choice or Free Text',
		}),
		approvalType: z.enum(['single', 'double']).optional(),
		approveLabel: limitedText(LIMITS.buttonTitle).optional(),
		disapproveLabel: limitedText(LIMITS.buttonTitle).optional(),
		listButtonText: limitedText(LIMITS.listButtonText).optional(),
		choices: z.array(choiceSchema).max(LIMITS.listRows).optional(),
		footer: optionalText(LIMITS.footerText),
		replyTo: replyToSchema,
	})
	.superRefine((input, ctx) => {
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
	};
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
): { type: 'interactive' | 'text'; content: IDataObject } {
	if (question.responseType === 'freeText') return { type: 'text', content: { body: question.message } };
	const options = answerOptions(question);
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
