/**
 * Product messages (Send Interactive → Product / Product List / Catalog) through n8n-core against
 * the simulator: the exact bodies Meta's contract accepts, Meta's limits refused before sending,
 * and the simulator's catalog check; incoming orders get their products and totals as fields.
 */
import { describe, expect, it } from '@jest/globals';
import type { INodeParameters } from 'n8n-workflow';

import { fanOut } from '../../../../nodes/WhatsAppCloudTrigger/fanOut';
import { orderFields } from '../../../../nodes/WhatsAppCloudTrigger/orderMessage';
import examples from '../../../../tools/contract/examples.json';
import { APP_ID, CATALOG_ID, PHONE_NUMBER_ID } from '../../../../tools/simulator/fixtures';
import { byId, errorMessage, outputJson, useSimulator } from '../../../harness/simulator';

const { sim, run } = useSimulator({ credential: { appId: APP_ID } });

function send(interactiveType: string, extra: INodeParameters): INodeParameters {
	return {
		resource: 'message',
		operation: 'sendInteractive',
		phoneNumberId: byId(PHONE_NUMBER_ID),
		to: '+1 555 000 9999',
		interactiveType,
		...extra,
	};
}

function sentBody(): Record<string, unknown> {
	const sent = sim.requests({ method: 'POST', pathIncludes: '/messages' });
	expect(sent).toHaveLength(1);
	expect(sent[0].contract).toMatchObject({ checked: true, valid: true, errors: [] });
	return sent[0].body as Record<string, unknown>;
}

const base = { messaging_product: 'whatsapp', recipient_type: 'individual', to: '15550009999', type: 'interactive' };

describe('Send Interactive → Product', () => {
	it('sends one product with an optional body and footer', async () => {
		const [item] = outputJson(
			await run(
				send('product', {
					catalogId: CATALOG_ID,
					productRetailerId: 'di9ozbzfi4',
					bodyText: 'Back in stock',
					footerText: 'Free shipping',
				}),
			),
		);
		expect(sentBody()).toEqual({
			...base,
			interactive: {
				type: 'product',
				body: { text: 'Back in stock' },
				footer: { text: 'Free shipping' },
				action: { catalog_id: CATALOG_ID, product_retailer_id: 'di9ozbzfi4' },
			},
		});
		expect(String(item.messageId)).toMatch(/^wamid\./);
	});

	it('sends no body when Body Text is blank', async () => {
		outputJson(await run(send('product', { catalogId: CATALOG_ID, productRetailerId: 'sku-mug' })));
		expect(sentBody()).toEqual({
			...base,
			interactive: { type: 'product', action: { catalog_id: CATALOG_ID, product_retailer_id: 'sku-mug' } },
		});
	});

	it('refuses a catalog ID that is not digits, before sending', async () => {
		const message = errorMessage(await run(send('product', { catalogId: 'shop', productRetailerId: 'sku-mug' })));
		expect(message).toBe(
			'"Catalog ID": must be a catalog ID (digits only; Commerce Manager → Catalog → Settings) (item 1)',
		);
		expect(sim.requests()).toHaveLength(0);
	});

	it("shows Meta's error when the product is not in the catalog", async () => {
		const result = await run(send('product', { catalogId: CATALOG_ID, productRetailerId: 'sku-unknown' }));
		expect(errorMessage(result)).toContain('Parameter value is not valid');
		expect(JSON.stringify(result.error)).toContain('Products not found in the catalog: sku-unknown');
	});
});

