/**
 * Send Media / Interactive / Location / Contacts / Reaction / Mark as Read, in-process through
 * n8n-core against the Graph API simulator: every request body the node sends is checked by the
 * simulator against Meta's contract, and bad input fails before any request.
 */
import { describe, expect, it } from '@jest/globals';
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { PHONE_NUMBER_ID } from '../../../../tools/simulator/fixtures';
import { storeBinary } from '../../../harness/runNode';
import { useSimulator } from '../../../harness/simulator';

const { sim, run: runWith } = useSimulator();

const TO = '+1 555 000 9999';
const REPLY_TO = 'wamid.HBgLMTU1NTAwMDk5OTkVAgASGBQzQUYzMjEzNDM2RTZGQ0MzMDJBRgA=';

function params(operation: string, extra: INodeParameters): INodeParameters {
	return {
		resource: 'message',
		operation,
		phoneNumberId: { __rl: true, mode: 'id', value: PHONE_NUMBER_ID },
		...extra,
	};
}

async function run(parameters: INodeParameters, input: INodeExecutionData[] = [{ json: {} }], continueOnFail = false) {
	return await runWith(parameters, { input, continueOnFail });
}

function sentMessages() {
	return sim.requests({ method: 'POST', pathIncludes: '/messages' });
}

/** The one message request: contract-valid, to the right number. */
/** The one message request: what the tests read of its body. */
interface SentMessage extends Record<string, unknown> {
	interactive: { action: Record<string, unknown> };
}

function onlySend(): SentMessage {
	const sent = sentMessages();
	expect(sent).toHaveLength(1);
	expect(sent[0].contract).toMatchObject({ checked: true, valid: true, errors: [] });
	expect(sent[0].path).toContain(`/${PHONE_NUMBER_ID}/messages`);
	return sent[0].body as SentMessage;
}

