/**
 * Carousel and limited-time-offer templates, sent with Message → Send Template in-process through
 * n8n-core against the simulator: the generated variables cover every card (header media, body,
 * buttons) and the offer's expiration; the sent components are contract-valid (R7m) and exact.
 */
import { beforeEach, describe, expect, it } from '@jest/globals';
import type { INodeParameters } from 'n8n-workflow';

import { WhatsAppCloudApi } from '../../../../credentials/WhatsAppCloudApi.credentials';
import { WhatsAppCloud } from '../../../../nodes/WhatsAppCloud/WhatsAppCloud.node';
import type { TemplateDefinition } from '../../../../nodes/WhatsAppCloud/templates/types';
import { parseTemplate } from '../../../../nodes/WhatsAppCloud/templates/variables';
import { PHONE_NUMBER_ID } from '../../../../tools/simulator/fixtures';
import type { SimTemplate } from '../../../../tools/simulator/state';
import { runNode } from '../../../harness/runNode';
import { useSimulator } from '../../../harness/simulator';

const { sim, credentials } = useSimulator();
const nodeType = new WhatsAppCloud();
const credentialTypes = [new WhatsAppCloudApi()];

/** A two-card carousel as Meta stores it (created with Template → Create). */
export const CAROUSEL: SimTemplate = {
	id: '400000000000901',
	name: 'summer_carousel',
	language: 'en_US',
	status: 'APPROVED',
	category: 'MARKETING',
	parameter_format: 'POSITIONAL',
	components: [
		{ type: 'BODY', text: 'Summer picks for {{1}}', example: { body_text: [['Ann']] } },
		{
			type: 'CAROUSEL',
			cards: [0, 1].map((card) => ({
				components: [
					{ type: 'HEADER', format: 'IMAGE', example: { header_handle: [`4::aW1hZ2UvcG5n:card${card}`] } },
					{ type: 'BODY', text: `Card ${card + 1}: {{1}} off`, example: { body_text: [['10%']] } },
					{
						type: 'BUTTONS',
						buttons: [
							{ type: 'QUICK_REPLY', text: 'More like this' },
							{
								type: 'URL',
								text: 'Shop',
								url: 'https://shop.example.com/p/{{1}}',
								example: ['https://shop.example.com/p/lemon'],
							},
						],
					},
				],
			})),
		},
	],
};

/** A limited-time offer with an expiration, a copy-code and a URL button. */
export const OFFER: SimTemplate = {
	id: '400000000000902',
	name: 'flash_offer',
	language: 'en_US',
	status: 'APPROVED',
	category: 'MARKETING',
	parameter_format: 'POSITIONAL',
	components: [
		{ type: 'LIMITED_TIME_OFFER', limited_time_offer: { text: 'Ends soon!', has_expiration: true } },
		{ type: 'BODY', text: 'Hi {{1}}, 20% off today.', example: { body_text: [['Ann']] } },
		{
			type: 'BUTTONS',
			buttons: [
				{ type: 'COPY_CODE', example: 'FLASH20' },
				{
					type: 'URL',
					text: 'Book now',
					url: 'https://shop.example.com/o/{{1}}',
					example: ['https://shop.example.com/o/FLASH20'],
				},
			],
		},
	],
};

beforeEach(() => {
	sim.state.templates.push(structuredClone(CAROUSEL), structuredClone(OFFER));
});

function send(templateId: string, mapping: Record<string, string>): Promise<Awaited<ReturnType<typeof runNode>>> {
	const parameters: INodeParameters = {
		resource: 'message',
		operation: 'sendTemplate',
		phoneNumberId: { __rl: true, mode: 'id', value: PHONE_NUMBER_ID },
		to: '+1 555 000 9999',
		template: { __rl: true, mode: 'id', value: templateId },
		templateVariables: {
			mappingMode: 'defineBelow',
			value: mapping,
			matchingColumns: [],
			schema: Object.keys(mapping).map((id) => ({
				id,
				displayName: id,
				required: false,
				defaultMatch: false,
				display: true,
				type: 'string',
			})),
			attemptToConvertTypes: false,
			convertFieldsToString: true,
		},
	};
	return runNode({ nodeType, parameters, credentials: credentials(), credentialTypes, input: [{ json: {} }] });
}

function onlySend() {
	const sent = sim.requests({ method: 'POST', pathIncludes: '/messages' });
	expect(sent).toHaveLength(1);
	expect(sent[0].contract).toMatchObject({ checked: true, valid: true, errors: [] });
	return sent[0].body as { template: { components: unknown[] } };
}

