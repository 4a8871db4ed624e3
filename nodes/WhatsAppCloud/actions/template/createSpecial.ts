import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { uploadForHandle } from '../../../shared/transport/resumableUpload';
import { readBinaryForHandle } from '../../media/binaryFiles';
import { parsePhoneNumber } from '../../phone/phoneNumbers';
import { placeholderNames } from '../../templates/placeholders';
import { requireLabel } from '../../validation/labels';

/**
 * Template → Create's special kinds, Meta's rules written once: media card carousels ("Using
 * Carousel Cards": message body + 2 to 10 cards, each an image or video header, an optional body of
 * up to 160 characters and 1 or 2 buttons, every card alike, marketing only) and limited-time
 * offers (an offer text of up to 16 characters, optionally with an expiration, which then needs a
 * copy-code button first; no footer; marketing only).
 */
export const CAROUSEL_LIMITS = { minCards: 2, maxCards: 10, cardBodyText: 160, cardButtons: 2, offerText: 16 } as const;

/**
 * A card's button `n`: Text, Type, URL or Phone Number, URL Variable Example. Every card has one
 * or two buttons, so button 1 always has a type and button 2 may be "None".
 */
function cardButtonFields(n: 1 | 2): INodeProperties[] {
	const types = [
		{ name: 'Phone Number', value: 'PHONE_NUMBER' },
		{ name: 'Quick Reply', value: 'QUICK_REPLY' },
		{ name: 'URL', value: 'URL' },
	];
	const typeName = `button${n}Type`;
	const typeDefault = n === 1 ? 'QUICK_REPLY' : 'none';
	return [
		{
			displayName: `Card Button ${n} Text`,
			name: `button${n}Text`,
			type: 'string',
			default: '',
			displayOptions: { show: { [typeName]: ['QUICK_REPLY', 'URL', 'PHONE_NUMBER'] } },
		},
		{
			displayName: `Card Button ${n} Type`,
			name: typeName,
			type: 'options',
			default: typeDefault,
			options: n === 1 ? types : [{ name: 'None', value: 'none' }, ...types],
		},
		{
			displayName: `Card Button ${n} URL or Phone Number`,
			name: `button${n}Value`,
			type: 'string',
			default: '',
			placeholder: 'https://example.com/p/{{1}}',
			description: 'A URL (may end with one variable {{1}}) or the phone number to call, with country code',
			displayOptions: { show: { [typeName]: ['URL', 'PHONE_NUMBER'] } },
		},
		{
			displayName: `Card Button ${n} URL Variable Example`,
			name: `button${n}Example`,
			type: 'string',
			default: '',
			displayOptions: { show: { [typeName]: ['URL'] } },
		},
	];
}

const offer = { show: { contentMode: ['fields'], limitedTimeOffer: [true] } };
export const specialFieldsDescription: INodeProperties[] = [
	{
		displayName: 'Limited-Time Offer',
		name: 'limitedTimeOffer',
		type: 'boolean',
		default: false,
		description: 'Whether the template is a limited-time offer (marketing only, no footer)',
		displayOptions: { show: { contentMode: ['fields'] } },
	},
	{
		displayName: 'Offer Text',
		name: 'offerText',
		type: 'string',
		default: '',
		placeholder: 'Expiring offer!',
		description: `Up to ${CAROUSEL_LIMITS.offerText} characters, shown above the body`,
		displayOptions: offer,
	},
	{
		displayName: 'Offer Has Expiration',
		name: 'offerHasExpiration',
		type: 'boolean',
		default: true,
		description:
			'Whether the message shows a countdown; the send then needs "Offer Expires At", and the first button must be Copy Code',
		displayOptions: offer,
	},
	{
		displayName: 'Cards',
		name: 'cards',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add card',
		description: `${CAROUSEL_LIMITS.minCards} to ${CAROUSEL_LIMITS.maxCards} cards, all with the same header format and buttons`,
		displayOptions: { show: { contentMode: ['carousel'] } },
		options: [
			{
				displayName: 'Card',
				name: 'card',
				values: [
					{
						displayName: 'Card Body Text',
						name: 'bodyText',
						type: 'string',
						default: '',
						description: `Up to ${CAROUSEL_LIMITS.cardBodyText} characters, variables numbered {{1}}, {{2}} …`,
					},
					{
						displayName: 'Card Body Variable Examples',
						name: 'bodyExamples',
						type: 'string',
						default: '',
						placeholder: '10%, lemon',
						description: 'One example per card body variable, in order, separated by commas',
					},
					...cardButtonFields(1),
					...cardButtonFields(2),
					{
						displayName: 'Card Header Format',
						name: 'headerFormat',
						type: 'options',
						default: 'IMAGE',
						options: [
							{ name: 'Image', value: 'IMAGE' },
							{ name: 'Video', value: 'VIDEO' },
						],
					},
					{
						displayName: 'Card Header Sample Binary Field',
						name: 'headerBinaryProperty',
						type: 'string',
						default: '',
						placeholder: 'data',
						description:
							"An input binary field with the card's sample image (JPEG/PNG) or video (MP4), uploaded first through Meta's Resumable Upload API. Or fill Header Sample Handle.",
					},
					{
						displayName: 'Card Header Sample Handle',
						name: 'headerHandle',
						type: 'string',
						default: '',
						placeholder: '4::aW1hZ2UvanBn:ARY…',
					},
				],
			},
		],
	},
];

const text = z.preprocess((value) => (value === undefined || value === null ? '' : String(value).trim()), z.string());

