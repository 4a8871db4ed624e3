import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../shared/credentials';
import { getPhoneNumberOptions } from '../shared/phoneNumberSearch';
import { forgetDedupeWindow } from './dedupe';
import { OUTPUTS_EXPRESSION, properties } from './description';
import { triggerKey } from './memory';
import { forgetSigningSecret } from './signingSecret';
import { checkSubscription, createSubscription, deleteSubscription } from './subscription';
import { receiveWebhook } from './webhook';


export class WhatsAppCloudTrigger implements INodeType {
	description: INodeTypeDescription = {
		// named apart from n8n's built-in "WhatsApp Trigger"; `name` and the default node name stay
		displayName: 'WhatsApp Cloud API Trigger',
		name: 'whatsAppCloudTrigger',
		icon: { light: 'file:../../icons/whatsapp-cloud.svg', dark: 'file:../../icons/whatsapp-cloud.dark.svg' },
		group: ['trigger'],
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description:
			"Community trigger for Meta's WhatsApp Cloud API webhooks, not n8n's built-in WhatsApp Trigger: signed and deduplicated items for messages, statuses, calls, groups and every other webhook field",
		defaults: { name: 'WhatsApp Cloud Trigger' },
		inputs: [],
		outputs: OUTPUTS_EXPRESSION,
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		webhooks: [
			{ name: 'setup', httpMethod: 'GET', responseMode: 'onReceived', path: 'webhook' },
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties,
	};

	methods = { loadOptions: { getPhoneNumberOptions } };

	/**
	 * See subscription.ts for when n8n calls these and what each does. None of them lets a
	 * Graph API outage at n8n start or leadership change stop receiving.
	 */
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkSubscription.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await createSubscription.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				forgetDedupeWindow(triggerKey(this));
				forgetSigningSecret(triggerKey(this));
				return await deleteSubscription.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveWebhook(this, triggerKey(this));
	}
}