describe('carousel templates', () => {
	it('generates the variables of every card', () => {
		expect(
			parseTemplate(CAROUSEL as unknown as TemplateDefinition).variables.map(
				(v) => `${v.id} | ${v.label} | ${v.required}`,
			),
		).toEqual([
			'body:1 | Body {{1}} | true',
			'card:0:header:image | Card 1 Header Image (Link or Media ID) | true',
			'card:0:body:1 | Card 1 Body {{1}} | true',
			"card:0:button:0:payload | Card 1 Button 1 'More like this' Payload | false",
			"card:0:button:1:url | Card 1 Button 2 'Shop' URL Suffix | true",
			'card:1:header:image | Card 2 Header Image (Link or Media ID) | true',
			'card:1:body:1 | Card 2 Body {{1}} | true',
			"card:1:button:0:payload | Card 2 Button 1 'More like this' Payload | false",
			"card:1:button:1:url | Card 2 Button 2 'Shop' URL Suffix | true",
		]);
		expect(parseTemplate(CAROUSEL as unknown as TemplateDefinition).unsupported).toEqual([]);
	});

	it('sends each card with its index, header media, body and buttons', async () => {
		const result = await send(CAROUSEL.id, {
			'body:1': 'Ann',
			'card:0:header:image': 'https://cdn.example.com/lemon.jpg',
			'card:0:body:1': '10%',
			'card:0:button:0:payload': 'more-lemons',
			'card:0:button:1:url': 'lemon',
			'card:1:header:image': '1234567890',
			'card:1:body:1': '15%',
			'card:1:button:1:url': 'lime',
		});
		expect(result.error).toBeUndefined();
		expect(onlySend().template.components).toEqual([
			{ type: 'body', parameters: [{ type: 'text', text: 'Ann' }] },
			{
				type: 'carousel',
				cards: [
					{
						card_index: 0,
						components: [
							{ type: 'header', parameters: [{ type: 'image', image: { link: 'https://cdn.example.com/lemon.jpg' } }] },
							{ type: 'body', parameters: [{ type: 'text', text: '10%' }] },
							{
								type: 'button',
								sub_type: 'quick_reply',
								index: '0',
								parameters: [{ type: 'payload', payload: 'more-lemons' }],
							},
							{ type: 'button', sub_type: 'url', index: '1', parameters: [{ type: 'text', text: 'lemon' }] },
						],
					},
					{
						card_index: 1,
						components: [
							{ type: 'header', parameters: [{ type: 'image', image: { id: '1234567890' } }] },
							{ type: 'body', parameters: [{ type: 'text', text: '15%' }] },
							{ type: 'button', sub_type: 'url', index: '1', parameters: [{ type: 'text', text: 'lime' }] },
						],
					},
				],
			},
		]);
	});

	it('names the card whose image is missing, before sending', async () => {
		const result = await send(CAROUSEL.id, {
			'body:1': 'Ann',
			'card:0:header:image': 'https://cdn.example.com/a.jpg',
			'card:0:body:1': '1',
			'card:0:button:1:url': 'a',
			'card:1:body:1': '2',
			'card:1:button:1:url': 'b',
		});
		expect(result.error?.message).toBe(
			'"Template Variables › Card 2 Header Image (Link or Media ID)" is required (item 1)',
		);
		expect(sim.requests({ method: 'POST', pathIncludes: '/messages' })).toEqual([]);
	});
});

describe('limited-time-offer templates', () => {
	it('sends the expiration as unix milliseconds with the coupon code and URL buttons', async () => {
		const result = await send(OFFER.id, {
			'limited_time_offer:expiration_time_ms': '2026-12-31T23:59:00Z',
			'body:1': 'Ann',
			'button:0:coupon_code': 'FLASH20',
			'button:1:url': 'FLASH20',
		});
		expect(result.error).toBeUndefined();
		expect(onlySend().template.components).toEqual([
			{
				type: 'limited_time_offer',
				parameters: [
					{ type: 'limited_time_offer', limited_time_offer: { expiration_time_ms: Date.UTC(2026, 11, 31, 23, 59) } },
				],
			},
			{ type: 'body', parameters: [{ type: 'text', text: 'Ann' }] },
			{
				type: 'button',
				sub_type: 'copy_code',
				index: '0',
				parameters: [{ type: 'coupon_code', coupon_code: 'FLASH20' }],
			},
			{ type: 'button', sub_type: 'url', index: '1', parameters: [{ type: 'text', text: 'FLASH20' }] },
		]);
	});

	it('refuses an expiration that is not a date, naming the field', async () => {
		const result = await send(OFFER.id, {
			'limited_time_offer:expiration_time_ms': 'next friday',
			'body:1': 'Ann',
			'button:0:coupon_code': 'FLASH20',
			'button:1:url': 'FLASH20',
		});
		expect(result.error?.message).toBe(
			'"Template Variables › Offer Expires At (Date or Unix Milliseconds)": must be a date like 2026-12-31T23:59:00Z or a unix time in milliseconds (item 1)',
		);
	});
});

