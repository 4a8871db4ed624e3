/** Phone numbers of the WABA: list and single number. */
import { SCOPE_MANAGEMENT } from '../fixtures';
import type { Route } from '../router';
import { PHONE_NUMBER_DEFAULT_FIELDS, PHONE_NUMBER_FIELDS } from '../state';
import { paginate, project } from './graphQuery';
import { callerWebhookConfiguration } from './phoneWebhook';

const NODE_TYPE = 'WhatsAppBusinessPhoneNumber';

export const listPhoneNumbers: Route = {
	method: 'GET',
	path: '/{WABA-ID}/phone_numbers',
	scope: SCOPE_MANAGEMENT,
	handle(ctx) {
		return { body: paginate(ctx.state.phoneNumbers, ctx, (p) => project(p, ctx, PHONE_NUMBER_FIELDS, PHONE_NUMBER_DEFAULT_FIELDS, NODE_TYPE)) };
	},
};

export const getPhoneNumber: Route = {
	method: 'GET',
	path: '/{Phone-Number-ID}',
	scope: SCOPE_MANAGEMENT,
	handle(ctx) {
		const phone = ctx.state.phoneNumbers.find((p) => p.id === ctx.params['Phone-Number-ID']);
		// Conversational components are read as a field of the number (conversational-automation.ts).
		const automation = ctx.state.commerce.conversationalAutomation[ctx.params['Phone-Number-ID']];
		// webhook_configuration: where the number's webhooks go for the calling app (phoneWebhook.ts).
		const item = { ...phone, conversational_automation: automation, webhook_configuration: callerWebhookConfiguration(ctx) };
		return { body: project(item, ctx, [...PHONE_NUMBER_FIELDS, 'conversational_automation', 'webhook_configuration'], PHONE_NUMBER_DEFAULT_FIELDS, NODE_TYPE) };
	},
};
