import { defineResource } from '../types';
import * as check from './check.operation';

export const contact = defineResource({
	value: 'contact',
	displayName: 'Contact',
	defaultOperation: 'check',
	operations: { check },
	options: {
		check: {
			name: 'Validate Phone Numbers',
			action: 'Validate phone numbers',
			description:
				'Normalize numbers to international format and check they are possible phone numbers. Sends nothing and cannot tell whether a number has WhatsApp.',
		},
	},
});
