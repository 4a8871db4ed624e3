/**
 * Upload handles and template editing in a real n8n against the simulator: Media → Upload for a
 * template or profile photo (Meta's Resumable Upload API: session on the credential's app, the
 * bytes with file_offset and "Authorization: OAuth", resumed after an interruption), Template →
 * Create with a header sample from a binary field, Business Profile → Update with a photo from a
 * binary field, Template → Update. Every Graph request must be contract-valid (the R8 additions
 * check query parameters and headers too).
 */
import assert from 'node:assert/strict';

import { APP_ID, GRAPH_VERSION, PHONE_NUMBER_ID, TOKENS, WABA_ID } from '../../simulator/fixtures';
import { byId, runByWebhook, waNode, type SendEnv } from '../cases';
import { type WorkflowNode, convertToFile } from '../kit/workflows';
import { defineSuite, type E2EContext } from '../runner';
import type { RecordedRequest } from '../../lab/simulator';
import { simulatedCounts } from '../../simulator/handlers/templateAnalytics';
import { simulatorCredentialData, createCredential } from '../kit/credential';

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from('e2e header sample image')]);
const PDF = Buffer.from('%PDF-1.4 e2e invoice sample');


const path = (r: RecordedRequest) => `${r.method} ${r.path.replace(`/${GRAPH_VERSION}`, '')}`;

function assertValid(requests: RecordedRequest[], expected: string[]): void {
	assert.deepEqual(requests.map(path), expected, 'requests sent');
	for (const r of requests) {
		assert.ok(r.contract?.valid, `${path(r)} breaks the contract: ${JSON.stringify(r.contract?.errors)}`);
	}
}

async function run(ctx: E2EContext, s: SendEnv, name: string, nodes: WorkflowNode[], body: Record<string, unknown> = {}) {
	const since = s.sim.requests().length;
	const { res } = await runByWebhook(ctx, s.n8n, name, nodes, body);
	assert.equal(res.status, 200, `the workflow failed: ${JSON.stringify(res.body).slice(0, 800)}`);
	return { items: res.body as any[], requests: s.sim.requests().slice(since) };
}

