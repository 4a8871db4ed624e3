import { LIMITS, limitedText } from '../../../validation/limits';
import { httpUrl } from '../../../validation/schemas/fields';
import { defineKind } from './kind';
import { bodyPart, footerPart, headerPart, replyToPart } from './parts';

/** A CTA URL button: one button that opens a web address. */
export const ctaUrl = defineKind({
	value: 'ctaUrl',
	name: 'CTA URL Button',
	description: 'One button that opens a web address',
	parts: [headerPart(['text', 'image', 'video', 'document']), bodyPart, footerPart, replyToPart],
	properties: [
		{
			displayName: 'Button Text',
			name: 'ctaDisplayText',
			type: 'string',
			default: '',
			required: true,
			placeholder: `e.g. See dates (up to ${LIMITS.ctaDisplayText} characters)`,
			description: `Text on the button, up to ${LIMITS.ctaDisplayText} characters`,
		},
		{
			displayName: 'URL',
			name: 'ctaUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://example.com/booking',
			description: 'Address the button opens',
		},
	],
	shape: { ctaDisplayText: limitedText(LIMITS.ctaDisplayText), ctaUrl: httpUrl },
	read(itemIndex) {
		return {
			ctaDisplayText: this.getNodeParameter('ctaDisplayText', itemIndex),
			ctaUrl: this.getNodeParameter('ctaUrl', itemIndex),
		};
	},
	interactive: (input) => ({
		type: 'cta_url',
		action: { name: 'cta_url', parameters: { display_text: input.ctaDisplayText, url: input.ctaUrl } },
	}),
});
