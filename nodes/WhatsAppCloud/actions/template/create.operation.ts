import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { graphRequest } from '../../../shared/transport/graphRequest';
import { templateLanguageSchema } from '../../templates/languages';
import { templateNameSchema } from '../../templates/names';
import { TEMPLATE_CATEGORIES } from '../../templates/types';
import { LIMITS } from '../../validation/limits';
import { defineInput, type InputDefinition } from '../../validation/validateInput';
import { businessAccountIdParameter, getBusinessAccountId } from '../businessAccount/wabaId';
import {
	categoryOptions,
	contentValues,
	fieldsShape,
	jsonShape,
	reviewFields,
	reviewJson,
	uploadHeaderSample,
	type TemplateContent,
} from './content';
import { authenticationFieldsDescription, authenticationShape, reviewAuthentication } from './createAuthentication';
import { contentFieldsDescription, contentJsonDescription } from './createContent';
import {
	CAROUSEL_LIMITS,
	cardProblems,
	cardSchema,
	carouselComponent,
	offerComponent,
	specialFieldsDescription,
	uploadCardSamples,
	type CardInput,
} from './createSpecial';

export const description: INodeProperties[] = [
	businessAccountIdParameter(),
	{
		displayName: 'Template Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'order_update',
		description: `Lowercase letters, digits and underscores only, up to ${LIMITS.templateName} characters`,
	},
	{
		displayName: 'Category',
		name: 'category',
		type: 'options',
		default: 'UTILITY',
		options: categoryOptions('One-time codes (Define Content: Using Authentication Fields)'),
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'string',
		default: 'en_US',
		required: true,
		placeholder: 'en_US',
		description:
			"Language code of this version of the template, from Meta's list of template languages, e.g. en, en_US, pt_BR, es_MX",
	},
	{
		displayName: 'Define Content',
		name: 'contentMode',
		type: 'options',
		default: 'fields',
		options: [
			{ name: 'Using Fields Below', value: 'fields' },
			{
				name: 'Using Carousel Cards',
				value: 'carousel',
				description: 'A message body and 2 to 10 media cards (marketing)',
			},
			{ name: 'Using JSON', value: 'json', description: 'Components exactly as Meta defines them' },
			{
				name: 'Using Authentication Fields',
				value: 'authentication',
				description: "A one-time code template with Meta's preset text (category Authentication)",
			},
		],
	},
	...contentFieldsDescription,
	...authenticationFieldsDescription,
	...specialFieldsDescription,
	...contentJsonDescription,
];

const identity = {
	name: templateNameSchema,
	category: z.enum(TEMPLATE_CATEGORIES),
	language: templateLanguageSchema,
};

/** What Create sends, once the input passed Meta's rules. */
interface NewTemplate extends TemplateContent {
	name: string;
	category: string;
	language: string;
}

const identityOf = ({ name, category, language }: NewTemplate | z.output<z.ZodObject<typeof identity>>) => ({
	name,
	category,
	language,
});

const marketingOnly = (category: string, what: string, path: string, ctx: z.RefinementCtx) => {
	if (category !== 'MARKETING') {
		ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['category'], message: `must be Marketing for ${what}` });
		ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message: `${what} are marketing templates` });
	}
};

/** "Using Fields Below": problems are reported on the field they come from. */
const fieldsInput = defineInput(
	'template.create',
	z
		.object({
			...identity,
			...fieldsShape,
			limitedTimeOffer: z.boolean(),
			offerText: z.string().trim().max(CAROUSEL_LIMITS.offerText),
			offerHasExpiration: z.boolean(),
		})
		.transform((input, ctx): NewTemplate => {
			const content = reviewFields(input, input.category, ctx);
			if (!input.limitedTimeOffer) return { ...identityOf(input), ...content };
			// Limited-time offer: the offer component right after the header.
			marketingOnly(input.category, 'limited-time offers', 'limitedTimeOffer', ctx);
			const issue = (path: string, message: string) =>
				ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
			if (!input.offerText) issue('offerText', 'is empty; enter the offer text');
			if (input.footerText.trim()) issue('footerText', 'must be empty: a limited-time offer has no footer');
			if (input.offerHasExpiration && input.buttons[0]?.type !== 'COPY_CODE') {
				issue('buttons', 'must start with a Copy Code button when the offer has an expiration');
			}
			const at = content.components[0]?.type === 'HEADER' ? 1 : 0;
			content.components.splice(at, 0, offerComponent(input.offerText, input.offerHasExpiration));
			return { ...identityOf(input), ...content };
		}),
	description,
);

interface NewCarousel extends NewTemplate {
	cards: CardInput[];
}

