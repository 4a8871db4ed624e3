import type { INodeProperties } from 'n8n-workflow';

import type { Resource } from '../types';
import * as sendText from './sendText.operation';

const operationSelector: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['message'] } },
	options: [
		{
			name: 'Send Text',
			value: 'sendText',
			action: 'Send a text message',
			description: 'Send a text message, optionally as a reply',
		},
	],
	default: 'sendText',
};

export const message: Resource = {
	description: [operationSelector, ...sendText.description],
	operations: { sendText },
};
