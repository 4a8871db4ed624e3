/**
 * R7 contract fixes of account management (block users, conversational components, QR codes):
 *     p  Block Users (POST/DELETE /{Phone-Number-ID}/block_users): Meta's guide makes
 *        messaging_product ("whatsapp") and block_users required, each entry with its `user`, at
 *        most 1,000 users a request; the file's inline schema requires nothing.
 *     n  Conversational components (ConversationalAutomationRequest): Meta's Conversational
 *        Components guide allows 4 ice breakers (`prompts`; the file says 3) and command names of
 *        up to 32 characters (the file says 30).
 *     o  Message QR codes: the code pattern ^[A-Z2-7]{14}$ refuses Meta's own example codes
 *        ("ANED2T5QRU7HG1" has a 1): codes are 14 upper-case letters or digits. The request is a
 *        oneOf [Create, Update] where Create is open, so every update body (code + message)
 *        matched both branches and failed; Create now refuses `code`, and Update also takes
 *        generate_qr_image (Meta regenerates the image on update).
 *
 */
import type { Patch } from './patch';

/** Block and Unblock take the same body. */
function blockUsersPatches(request: string): Patch[] {
	return [
		{ id: 'R7p', at: [request, 'required'], before: undefined, after: ['messaging_product', 'block_users'] },
		{
			id: 'R7p',
			at: [request, 'properties', 'messaging_product'],
			before: { type: 'string' },
			after: { type: 'string', enum: ['whatsapp'] },
		},
		{
			id: 'R7p',
			at: [request, 'properties', 'block_users'],
			before: { type: 'array', items: { type: 'object', properties: { user: { type: 'string' } } } },
			after: {
				type: 'array',
				minItems: 1,
				maxItems: 1000,
				items: { type: 'object', required: ['user'], properties: { user: { type: 'string', minLength: 1 } } },
			},
		},
	];
}

export const ACCOUNT_PATCHES: Patch[] = [
	...blockUsersPatches('BlockUserSRequest'),
	...blockUsersPatches('UnblockUserSRequest'),
	// R7n: conversational components as Meta's guide allows them.
	{ id: 'R7n', at: ['ConversationalAutomationRequest', 'properties', 'prompts', 'maxItems'], before: 3, after: 4 },
	{ id: 'R7n', at: ['BotCommand', 'properties', 'command_name', 'maxLength'], before: 30, after: 32 },
	// R7o: message QR codes.
	{ id: 'R7o', at: ['UpdateQrCodeRequest', 'properties', 'code', 'pattern'], before: '^[A-Z2-7]{14}$', after: '^[A-Z0-9]{14}$' },
	{ id: 'R7o', at: ['QrCodeResponse', 'properties', 'code', 'pattern'], before: '^[A-Z2-7]{14}$', after: '^[A-Z0-9]{14}$' },
	{ id: 'R7o', at: ['QrCodeDetails', 'properties', 'code', 'pattern'], before: '^[A-Z2-7]{14}$', after: '^[A-Z0-9]{14}$' },
	{ id: 'R7o', at: ['CreateQrCodeRequest', 'not'], before: undefined, after: { required: ['code'] } },
	{
		id: 'R7o',
		at: ['UpdateQrCodeRequest', 'properties', 'generate_qr_image'],
		before: undefined,
		after: { type: 'string', enum: ['PNG', 'SVG'] },
	},
];
