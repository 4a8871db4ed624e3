/**
 * Product messages (interactive product / product_list / catalog_message): Meta sends them only
 * for the catalog connected to the WABA and for products that are in it. The contract check has
 * already run; this adds what only the catalog knows.
 */
import { CATALOG_PRODUCTS, CATALOGS } from '../fixtures';
import { GraphError, whatsappError } from '../graphError';

function invalidProduct(details: string): GraphError {
	return whatsappError(131009, 'Parameter value is not valid', details);
}

/** Meta's error for a product message whose catalog or products are unknown, or undefined. */
export function checkProductMessage(body: Record<string, unknown>): GraphError | undefined {
	if (body.type !== 'interactive') return undefined;
	const interactive = (body.interactive ?? {}) as { type?: string; action?: Record<string, unknown> };
	const action = interactive.action ?? {};
	const ids: string[] = [];
	let products = CATALOG_PRODUCTS;
	if (interactive.type === 'product' || interactive.type === 'product_list') {
		products = CATALOGS[String(action.catalog_id)];
		if (!products) {
			return invalidProduct(`Catalog ${String(action.catalog_id)} is not connected to this WhatsApp Business Account`);
		}
		if (interactive.type === 'product') ids.push(String(action.product_retailer_id));
		for (const section of (action.sections ?? []) as Array<{
			product_items?: Array<{ product_retailer_id?: string }>;
		}>) {
			for (const item of section.product_items ?? []) ids.push(String(item.product_retailer_id));
		}
		if (interactive.type === 'product_list' && ids.length > 30) {
			return invalidProduct(`A multi-product message can have at most 30 products; this one has ${ids.length}`);
		}
	} else if (interactive.type === 'catalog_message') {
		const parameters = (action.parameters ?? {}) as { thumbnail_product_retailer_id?: string };
		ids.push(String(parameters.thumbnail_product_retailer_id));
	} else {
		return undefined;
	}
	const missing = ids.filter((id) => !products.includes(id));
	if (missing.length) return invalidProduct(`Products not found in the catalog: ${missing.join(', ')}`);
	return undefined;
}
