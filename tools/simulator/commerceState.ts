/** Simulated state of the commerce and safety endpoints: blocklists, conversational components, QR codes. */
import { PHONE_NUMBERS, SAMPLE_QR_CODE } from './fixtures';

export interface SimBotCommand {
	command_name: string;
	command_description: string;
}

export interface SimConversationalAutomation {
	enable_welcome_message: boolean;
	prompts: string[];
	commands: SimBotCommand[];
}

export interface SimQrCode {
	code: string;
	prefilled_message: string;
	deep_link_url: string;
	creation_time: number;
}

export interface CommerceState {
	/** wa_ids blocked by each phone number (keyed by phone number id), oldest first. */
	blockedUsers: Record<string, string[]>;
	/** Conversational components of each phone number. */
	conversationalAutomation: Record<string, SimConversationalAutomation>;
	/** Message QR codes of each phone number, oldest first. */
	qrCodes: Record<string, SimQrCode[]>;
}

export function createCommerceState(): CommerceState {
	return {
		blockedUsers: Object.fromEntries(PHONE_NUMBERS.map((p) => [p.id, []])),
		conversationalAutomation: Object.fromEntries(
			PHONE_NUMBERS.map((p) => [p.id, { enable_welcome_message: false, prompts: [], commands: [] }]),
		),
		qrCodes: Object.fromEntries(
			PHONE_NUMBERS.map((p, i) => [
				p.id,
				i === 0
					? [
							{
								code: SAMPLE_QR_CODE,
								prefilled_message: 'Show me Cyber Monday deals!',
								deep_link_url: `https://wa.me/message/${SAMPLE_QR_CODE}`,
								creation_time: 1764547200,
							},
						]
					: [],
			]),
		),
	};
}
