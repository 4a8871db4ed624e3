/**
 * POST /{Phone-Number-ID}/conversational_automation — welcome message, ice breakers (prompts) and
 * commands of a phone number (the contract has checked the limits). Like Meta, a field sent
 * replaces the number's current value and a field left out stays; command names must be unique.
 * GET /{Phone-Number-ID}?fields=conversational_automation reads them (phone-numbers.ts).
 */
import { SCOPE_MANAGEMENT } from '../fixtures';
import { GraphError } from '../graphError';
import type { Route } from '../router';
import type { SimBotCommand } from '../commerceState';

export const configureConversationalAutomation: Route = {
	method: 'POST',
	path: '/{Phone-Number-ID}/conversational_automation',
	scope: SCOPE_MANAGEMENT,
	handle(ctx) {
		const body = (ctx.body ?? {}) as {
			enable_welcome_message?: boolean;
			prompts?: string[];
			commands?: SimBotCommand[];
		};
		const names = new Set<string>();
		for (const command of body.commands ?? []) {
			const name = command.command_name.toLowerCase();
			if (names.has(name)) {
				throw new GraphError(400, {
					message: `Command names must be unique. Duplicate command name found: ${command.command_name}`,
					type: 'GraphMethodException',
					code: 100,
				});
			}
			names.add(name);
		}
		const id = ctx.params['Phone-Number-ID'];
		const current = ctx.state.commerce.conversationalAutomation[id] ?? {
			enable_welcome_message: false,
			prompts: [],
			commands: [],
		};
		ctx.state.commerce.conversationalAutomation[id] = {
			enable_welcome_message: body.enable_welcome_message ?? current.enable_welcome_message,
			prompts: body.prompts ?? current.prompts,
			commands: body.commands ?? current.commands,
		};
		return { body: { success: true } };
	},
};
