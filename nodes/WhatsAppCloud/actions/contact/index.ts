import { defineResource } from '../types';
import * as check from './check.operation';

export const contact = defineResource({
	value: 'contact',
	displayName: 'Contact',
	defaultOperation: 'check',
	operations: { check },
	options: {
		check: {
			name: 'Check',
			action: 'Check phone numbers',
			description: 'Normalise numbers to international format and check they are possible; sends nothing',
		},
	},
});
