import type { INodeProperties } from 'n8n-workflow';

import type { Resource } from '../types';
import * as create from './create.operation';
import * as deleteTemplate from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

const operationSelector: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['template'] } },
	options: [
		{
			name: 'Create',
			value: 'create',
			action: 'Create a template',
			description: "Submit a new message template for Meta's review",
		},
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete a template',
			description: 'Delete a template by name (all languages) or by name and ID',
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a template',
			description: 'Get one template by its ID',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many templates',
			description: "List the WhatsApp Business Account's templates, with filters",
		},
	],
	default: 'getAll',
};

export const template: Resource = {
	description: [
		operationSelector,
		...getAll.description,
		...get.description,
		...create.description,
		...deleteTemplate.description,
	],
	operations: { getAll, get, create, delete: deleteTemplate },
};
