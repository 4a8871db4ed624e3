/** Message → Send and Wait for Response (operation value n8n's SEND_AND_WAIT_OPERATION, `sendAndWait`). */
export { description } from './description';
export { execute } from './execute';
export { sendAndWaitWebhook } from './webhook';
export { sendAndWaitWebhooks } from './webhooks';
