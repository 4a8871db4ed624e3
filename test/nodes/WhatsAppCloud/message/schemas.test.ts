/**
 * The zod schemas of Send Media / Interactive / Location / Contacts / Reaction / Mark as Read,
 * through validateInput: what a user sees when an input breaks one of Meta's limits.
 */
import { describe, expect, it } from '@jest/globals';
import { NodeOperationError } from 'n8n-workflow';
import type { z } from 'zod';

import type { LabelSource } from '../../../../nodes/WhatsAppCloud/validation/labels';
import { validateInput } from '../../../../nodes/WhatsAppCloud/validation/validateInput';
import {
	markAsReadInput,
	sendContactsInput,
	sendLocationInput,
	sendMediaInput,
	sendReactionInput,
} from '../../../../nodes/WhatsAppCloud/validation/schemas';
import {
	interactiveKinds,
	type InteractiveKind,
} from '../../../../nodes/WhatsAppCloud/actions/message/interactive';
import {
	description as markAsReadLabels,
} from '../../../../nodes/WhatsAppCloud/actions/message/markAsRead.operation';
import {
	description as sendContactsLabels,
} from '../../../../nodes/WhatsAppCloud/actions/message/sendContacts.operation';
import {
	description as sendLocationLabels,
} from '../../../../nodes/WhatsAppCloud/actions/message/sendLocation.operation';
import {
	description as sendMediaLabels,
} from '../../../../nodes/WhatsAppCloud/actions/message/sendMedia.operation';
import {
	description as sendReactionLabels,
} from '../../../../nodes/WhatsAppCloud/actions/message/sendReaction.operation';
import { ACTION_NODE } from '../../../fixtures/node';

const node = ACTION_NODE;

function errorOf(schema: z.ZodTypeAny, input: unknown, labels: LabelSource, itemIndex = 0): NodeOperationError {
	try {
		validateInput(node, schema, input, labels, itemIndex);
	} catch (error) {
		expect(error).toBeInstanceOf(NodeOperationError);
		return error as NodeOperationError;
	}
	throw new Error('expected a validation error');
}

const to = '+44 7911 123456';

/** The registry entry of an interactive kind; its check as the operation runs it. */
function kind(value: string): InteractiveKind {
	const found = interactiveKinds.find((k) => k.value === value);
	if (!found) throw new Error(`no interactive kind ${value}`);
	return found;
}
const parse = (value: string, input: object, itemIndex = 0) => kind(value).input.parse(node, input, itemIndex);
function kindError(value: string, input: object, itemIndex = 0): NodeOperationError {
	const { schema, labels } = kind(value).input;
	return errorOf(schema, input, labels, itemIndex);
}