describe('Send Media', () => {
	it('image by public link with caption, as a reply', async () => {
		const result = await run(
			params('sendMedia', {
				to: TO,
				mediaType: 'image',
				mediaSource: 'link',
				mediaUrl: 'https://example.com/photo.jpg',
				caption: 'Our new shop',
				options: { replyTo: REPLY_TO },
			}),
		);
		expect(result.error).toBeUndefined();
		expect(onlySend()).toEqual({
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: '15550009999',
			type: 'image',
			image: { link: 'https://example.com/photo.jpg', caption: 'Our new shop' },
			context: { message_id: REPLY_TO },
		});
		expect(result.items[0][0].json.messageId).toMatch(/^wamid\./);
		expect(result.items[0][0].pairedItem).toEqual({ item: 0 });
	});

	it('document by media ID with caption and file name', async () => {
		const result = await run(
			params('sendMedia', {
				to: TO,
				mediaType: 'document',
				mediaSource: 'id',
				mediaId: '1037543291543636',
				caption: 'Invoice',
				fileName: 'invoice.pdf',
			}),
		);
		expect(result.error).toBeUndefined();
		expect(onlySend().document).toEqual({ id: '1037543291543636', caption: 'Invoice', filename: 'invoice.pdf' });
	});

	it('sticker and audio by link carry no caption', async () => {
		for (const mediaType of ['sticker', 'audio']) {
			sim.reset();
			const result = await run(
				params('sendMedia', {
					to: TO,
					mediaType,
					mediaSource: 'link',
					mediaUrl: `https://example.com/a.${mediaType}`,
					caption: 'ignored',
				}),
			);
			expect(result.error).toBeUndefined();
			expect(onlySend()[mediaType]).toEqual({ link: `https://example.com/a.${mediaType}` });
		}
	});

	it('from a binary field: uploads (multipart) first, then sends by the new media ID', async () => {
		const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2048, 7)]);
		const binary = await storeBinary(bytes, { fileName: 'report.pdf', mimeType: 'application/pdf' });
		const result = await run(
			params('sendMedia', {
				to: TO,
				mediaType: 'document',
				mediaSource: 'binary',
				binaryPropertyName: 'data',
				caption: 'Monthly report',
			}),
			[{ json: {}, binary: { data: binary } }],
		);
		expect(result.error).toBeUndefined();
		const uploads = sim.requests({ method: 'POST', pathIncludes: '/media' });
		expect(uploads).toHaveLength(1);
		expect(uploads[0].contract).toMatchObject({ checked: true, valid: true });
		expect(uploads[0].headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		const mediaId = result.items[0][0].json.mediaId as string;
		expect(mediaId).toMatch(/^\d+$/);
		expect(Buffer.compare(sim.state.media[mediaId].bytes, bytes)).toBe(0);
		expect(sim.state.media[mediaId].mimeType).toBe('application/pdf');
		expect(onlySend().document).toEqual({ id: mediaId, caption: 'Monthly report', filename: 'report.pdf' });
	});

	it('from a binary field with a generic MIME type: the extension decides (video.mp4)', async () => {
		const binary = await storeBinary(Buffer.alloc(4096, 1), {
			fileName: 'clip.mp4',
			mimeType: 'application/octet-stream',
		});
		const result = await run(
			params('sendMedia', { to: TO, mediaType: 'video', mediaSource: 'binary', binaryPropertyName: 'data' }),
			[{ json: {}, binary: { data: binary } }],
		);
		expect(result.error).toBeUndefined();
		expect(sim.state.media[result.items[0][0].json.mediaId as string].mimeType).toBe('video/mp4');
		expect(onlySend().video).toEqual({ id: result.items[0][0].json.mediaId });
	});

	it('a PDF sent as an image fails before any request, naming the supported types', async () => {
		const binary = await storeBinary(Buffer.from('%PDF-1.4'), { fileName: 'report.pdf', mimeType: 'application/pdf' });
		const result = await run(
			params('sendMedia', { to: TO, mediaType: 'image', mediaSource: 'binary', binaryPropertyName: 'data' }),
			[{ json: {}, binary: { data: binary } }],
		);
		expect(result.error?.message).toBe(
			'"report.pdf" has the type application/pdf, which WhatsApp does not accept as image. Supported: image/jpeg (.jpg, .jpeg), image/png (.png) (item 1)',
		);
		expect(sim.requests()).toHaveLength(0);
	});

	it('a missing binary field says which fields the item has', async () => {
		const binary = await storeBinary(Buffer.from('x'), { fileName: 'a.png', mimeType: 'image/png' });
		const result = await run(
			params('sendMedia', { to: TO, mediaType: 'image', mediaSource: 'binary', binaryPropertyName: 'file' }),
			[{ json: {}, binary: { data: binary } }],
		);
		expect(result.error?.message).toBe(
			'"Input Binary Field" names the binary field "file", but the input item has only "data" (item 1)',
		);
		expect(sim.requests()).toHaveLength(0);
	});
});

