/**
 * Every message type except templates, and the Media resource, in a real n8n with the packed
 * package. The sends are a table: each row is a node's parameters and the exact body the
 * simulator must record (contract-valid); the runner (../cases.ts) turns each row into a
 * Webhook → [… →] WhatsApp Cloud workflow and runs it. Bad inputs are a second table: the exact
 * error the user sees, and nothing sent.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';

import { GRAPH_VERSION, PHONE_NUMBER_ID } from '../../simulator/fixtures';
import { assertContractValid, messageBody, messagesSent, onlyValidSend, refusalCases, runByWebhook, sendCases, waNode, type SendEnv } from '../cases';
import { defineSuite } from '../runner';
import { message, phoneNumberId, SENDS, TO } from '../tables/messageSends';
import { bodyItems, convertToFile } from '../kit/workflows';
import { simulatorCredentialData, createCredential } from '../kit/credential';
import type { RunItem } from '../kit/executions';

const buttons = (n: number) => ({
	button: Array.from({ length: n }, (_, i) => ({ title: `Option ${i + 1}`, id: `o${i + 1}` })),
});

const REFUSALS = refusalCases([
	{
		name: 'bad input: 4 reply buttons',
		parameters: message('sendInteractive', {
			to: TO,
			interactiveType: 'buttons',
			bodyText: 'Pick one',
			buttons: buttons(4),
		}),
		error: '"Buttons" has too many entries: 4; WhatsApp allows at most 3 (item 1)',
	},
	{
		name: 'bad input: 25-character list row title',
		parameters: message('sendInteractive', {
			to: TO,
			interactiveType: 'list',
			bodyText: 'Pick one',
			listButtonText: 'Open',
			sections: {
				section: [
					{
						title: 'Menu',
						rows: {
							row: [
								{ id: 'a', title: 'Tea' },
								{ id: 'b', title: 'Extra large cappuccino xx' },
							],
						},
					},
				],
			},
		}),
		error: '"Sections › Rows › Title" (entry 1.2) is too long: 25 characters; WhatsApp allows at most 24 (item 1)',
	},
	{
		name: 'bad input: national recipient number "07911 123456"',
		parameters: message('sendInteractive', {
			to: '07911 123456',
			interactiveType: 'buttons',
			bodyText: 'Pick one',
			buttons: buttons(2),
		}),
		error:
			'"Recipient Phone Number or User ID": "07911 123456" is neither a phone number with country code (+1 555 123 4567) nor a WhatsApp user ID (US.13491208655302741918): as a phone number, it starts with a single 0, so it looks like a national number: write it with the country code, e.g. +44 7911 123456 (item 1)',
	},
]);

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(4096, 65), Buffer.from('\n%%EOF\n')]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(2048, 3)]);
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

export const messages = defineSuite<SendEnv>({
	name: 'messages',
	async setup(ctx) {
		const [n8n, sim] = await Promise.all([ctx.n8n(), ctx.simulator()]);
		const cred = await createCredential(n8n, 'WhatsApp (sim, messages)', simulatorCredentialData(sim.url));
		return { n8n, sim, cred };
	},
	cases: [
		...sendCases(SENDS),
		{
			name: 'media: document from binary (Convert to File → Send Media uploads, then sends)',
			async run(ctx, s) {
				const sent = messagesSent(s.sim).length;
				const uploaded = s.sim.requests({ method: 'POST', pathIncludes: '/media' }).length;
				const { res } = await runByWebhook(
					ctx,
					s.n8n,
					'document from binary',
					[
						convertToFile('report.pdf', 'application/pdf'),
						waNode(
							s.cred,
							message('sendMedia', {
								to: TO,
								mediaType: 'document',
								mediaSource: 'binary',
								binaryPropertyName: 'data',
								caption: 'Monthly report',
							}),
						),
					],
					{ b64: PDF.toString('base64') },
				);
				assert.equal(res.status, 200, JSON.stringify(res.body));
				const uploads = s.sim.requests({ method: 'POST', pathIncludes: '/media' }).slice(uploaded);
				assert.equal(uploads.length, 1);
				assertContractValid(uploads[0], `/${GRAPH_VERSION}/${PHONE_NUMBER_ID}/media`);
				const mediaId = String(bodyItems(res)[0].mediaId);
				assert.equal((uploads[0].response.body as { id: string }).id, mediaId);
				assert.deepEqual(
					{ sha256: s.sim.state.media[mediaId].sha256, mimeType: s.sim.state.media[mediaId].mimeType },
					{ sha256: sha256(PDF), mimeType: 'application/pdf' },
				);
				assert.deepEqual(
					onlyValidSend(s.sim, sent).body,
					messageBody('document', { id: mediaId, caption: 'Monthly report', filename: 'report.pdf' }),
				);
			},
		},
		{
			name: 'media resource: Convert to File → Upload → Get URL → Download → Delete',
			async run(ctx, s) {
				const media = (operation: string, parameters: Record<string, unknown>) => ({
					resource: 'media',
					operation,
					...parameters,
				});
				const { res, wf } = await runByWebhook(
					ctx,
					s.n8n,
					'media resource',
					[
						convertToFile('logo.png', 'image/png'),
						waNode(s.cred, media('upload', { phoneNumberId, binaryPropertyName: 'data' }), 'Upload'),
						waNode(s.cred, media('getUrl', { mediaId: '={{ $json.mediaId }}' }), 'Get URL'),
						waNode(
							s.cred,
							media('download', { mediaId: '={{ $json.mediaId }}', binaryPropertyName: 'file' }),
							'Download',
						),
						waNode(s.cred, media('delete', { mediaId: '={{ $json.mediaId }}' }), 'Delete'),
					],
					{ b64: PNG.toString('base64') },
				);
				assert.equal(res.status, 200, JSON.stringify(res.body));
				assert.equal(bodyItems(res)[0].success, true);
				const [execution] = await wf.executions();
				const runData = execution.data.resultData.runData;
				const out = (node: string): RunItem => {
					const item = runData[node]?.[0]?.data?.main?.[0]?.[0];
					assert.ok(item, `${node} emitted no item`);
					return item;
				};
				const mediaId = String(out('Upload').json.mediaId);
				assert.equal(out('Upload').json.mimeType, 'image/png');
				assert.match(String(out('Get URL').json.url), /\/__media\//);
				assert.deepEqual(
					{
						mime: out('Download').binary?.file?.mimeType,
						size: out('Download').json.fileSize,
						sha: out('Download').json.sha256,
						name: out('Download').binary?.file?.fileName,
					},
					{ mime: 'image/png', size: PNG.length, sha: sha256(PNG), name: `${mediaId}.png` },
				);
				assert.equal(s.sim.state.media[mediaId], undefined, 'the media was not deleted');
			},
		},
		...REFUSALS,
	],
});
