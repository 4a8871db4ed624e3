import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { WhatsAppCloudCredentials } from '../WhatsAppCloud/transport';
import { forgetDedupeWindow } from './dedupe';
import { OUTPUTS_EXPRESSION, properties } from './description';
import { callbackUrlProblem, subscribe, subscriptionExists, unsubscribe, type SubscriptionTarget } from './subscription';
import { receiveWebhook } from './webhook';

const CREDENTIAL = 'whatsAppCloudApi';

interface TriggerOptions {
	acceptUnsigned?: boolean;
	dedupe?: boolean;
	dedupeMinutes?: number;
	messageTypes?: string[];
	phoneNumberIds?: string;
	otherFields?: string;
	statusTypes?: string[];
}

async function credentialsOf(ctx: IHookFunctions | IWebhookFunctions): Promise<WhatsAppCloudCredentials> {
	return (await ctx.getCredentials(CREDENTIAL)) as unknown as WhatsAppCloudCredentials;
}

/**
 * Everything that must hold before the trigger can work, checked on activation so the user
 * learns it there and not from silently missing events. Returns the subscription target when
 * the trigger subscribes the WABA itself.
 */
async function activationTarget(ctx: IHookFunctions): Promise<SubscriptionTarget | undefined> {
	const credentials = await credentialsOf(ctx);
	const options = ctx.getNodeParameter('options', {}) as TriggerOptions;
	if (!credentials.appSecret && !options.acceptUnsigned) {
		throw new NodeOperationError(ctx.getNode(), 'The credential has no App Secret, so webhook signatures cannot be checked', {
			description:
				'Enter the App Secret (App Dashboard → App settings → Basic) in the WhatsApp Cloud API credential. Only for tests: tick "Accept Unsigned Events (Testing Only)" in the trigger options.',
		});
	}
	if (!credentials.verifyToken) {
		throw new NodeOperationError(ctx.getNode(), 'The credential has no Webhook Verify Token, so Meta\'s verification request cannot be answered', {
			description:
				'Enter any secret string as "Webhook Verify Token" in the WhatsApp Cloud API credential (and the same value as "Verify token" in the App Dashboard if you set the callback URL there).',
		});
	}
	const autoSubscribe = ctx.getNodeParameter('autoSubscribe', true) as boolean;
	const wabaId = (credentials.businessAccountId ?? '').trim();
	if (!autoSubscribe || !wabaId) return undefined;
	if (!/^\d+$/.test(wabaId)) {
		throw new NodeOperationError(ctx.getNode(), `The credential's WhatsApp Business Account ID "${wabaId}" is not an ID (digits only)`, {
			description: 'Copy the WABA ID from WhatsApp Manager or App Dashboard → WhatsApp → API Setup.',
		});
	}
	const callbackUrl = ctx.getNodeWebhookUrl('default') ?? '';
	const problem = callbackUrlProblem(callbackUrl, credentials.graphBaseUrl);
	if (problem) throw new NodeOperationError(ctx.getNode(), problem);
	return { wabaId, callbackUrl, credentials };
}

function triggerKey(ctx: IHookFunctions | IWebhookFunctions): string {
	return `${ctx.getWorkflow().id ?? ''}:${ctx.getNode().id}`;
}

export class WhatsAppCloudTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Cloud Trigger',
		name: 'whatsAppCloudTrigger',
		icon: { light: 'file:../../icons/whatsapp-cloud.svg', dark: 'file:../../icons/whatsapp-cloud.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow on WhatsApp messages, delivery statuses and other webhook events (Meta Cloud API)',
		defaults: { name: 'WhatsApp Cloud Trigger' },
		inputs: [],
		outputs: OUTPUTS_EXPRESSION,
		credentials: [{ name: CREDENTIAL, required: true }],
		webhooks: [
			{ name: 'setup', httpMethod: 'GET', responseMode: 'onReceived', path: 'webhook' },
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties,
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const target = await activationTarget(this);
				if (!target) return true;
				return await subscriptionExists.call(this, target);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const target = await activationTarget(this);
				if (target) await subscribe.call(this, target);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				forgetDedupeWindow(triggerKey(this));
				const data = this.getWorkflowStaticData('node');
				if (!data.subscription) return true;
				const credentials = await credentialsOf(this);
				await unsubscribe.call(this, {
					wabaId: (credentials.businessAccountId ?? '').trim(),
					callbackUrl: this.getNodeWebhookUrl('default') ?? '',
					credentials,
				});
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveWebhook(this, triggerKey(this));
	}
}
