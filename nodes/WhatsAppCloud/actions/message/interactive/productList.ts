import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import { LIMITS } from '../../../validation/limits';
import { headerTextSchema, optionalText } from '../../../validation/schemas/fields';
import type { Part } from './kind';
import { defineKind } from './kind';
import { bodyPart, footerPart, replyToPart, requireSectionTitles } from './parts';
import { catalogIdProperty, catalogIdSchema, productRetailerIdSchema } from './product';

const headerShape = { headerText: headerTextSchema };

/** Meta requires a text header on a multi-product message (and allows no media header). */
const textHeaderPart: Part<typeof headerShape> = {
	properties: [
		{
			displayName: 'Header Text',
			name: 'headerText',
			type: 'string',
			default: '',
			required: true,
			description: `Title above the products, up to ${LIMITS.headerText} characters, no formatting`,
		},
	],
	shape: headerShape,
	read(itemIndex) {
		return { headerText: this.getNodeParameter('headerText', itemIndex, '') };
	},
	interactive: (input) => ({ header: { type: 'text', text: input.headerText } }),
};

/** "a, b\nc" or ["a", "b"] → ["a", "b", "c"]; anything else is left for the schema to refuse. */
function idList(value: unknown): unknown {
	if (typeof value === 'string') {
		return value
			.split(/[\n,]/)
			.map((id) => id.trim())
			.filter((id) => id !== '');
	}
	return value;
}

const sectionSchema = z.object({
	title: optionalText(LIMITS.productSectionTitle),
	productRetailerIds: z.preprocess(idList, z.array(productRetailerIdSchema).min(1).max(LIMITS.productItems)),
});

/** A multi-product message: up to 30 products of one catalog in up to 10 titled sections. */
export const productList = defineKind({
	value: 'productList',
	name: 'Product List',
	description: `Up to ${LIMITS.productItems} products from your catalog in sections, which the contact can add to a cart`,
	parts: [textHeaderPart, bodyPart, footerPart, replyToPart],
	properties: [
		catalogIdProperty,
		{
			displayName: 'Sections',
			name: 'productSections',
			type: 'fixedCollection',
			placeholder: 'Add Section',
			typeOptions: { multipleValues: true },
			default: {},
			description: `1 to ${LIMITS.productSections} sections with at most ${LIMITS.productItems} products in total. A section title is required when there is more than one section.`,
			options: [
				{
					displayName: 'Section',
					name: 'section',
					values: [
						{
							displayName: 'Title',
							name: 'title',
							type: 'string',
							default: '',
							description: `Section title, up to ${LIMITS.productSectionTitle} characters`,
						},
						{
							displayName: 'Product Retailer IDs',
							name: 'productRetailerIds',
							type: 'string',
							default: '',
							placeholder: 'di9ozbzfi4, nqryix03ez',
							description:
								"The products' Content IDs in the catalog, separated by commas or new lines (an expression can also give an array)",
						},
					],
				},
			],
		},
	],
	shape: {
		catalogId: catalogIdSchema,
		productSections: z.array(sectionSchema).min(1).max(LIMITS.productSections),
	},
	read(itemIndex) {
		const sections = this.getNodeParameter('productSections.section', itemIndex, []) as IDataObject[];
		return {
			catalogId: this.getNodeParameter('catalogId', itemIndex),
			productSections: sections.map((section) => ({
				title: section.title,
				productRetailerIds: section.productRetailerIds,
			})),
		};
	},
	refine(input, ctx) {
		const total = input.productSections.reduce((sum, section) => sum + section.productRetailerIds.length, 0);
		if (total > LIMITS.productItems) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['productSections'],
				message: `the message has ${total} products in total; WhatsApp allows at most ${LIMITS.productItems} across all sections`,
			});
		}
		requireSectionTitles(ctx, input.productSections, 'productSections');
	},
	interactive: (input) => ({
		type: 'product_list',
		action: {
			catalog_id: input.catalogId,
			sections: input.productSections.map((section) => ({
				...(section.title ? { title: section.title } : {}),
				product_items: section.productRetailerIds.map((id) => ({ product_retailer_id: id })),
			})),
		},
	}),
});