describe('Send Interactive → Product List', () => {
	const sections = {
		section: [
			{ title: 'Shirts', productRetailerIds: 'sku-blue-shirt, sku-red-shirt' },
			{ title: 'Kitchen', productRetailerIds: 'sku-mug' },
		],
	};

	it('sends sections of products with the required text header', async () => {
		outputJson(
			await run(
				send('productList', {
					headerText: 'Summer picks',
					bodyText: 'Our favourites this week',
					catalogId: CATALOG_ID,
					productSections: sections,
				}),
			),
		);
		expect(sentBody()).toEqual({
			...base,
			interactive: {
				type: 'product_list',
				header: { type: 'text', text: 'Summer picks' },
				body: { text: 'Our favourites this week' },
				action: {
					catalog_id: CATALOG_ID,
					sections: [
						{
							title: 'Shirts',
							product_items: [{ product_retailer_id: 'sku-blue-shirt' }, { product_retailer_id: 'sku-red-shirt' }],
						},
						{ title: 'Kitchen', product_items: [{ product_retailer_id: 'sku-mug' }] },
					],
				},
			},
		});
	});

	it('takes an array of IDs from an expression', async () => {
		outputJson(
			await run(
				send('productList', {
					headerText: 'Picks',
					bodyText: 'Have a look',
					catalogId: CATALOG_ID,
					productSections: { section: [{ title: '', productRetailerIds: '={{ ["sku-mug", "di9ozbzfi4"] }}' }] },
				}),
			),
		);
		const body = sentBody() as { interactive: { action: { sections: unknown[] } } };
		expect(body.interactive.action.sections).toEqual([
			{ product_items: [{ product_retailer_id: 'sku-mug' }, { product_retailer_id: 'di9ozbzfi4' }] },
		]);
	});

	it('refuses more than 30 products in all, before sending', async () => {
		const ids = (n: number, p: string) => Array.from({ length: n }, (_, i) => `${p}${i}`).join(',');
		const message = errorMessage(
			await run(
				send('productList', {
					headerText: 'Everything',
					bodyText: 'All of it',
					catalogId: CATALOG_ID,
					productSections: {
						section: [
							{ title: 'A', productRetailerIds: ids(20, 'a') },
							{ title: 'B', productRetailerIds: ids(11, 'b') },
						],
					},
				}),
			),
		);
		expect(message).toBe(
			'"Sections": the message has 31 products in total; WhatsApp allows at most 30 across all sections (item 1)',
		);
		expect(sim.requests()).toHaveLength(0);
	});

	it('refuses a missing section title when there are several sections, and a long title', async () => {
		const missing = errorMessage(
			await run(
				send('productList', {
					headerText: 'Picks',
					bodyText: 'Have a look',
					catalogId: CATALOG_ID,
					productSections: {
						section: [{ title: 'Shirts', productRetailerIds: 'sku-mug' }, { productRetailerIds: 'di9ozbzfi4' }],
					},
				}),
			),
		);
		expect(missing).toBe(
			'"Sections › Title" (entry 2): is required when the message has more than one section (item 1)',
		);
		const long = errorMessage(
			await run(
				send('productList', {
					headerText: 'Picks',
					bodyText: 'Have a look',
					catalogId: CATALOG_ID,
					productSections: { section: [{ title: 'A title of twenty-five ch', productRetailerIds: 'sku-mug' }] },
				}),
			),
		);
		expect(long).toBe('"Sections › Title" (entry 1) is too long: 25 characters; WhatsApp allows at most 24 (item 1)');
	});
});

describe('Send Interactive → Catalog', () => {
	it('sends the catalog message with its thumbnail product', async () => {
		outputJson(
			await run(
				send('catalog', {
					bodyText: 'Browse our shop',
					footerText: 'Prices include VAT',
					thumbnailProductRetailerId: 'sku-blue-shirt',
				}),
			),
		);
		expect(sentBody()).toEqual({
			...base,
			interactive: {
				type: 'catalog_message',
				body: { text: 'Browse our shop' },
				footer: { text: 'Prices include VAT' },
				action: { name: 'catalog_message', parameters: { thumbnail_product_retailer_id: 'sku-blue-shirt' } },
			},
		});
	});
});

describe('Trigger: incoming orders', () => {
	it("gives Meta's order example its products and total", () => {
		const [event] = fanOut((examples.webhooks as Record<string, unknown>)['Order Message']);
		expect(event.json.type).toBe('order');
		expect(event.json.order).toEqual({
			catalogId: '194836987003835',
			products: [
				{ productRetailerId: 'di9ozbzfi4', quantity: 2, itemPrice: 30, currency: 'USD', lineTotal: 60 },
				{ productRetailerId: 'nqryix03ez', quantity: 1, itemPrice: 25, currency: 'USD', lineTotal: 25 },
			],
			productCount: 2,
			itemCount: 3,
			total: 85,
			currency: 'USD',
		});
	});

	it('adds prices to the cent, and gives no total for mixed currencies', () => {
		expect(
			orderFields({
				catalog_id: '1',
				product_items: [
					{ product_retailer_id: 'a', quantity: 3, item_price: 0.1, currency: 'EUR' },
					{ product_retailer_id: 'b', quantity: '1', item_price: '0.2', currency: 'EUR' },
				],
			}),
		).toMatchObject({ total: 0.5, currency: 'EUR', itemCount: 4 });
		expect(
			orderFields({
				product_items: [
					{ product_retailer_id: 'a', quantity: 1, item_price: 5, currency: 'EUR' },
					{ product_retailer_id: 'b', quantity: 1, item_price: 5, currency: 'USD' },
				],
			}),
		).toMatchObject({ total: null, currency: null, productCount: 2 });
	});
});
