/**
 * Commerce and safety operations in a real n8n against the Graph API simulator: product messages
 * (Send Interactive → Product / Product List / Catalog), Contact → Block / Unblock / Get Blocked,
 * Phone Number → Get / Update Conversational Components, the QR Code resource (image as binary
 * data) and Business Account → Get Analytics. Every request is checked against Meta's contract
 * (with the documented additions in tools/contract/generator/patches/). Incoming orders' fields are
 * checked by "trigger › every contract webhook example" (Order Message).
 */
import assert from 'node:assert/strict';

import { CATALOG_ID, GRAPH_VERSION, PHONE_NUMBER_ID, SAMPLE_QR_CODE, TOKENS, WABA_ID } from '../../simulator/fixtures';
import { byId, messageBody, refusalCases, runByWebhook, sendCases, waNode, type SendEnv } from '../cases';
import { setNode, type WorkflowNode } from '../kit/workflows';
import type { ItemJson } from '../kit/executions';
import { defineSuite } from '../runner';
import type { RecordedRequest } from '../../lab/simulator';
import { simulatorCredentialData, createCredential } from '../kit/credential';

const phone = byId(PHONE_NUMBER_ID);
const interactive = (interactiveType: string, extra: Record<string, unknown>) => ({
	resource: 'message',
	operation: 'sendInteractive',
	phoneNumberId: phone,
	to: '+1 555 000 9999',
	interactiveType,
	...extra,
});

/** Runs Webhook → nodes once; returns the last node's items and the Graph requests (all contract-valid). */
async function runNodes(
	ctx: Parameters<typeof runByWebhook>[0],
	s: SendEnv,
	name: string,
	nodes: WorkflowNode[],
): Promise<{ items: ItemJson[]; requests: RecordedRequest[] }> {
	const since = s.sim.requests().length;
	const { res } = await runByWebhook(ctx, s.n8n, name, nodes);
	assert.equal(res.status, 200, `the workflow failed: ${JSON.stringify(res.body).slice(0, 1000)}`);
	const requests = s.sim.requests().slice(since);
	for (const r of requests) {
		assert.ok(r.contract?.valid, `${r.method} ${r.path} breaks the contract: ${JSON.stringify(r.contract?.errors)}`);
	}
	return { items: Array.isArray(res.body) ? res.body : [res.body], requests };
}

const lines = (requests: RecordedRequest[]) =>
	requests.map(
		(r) => `${r.method} ${r.path.replace(`/${GRAPH_VERSION}`, '')}${r.contract?.checked ? ' (contract checked)' : ''}`,
	);