describe('Send Interactive', () => {
	it('reply buttons with an image header, footer and reply-to', async () => {
		const result = await run(
			params('sendInteractive', {
				to: TO,
				interactiveType: 'buttons',
				headerType: 'image',
				headerMediaSource: 'link',
				headerMediaUrl: 'https://example.com/banner.png',
				bodyText: 'Shall we confirm your booking?',
				footerText: 'Reply within 24 h',
				buttons: {
					button: [
						{ title: 'Yes', id: 'confirm' },
						{ title: 'No', id: 'cancel' },
					],
				},
				options: { replyTo: REPLY_TO },
			}),
		);
		expect(result.error).toBeUndefined();
		const body = onlySend();
		expect(body.context).toEqual({ message_id: REPLY_TO });
		expect(body.interactive).toEqual({
			type: 'button',
			header: { type: 'image', image: { link: 'https://example.com/banner.png' } },
			body: { text: 'Shall we confirm your booking?' },
			footer: { text: 'Reply within 24 h' },
			action: {
				buttons: [
					{ type: 'reply', reply: { id: 'confirm', title: 'Yes' } },
					{ type: 'reply', reply: { id: 'cancel', title: 'No' } },
				],
			},
		});
	});

	it('list from fields: two sections, text header', async () => {
		const result = await run(
			params('sendInteractive', {
				to: TO,
				interactiveType: 'list',
				headerType: 'text',
				headerText: 'Menu',
				bodyText: 'What would you like?',
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
		);
		expect(result.error).toBeUndefined();
		expect(onlySend().interactive).toEqual({
			type: 'list',
			header: { type: 'text', text: 'Menu' },
			body: { text: 'What would you like?' },
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
		});
	});

	it('list from JSON built by an expression over the input item', async () => {
		const result = await run(
			params('sendInteractive', {
				to: TO,
				interactiveType: 'list',
				bodyText: 'Pick a slot',
				listButtonText: 'Slots',
				listDefinition: 'json',
				sectionsJson: '={{ JSON.stringify([{ title: "Monday", rows: $json.slots.map(s => ({ id: s, title: s })) }]) }}',
			}),
			[{ json: { slots: ['09:00', '10:00', '11:00'] } }],
		);
		expect(result.error).toBeUndefined();
		expect(onlySend().interactive.action.sections).toEqual([
			{
				title: 'Monday',
				rows: [
					{ id: '09:00', title: '09:00' },
					{ id: '10:00', title: '10:00' },
					{ id: '11:00', title: '11:00' },
				],
			},
		]);
	});

	it('flow by ID, navigate with screen data and a token', async () => {
		const result = await run(
			params('sendInteractive', {
				to: TO,
				interactiveType: 'flow',
				headerType: 'text',
				headerText: 'Sign up',
				bodyText: 'Tell us about you',
				footerText: 'Takes 1 minute',
				flowBy: 'id',
				flowId: '1234567890123456',
				flowCta: 'Start',
				flowAction: 'navigate',
				flowScreen: 'WELCOME',
				flowData: '{"name": "Ana"}',
				options: { flowSession: 'order-42' },
			}),
		);
		expect(result.error).toBeUndefined();
		expect(onlySend().interactive.action).toEqual({
			name: 'flow',
			parameters: {
				flow_message_version: '3',
				flow_id: '1234567890123456',
				flow_cta: 'Start',
				flow_token: 'order-42',
				flow_action: 'navigate',
				flow_action_payload: { screen: 'WELCOME', data: { name: 'Ana' } },
			},
		});
	});

	it('flow by name in draft mode with data exchange', async () => {
		const result = await run(
			params('sendInteractive', {
				to: TO,
				interactiveType: 'flow',
				bodyText: 'Test',
				flowBy: 'name',
				flowName: 'signup_v2',
				flowCta: 'Open',
				flowAction: 'data_exchange',
				options: { flowMode: 'draft' },
			}),
		);
		expect(result.error).toBeUndefined();
		expect(onlySend().interactive.action.parameters).toEqual({
			flow_message_version: '3',
			flow_name: 'signup_v2',
			flow_cta: 'Open',
			flow_action: 'data_exchange',
			mode: 'draft',
		});
	});

	it('CTA URL button with a document header', async () => {
		const result = await run(
			params('sendInteractive', {
				to: TO,
				interactiveType: 'ctaUrl',
				headerType: 'document',
				headerMediaSource: 'id',
				headerMediaId: '1037543291543636',
				bodyText: 'Your ticket is ready',
				footerText: 'See you soon',
				ctaDisplayText: 'Open ticket',
				ctaUrl: 'https://example.com/t/42',
			}),
		);
		expect(result.error).toBeUndefined();
		expect(onlySend().interactive).toEqual({
			type: 'cta_url',
			header: { type: 'document', document: { id: '1037543291543636' } },
			body: { text: 'Your ticket is ready' },
			footer: { text: 'See you soon' },
			action: { name: 'cta_url', parameters: { display_text: 'Open ticket', url: 'https://example.com/t/42' } },
		});
	});

	it('location request, as a reply', async () => {
		const result = await run(
			params('sendInteractive', {
				to: TO,
				interactiveType: 'locationRequest',
				bodyText: 'Where should we deliver?',
				options: { replyTo: REPLY_TO },
			}),
		);
		expect(result.error).toBeUndefined();
		const body = onlySend();
		expect(body.context).toEqual({ message_id: REPLY_TO });
		expect(body.interactive).toEqual({
			type: 'location_request_message',
			body: { text: 'Where should we deliver?' },
			action: { name: 'send_location' },
		});
	});

	it('a workflow saved with Flow options on a Reply Buttons message still runs (the options of other kinds are ignored)', async () => {
		const result = await run(
			params('sendInteractive', {
				to: TO,
				interactiveType: 'buttons',
				bodyText: 'Pick',
				buttons: { button: [{ title: 'Yes', id: 'yes' }] },
				options: { flowMode: 'draft', flowSession: 'order-42', replyTo: REPLY_TO },
			}),
		);
		expect(result.error).toBeUndefined();
		const body = onlySend();
		expect(body.context).toEqual({ message_id: REPLY_TO });
		expect(body.interactive).toEqual({
			type: 'button',
			body: { text: 'Pick' },
			action: { buttons: [{ type: 'reply', reply: { id: 'yes', title: 'Yes' } }] },
		});
	});

	it('a media header given by expression to a list is refused, naming what a list allows', async () => {
		const result = await run(
			params('sendInteractive', {
				to: TO,
				interactiveType: 'list',
				headerType: '={{ "image" }}',
				headerText: 'Menu',
				bodyText: 'Pick',
				listButtonText: 'Open',
				sections: { section: [{ title: 'S', rows: { row: [{ id: 'a', title: 'A' }] } }] },
			}),
		);
		expect(result.error?.message).toBe('"Header": a List message can have a Text header or none, not "image" (item 1)');
		expect(sim.requests()).toHaveLength(0);
	});

	it('4 reply buttons: the user sees which parameter, the limit and the item; nothing is sent', async () => {
		const four = { button: [1, 2, 3, 4].map((n) => ({ title: `Option ${n}`, id: `o${n}` })) };
		const result = await run(
			params('sendInteractive', { to: TO, interactiveType: 'buttons', bodyText: 'Pick', buttons: four }),
		);
		expect(result.error?.message).toBe('"Buttons" has too many entries: 4; WhatsApp allows at most 3 (item 1)');
		expect(sim.requests()).toHaveLength(0);
	});

	it('with Continue On Fail, a bad item becomes an error item and the others are sent, in order', async () => {
		const result = await run(
			params('sendInteractive', {
				to: '={{ $json.to }}',
				interactiveType: 'list',
				bodyText: 'Pick',
				listButtonText: 'Open',
				sections: { section: [{ title: 'S', rows: { row: [{ id: 'a', title: '={{ $json.title }}' }] } }] },
			}),
			[
				{ json: { to: '+15550001111', title: 'Fine' } },
				{ json: { to: '+15550002222', title: 'y'.repeat(25) } },
				{ json: { to: '07911 123456', title: 'Fine' } },
				{ json: { to: '+15550003333', title: 'Also fine' } },
			],
			true,
		);
		expect(result.error).toBeUndefined();
		const out = result.items[0];
		expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(out[0].json.messageId).toMatch(/^wamid\./);
		expect(String(out[1].json.error)).toContain(
			'"Sections › Rows › Title" (entry 1.1) is too long: 25 characters; WhatsApp allows at most 24 (item 2)',
		);
		expect(String(out[2].json.error)).toContain('"Recipient Phone Number or User ID": "07911 123456" is neither a phone number with country code');
		expect(out[3].json.messageId).toMatch(/^wamid\./);
		expect(
			sentMessages()
				.map((r) => (r.body as { to: string }).to)
				.sort(),
		).toEqual(['15550001111', '15550003333']);
		for (const request of sentMessages()) expect(request.contract.valid).toBe(true);
	});
});

describe('Send Location, Contacts, Reaction, Mark as Read', () => {
	it('location with name and address, as a reply', async () => {
		const result = await run(
			params('sendLocation', {
				to: TO,
				latitude: 51.5072,
				longitude: -0.1276,
				locationName: 'Office',
				address: '1 Main St, London',
				options: { replyTo: REPLY_TO },
			}),
		);
		expect(result.error).toBeUndefined();
		const body = onlySend();
		expect(body.location).toEqual({
			latitude: 51.5072,
			longitude: -0.1276,
			name: 'Office',
			address: '1 Main St, London',
		});
		expect(body.context).toEqual({ message_id: REPLY_TO });
	});

	it('two contact cards with phones, e-mails, URLs, addresses and organisation', async () => {
		const result = await run(
			params('sendContacts', {
				to: TO,
				contacts: {
					contact: [
						{
							formattedName: 'Dr. Ana Silva',
							firstName: 'Ana',
							lastName: 'Silva',
							phones: { phone: [{ phone: '+1 555 010 0001', type: 'WORK', waId: '15550100001' }] },
							emails: { email: [{ email: 'ana@example.com', type: 'work' }] },
							urls: { url: [{ url: 'https://example.com', type: '' }] },
							addresses: { address: [{ street: '1 Main St', city: 'Springfield', countryCode: 'US', type: 'HOME' }] },
							additionalFields: { company: 'Example Inc', title: 'CTO', birthday: '1990-04-23', prefix: 'Dr.' },
						},
						{ formattedName: 'Bo', lastName: 'Bo', phones: { phone: [{ phone: '+44 20 7946 0000' }] } },
					],
				},
			}),
		);
		expect(result.error).toBeUndefined();
		expect(onlySend().contacts).toEqual([
			{
				name: { formatted_name: 'Dr. Ana Silva', first_name: 'Ana', last_name: 'Silva', prefix: 'Dr.' },
				org: { company: 'Example Inc', title: 'CTO' },
				birthday: '1990-04-23',
				phones: [{ phone: '+1 555 010 0001', wa_id: '15550100001', type: 'WORK' }],
				emails: [{ email: 'ana@example.com', type: 'WORK' }],
				urls: [{ url: 'https://example.com' }],
				addresses: [{ street: '1 Main St', city: 'Springfield', country_code: 'us', type: 'HOME' }],
			},
			{ name: { formatted_name: 'Bo', last_name: 'Bo' }, phones: [{ phone: '+44 20 7946 0000' }] },
		]);
	});

	it('reaction, then removing it with an empty emoji', async () => {
		for (const emoji of ['👍🏽', '']) {
			sim.reset();
			const result = await run(params('sendReaction', { to: TO, reactionMessageId: REPLY_TO, emoji }));
			expect(result.error).toBeUndefined();
			const body = onlySend();
			expect(body.reaction).toEqual({ message_id: REPLY_TO, emoji });
			expect(body.context).toBeUndefined();
			expect(result.items[0][0].json.removed).toBe(emoji === '');
		}
	});

	it('mark as read with the typing indicator', async () => {
		const result = await run(params('markAsRead', { readMessageId: REPLY_TO, typingIndicator: true }));
		expect(result.error).toBeUndefined();
		expect(onlySend()).toEqual({
			messaging_product: 'whatsapp',
			status: 'read',
			message_id: REPLY_TO,
			typing_indicator: { type: 'text' },
		});
		expect(sentMessages()[0].contract.schema).toBe('MarkMessageRequestPayload');
		expect(result.items[0][0].json).toMatchObject({ success: true, messageId: REPLY_TO, typingIndicator: true });
	});

	it('mark as read without typing indicator sends no typing_indicator', async () => {
		const result = await run(params('markAsRead', { readMessageId: REPLY_TO }));
		expect(result.error).toBeUndefined();
		expect(onlySend()).toEqual({ messaging_product: 'whatsapp', status: 'read', message_id: REPLY_TO });
	});
});
