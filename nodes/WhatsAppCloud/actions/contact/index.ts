import { accountPhoneNumberParameter } from '../phoneNumber/locator';
import { defineResource } from '../types';
import * as block from './block.operation';
import * as check from './check.operation';
import * as getBlocked from './getBlocked.operation';
import * as unblock from './unblock.operation';

export const contact = defineResource({
	value: 'contact',
	displayName: 'Contact',
	defaultOperation: 'check',
	shared: [accountPhoneNumberParameter(['block', 'unblock', 'getBlocked'])],
	operations: { check, block, unblock, getBlocked },
	options: {
		block: {
			name: 'Block',
			action: 'Block users',
			description: 'Stop users from messaging the business phone number (only users who wrote in the last 24 hours)',
		},
		check: {
			name: 'Validate Phone Numbers',
			action: 'Validate phone numbers',
			description:
				'Normalize numbers to international format and check they are possible phone numbers. Sends nothing and cannot tell whether a number has WhatsApp.',
		},
		getBlocked: {
			name: 'Get Blocked',
			action: 'Get blocked users',
			description: 'List the users the business phone number has blocked',
		},
		unblock: {
			name: 'Unblock',
			action: 'Unblock users',
			description: 'Let blocked users message the business phone number again',
		},
	},
});
