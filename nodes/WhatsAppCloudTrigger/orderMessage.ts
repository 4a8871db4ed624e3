import type { IDataObject } from 'n8n-workflow';

import { isObj, str } from '../shared/jsonValues';

/** A number as Meta sends it (number or numeric string); null otherwise. */
const num = (x: unknown): number | null => {
	const n = typeof x === 'number' ? x : typeof x === 'string' && x.trim() !== '' ? Number(x) : NaN;
	return Number.isFinite(n) ? n : null;
};
/** Money rounded to cents, so 0.1 + 0.2 is 0.3. */
const cents = (n: number): number => Math.round(n * 100) / 100;

/**
 * The fields of an incoming `order` message that workflows use: the catalog, one entry per
 * product (Content ID, quantity, unit price, currency, line total), the number of pieces and the
 * order total. `total` and `currency` are null when the products' currencies differ or a price
 * is missing (nothing is guessed); the untouched order stays in `message.order`.
 */
export function orderFields(order: unknown): IDataObject {
	const o = isObj(order) ? order : {};
	const items = (Array.isArray(o.product_items) ? o.product_items : []).filter(isObj);
	const products = items.map((item) => {
		const quantity = num(item.quantity);
		const itemPrice = num(item.item_price);
		return {
			productRetailerId: str(item.product_retailer_id),
			quantity,
			itemPrice,
			currency: str(item.currency),
			lineTotal: quantity !== null && itemPrice !== null ? cents(quantity * itemPrice) : null,
		};
	});
	const currencies = [...new Set(products.map((p) => p.currency))];
	const priced = products.every((p) => p.lineTotal !== null);
	const oneCurrency = currencies.length === 1 && currencies[0] !== null;
	return {
		catalogId: str(o.catalog_id),
		products,
		productCount: products.length,
		itemCount: products.reduce((sum, p) => sum + (p.quantity ?? 0), 0),
		total: priced && oneCurrency ? cents(products.reduce((sum, p) => sum + (p.lineTotal ?? 0), 0)) : null,
		currency: oneCurrency ? currencies[0] : null,
	};
}
