import type { IDataObject } from 'n8n-workflow';

/** Meta's conversational_automation object. */
export interface ConversationalAutomation {
	enable_welcome_message?: boolean;
	prompts?: string[];
	commands?: Array<{ command_name?: string; command_description?: string }>;
}

/** The item Get and Update Conversational Components output: what the number has now. */
export function conversationalItem(
	phoneNumberId: string,
	automation: ConversationalAutomation | undefined,
): IDataObject {
	return {
		phoneNumberId,
		enableWelcomeMessage: automation?.enable_welcome_message ?? false,
		iceBreakers: automation?.prompts ?? [],
		commands: (automation?.commands ?? []).map((command) => ({
			name: command.command_name ?? null,
			description: command.command_description ?? null,
		})),
	};
}
