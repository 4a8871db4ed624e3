import { defineResource } from '../types';
import * as get from './get.operation';
import * as getAnalytics from './getAnalytics.operation';
import * as getSubscribedApps from './getSubscribedApps.operation';
import * as subscribeApp from './subscribeApp.operation';
import * as unsubscribeApp from './unsubscribeApp.operation';
import { businessAccountIdParameter } from './wabaId';

export const businessAccount = defineResource({
	value: 'businessAccount',
	displayName: 'Business Account',
	defaultOperation: 'subscribeApp',
	shared: [businessAccountIdParameter()],
	operations: { subscribeApp, getSubscribedApps, unsubscribeApp, getAnalytics, get },
	options: {
		get: {
			name: 'Get',
			action: 'Get a business account',
			description: 'Name, currency, time zone, review status and Marketing Messages API onboarding status of the account',
		},
		getAnalytics: {
			name: 'Get Analytics',
			action: 'Get analytics',
			description: 'Messages, conversations or pricing (volume and cost) for a period, by phone number and category',
		},
		getSubscribedApps: {
			name: 'Get Subscribed Apps',
			action: 'Get subscribed apps',
			description: "List the apps that receive the WhatsApp Business Account's webhooks",
		},
		subscribeApp: {
			name: 'Subscribe App to Webhooks',
			action: 'Subscribe the app to webhooks',
			description: "Make the token's app receive the WhatsApp Business Account's webhooks",
		},
		unsubscribeApp: {
			name: 'Unsubscribe App From Webhooks',
			action: 'Unsubscribe the app from webhooks',
			description: "Stop the token's app from receiving the WhatsApp Business Account's webhooks",
		},
	},
});
