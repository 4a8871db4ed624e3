/**
 * Carousel and limited-time offer templates in a real n8n against the simulator (part of the
 * mediaTemplates suite): created (a card's header sample from a binary field), approved as Meta's
 * review would, then sent with their variables; every Graph request contract-valid.
 */
import assert from 'node:assert/strict';

import { APP_ID, WABA_ID } from '../../simulator/fixtures';
import { waNode, type SendEnv } from '../cases';
import { convertToFile } from '../kit/workflows';
import { defineSuite } from '../runner';
import { assertValid, PNG, run, sendTemplateById, TEMPLATE_SUITE } from '../themes/templateRuns';

export const mediaTemplatesSends = defineSuite<SendEnv>({
	...TEMPLATE_SUITE,
	cases: [
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
					cards.map((c: { components: Array<{ example: { header_handle: string[] } }> }) => c.components[0].example.header_handle[0]),
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
				const sent = await sendTemplateById(ctx, s, 'carousel send', template.id, mapping);
				const send = sent.send;
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
				const sent = await sendTemplateById(ctx, s, 'offer send', template.id, mapping);
				const send = sent.send;
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