export const mediaTemplates = defineSuite<SendEnv>({
	name: 'mediaTemplates',
	async setup(ctx) {
		const [n8n, sim] = await Promise.all([ctx.n8n(), ctx.simulator()]);
		const cred = await createCredential(n8n, 'WhatsApp (sim, handles)', simulatorCredentialData(sim.url, TOKENS.valid));
		return { n8n, sim, cred };
	},
	async teardown(_ctx, s) {
		s.sim.reset();
	},
	cases: [
		{
			name: 'handles: media upload for a template (Resumable Upload, OAuth, resumed after an interruption)',
			async run(ctx, s) {
				s.sim.state.interruptNextUploadAfterBytes = 7;
				const { items, requests } = await run(
					ctx,
					s,
					'media upload for a handle',
					[
						convertToFile('header.png', 'image/png'),
						waNode(s.cred, { resource: 'media', operation: 'upload', purpose: 'handle', binaryPropertyName: 'data' }),
					],
					{ b64: PNG.toString('base64') },
				);
				const session = Object.values(s.sim.state.uploadSessions).find((u) => u.fileName === 'header.png');
				assert.ok(session?.handle, 'no complete upload session');
				assertValid(requests, [`POST /${APP_ID}/uploads`, `POST /${session.id}`, `GET /${session.id}`, `POST /${session.id}`]);
				assert.deepEqual(requests[0].query, { file_name: 'header.png', file_length: String(PNG.length), file_type: 'image/png' });
				assert.deepEqual(
					requests.slice(1).map((r) => [r.headers.authorization, r.headers.file_offset ?? null, r.response.status]),
					[
						[`OAuth ${TOKENS.valid}`, '0', 500],
						[`OAuth ${TOKENS.valid}`, null, 200],
						[`OAuth ${TOKENS.valid}`, '7', 200],
					],
				);
				assert.deepEqual(items, [
					{
						handle: session.handle,
						mimeType: 'image/png',
						fileName: 'header.png',
						fileSize: PNG.length,
						uploadSessionId: `${session.id}?sig=${session.sig}`,
					},
				]);
				assert.equal(Buffer.compare(s.sim.state.uploadHandles[session.handle].bytes, PNG), 0, 'the stored file differs');
				ctx.note(`handle: ${session.handle}`);
			},
		},
		{
			name: 'handles: template create with a document header sample from a binary field',
			async run(ctx, s) {
				const { items, requests } = await run(
					ctx,
					s,
					'template create with header sample',
					[
						convertToFile('invoice.pdf', 'application/pdf'),
						waNode(s.cred, {
							resource: 'template',
							operation: 'create',
							name: 'e2e_invoice_ready',
							category: 'UTILITY',
							language: 'en_US',
							headerType: 'DOCUMENT',
							headerSampleSource: 'binary',
							headerBinaryProperty: 'data',
							bodyText: 'Your invoice {{1}} is ready.',
							bodyExamples: { example: [{ variable: '1', value: 'INV-7' }] },
						}),
					],
					{ b64: PDF.toString('base64') },
				);
				const session = Object.values(s.sim.state.uploadSessions).find((u) => u.fileName === 'invoice.pdf');
				assert.ok(session?.handle, 'no complete upload session');
				assertValid(requests, [`POST /${APP_ID}/uploads`, `POST /${session.id}`, `POST /${WABA_ID}/message_templates`]);
				assert.deepEqual(requests[2].body.components, [
					{ type: 'HEADER', format: 'DOCUMENT', example: { header_handle: [session.handle] } },
					{ type: 'BODY', text: 'Your invoice {{1}} is ready.', example: { body_text: [['INV-7']] } },
				]);
				assert.equal(items[0].name, 'e2e_invoice_ready');
				assert.equal(items[0].status, 'PENDING');
			},
		},
		{
			name: 'handles: business profile photo from a binary field',
			async run(ctx, s) {
				const { items, requests } = await run(
					ctx,
					s,
					'profile photo from binary',
					[
						convertToFile('logo.png', 'image/png'),
						waNode(s.cred, {
							resource: 'businessProfile',
							operation: 'update',
							phoneNumberId: byId(PHONE_NUMBER_ID),
							updateFields: { profilePictureBinary: 'data' },
						}),
					],
					{ b64: PNG.toString('base64') },
				);
				const session = Object.values(s.sim.state.uploadSessions).find((u) => u.fileName === 'logo.png');
				assert.ok(session?.handle, 'no complete upload session');
				assertValid(requests, [`POST /${APP_ID}/uploads`, `POST /${session.id}`, `POST /${PHONE_NUMBER_ID}/whatsapp_business_profile`]);
				assert.deepEqual(requests[2].body, { messaging_product: 'whatsapp', profile_picture_handle: session.handle });
				assert.deepEqual(items[0].updated, ['profile_picture_handle']);
			},
		},
		{
			name: 'template update: approved template gets new content, then Get shows it under review',
			async run(ctx, s) {
				const templateId = '400000000000002'; // order_update en_US, APPROVED
				const { items, requests } = await run(ctx, s, 'template update', [
					waNode(
						s.cred,
						{
							resource: 'template',
							operation: 'update',
							templateId: byId(templateId),
							category: 'keep',
							contentMode: 'fields',
							bodyText: 'Hi {{1}}, order {{2}} is on its way.',
							bodyExamples: { example: [{ variable: '1', value: 'Ann' }, { variable: '2', value: 'A-7' }] },
						},
						'Update',
					),
					waNode(s.cred, { resource: 'template', operation: 'get', templateId: byId(templateId) }, 'Get'),
				]);
				assertValid(requests, [`GET /${templateId}`, `POST /${templateId}`, `GET /${templateId}`]);
				assert.equal(requests[1].contract?.checked, true);
				assert.deepEqual(requests[1].body, {
					components: [{ type: 'BODY', text: 'Hi {{1}}, order {{2}} is on its way.', example: { body_text: [['Ann', 'A-7']] } }],
				});
				assert.equal(items[0].status, 'PENDING');
				assert.deepEqual(items[0].components, requests[1].body.components);
			},
		},
		{
			name: "template update: an approved template's category is refused after reading it",
			async run(ctx, s) {
				const templateId = '400000000000005'; // summer_sale, APPROVED MARKETING
				const { items, requests } = await run(ctx, s, 'template update refused', [
					{
						...waNode(s.cred, { resource: 'template', operation: 'update', templateId: byId(templateId), category: 'UTILITY', contentMode: 'keep' }),
						onError: 'continueRegularOutput',
					},
				]);
				assertValid(requests, [`GET /${templateId}`]);
				assert.equal(
					items[0].error,
					'The template "summer_sale" (en_US) is approved: Meta does not change the category of an approved template (MARKETING → UTILITY) (item 1)',
				);
			},
		},
		{
			name: 'template analytics: two templates over two days, one item per template and day',
			async run(ctx, s) {
				const ids = ['400000000000002', '400000000000005'];
				const { items, requests } = await run(ctx, s, 'template analytics', [
					waNode(s.cred, {
						resource: 'template',
						operation: 'getAnalytics',
						templateIds: ids.join(', '),
						startDate: '2026-11-01T00:00:00Z',
						endDate: '2026-11-03T00:00:00Z',
						metrics: ['SENT', 'DELIVERED', 'READ', 'CLICKED'],
					}),
				]);
				assertValid(requests, [`GET /${WABA_ID}/template_analytics`]);
				assert.equal(requests[0].contract?.checked, true);
				const day1 = Date.UTC(2026, 10, 1) / 1000;
				assert.deepEqual(requests[0].query, {
					start: String(day1),
					end: String(day1 + 2 * 86_400),
					granularity: 'DAILY',
					metric_types: '["SENT","DELIVERED","READ","CLICKED"]',
					template_ids: `[${ids.join(',')}]`,
				});
				const expected = [0, 1].flatMap((d) =>
					ids.map((id) => {
						const counts = simulatedCounts(id, day1 + d * 86_400);
						return [`2026-11-0${d + 1}`, id, counts.sent, counts.delivered, counts.read, counts.clicked];
					}),
				);
				assert.deepEqual(
					items.map((i) => [i.date, i.templateId, i.sent, i.delivered, i.read, i.clicked]),
					expected,
				);
			},
		},
		{
			name: 'carousel: create two cards (one sample from a binary field), approve, send with card variables',
			async run(ctx, s) {
				const card = (n: number, extra: Record<string, unknown>) => ({
					headerFormat: 'IMAGE',
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
				const created = await run(
					ctx,
					s,
					'carousel create',
					[
						convertToFile('card1.png', 'image/png'),
						waNode(s.cred, {
							resource: 'template',
							operation: 'create',
							name: 'e2e_summer_carousel',
							category: 'MARKETING',
							language: 'en_US',
							contentMode: 'carousel',
							bodyText: 'Summer picks for {{1}}!',
							bodyExamples: { example: [{ variable: '1', value: 'Ann' }] },
							cards: { card: [card(1, { headerBinaryProperty: 'data' }), card(2, { headerHandle: '4::aW1hZ2UvcG5n:e2e-card2' })] },
						}),
					],
					{ b64: PNG.toString('base64') },
				);
				const session = Object.values(s.sim.state.uploadSessions).find((u) => u.fileName === 'card1.png');
				assert.ok(session?.handle, 'no complete upload session');
				assertValid(created.requests, [`POST /${APP_ID}/uploads`, `POST /${session.id}`, `POST /${WABA_ID}/message_templates`]);
				const cards = created.requests[2].body.components[1].cards;
				assert.deepEqual(
					cards.map((c: any) => c.components[0].example.header_handle[0]),
					[session.handle, '4::aW1hZ2UvcG5n:e2e-card2'],
				);
				const template = s.sim.state.templates.find((t) => t.id === created.items[0].id);
				assert.ok(template, 'the template was not stored');
				template.status = 'APPROVED'; // Meta's review

				const mapping: Record<string, string> = {
					'body:1': 'Ann',
					'card:0:header:image': 'https://cdn.example.com/lemon.jpg',
					'card:0:body:1': '10%',
					'card:0:button:1:url': 'lemon',
					'card:1:header:image': 'https://cdn.example.com/lime.jpg',
					'card:1:body:1': '15%',
					'card:1:button:0:payload': 'more-limes',
					'card:1:button:1:url': 'lime',
				};
				const sent = await run(ctx, s, 'carousel send', [
					waNode(s.cred, {
						resource: 'message',
						operation: 'sendTemplate',
						phoneNumberId: byId(PHONE_NUMBER_ID),
						to: '+1 555 000 9999',
						template: { __rl: true, mode: 'id', value: template.id },
						templateLanguage: '',
						variablesMode: 'fields',
						templateVariables: {
							mappingMode: 'defineBelow',
							value: mapping,
							matchingColumns: [],
							schema: Object.keys(mapping).map((id) => ({ id, displayName: id, required: false, defaultMatch: false, display: true, type: 'string' })),
							attemptToConvertTypes: false,
							convertFieldsToString: true,
						},
					}),
				]);
				const send = sent.requests.find((r) => r.path.endsWith('/messages'));
				assert.ok(send?.contract?.checked && send.contract.valid, `send not contract-valid: ${JSON.stringify(send?.contract)}`);
				assert.deepEqual(send.body.template.components, [
					{ type: 'body', parameters: [{ type: 'text', text: 'Ann' }] },
					{
						type: 'carousel',
						cards: [
							{
								card_index: 0,
								components: [
									{ type: 'header', parameters: [{ type: 'image', image: { link: 'https://cdn.example.com/lemon.jpg' } }] },
									{ type: 'body', parameters: [{ type: 'text', text: '10%' }] },
									{ type: 'button', sub_type: 'url', index: '1', parameters: [{ type: 'text', text: 'lemon' }] },
								],
							},
							{
								card_index: 1,
								components: [
									{ type: 'header', parameters: [{ type: 'image', image: { link: 'https://cdn.example.com/lime.jpg' } }] },
									{ type: 'body', parameters: [{ type: 'text', text: '15%' }] },
									{ type: 'button', sub_type: 'quick_reply', index: '0', parameters: [{ type: 'payload', payload: 'more-limes' }] },
									{ type: 'button', sub_type: 'url', index: '1', parameters: [{ type: 'text', text: 'lime' }] },
								],
							},
						],
					},
				]);
				assert.ok(String(sent.items[0].messageId).startsWith('wamid.'), JSON.stringify(sent.items[0]));
			},
		},
		{
			name: 'limited-time offer: create with a copy-code button, approve, send with the expiration',
			async run(ctx, s) {
				const created = await run(ctx, s, 'offer create', [
					waNode(s.cred, {
						resource: 'template',
						operation: 'create',
						name: 'e2e_flash_offer',
						category: 'MARKETING',
						language: 'en_US',
						contentMode: 'fields',
						limitedTimeOffer: true,
						offerText: 'Ends soon!',
						offerHasExpiration: true,
						bodyText: 'Hi {{1}}, 20% off today.',
						bodyExamples: { example: [{ variable: '1', value: 'Ann' }] },
						buttons: { button: [{ type: 'COPY_CODE', codeExample: 'FLASH20' }] },
					}),
				]);
				assertValid(created.requests, [`POST /${WABA_ID}/message_templates`]);
				assert.deepEqual(created.requests[0].body.components[0], {
					type: 'LIMITED_TIME_OFFER',
					limited_time_offer: { text: 'Ends soon!', has_expiration: true },
				});
				const template = s.sim.state.templates.find((t) => t.id === created.items[0].id);
				assert.ok(template, 'the template was not stored');
				template.status = 'APPROVED';
				const mapping = { 'limited_time_offer:expiration_time_ms': '2026-12-31T23:59:00Z', 'body:1': 'Ann', 'button:0:coupon_code': 'FLASH20' };
				const sent = await run(ctx, s, 'offer send', [
					waNode(s.cred, {
						resource: 'message',
						operation: 'sendTemplate',
						phoneNumberId: byId(PHONE_NUMBER_ID),
						to: '+1 555 000 9999',
						template: { __rl: true, mode: 'id', value: template.id },
						templateLanguage: '',
						variablesMode: 'fields',
						templateVariables: {
							mappingMode: 'defineBelow',
							value: mapping,
							matchingColumns: [],
							schema: Object.keys(mapping).map((id) => ({ id, displayName: id, required: false, defaultMatch: false, display: true, type: 'string' })),
							attemptToConvertTypes: false,
							convertFieldsToString: true,
						},
					}),
				]);
				const send = sent.requests.find((r) => r.path.endsWith('/messages'));
				assert.ok(send?.contract?.checked && send.contract.valid, `send not contract-valid: ${JSON.stringify(send?.contract)}`);
				assert.deepEqual(send.body.template.components, [
					{
						type: 'limited_time_offer',
						parameters: [{ type: 'limited_time_offer', limited_time_offer: { expiration_time_ms: Date.UTC(2026, 11, 31, 23, 59) } }],
					},
					{ type: 'body', parameters: [{ type: 'text', text: 'Ann' }] },
					{ type: 'button', sub_type: 'copy_code', index: '0', parameters: [{ type: 'coupon_code', coupon_code: 'FLASH20' }] },
				]);
			},
		},
	],
});
