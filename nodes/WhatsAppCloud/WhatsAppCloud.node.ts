import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../shared/credentials';
import { searchPhoneNumbers } from '../shared/phoneNumberSearch';
import { sendAndWaitWebhook, sendAndWaitWebhooks } from './actions/message/sendAndWait';
import { properties, router } from './actions/router';
import { searchFlows } from './methods/flows';
import { getTemplateVariables, searchTemplates } from './methods/templates';

export class WhatsAppCloud implements INodeType {
	description: INodeTypeDescription = {
		// the panel names it apart from n8n's built-in "WhatsApp Business Cloud"; `name` and the default node name stay
		displayName: 'WhatsApp Cloud API',
		name: 'whatsAppCloud',
		icon: { light: 'file:../../icons/whatsapp-cloud.svg', dark: 'file:../../icons/whatsapp-cloud.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			"Community node for Meta's WhatsApp Cloud API, not n8n's built-in WhatsApp Business Cloud: every message type, templates with their variables as fields, Send and Wait, paced bulk sends; numbers, profiles, media and templates",
		defaults: { name: 'WhatsApp Cloud' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		// Send and Wait for Response's waiting URL (see actions/message/sendAndWait/webhooks.ts).
		webhooks: sendAndWaitWebhooks,
		waitingNodeTooltip:
			'={{ $parameter["operation"] === "sendAndWait" ? "Waiting for the WhatsApp answer (it arrives through an active WhatsApp Cloud Trigger)" : "" }}',
		properties,
	};

	methods = {
		listSearch: { searchFlows, searchPhoneNumbers, searchTemplates },
		resourceMapping: { getTemplateVariables },
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await sendAndWaitWebhook.call(this);
	}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return router.call(this);
	}
}
