import type { INodeProperties } from 'n8n-workflow';

import type { Resource } from '../types';
import * as getSubscribedApps from './getSubscribedApps.operation';
import * as subscribeApp from './subscribeApp.operation';
import * as unsubscribeApp from './unsubscribeApp.operation';
import { businessAccountIdParameter } from './wabaId';

const operationSelector: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['businessAccount'] } },
	options: [
		{
			name: 'Get Subscribed Apps',
			value: 'getSubscribedApps',
			action: 'Get subscribed apps',
			description: "List the apps that receive the WhatsApp Business Account's webhooks",
		},
		{
			name: 'Subscribe App',
			value: 'subscribeApp',
			action: 'Subscribe the app to webhooks',
			description: "Make the token's app receive the WhatsApp Business Account's webhooks",
		},
		{
			name: 'Unsubscribe App',
			value: 'unsubscribeApp',
			action: 'Unsubscribe the app from webhooks',
			description: "Stop the token's app from receiving the WhatsApp Business Account's webhooks",
		},
	],
	default: 'subscribeApp',
};

export const businessAccount: Resource = {
	description: [
		operationSelector,
		businessAccountIdParameter('businessAccount'),
		...subscribeApp.description,
		...getSubscribedApps.description,
		...unsubscribeApp.description,
	],
	operations: { subscribeApp, getSubscribedApps, unsubscribeApp },
};
