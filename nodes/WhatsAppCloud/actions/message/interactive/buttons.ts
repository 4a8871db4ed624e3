import { z } from 'zod';

import { LIMITS, limitedText } from '../../../validation/limits';
import { requireUnique } from '../../../validation/schemas/fields';
import { defineKind } from './kind';
import { bodyPart, footerPart, headerPart, replyToPart } from './parts';

/** Reply buttons: 1 to 3 buttons; the contact's tap comes back to the trigger with the button ID. */
export const buttons = defineKind({
	value: 'buttons',
	name: 'Reply Buttons',
	description: 'Up to 3 buttons the contact taps to answer',
	parts: [headerPart(['text', 'image', 'video', 'document']), bodyPart, footerPart, replyToPart],
	properties: [
		{
			displayName: 'Buttons',
			name: 'buttons',
			type: 'fixedCollection',
			// the limit shows on the add button (n8n's maxAllowedFields would stop the run with a message naming no field)
			placeholder: `Add Button (up to ${LIMITS.replyButtons})`,
			typeOptions: { multipleValues: true },
			default: {},
			description: `1 to ${LIMITS.replyButtons} buttons. The contact's answer arrives at the WhatsApp Cloud Trigger with the button ID.`,
			options: [
				{
					displayName: 'Button',
					name: 'button',
					values: [
						{
							displayName: 'Title',
							name: 'title',
							type: 'string',
							default: '',
							placeholder: `e.g. Yes (up to ${LIMITS.buttonTitle} characters)`,
							description: `Text on the button, up to ${LIMITS.buttonTitle} characters, unique in the message`,
						},
						{
							displayName: 'ID',
							name: 'id',
							type: 'string',
							default: '',
							placeholder: `e.g. yes (up to ${LIMITS.buttonId} characters)`,
							description: `Your identifier for the answer, up to ${LIMITS.buttonId} characters, unique in the message`,
						},
					],
				},
			],
		},
	],
	shape: {
		buttons: z
			.array(z.object({ title: limitedText(LIMITS.buttonTitle), id: limitedText(LIMITS.buttonId) }))
			.min(1)
			.max(LIMITS.replyButtons),
	},
	read(itemIndex) {
		return { buttons: this.getNodeParameter('buttons.button', itemIndex, []) };
	},
	refine(input, ctx) {
		const name = (i: number) => `button ${i + 1}`;
		requireUnique(
			ctx,
			input.buttons,
			(b) => b.id,
			(i) => ['buttons', i, 'id'],
			name,
		);
		requireUnique(
			ctx,
			input.buttons,
			(b) => b.title,
			(i) => ['buttons', i, 'title'],
			name,
		);
	},
	interactive: (input) => ({
		type: 'button',
		action: { buttons: input.buttons.map((b) => ({ type: 'reply', reply: { id: b.id, title: b.title } })) },
	}),
});
