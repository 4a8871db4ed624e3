/**
 * POST /{Phone-Number-ID}/messages — send a message (the body was already checked against the
 * contract, which takes exactly one of `to` (phone number) and `recipient` (BSUID)). A BSUID send
 * is answered as Meta does (contacts [{input, user_id}]) and refused with 131062 for the
 * authentication templates Meta cannot send to a BSUID (docs/usernames-facts.md).
 */
import { randomBytes } from 'node:crypto';
import { SCOPE_MESSAGING } from '../fixtures';
import { whatsappError } from '../graphError';
import type { RequestContext, Route } from '../router';
import { checkProductMessage } from './catalog';
import { checkTemplateMessage } from './templateSend';

let counter = 0;

/** A unique message id shaped like Meta's ("wamid." + base64). */
/** Meta's `contacts[0]` for a send: the user ID for a BSUID send, the WhatsApp ID for a phone send, only the input for a group. */
function contactOf(body: Record<string, unknown>, to: string, userId: string | undefined): Record<string, string> {
	if (userId) return { input: userId, user_id: userId };
	if (body.recipient_type === 'group') return { input: to };
	return { input: to, wa_id: to.replace(/[^0-9]/g, '') };
}

export function newWamid(to: string): string {
	counter += 1;
	const inner = `${to}${counter.toString(16).padStart(6, '0')}${randomBytes(9).toString('hex').toUpperCase()}`;
	return `wamid.${Buffer.from(`HBgL${inner}`).toString('base64')}`;
}

/** One-tap, zero-tap and copy-code authentication templates need a phone number (Meta). */
function isAuthenticationTemplate(ctx: RequestContext, template: unknown): boolean {
	const { name, language } = (template ?? {}) as { name?: unknown; language?: { code?: unknown } };
	const found = ctx.state.templates.find((t) => t.name === name && t.language === language?.code);
	return found?.category === 'AUTHENTICATION';
}

export const sendMessage: Route = {
	method: 'POST',
	path: '/{Phone-Number-ID}/messages',
	scope: SCOPE_MESSAGING,
	handle(ctx) {
		const body = ctx.body as Record<string, unknown>;
		if ('status' in body) return { body: { success: true } }; // read receipt / typing indicator
		const userId = typeof body.recipient === 'string' ? body.recipient : undefined;
		const to = userId ?? String(body.to);
		const type = typeof body.type === 'string' ? body.type : 'text';
		if (type === 'template') {
			if (userId && isAuthenticationTemplate(ctx, body.template)) {
				throw whatsappError(131062, 'BSUID recipients not supported', 'Business-scoped User ID (BSUID) recipients are not supported for this message.');
			}
			const problem = checkTemplateMessage(ctx.state, body.template);
			if (problem) throw problem;
		}
		const productProblem = checkProductMessage(body);
		if (productProblem) throw productProblem;
		const id = newWamid(to.replace(/[^0-9]/g, ''));
		ctx.state.sentMessages.push({ id, phoneNumberId: ctx.params['Phone-Number-ID'], to, type, body, at: new Date().toISOString() });
		const message: Record<string, string> = { id };
		if (type === 'template') message.message_status = 'accepted';
		return {
			body: {
				messaging_product: 'whatsapp',
				contacts: [contactOf(body, to, userId)],
				messages: [message],
			},
		};
	},
};
