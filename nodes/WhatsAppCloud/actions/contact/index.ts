import type { INodeProperties } from 'n8n-workflow';

import type { Resource } from '../types';
import * as check from './check.operation';

const operationSelector: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['contact'] } },
	options: [
		{
			name: 'Check',
			value: 'check',
			action: 'Check phone numbers',
			description: 'Normalise numbers to international format and check they are possible; sends nothing',
		},
	],
	default: 'check',
};

export const contact: Resource = {
	description: [operationSelector, ...check.description],
	operations: { check },
};
