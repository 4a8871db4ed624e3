import { accountPhoneNumberParameter } from '../phoneNumber/locator';
import { defineResource } from '../types';
import * as get from './get.operation';
import * as update from './update.operation';

export const businessProfile = defineResource({
	value: 'businessProfile',
	displayName: 'Business Profile',
	defaultOperation: 'get',
	shared: [accountPhoneNumberParameter()],
	operations: { get, update },
	options: {
		get: {
			name: 'Get',
			action: 'Get the business profile',
			description: 'Get about, address, description, email, websites, industry and photo URL',
		},
		update: {
			name: 'Update',
			action: 'Update the business profile',
			description: 'Change the profile customers see for this number',
		},
	},
});
