import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { defineKind } from './kind';
import { footerPart, optionalBodyPart, replyToPart } from './parts';

/** The catalog the products come from: Commerce Manager → Catalog → Settings, connected to the WABA. */
export const catalogIdProperty: INodeProperties = {
	displayName: 'Catalog ID',
	name: 'catalogId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '194836987003835',
	description:
		'ID of the Meta catalog connected to your WhatsApp Business Account (Commerce Manager → Catalog → Settings)',
};

/** A catalog ID: digits only. */
export const catalogIdSchema = z
	.string()
	.trim()
	.min(1)
	.regex(/^\d+$/, 'must be a catalog ID (digits only; Commerce Manager → Catalog → Settings)');

/** A product's Content ID (retailer ID / SKU) in the catalog. */
export const productRetailerIdSchema = z
	.string()
	.trim()
	.min(1)
	.regex(/^\S+$/, 'a product retailer ID (Content ID in Commerce Manager) has no spaces');

/** A single product: its card from the catalog, with a "View" button; Meta allows no header. */
export const product = defineKind({
	value: 'product',
	name: 'Product',
	description: 'One product from your catalog, which the contact can view and add to a cart',
	parts: [optionalBodyPart, footerPart, replyToPart],
	properties: [
		catalogIdProperty,
		{
			displayName: 'Product Retailer ID',
			name: 'productRetailerId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'di9ozbzfi4',
			description: "The product's Content ID in the catalog (Commerce Manager → Catalog → Items)",
		},
	],
	shape: { catalogId: catalogIdSchema, productRetailerId: productRetailerIdSchema },
	read(itemIndex) {
		return {
			catalogId: this.getNodeParameter('catalogId', itemIndex),
			productRetailerId: this.getNodeParameter('productRetailerId', itemIndex),
		};
	},
	interactive: (input) => ({
		type: 'product',
		action: { catalog_id: input.catalogId, product_retailer_id: input.productRetailerId },
	}),
});