const buttons = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `b${i + 1}`, title: `Choice ${i + 1}` }));
const rows = (n: number, prefix = 'r') =>
	Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i + 1}`, title: `Row ${prefix}${i + 1}` }));
const buttonsMessage = (extra: object = {}) => ({
	to,
	headerType: 'none',
	bodyText: 'Pick one',
	footerText: '',
	buttons: buttons(2),
	...extra,
});
const listMessage = (extra: object = {}) => ({
	to,
	headerType: 'none',
	bodyText: 'Our menu',
	listButtonText: 'Open menu',
	sections: [{ title: 'Food', rows: rows(3) }],
	...extra,
});

describe('reply buttons', () => {
	it('accepts 1 to 3 buttons and normalises the recipient', () => {
		const out = parse('buttons', buttonsMessage({ buttons: buttons(3) }));
		expect(out.to).toBe('447911123456');
		expect(out.buttons).toHaveLength(3);
		expect(kind('buttons').interactive(out)).toEqual({
			type: 'button',
			body: { text: 'Pick one' },
			action: { buttons: buttons(3).map(({ id, title }) => ({ type: 'reply', reply: { id, title } })) },
		});
	});

	it('4 buttons: names "Buttons", the limit 3 and the item', () => {
		const error = kindError('buttons', buttonsMessage({ buttons: buttons(4) }), 1);
		expect(error.message).toBe('"Buttons" has too many entries: 4; WhatsApp allows at most 3 (item 2)');
		expect(error.context.itemIndex).toBe(1);
	});

	it('no button at all', () => {
		expect(kindError('buttons', buttonsMessage({ buttons: [] })).message).toBe(
			'"Buttons" needs at least 1 entry (item 1)',
		);
	});

	it('a 21-character button title names the button and the limit', () => {
		const input = buttonsMessage({
			buttons: [
				{ id: 'a', title: 'ok' },
				{ id: 'b', title: 'x'.repeat(21) },
			],
		});
		expect(kindError('buttons', input).message).toBe(
			'"Buttons › Title" (entry 2) is too long: 21 characters; WhatsApp allows at most 20 (item 1)',
		);
	});

	it('duplicate button IDs and titles are named with the button that used them first', () => {
		const error = kindError(
			'buttons',
			buttonsMessage({
				buttons: [
					{ id: 'yes', title: 'Yes' },
					{ id: 'no', title: 'No' },
					{ id: 'yes', title: 'Yes' },
				],
			}),
		);
		expect(error.message).toBe(
			'"Buttons › ID" (entry 3): "yes" is already used by button 1; every one must be different (item 1)',
		);
		expect(error.description).toBe(
			'Also:\n"Buttons › Title" (entry 3): "Yes" is already used by button 1; every one must be different',
		);
	});

	it('header: media by link or ID is fine, a 61-character text header is not', () => {
		const image = parse(
			'buttons',
			buttonsMessage({ headerType: 'image', headerMediaSource: 'link', headerMediaUrl: 'https://example.com/a.png' }),
		);
		expect(kind('buttons').interactive(image).header).toEqual({
			type: 'image',
			image: { link: 'https://example.com/a.png' },
		});
		const video = parse(
			'buttons',
			buttonsMessage({ headerType: 'video', headerMediaSource: 'id', headerMediaId: '1037543291543636' }),
		);
		expect(kind('buttons').interactive(video).header).toEqual({ type: 'video', video: { id: '1037543291543636' } });
		expect(kindError('buttons', buttonsMessage({ headerType: 'text', headerText: 'h'.repeat(61) })).message).toBe(
			'"Header Text" is too long: 61 characters; WhatsApp allows at most 60 (item 1)',
		);
		expect(
			kindError('buttons', buttonsMessage({ headerType: 'image', headerMediaSource: 'link', headerMediaUrl: '' }))
				.message,
		).toBe('"Header Media URL" is empty; enter a value (item 1)');
		expect(kindError('buttons', buttonsMessage({ headerType: 'audio' })).message).toBe(
			'"Header": a Reply Buttons message can have a Text, Image, Video or Document header or none, not "audio" (item 1)',
		);
	});

	it('a body over 1024 characters and a footer over 60 are refused, not cut', () => {
		const error = kindError('buttons', buttonsMessage({ bodyText: 'b'.repeat(1025), footerText: 'f'.repeat(61) }));
		expect(error.message).toBe('"Body Text" is too long: 1025 characters; WhatsApp allows at most 1024 (item 1)');
		expect(error.description).toBe('Also:\n"Footer Text" is too long: 61 characters; WhatsApp allows at most 60');
	});
});

describe('list', () => {
	it('a 25-character row title names the row title, its section/row and the limit 24', () => {
		const input = listMessage({
			sections: [
				{
					title: 'Food',
					rows: [
						{ id: 'a', title: 'Soup' },
						{ id: 'b', title: 'y'.repeat(25) },
					],
				},
			],
		});
		expect(kindError('list', input, 4).message).toBe(
			'"Sections › Rows › Title" (entry 1.2) is too long: 25 characters; WhatsApp allows at most 24 (item 5)',
		);
	});

	it('more than 10 rows in total across sections', () => {
		const input = listMessage({
			sections: [
				{ title: 'A', rows: rows(6, 'a') },
				{ title: 'B', rows: rows(5, 'b') },
			],
		});
		expect(kindError('list', input).message).toBe(
			'"Sections": the list has 11 rows in total; WhatsApp allows at most 10 rows across all sections (item 1)',
		);
	});

	it('exactly 10 rows across sections is fine', () => {
		const input = listMessage({
			sections: [
				{ title: 'A', rows: rows(5, 'a') },
				{ title: 'B', rows: rows(5, 'b') },
			],
		});
		expect(parse('list', input).sections).toHaveLength(2);
	});

	it('duplicate row IDs across sections name both places', () => {
		const input = listMessage({
			sections: [
				{ title: 'A', rows: [{ id: 'x', title: 'One' }] },
				{
					title: 'B',
					rows: [
						{ id: 'y', title: 'Two' },
						{ id: 'x', title: 'Three' },
					],
				},
			],
		});
		expect(kindError('list', input).message).toBe(
			'"Sections › Rows › ID" (entry 2.2): "x" is already used by section 1 row 1; every one must be different (item 1)',
		);
	});

	it('several sections need titles; a list has no image header; button text ≤ 20', () => {
		const untitled = listMessage({ sections: [{ rows: rows(1, 'a') }, { title: 'B', rows: rows(1, 'b') }] });
		expect(kindError('list', untitled).message).toBe(
			'"Sections › Title" (entry 1): is required when the message has more than one section (item 1)',
		);
		const image = listMessage({
			headerType: 'image',
			headerMediaSource: 'link',
			headerMediaUrl: 'https://example.com/a.png',
		});
		expect(kindError('list', image).message).toBe(
			'"Header": a List message can have a Text header or none, not "image" (item 1)',
		);
		expect(kindError('list', listMessage({ listButtonText: 'b'.repeat(21) })).message).toBe(
			'"List Button Text" is too long: 21 characters; WhatsApp allows at most 20 (item 1)',
		);
	});

	it('a 73-character row description', () => {
		const input = listMessage({
			sections: [{ title: 'A', rows: [{ id: 'a', title: 'T', description: 'd'.repeat(73) }] }],
		});
		expect(kindError('list', input).message).toBe(
			'"Sections › Rows › Description" (entry 1.1) is too long: 73 characters; WhatsApp allows at most 72 (item 1)',
		);
	});
});

describe('CTA URL, location request and flow', () => {
	it('CTA URL needs an http(s) URL and a short button text', () => {
		const base = {
			to,
			headerType: 'none',
			bodyText: 'Book',
			ctaDisplayText: 'Book now',
			ctaUrl: 'https://example.com',
		};
		expect(parse('ctaUrl', base).ctaUrl).toBe('https://example.com');
		expect(kindError('ctaUrl', { ...base, ctaUrl: 'javascript:alert(1)' }).message).toBe(
			'"URL": must be a public http:// or https:// address, e.g. https://example.com/photo.jpg (item 1)',
		);
		expect(kindError('ctaUrl', { ...base, ctaDisplayText: 'd'.repeat(21) }).message).toBe(
			'"Button Text" is too long: 21 characters; WhatsApp allows at most 20 (item 1)',
		);
	});

	it('location request: only a body, up to 1024 characters', () => {
		expect(kind('locationRequest').interactive(parse('locationRequest', { to, bodyText: 'Where to?' }))).toEqual({
			type: 'location_request_message',
			body: { text: 'Where to?' },
			action: { name: 'send_location' },
		});
		expect(kindError('locationRequest', { to, bodyText: '' }).message).toBe(
			'"Body Text" is empty; enter a value (item 1)',
		);
	});

	const flow = {
		to,
		headerType: 'none',
		bodyText: 'Sign up',
		flowBy: 'id',
		flowId: '1234567890',
		flowCta: 'Start',
		flowMode: 'published',
		flowAction: 'navigate',
		flowScreen: 'WELCOME',
		flowData: '{"name":"Ana"}',
	};

	it('flow: data JSON is parsed; an ID must be digits; a screen is needed to navigate', () => {
		expect(parse('flow', flow).flowData).toEqual({ name: 'Ana' });
		expect(parse('flow', { ...flow, flowData: '{}' }).flowData).toBeUndefined();
		expect(kindError('flow', { ...flow, flowId: 'abc' }).message).toBe(
			'"Flow ID": "abc" is not a Flow ID (digits only; WhatsApp Manager → Flows) (item 1)',
		);
		expect(kindError('flow', { ...flow, flowScreen: '' }).message).toBe(
			'"First Screen": is empty; enter the ID of the screen the Flow opens on (Flow JSON → screens → id) (item 1)',
		);
		expect(kindError('flow', { ...flow, flowData: '[1,2]' }).message).toBe(
			'"Screen Data": must be a JSON object such as {"name": "Ana"} (item 1)',
		);
		expect(kindError('flow', { ...flow, flowData: '{name' }).message).toMatch(/^"Screen Data": is not valid JSON: /);
		expect(kindError('flow', { ...flow, flowCta: 'c'.repeat(31) }).message).toBe(
			'"Flow Button Text" is too long: 31 characters; WhatsApp allows at most 30 (item 1)',
		);
	});

	it('flow: Flow Mode and Flow Token are the options of a Flow message', () => {
		expect(kindError('flow', { ...flow, flowMode: 'live' }).message).toBe(
			'"Flow Mode": must be "published" or "draft" (item 1)',
		);
		expect(kindError('flow', { ...flow, flowAction: 'data_exchange' }).message).toBe(
			'"First Screen": only applies with Flow Action "Navigate"; with "Data Exchange" your endpoint chooses the first screen and its data (item 1)',
		);
	});
});

describe('recipient', () => {
	it('a national number without country code says how to write it', () => {
		const error = kindError('buttons', buttonsMessage({ to: '07911 123456' }));
		expect(error.message).toBe(
			'"Recipient Phone Number or User ID": "07911 123456" is neither a phone number with country code (+1 555 123 4567) nor a WhatsApp user ID (US.13491208655302741918): as a phone number, it starts with a single 0, so it looks like a national number: write it with the country code, e.g. +44 7911 123456 (item 1)',
		);
	});
});

describe('media', () => {
	const media = { to, mediaType: 'image', mediaSource: 'link', mediaUrl: 'https://example.com/a.jpg' };
	it('a caption on audio or a file name on an image is refused', () => {
		expect(errorOf(sendMediaInput, { ...media, mediaType: 'audio', caption: 'hi' }, sendMediaLabels).message).toMatch(
			/^"Caption": WhatsApp shows a caption only on images, videos and documents, not on audio messages/,
		);
		expect(errorOf(sendMediaInput, { ...media, fileName: 'a.jpg' }, sendMediaLabels).message).toMatch(
			/^"File Name": only documents/,
		);
	});
	it('caption length and link scheme', () => {
		expect(errorOf(sendMediaInput, { ...media, caption: 'c'.repeat(1025) }, sendMediaLabels).message).toBe(
			'"Caption" is too long: 1025 characters; WhatsApp allows at most 1024 (item 1)',
		);
		expect(errorOf(sendMediaInput, { ...media, mediaUrl: 'ftp://example.com/a.jpg' }, sendMediaLabels).message).toMatch(
			/^"Media URL": must be/,
		);
		expect(
			validateInput(node, sendMediaInput, { ...media, caption: '  ' }, sendMediaLabels, 0).caption,
		).toBeUndefined();
	});
});

describe('location, contacts, reaction, mark as read', () => {
	it('location: numbers or numeric text within range', () => {
		const out = validateInput(
			node,
			sendLocationInput,
			{ to, latitude: '51.5072', longitude: -0.1276 },
			sendLocationLabels,
			0,
		);
		expect(out).toMatchObject({ latitude: 51.5072, longitude: -0.1276 });
		expect(errorOf(sendLocationInput, { to, latitude: 91, longitude: 0 }, sendLocationLabels).message).toBe(
			'"Latitude" must be at most 90 (item 1)',
		);
		expect(errorOf(sendLocationInput, { to, latitude: 0, longitude: 'east' }, sendLocationLabels).message).toMatch(
			/^"Longitude" must be a number/,
		);
	});

	const card = { formattedName: 'Ana Silva', firstName: 'Ana', phones: [{ phone: '+1 555 0100', type: 'WORK' }] };
	it('contacts: 1 to 5 cards, a first or last name, valid e-mails', () => {
		expect(
			validateInput(node, sendContactsInput, { to, contacts: [card] }, sendContactsLabels, 0).contacts[0].phones,
		).toEqual([{ phone: '+1 555 0100', type: 'WORK' }]);
		expect(errorOf(sendContactsInput, { to, contacts: Array(6).fill(card) }, sendContactsLabels).message).toBe(
			'"Contacts" has too many entries: 6; WhatsApp allows at most 5 (item 1)',
		);
		expect(
			errorOf(sendContactsInput, { to, contacts: [{ formattedName: 'Ana' }] }, sendContactsLabels).message,
		).toMatch(/^"Contacts › First Name" \(entry 1\): WhatsApp needs a first or last name/);
		expect(
			errorOf(sendContactsInput, { to, contacts: [{ ...card, emails: [{ email: 'ana@' }] }] }, sendContactsLabels)
				.message,
		).toBe('"Contacts › Emails › Email" (entry 1.1): is not an e-mail address (item 1)');
	});

	it('contacts: the WhatsApp ID of a phone is read by the one phone-number parser', () => {
		const withWaId = (waId: string) => ({ to, contacts: [{ ...card, phones: [{ phone: '+1 555 0100', waId }] }] });
		expect(validateInput(node, sendContactsInput, withWaId('+1 (555) 010-0001'), sendContactsLabels, 0).contacts[0].phones).toEqual([
			{ phone: '+1 555 0100', waId: '15550100001' },
		]);
		expect(validateInput(node, sendContactsInput, withWaId(' '), sendContactsLabels, 0).contacts[0].phones).toEqual([{ phone: '+1 555 0100' }]);
		expect(errorOf(sendContactsInput, withWaId('+999 1234567'), sendContactsLabels).message).toBe(
			'"Contacts › Phone Numbers › WhatsApp ID" (entry 1.1): "+999 1234567" is not a phone number WhatsApp can use: no country uses the calling code +999: check the country code (item 1)',
		);
	});

	it('reaction: one emoji (modifiers and ZWJ sequences count as one), or empty to remove', () => {
		const react = (emoji: unknown) => ({ to, reactionMessageId: 'wamid.ABC', emoji });
		for (const emoji of ['👍', '👍🏽', '👨‍👩‍👧', '🇵🇹', '❤️']) {
			expect(validateInput(node, sendReactionInput, react(emoji), sendReactionLabels, 0).emoji).toBe(emoji);
		}
		expect(validateInput(node, sendReactionInput, react(''), sendReactionLabels, 0).emoji).toBe('');
		expect(errorOf(sendReactionInput, react('👍👍'), sendReactionLabels).message).toMatch(
			/^"Emoji": must be exactly 1 emoji/,
		);
		expect(errorOf(sendReactionInput, react('ok'), sendReactionLabels).message).toMatch(
			/^"Emoji": must be exactly 1 emoji/,
		);
	});

	it('mark as read needs a message ID without spaces', () => {
		expect(
			errorOf(markAsReadInput, { readMessageId: 'wamid 1', typingIndicator: true }, markAsReadLabels).message,
		).toMatch(/^"Message ID": a message ID has no spaces/);
	});
});
