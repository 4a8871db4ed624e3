/**
 * Upload handles and template editing in a real n8n against the simulator: Media → Upload for a
 * template or profile photo (Meta's Resumable Upload API: session on the credential's app, the
 * bytes with file_offset and "Authorization: OAuth", resumed after an interruption), Template →
 * Create with a header sample from a binary field, Business Profile → Update with a photo from a
 * binary field, Template → Update and Get Analytics. Every Graph request must be contract-valid
 * (the R8 additions check query parameters and headers too). Carousel and limited-time offer
 * templates are in mediaTemplatesSends.ts (same suite).
 */
import assert from 'node:assert/strict';

import { APP_ID, PHONE_NUMBER_ID, TOKENS, WABA_ID } from '../../simulator/fixtures';
import { byId, waNode, type SendEnv } from '../cases';
import { convertToFile } from '../kit/workflows';
import { defineSuite } from '../runner';
import { simulatedCounts } from '../../simulator/handlers/templateAnalytics';
import { assertValid, PDF, PNG, run, TEMPLATE_SUITE } from '../themes/templateRuns';

export const mediaTemplates = defineSuite<SendEnv>({
	...TEMPLATE_SUITE,
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
	],
});