/** "Using Carousel Cards": the message body (checked like the fields) and the cards. */
const carouselInput = defineInput(
	'template.create.carousel',
	z
		.object({
			...identity,
			bodyText: fieldsShape.bodyText,
			bodyExamples: fieldsShape.bodyExamples,
			cards: z.array(cardSchema).min(CAROUSEL_LIMITS.minCards).max(CAROUSEL_LIMITS.maxCards),
		})
		.transform((input, ctx): NewCarousel => {
			const body = reviewFields(
				{
					...input,
					headerType: 'none',
					headerText: '',
					headerExample: '',
					headerHandle: '',
					footerText: '',
					buttons: [],
				},
				input.category,
				ctx,
			);
			marketingOnly(input.category, 'carousels', 'cards', ctx);
			for (const [path, message] of cardProblems(input.cards)) {
				ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['cards', ...path], message });
			}
			const components = [...body.components, carouselComponent(input.cards)];
			return { ...identityOf(input), components, parameterFormat: body.parameterFormat, cards: input.cards };
		}),
	description,
);

/** "Using JSON": problems are reported on "Components (JSON)", saying which part of it. */
const jsonInput = defineInput(
	'template.create.json',
	z
		.object({ ...identity, ...jsonShape })
		.transform((input, ctx): NewTemplate => ({ ...identityOf(input), ...reviewJson(input, input.category, ctx) })),
	description,
);

/** "Using Authentication Fields": Meta's rules for one-time code templates, on the field they come from. */
const authenticationInput = defineInput(
	'template.create.authentication',
	z
		.object({ ...identity, ...authenticationShape })
		.transform(
			(input, ctx): NewTemplate => ({ ...identityOf(input), ...reviewAuthentication(input, input.category, ctx) }),
		),
	description,
);

function readInput(this: IExecuteFunctions, itemIndex: number): NewTemplate | NewCarousel {
	const parameter = (name: string, fallback: unknown = '') => this.getNodeParameter(name, itemIndex, fallback);
	const mode = String(parameter('contentMode', 'fields'));
	const identityValues = {
		name: String(parameter('name') ?? ''),
		category: parameter('category', 'UTILITY'),
		language: String(parameter('language') ?? ''),
	};
	if (mode === 'carousel') {
		const values = {
			...identityValues,
			bodyText: parameter('bodyText'),
			bodyExamples: parameter('bodyExamples.example', []),
			cards: parameter('cards.card', []),
		};
		return carouselInput.parse(this.getNode(), values, itemIndex);
	}
	if (mode === 'authentication') {
		const values = {
			...identityValues,
			otpType: parameter('otpType', 'COPY_CODE'),
			buttonText: parameter('buttonText'),
			autofillText: parameter('autofillText'),
			androidApps: parameter('androidApps.app', []),
			zeroTapTermsAccepted: parameter('zeroTapTermsAccepted', false),
			addSecurityRecommendation: parameter('addSecurityRecommendation', true),
			codeExpirationMinutes: parameter('codeExpirationMinutes', 10),
		};
		return authenticationInput.parse(this.getNode(), values, itemIndex);
	}
	if (mode === 'json') {
		return jsonInput.parse(
			this.getNode(),
			{ ...identityValues, ...contentValues.call(this, itemIndex, mode) },
			itemIndex,
		);
	}
	const values = {
		...identityValues,
		...contentValues.call(this, itemIndex, 'fields'),
		limitedTimeOffer: parameter('limitedTimeOffer', false),
		offerText: parameter('offerText'),
		offerHasExpiration: parameter('offerHasExpiration', true),
	};
	return fieldsInput.parse(this.getNode(), values, itemIndex);
}

export const inputs: InputDefinition[] = [fieldsInput, carouselInput, jsonInput, authenticationInput];

/** POST /{WABA-ID}/message_templates: submits a template for Meta's review. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const input = readInput.call(this, itemIndex);
	const waba = await getBusinessAccountId.call(this, itemIndex, 'there is no account to create the template in');
	if ('cards' in input) {
		const carousel = input.components.find((c) => c.type === 'CAROUSEL') as IDataObject;
		await uploadCardSamples.call(this, itemIndex, input.cards, carousel);
	} else {
		await uploadHeaderSample.call(this, itemIndex, input);
	}
	const body: IDataObject = {
		name: input.name,
		language: input.language,
		category: input.category,
		components: input.components,
	};
	if (input.parameterFormat) body.parameter_format = input.parameterFormat;
	const response = (await graphRequest.call(this, {
		method: 'POST',
		path: `${waba}/message_templates`,
		body,
		itemIndex,
	})) as IDataObject;
	return [{ json: { ...response, name: input.name, language: input.language } }];
}
