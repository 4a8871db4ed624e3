import { defineKind } from './kind';
import { bodyPart, footerPart, replyToPart } from './parts';
import { productRetailerIdSchema } from './product';

/** A catalog message: the business's whole catalog behind a "View catalog" button. */
export const catalog = defineKind({
	value: 'catalog',
	name: 'Catalog',
	description: 'Your whole catalog behind a "View catalog" button, with one product as the thumbnail',
	parts: [bodyPart, footerPart, replyToPart],
	properties: [
		{
			displayName: 'Thumbnail Product Retailer ID',
			name: 'thumbnailProductRetailerId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'di9ozbzfi4',
			description:
				'Content ID of the product whose image is shown on the message (Commerce Manager → Catalog → Items). The catalog is the one connected to the WhatsApp Business Account.',
		},
	],
	shape: { thumbnailProductRetailerId: productRetailerIdSchema },
	read(itemIndex) {
		return { thumbnailProductRetailerId: this.getNodeParameter('thumbnailProductRetailerId', itemIndex) };
	},
	interactive: (input) => ({
		type: 'catalog_message',
		action: {
			name: 'catalog_message',
			parameters: { thumbnail_product_retailer_id: input.thumbnailProductRetailerId },
		},
	}),
});
