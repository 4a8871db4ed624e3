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
		displayName: 'WhatsApp Cloud Trigger',
		name: 'whatsAppCloudTrigger',
		icon: { light: 'file:../../icons/whatsapp-cloud.svg', dark: 'file:../../icons/whatsapp-cloud.dark.svg' },
		group: ['trigger'],
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description:
			"Starts the workflow on WhatsApp messages, statuses and other webhook events. Unlike n8n's built-in WhatsApp Trigger it checks Meta's signature, drops duplicates and splits events into outputs.",
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