export const cardSchema = z.object({
	headerFormat: z.enum(['IMAGE', 'VIDEO']),
	headerBinaryProperty: text,
	headerHandle: text,
	bodyText: text.pipe(z.string().max(CAROUSEL_LIMITS.cardBodyText)),
	bodyExamples: text,
	button1Type: z.enum(['QUICK_REPLY', 'URL', 'PHONE_NUMBER']),
	button1Text: text,
	button1Value: text,
	button1Example: text,
	button2Type: z.enum(['none', 'QUICK_REPLY', 'URL', 'PHONE_NUMBER']),
	button2Text: text,
	button2Value: text,
	button2Example: text,
});
export type CardInput = z.output<typeof cardSchema>;

/** Card problems Meta would refuse the template for, as [path inside "Cards", message]. */
export function cardProblems(cards: CardInput[]): Array<[Array<string | number>, string]> {
	const problems: Array<[Array<string | number>, string]> = [];
	const first = cards[0];
	cards.forEach((card, index) => {
		if (!card.headerBinaryProperty && !card.headerHandle) {
			problems.push([[index, 'headerHandle'], 'is empty; give a sample handle or a Card Header Sample Binary Field']);
		}
		if (first && card.headerFormat !== first.headerFormat) {
			problems.push([
				[index, 'headerFormat'],
				`must be ${first.headerFormat} like card 1: every card has the same header format`,
			]);
		}
		if (first && (card.button1Type !== first.button1Type || card.button2Type !== first.button2Type)) {
			problems.push([[index, 'button1Type'], 'every card needs the same buttons, in the same order, as card 1']);
		}
		if (first && Boolean(card.bodyText) !== Boolean(first.bodyText)) {
			problems.push([[index, 'bodyText'], 'either every card has a body text or none has']);
		}
		const variables = placeholderNames(card.bodyText);
		const examples = card.bodyExamples ? card.bodyExamples.split(',').map((e) => e.trim()) : [];
		if (variables.length !== examples.filter(Boolean).length) {
			problems.push([
				[index, 'bodyExamples'],
				`needs ${variables.length} example value(s), one per card body variable`,
			]);
		}
		for (const n of [1, 2] as const) {
			const type = card[`button${n}Type`];
			if (type === 'none') continue;
			if (!card[`button${n}Text`]) problems.push([[index, `button${n}Text`], 'is empty; enter the button label']);
			if ((type === 'URL' || type === 'PHONE_NUMBER') && !card[`button${n}Value`]) {
				problems.push([[index, `button${n}Value`], 'is empty; enter the URL or phone number']);
			}
			if (type === 'URL' && placeholderNames(card[`button${n}Value`]).length && !card[`button${n}Example`]) {
				problems.push([[index, `button${n}Example`], 'is empty; the URL has a variable and needs an example']);
			}
		}
	});
	return problems;
}

const PENDING = '4::pending-upload';

/** The carousel component of the cards (handles of binary samples filled in by uploadCardSamples). */
export function carouselComponent(cards: CardInput[]): IDataObject {
	return {
		type: 'CAROUSEL',
		cards: cards.map((card) => {
			const components: IDataObject[] = [
				{
					type: 'HEADER',
					format: card.headerFormat,
					example: { header_handle: [card.headerBinaryProperty ? PENDING : card.headerHandle] },
				},
			];
			if (card.bodyText) {
				const body: IDataObject = { type: 'BODY', text: card.bodyText };
				if (placeholderNames(card.bodyText).length) {
					body.example = { body_text: [card.bodyExamples.split(',').map((e) => e.trim())] };
				}
				components.push(body);
			}
			const buttons: IDataObject[] = [];
			for (const n of [1, 2] as const) {
				const type = card[`button${n}Type`];
				if (type === 'none') continue;
				const value = card[`button${n}Value`];
				if (type === 'URL') {
					const url: IDataObject = { type, text: card[`button${n}Text`], url: value };
					if (placeholderNames(value).length) url.example = [card[`button${n}Example`]];
					buttons.push(url);
				} else if (type === 'PHONE_NUMBER') {
					const parsed = parsePhoneNumber(value);
					buttons.push({ type, text: card[`button${n}Text`], phone_number: parsed.possible ? parsed.digits : value });
				} else buttons.push({ type, text: card[`button${n}Text`] });
			}
			components.push({ type: 'BUTTONS', buttons });
			return { components };
		}),
	};
}

const CARD_BINARY_LABEL = requireLabel(specialFieldsDescription, ['cards', 'card', 'headerBinaryProperty']);

/** Uploads every card sample given as a binary field and puts its handle in the card's header. */
export async function uploadCardSamples(
	this: IExecuteFunctions,
	itemIndex: number,
	cards: CardInput[],
	carousel: IDataObject,
): Promise<void> {
	const built = carousel.cards as Array<{ components: IDataObject[] }>;
	for (const [index, card] of cards.entries()) {
		if (!card.headerBinaryProperty) continue;
		const label = `${CARD_BINARY_LABEL} (card ${index + 1})`;
		const file = await readBinaryForHandle.call(this, itemIndex, card.headerBinaryProperty, label, card.headerFormat);
		const { handle } = await uploadForHandle.call(this, file, itemIndex);
		built[index].components[0].example = { header_handle: [handle] };
	}
}

/** The limited-time-offer component, put right after the header. */
export function offerComponent(offerText: string, hasExpiration: boolean): IDataObject {
	return { type: 'LIMITED_TIME_OFFER', limited_time_offer: { text: offerText, has_expiration: hasExpiration } };
}
