import type { INodeProperties } from 'n8n-workflow';

import { accountPhoneNumberParameter } from '../phoneNumber/locator';
import type { Resource } from '../types';
import * as get from './get.operation';
import * as update from './update.operation';

const operationSelector: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['businessProfile'] } },
	options: [
		{
			name: 'Get',
			value: 'get',
			action: 'Get the business profile',
			description: 'Get about, address, description, email, websites, industry and photo URL',
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update the business profile',
			description: 'Change the profile customers see for this number',
		},
	],
	default: 'get',
};

export const businessProfile: Resource = {
	description: [
		operationSelector,
		accountPhoneNumberParameter('businessProfile', ['get', 'update']),
		...get.description,
		...update.description,
	],
	operations: { get, update },
};
