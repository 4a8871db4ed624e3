import type { IWebhookDescription } from 'n8n-workflow';

/**
 * The waiting URL of Send and Wait for Response, declared as n8n's own send-and-wait nodes do
 * (n8n-nodes-base utils/sendAndWait/descriptions): `restartWebhook` webhooks are not registered
 * anywhere when the workflow is activated — n8n serves them at
 * `<WEBHOOK_URL>/webhook-waiting/<execution>/<node id>` only while an execution waits on the
 * node, and checks its URL signature before calling the node's `webhook()`. So the node has no
 * `webhookMethods` lifecycle: there is nothing on Meta's side to create or delete.
 */
export const sendAndWaitWebhooks: IWebhookDescription[] = [
	{
		name: 'default',
		httpMethod: 'GET',
		responseMode: 'onReceived',
		responseData: '',
		path: '={{ $nodeId }}',
		restartWebhook: true,
		isFullPath: true,
	},
	{
		name: 'default',
		httpMethod: 'POST',
		responseMode: 'onReceived',
		responseData: '',
		path: '={{ $nodeId }}',
		restartWebhook: true,
		isFullPath: true,
	},
];
