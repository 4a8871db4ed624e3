import type { IHookFunctions, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../shared/credentials';
import { receiveFlowRequest } from './flowEndpoint';

/**
 * The data endpoint of a WhatsApp Flow: Meta posts every screen change here, encrypted. The
 * trigger checks the signature, decrypts, answers the health check itself and emits the rest;
 * the workflow answers with WhatsApp Cloud API → Flow → Encrypt Flow Response, which sends the
 * encrypted answer as this request's HTTP response (n8n's "Respond to Webhook" refuses to run
 * behind a trigger that is not n8n's Webhook node, and could not encrypt anyway).
 */
export class WhatsAppFlowTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Flow Endpoint Trigger',
		name: 'whatsAppFlowTrigger',
		icon: { light: 'file:../../icons/whatsapp-cloud.svg', dark: 'file:../../icons/whatsapp-cloud.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'Flow data endpoint',
		description: "Serves a WhatsApp Flow's data endpoint: decrypts Meta's requests and starts the workflow for each screen change",
		defaults: { name: 'WhatsApp Flow Endpoint Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'responseNode', path: 'flow' }],
		properties: [
			{
				displayName:
					"Set this trigger's Production URL as the Flow's endpoint URI. The credential needs the App Secret and the Flow Endpoint Private Key; end the workflow with WhatsApp Cloud API → Flow → Encrypt Flow Response, which answers Meta (within 10 seconds).",
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
		],
	};

	/**
	 * Nothing to register with Meta: the URL is set as the Flow's endpoint URI (Flow JSON or Flow
	 * metadata), and Meta checks it with the health check, which webhook() answers.
	 */
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveFlowRequest(this);
	}
}