export const commerce = defineSuite<SendEnv>({
	name: 'commerce',
	async setup(ctx) {
		const [n8n, sim] = await Promise.all([ctx.n8n(), ctx.simulator()]);
		const cred = await createCredential(
			n8n,
			'WhatsApp (sim, commerce)',
			simulatorCredentialData(sim.url, TOKENS.valid),
		);
		return { n8n, sim, cred };
	},
	async teardown(_ctx, s) {
		s.sim.reset();
	},
	cases: [
		...sendCases([
			{
				name: 'product message: one product with body and footer',
				parameters: interactive('product', {
					catalogId: CATALOG_ID,
					productRetailerId: 'di9ozbzfi4',
					bodyText: 'Back in stock',
					footerText: 'Free shipping',
				}),
				expected: messageBody('interactive', {
					type: 'product',
					body: { text: 'Back in stock' },
					footer: { text: 'Free shipping' },
					action: { catalog_id: CATALOG_ID, product_retailer_id: 'di9ozbzfi4' },
				}),
			},
			{
				name: 'product list: two sections of products with a text header',
				parameters: interactive('productList', {
					headerText: 'Summer picks',
					bodyText: 'Our favourites this week',
					catalogId: CATALOG_ID,
					productSections: {
						section: [
							{ title: 'Shirts', productRetailerIds: 'sku-blue-shirt, sku-red-shirt' },
							{ title: 'Kitchen', productRetailerIds: 'sku-mug' },
						],
					},
				}),
				expected: messageBody('interactive', {
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
				}),
			},
			{
				name: 'catalog message with a thumbnail product',
				parameters: interactive('catalog', {
					bodyText: 'Browse our shop',
					thumbnailProductRetailerId: 'sku-blue-shirt',
				}),
				expected: messageBody('interactive', {
					type: 'catalog_message',
					body: { text: 'Browse our shop' },
					action: { name: 'catalog_message', parameters: { thumbnail_product_retailer_id: 'sku-blue-shirt' } },
				}),
			},
		]),
		...refusalCases([
			{
				name: 'product list with 31 products is refused before sending',
				parameters: interactive('productList', {
					headerText: 'Everything',
					bodyText: 'All of it',
					catalogId: CATALOG_ID,
					productSections: {
						section: [
							{ title: 'A', productRetailerIds: Array.from({ length: 16 }, (_, i) => `a${i}`).join(',') },
							{ title: 'B', productRetailerIds: Array.from({ length: 15 }, (_, i) => `b${i}`).join(',') },
						],
					},
				}),
				error:
					'"Sections": the message has 31 products in total; WhatsApp allows at most 30 across all sections (item 1)',
			},
		]),
		{
			name: 'block users: block (one refused by the 24-hour rule), get blocked, unblock',
			async run(ctx, s) {
				const block = await runNodes(ctx, s, 'block', [
					waNode(s.cred, {
						resource: 'contact',
						operation: 'block',
						phoneNumberId: phone,
						users: '+1 555 000 9999, +44 7911 123456',
					}),
				]);
				assert.deepEqual(lines(block.requests), [`POST /${PHONE_NUMBER_ID}/block_users (contract checked)`]);
				assert.deepEqual(
					block.items.map((i) => [i.user, i.status, i.errorCode]),
					[
						['15550009999', 'blocked', null],
						['447911123456', 'failed', 131047],
					],
				);
				assert.equal(block.items[1].details, 'User has not messaged in the last 24 hours');
				const listed = await runNodes(ctx, s, 'get blocked', [
					waNode(s.cred, { resource: 'contact', operation: 'getBlocked', phoneNumberId: phone, returnAll: true }),
				]);
				assert.deepEqual(listed.items, [{ phoneNumberId: PHONE_NUMBER_ID, waId: '15550009999' }]);
				const unblock = await runNodes(ctx, s, 'unblock', [
					waNode(s.cred, { resource: 'contact', operation: 'unblock', phoneNumberId: phone, users: '15550009999' }),
				]);
				assert.deepEqual(lines(unblock.requests), [`DELETE /${PHONE_NUMBER_ID}/block_users (contract checked)`]);
				assert.equal(unblock.items[0].status, 'unblocked');
				assert.deepEqual(s.sim.state.commerce.blockedUsers[PHONE_NUMBER_ID], []);
				ctx.note(`block: ${JSON.stringify(block.items[1])}`);
			},
		},
		{
			name: 'conversational components: update, then get',
			async run(ctx, s) {
				const updated = await runNodes(ctx, s, 'update components', [
					waNode(s.cred, {
						resource: 'phoneNumber',
						operation: 'updateConversationalComponents',
						phoneNumberId: phone,
						enableWelcomeMessage: true,
						iceBreakers: { iceBreaker: [{ text: 'Where is my order?' }] },
						commands: { command: [{ name: '/help', description: 'Get help with your order' }] },
					}),
				]);
				assert.deepEqual(lines(updated.requests), [
					`POST /${PHONE_NUMBER_ID}/conversational_automation (contract checked)`,
				]);
				assert.deepEqual(updated.requests[0].body, {
					enable_welcome_message: true,
					prompts: ['Where is my order?'],
					commands: [{ command_name: 'help', command_description: 'Get help with your order' }],
				});
				const read = await runNodes(ctx, s, 'get components', [
					waNode(s.cred, { resource: 'phoneNumber', operation: 'getConversationalComponents', phoneNumberId: phone }),
				]);
				assert.deepEqual(read.items, [
					{
						phoneNumberId: PHONE_NUMBER_ID,
						enableWelcomeMessage: true,
						iceBreakers: ['Where is my order?'],
						commands: [{ name: 'help', description: 'Get help with your order' }],
					},
				]);
			},
		},
		{
			name: 'qr codes: create with PNG image as binary, update, get with SVG image, get many, delete',
			async run(ctx, s) {
				const created = await runNodes(ctx, s, 'create qr', [
					waNode(s.cred, {
						resource: 'qrCode',
						operation: 'create',
						phoneNumberId: phone,
						prefilledMessage: 'Show me the summer deals!',
						imageFormat: 'PNG',
					}),
					setNode('File', {
						code: '={{ $json.code }}',
						fileName: '={{ $binary.data.fileName }}',
						mimeType: '={{ $binary.data.mimeType }}',
					}),
				]);
				const code = String(created.items[0].code);
				assert.match(code, /^[A-Z0-9]{14}$/);
				assert.deepEqual(created.items[0], { code, fileName: `qr-${code}.png`, mimeType: 'image/png' });
				assert.deepEqual(lines(created.requests), [
					`POST /${PHONE_NUMBER_ID}/message_qrdls (contract checked)`,
					`GET /__qr/${code}.png`,
				]);
				const updated = await runNodes(ctx, s, 'update qr', [
					waNode(s.cred, {
						resource: 'qrCode',
						operation: 'update',
						phoneNumberId: phone,
						qrCode: SAMPLE_QR_CODE,
						prefilledMessage: 'New deals',
					}),
				]);
				assert.equal(updated.items[0].prefilledMessage, 'New deals');
				assert.deepEqual(lines(updated.requests), [`POST /${PHONE_NUMBER_ID}/message_qrdls (contract checked)`]);
				const read = await runNodes(ctx, s, 'get qr', [
					waNode(s.cred, {
						resource: 'qrCode',
						operation: 'get',
						phoneNumberId: phone,
						qrCode: SAMPLE_QR_CODE,
						imageFormat: 'SVG',
					}),
					setNode('File', {
						prefilledMessage: '={{ $json.prefilledMessage }}',
						fileName: '={{ $binary.data.fileName }}',
						mimeType: '={{ $binary.data.mimeType }}',
					}),
				]);
				assert.deepEqual(read.items[0], {
					prefilledMessage: 'New deals',
					fileName: `qr-${SAMPLE_QR_CODE}.svg`,
					mimeType: 'image/svg+xml',
				});
				assert.deepEqual(lines(read.requests), [
					`GET /${PHONE_NUMBER_ID}/message_qrdls/${SAMPLE_QR_CODE}`,
					`GET /__qr/${SAMPLE_QR_CODE}.svg`,
				]);
				const listed = await runNodes(ctx, s, 'list qr', [
					waNode(s.cred, { resource: 'qrCode', operation: 'getAll', phoneNumberId: phone, returnAll: true }),
				]);
				assert.deepEqual(
					listed.items.map((i) => i.code),
					[code, SAMPLE_QR_CODE],
				);
				const deleted = await runNodes(ctx, s, 'delete qr', [
					waNode(s.cred, { resource: 'qrCode', operation: 'delete', phoneNumberId: phone, qrCode: code }),
				]);
				assert.deepEqual(deleted.items, [{ phoneNumberId: PHONE_NUMBER_ID, code, deleted: true }]);
				assert.deepEqual(lines(deleted.requests), [`DELETE /${PHONE_NUMBER_ID}/message_qrdls/${code}`]);
			},
		},
		{
			name: 'analytics: pricing by phone number and category, one item per data point',
			async run(ctx, s) {
				const { items, requests } = await runNodes(ctx, s, 'analytics', [
					waNode(s.cred, {
						resource: 'businessAccount',
						operation: 'getAnalytics',
						startDate: '2026-11-01T00:00:00.000Z',
						endDate: '2026-11-03T00:00:00.000Z',
					}),
				]);
				assert.deepEqual(lines(requests), [`GET /${WABA_ID}`]);
				assert.equal(
					requests[0].query?.fields,
					'pricing_analytics.start(1793491200).end(1793664000).granularity(DAILY).dimensions(["PHONE","PRICING_CATEGORY"])',
				);
				assert.equal(items.length, 16, '2 days × 2 numbers × 4 categories');
				assert.deepEqual(Object.keys(items[0]), [
					'businessAccountId',
					'analyticsType',
					'granularity',
					'start',
					'end',
					'phoneNumber',
					'country',
					'category',
					'type',
					'volume',
					'cost',
				]);
				ctx.note(`analytics: ${items.length} items, first ${JSON.stringify(items[0])}`);
			},
		},
	],
});