describe('Template → Create: carousels and limited-time offers in the fields', () => {
	const card = (n: number, extra: Record<string, unknown> = {}) => ({
		headerFormat: 'IMAGE',
		headerHandle: `4::aW1hZ2UvcG5n:card${n}`,
		bodyText: `Card ${n}: {{1}} off`,
		bodyExamples: '10%',
		button1Type: 'QUICK_REPLY',
		button1Text: 'More like this',
		button2Type: 'URL',
		button2Text: 'Shop',
		button2Value: 'https://shop.example.com/p/{{1}}',
		button2Example: 'https://shop.example.com/p/lemon',
		...extra,
	});
	const create = (parameters: INodeParameters) =>
		runNode({
			nodeType,
			parameters: {
				resource: 'template',
				operation: 'create',
				name: 'summer_carousel_2',
				category: 'MARKETING',
				language: 'en_US',
				...parameters,
			},
			credentials: credentials(),
			credentialTypes,
			input: [{ json: {} }],
		});

	it('creates a two-card carousel with the message body, contract-valid', async () => {
		const result = await create({
			contentMode: 'carousel',
			bodyText: 'Summer picks for {{1}}!',
			bodyExamples: { example: [{ variable: '1', value: 'Ann' }] },
			cards: { card: [card(1), card(2)] },
		});
		expect(result.error).toBeUndefined();
		const [request] = sim.requests();
		expect(request.contract).toMatchObject({ checked: true, valid: true });
		expect((request.body as { components: unknown }).components).toEqual([
			{ type: 'BODY', text: 'Summer picks for {{1}}!', example: { body_text: [['Ann']] } },
			{
				type: 'CAROUSEL',
				cards: [1, 2].map((n) => ({
					components: [
						{ type: 'HEADER', format: 'IMAGE', example: { header_handle: [`4::aW1hZ2UvcG5n:card${n}`] } },
						{ type: 'BODY', text: `Card ${n}: {{1}} off`, example: { body_text: [['10%']] } },
						{
							type: 'BUTTONS',
							buttons: [
								{ type: 'QUICK_REPLY', text: 'More like this' },
								{
									type: 'URL',
									text: 'Shop',
									url: 'https://shop.example.com/p/{{1}}',
									example: ['https://shop.example.com/p/lemon'],
								},
							],
						},
					],
				})),
			},
		]);
		// What was created can be sent: every card's variables are generated.
		const created = sim.state.templates.find((t) => t.name === 'summer_carousel_2')!;
		expect(parseTemplate(created as unknown as TemplateDefinition).variables).toHaveLength(9);
	});

	it('refuses one card, and cards that differ, naming the card field', async () => {
		const one = await create({ contentMode: 'carousel', bodyText: 'Picks', cards: { card: [card(1)] } });
		expect(one.error?.message).toBe('"Cards" needs at least 2 entries (item 1)');
		const mixed = await create({
			contentMode: 'carousel',
			bodyText: 'Picks',
			cards: { card: [card(1), card(2, { headerFormat: 'VIDEO' })] },
		});
		expect(mixed.error?.message).toBe(
			'"Cards › Card Header Format" (entry 2): must be IMAGE like card 1: every card has the same header format (item 1)',
		);
		expect(sim.requests()).toEqual([]);
	});

	it('creates a limited-time offer with the offer after the header and a copy-code button first', async () => {
		const result = await create({
			contentMode: 'fields',
			limitedTimeOffer: true,
			offerText: 'Ends soon!',
			offerHasExpiration: true,
			headerType: 'none',
			bodyText: 'Hi {{1}}, 20% off today.',
			bodyExamples: { example: [{ variable: '1', value: 'Ann' }] },
			buttons: {
				button: [
					{ type: 'COPY_CODE', codeExample: 'FLASH20' },
					{
						type: 'URL',
						text: 'Book now',
						url: 'https://shop.example.com/o/{{1}}',
						urlExample: 'https://shop.example.com/o/FLASH20',
					},
				],
			},
		});
		expect(result.error).toBeUndefined();
		expect((sim.requests()[0].body as { components: unknown }).components).toEqual([
			{ type: 'LIMITED_TIME_OFFER', limited_time_offer: { text: 'Ends soon!', has_expiration: true } },
			{ type: 'BODY', text: 'Hi {{1}}, 20% off today.', example: { body_text: [['Ann']] } },
			{
				type: 'BUTTONS',
				buttons: [
					{ type: 'COPY_CODE', example: 'FLASH20' },
					{
						type: 'URL',
						text: 'Book now',
						url: 'https://shop.example.com/o/{{1}}',
						example: ['https://shop.example.com/o/FLASH20'],
					},
				],
			},
		]);
	});

	it('refuses an offer text over 16 characters, and a footer, before sending', async () => {
		const offer = {
			contentMode: 'fields',
			limitedTimeOffer: true,
			offerHasExpiration: false,
			bodyText: 'Deals today.',
		};
		const long = await create({ ...offer, offerText: 'This offer ends very soon' });
		expect(long.error?.message).toBe('"Offer Text" is too long: 25 characters; WhatsApp allows at most 16 (item 1)');
		const footer = await create({ ...offer, offerText: 'Ends soon!', footerText: 'Sim Shop' });
		expect(footer.error?.message).toBe('"Footer Text": must be empty: a limited-time offer has no footer (item 1)');
		expect(sim.requests()).toEqual([]);
	});
});
