/**
 * POST /{Phone-Number-ID}/marketing_messages — Marketing Messages API for WhatsApp ("Send marketing
 * messages": the /messages body of a template message, plus `product_policy` and
 * `message_activity_sharing`; the contract checked the body already, which takes only
 * `type: "template"` and `to`).
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/send-marketing-messages
 * Refused as Meta's MM support page lists it (a (#100) parameter error each): the WABA is not
 * onboarded (marketingState.ts), or the template is not a marketing template. The template itself
 * is checked like a /messages send (132001 …). An accepted send is recorded with the other sends,
 * so statuses and the throughput counters see it like a Cloud API send.
 */
import { SCOPE_MESSAGING } from '../fixtures';
import { invalidParameter } from '../graphError';
import { marketingState } from '../marketingState';
import type { Route } from '../router';
import { newWamid } from './messages';
import { checkTemplateMessage } from './templateSend';

export const NOT_ONBOARDED_DETAILS =
	'The WhatsApp Business Account is not onboarded to the Marketing Messages API for WhatsApp: accept its terms of service in WhatsApp Manager first.';
export const NOT_MARKETING_DETAILS = 'Only templates of category MARKETING can be sent with the Marketing Messages API for WhatsApp.';

export const sendMarketingMessage: Route = {
	method: 'POST',
	path: '/{Phone-Number-ID}/marketing_messages',
	scope: SCOPE_MESSAGING,
	handle(ctx) {
		const body = ctx.body as Record<string, unknown>;
		if (marketingState(ctx.state).onboarding !== 'ONBOARDED') throw invalidParameter(NOT_ONBOARDED_DETAILS);
		const problem = checkTemplateMessage(ctx.state, body.template);
		if (problem) throw problem;
		const { name, language } = body.template as { name: string; language: { code: string } };
		const found = ctx.state.templates.find((t) => t.name === name && t.language === language.code);
		if (found?.category !== 'MARKETING') throw invalidParameter(NOT_MARKETING_DETAILS);
		const to = String(body.to);
		const digits = to.replace(/[^0-9]/g, '');
		const id = newWamid(digits);
		ctx.state.sentMessages.push({ id, phoneNumberId: ctx.params['Phone-Number-ID'], to, type: 'template', body, at: new Date().toISOString() });
		return {
			body: {
				messaging_product: 'whatsapp',
				contacts: [{ input: to, wa_id: digits }],
				messages: [{ id, message_status: 'accepted' }],
			},
		};
	},
};
