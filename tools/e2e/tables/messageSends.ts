/**
 * The messages suite's send table (every message type except templates): each row is a node's
 * parameters and the exact body the simulator must record; ../cases.ts turns a row into a case.
 */

import { PHONE_NUMBER_ID } from '../../simulator/fixtures';
import { byId, messageBody, type SendCase } from '../cases';

export const TO = '+1 555 000 9999';
export const REPLY_TO = 'wamid.HBgLMTU1NTAwMDk5OTkVAgASGBQzQUYzMjEzNDM2RTZGQ0MzMDJBRgA=';
export const phoneNumberId = byId(PHONE_NUMBER_ID);
export const reply = { context: { message_id: REPLY_TO } };

export function message(operation: string, parameters: Record<string, unknown>): Record<string, unknown> {
	return { resource: 'message', operation, phoneNumberId, ...parameters };
}


export const SENDS: SendCase[] = [
	{
		name: 'text: with link preview, as a reply',
		parameters: message('sendText', {
			to: TO,
			body: 'Track it at https://example.com/t/42',
			previewUrl: true,
			options: { replyTo: REPLY_TO },
		}),
		expected: messageBody('text', { body: 'Track it at https://example.com/t/42', preview_url: true }, reply),
	},
	{
		name: 'media: image by public link, with caption, as a reply',
		parameters: message('sendMedia', {
			to: TO,
			mediaType: 'image',
			mediaSource: 'link',
			mediaUrl: 'https://example.com/shop.jpg',
			caption: 'New shop',
			options: { replyTo: REPLY_TO },
		}),
		expected: messageBody('image', { link: 'https://example.com/shop.jpg', caption: 'New shop' }, reply),
	},
	{
		name: 'media: document by media ID with file name',
		parameters: message('sendMedia', {
			to: TO,
			mediaType: 'document',
			mediaSource: 'id',
			mediaId: '1037543291543636',
			caption: 'Invoice',
			fileName: 'invoice.pdf',
		}),
		expected: messageBody('document', { id: '1037543291543636', caption: 'Invoice', filename: 'invoice.pdf' }),
	},
	{
		name: 'media: sticker by link carries no caption',
		parameters: message('sendMedia', {
			to: TO,
			mediaType: 'sticker',
			mediaSource: 'link',
			mediaUrl: 'https://example.com/s.webp',
			caption: 'ignored',
		}),
		expected: messageBody('sticker', { link: 'https://example.com/s.webp' }),
	},
	{
		name: 'media: audio by link carries no caption',
		parameters: message('sendMedia', {
			to: TO,
			mediaType: 'audio',
			mediaSource: 'link',
			mediaUrl: 'https://example.com/a.mp3',
			caption: 'ignored',
		}),
		expected: messageBody('audio', { link: 'https://example.com/a.mp3' }),
	},
	{
		name: 'interactive: reply buttons with image header and footer',
		parameters: message('sendInteractive', {
			to: TO,
			interactiveType: 'buttons',
			headerType: 'image',
			headerMediaSource: 'link',
			headerMediaUrl: 'https://example.com/banner.png',
			bodyText: 'Confirm your booking?',
			footerText: 'Reply within 24 h',
			buttons: {
				button: [
					{ title: 'Yes', id: 'yes' },
					{ title: 'No', id: 'no' },
					{ title: 'Call me', id: 'call' },
				],
			},
		}),
		expected: messageBody('interactive', {
			type: 'button',
			header: { type: 'image', image: { link: 'https://example.com/banner.png' } },
			body: { text: 'Confirm your booking?' },
			footer: { text: 'Reply within 24 h' },
			action: {
				buttons: [
					{ type: 'reply', reply: { id: 'yes', title: 'Yes' } },
					{ type: 'reply', reply: { id: 'no', title: 'No' } },
					{ type: 'reply', reply: { id: 'call', title: 'Call me' } },
				],
			},
		}),
	},
	{
		name: 'interactive: list with two sections',
		parameters: message('sendInteractive', {
			to: TO,
			interactiveType: 'list',
			headerType: 'text',
			headerText: 'Menu',
			bodyText: 'What would you like?',
			footerText: 'Prices include VAT',
			listButtonText: 'See menu',
			sections: {
				section: [
					{
						title: 'Drinks',
						rows: {
							row: [
								{ id: 'tea', title: 'Tea', description: 'Green or black' },
								{ id: 'coffee', title: 'Coffee' },
							],
						},
					},
					{ title: 'Food', rows: { row: [{ id: 'cake', title: 'Cake' }] } },
				],
			},
		}),
		expected: messageBody('interactive', {
			type: 'list',
			header: { type: 'text', text: 'Menu' },
			body: { text: 'What would you like?' },
			footer: { text: 'Prices include VAT' },
			action: {
				button: 'See menu',
				sections: [
					{
						title: 'Drinks',
						rows: [
							{ id: 'tea', title: 'Tea', description: 'Green or black' },
							{ id: 'coffee', title: 'Coffee' },
						],
					},
					{ title: 'Food', rows: [{ id: 'cake', title: 'Cake' }] },
				],
			},
		}),
	},
	{
		name: 'interactive: CTA URL button',
		parameters: message('sendInteractive', {
			to: TO,
			interactiveType: 'ctaUrl',
			headerType: 'text',
			headerText: 'Tickets',
			bodyText: 'Your ticket is ready',
			ctaDisplayText: 'Open ticket',
			ctaUrl: 'https://example.com/t/42',
		}),
		expected: messageBody('interactive', {
			type: 'cta_url',
			header: { type: 'text', text: 'Tickets' },
			body: { text: 'Your ticket is ready' },
			action: { name: 'cta_url', parameters: { display_text: 'Open ticket', url: 'https://example.com/t/42' } },
		}),
	},
	{
		name: 'interactive: location request',
		parameters: message('sendInteractive', {
			to: TO,
			interactiveType: 'locationRequest',
			bodyText: 'Where should we deliver?',
		}),
		expected: messageBody('interactive', {
			type: 'location_request_message',
			body: { text: 'Where should we deliver?' },
			action: { name: 'send_location' },
		}),
	},
	{
		name: 'interactive: flow by ID (navigate, screen data from the webhook)',
		parameters: message('sendInteractive', {
			to: TO,
			interactiveType: 'flow',
			headerType: 'text',
			headerText: 'Sign up',
			bodyText: 'Tell us about you',
			flowBy: 'id',
			flowId: '1234567890123456',
			flowCta: 'Start',
			flowAction: 'navigate',
			flowScreen: 'WELCOME',
			flowData: '={{ JSON.stringify({ name: $json.body.name }) }}',
			options: { flowSession: 'order-42' },
		}),
		input: { name: 'Ana' },
		expected: messageBody('interactive', {
			type: 'flow',
			header: { type: 'text', text: 'Sign up' },
			body: { text: 'Tell us about you' },
			action: {
				name: 'flow',
				parameters: {
					flow_message_version: '3',
					flow_id: '1234567890123456',
					flow_cta: 'Start',
					flow_token: 'order-42',
					flow_action: 'navigate',
					flow_action_payload: { screen: 'WELCOME', data: { name: 'Ana' } },
				},
			},
		}),
	},
	{
		name: 'interactive: flow by name (draft, data exchange)',
		parameters: message('sendInteractive', {
			to: TO,
			interactiveType: 'flow',
			bodyText: 'Test',
			flowBy: 'name',
			flowName: 'signup_v2',
			flowCta: 'Open',
			flowAction: 'data_exchange',
			options: { flowMode: 'draft' },
		}),
		expected: messageBody('interactive', {
			type: 'flow',
			body: { text: 'Test' },
			action: {
				name: 'flow',
				parameters: {
					flow_message_version: '3',
					flow_name: 'signup_v2',
					flow_cta: 'Open',
					flow_action: 'data_exchange',
					mode: 'draft',
				},
			},
		}),
	},
	{
		name: 'location with name and address, as a reply',
		parameters: message('sendLocation', {
			to: TO,
			latitude: 51.5072,
			longitude: -0.1276,
			locationName: 'Office',
			address: '1 Main St, London',
			options: { replyTo: REPLY_TO },
		}),
		expected: messageBody(
			'location',
			{ latitude: 51.5072, longitude: -0.1276, name: 'Office', address: '1 Main St, London' },
			reply,
		),
	},
	{
		name: 'contacts: two cards',
		parameters: message('sendContacts', {
			to: TO,
			contacts: {
				contact: [
					{
						formattedName: 'Ana Silva',
						firstName: 'Ana',
						lastName: 'Silva',
						phones: { phone: [{ phone: '+1 555 010 0001', type: 'WORK', waId: '15550100001' }] },
						emails: { email: [{ email: 'ana@example.com', type: 'WORK' }] },
						additionalFields: { company: 'Example Inc', title: 'CTO' },
					},
					{ formattedName: 'Bo', lastName: 'Bo', phones: { phone: [{ phone: '+44 20 7946 0000' }] } },
				],
			},
		}),
		expected: messageBody('contacts', [
			{
				name: { formatted_name: 'Ana Silva', first_name: 'Ana', last_name: 'Silva' },
				org: { company: 'Example Inc', title: 'CTO' },
				phones: [{ phone: '+1 555 010 0001', wa_id: '15550100001', type: 'WORK' }],
				emails: [{ email: 'ana@example.com', type: 'WORK' }],
			},
			{ name: { formatted_name: 'Bo', last_name: 'Bo' }, phones: [{ phone: '+44 20 7946 0000' }] },
		]),
	},
	{
		name: 'reaction',
		parameters: message('sendReaction', { to: TO, reactionMessageId: REPLY_TO, emoji: '👍🏽' }),
		expected: messageBody('reaction', { message_id: REPLY_TO, emoji: '👍🏽' }),
		output: { removed: false },
	},
	{
		name: 'reaction removed (empty emoji)',
		parameters: message('sendReaction', { to: TO, reactionMessageId: REPLY_TO, emoji: '' }),
		expected: messageBody('reaction', { message_id: REPLY_TO, emoji: '' }),
		output: { removed: true },
	},
	{
		name: 'mark as read with typing indicator',
		parameters: message('markAsRead', { readMessageId: REPLY_TO, typingIndicator: true }),
		expected: {
			messaging_product: 'whatsapp',
			status: 'read',
			message_id: REPLY_TO,
			typing_indicator: { type: 'text' },
		},
		output: { success: true },
	},
];
