/** Message → Send and Wait for Response (operation value n8n's SEND_AND_WAIT_OPERATION, `sendAndWait`). */
import { questionInput } from './question';

export { description } from './description';
export { execute } from './execute';
export { sendAndWaitWebhook } from './webhook';
export { sendAndWaitWebhooks } from './webhooks';

export const inputs = [questionInput];
