/**
 * Where the credential's token goes when Graph answers point elsewhere, through n8n-core's real
 * HTTP stack (the credential's authenticate applied by n8n): media URLs, redirects, QR images,
 * and hostile answers that must not crash the node or the trigger.
 */
import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import type { INodeParameters } from 'n8n-workflow';

import { WhatsAppCloudApi } from '../../../credentials/WhatsAppCloudApi.credentials';
import { WhatsAppCloud } from '../../../nodes/WhatsAppCloud/WhatsAppCloud.node';
import { forgetTriggerMemory } from '../../../nodes/WhatsAppCloudTrigger/memory';
import { PHONE_NUMBER_ID, SAMPLE_QR_CODE } from '../../../tools/simulator/fixtures';
import { runNode } from '../../harness/runNode';
import { byId } from '../../harness/simulator';
import { TriggerHooks, useCallbackServer } from '../../harness/triggerHooks';
import { useRawServer } from './rawGraph';

const TOKEN = 'scope-test-token';
const graph = useRawServer();
const bystander = useRawServer();
const callback = useCallbackServer();

const run = async (parameters: INodeParameters) =>
	await runNode({
		nodeType: new WhatsAppCloud(),
		parameters,
		credentialTypes: [new WhatsAppCloudApi()],
		credentials: { whatsAppCloudApi: { accessToken: TOKEN, apiVersion: 'v23.0', graphBaseUrl: graph.url } },
	});

const bytes = Buffer.from('a small file');
const mediaInfo = (url: string) => ({
	id: 'M1',
	url,
	mime_type: 'image/jpeg',
	file_size: bytes.length,
	sha256: createHash('sha256').update(bytes).digest('hex'),
	messaging_product: 'whatsapp',
});
const download = () => run({ resource: 'media', operation: 'download', mediaId: 'M1', binaryPropertyName: 'file', options: {} });

describe('media downloads', () => {
	it("fetch a media URL on the Graph API Base URL's origin with the token", async () => {
		graph.answer('/v23.0/M1', { body: mediaInfo(`${graph.url}/file`) });
		graph.answer('/file', { body: bytes });
		expect((await download()).error).toBeUndefined();
		expect(graph.requests.map((r) => [r.path, r.headers.authorization])).toEqual([
			['/v23.0/M1', `Bearer ${TOKEN}`],
			['/file', `Bearer ${TOKEN}`],
		]);
	});

	it('refuse a media URL on any other host, before any request to it', async () => {
		graph.answer('/v23.0/M1', { body: mediaInfo(`${bystander.url}/file`) });
		bystander.answer('/file', { body: bytes });
		const result = await download();
		expect((result.error as Error).message).toBe(
			`Refused to send the access token to ${bystander.url}: it goes only to the Graph API Base URL (${graph.url}) and Meta's media host (lookaside.fbsbx.com)`,
		);
		expect(bystander.requests).toEqual([]);
	});

	it('a redirect to another origin is followed without the token', async () => {
		graph.answer('/v23.0/M1', { body: mediaInfo(`${graph.url}/file`) });
		graph.answer('/file', { status: 302, headers: { location: `${bystander.url}/elsewhere` } });
		bystander.answer('/elsewhere', { body: bytes });
		expect((await download()).error).toBeUndefined();
		expect(bystander.requests).toHaveLength(1);
		expect(bystander.requests[0].headers.authorization).toBeUndefined();
	});

	it('a same-origin redirect keeps the token; a redirect loop stops', async () => {
		graph.answer('/v23.0/M1', { body: mediaInfo(`${graph.url}/file`) });
		graph.answer('/file', { status: 307, headers: { location: '/file2' } });
		graph.answer('/file2', { body: bytes });
		expect((await download()).error).toBeUndefined();
		expect(graph.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${TOKEN}`, `Bearer ${TOKEN}`, `Bearer ${TOKEN}`]);

		graph.answer('/file', { status: 302, headers: { location: '/file' } });
		expect((await download()).error?.message).toBe(`Stopped after 5 redirects from ${new URL(graph.url).host}`);
	});
});

describe('QR images', () => {
	const getQr = () =>
		run({ resource: 'qrCode', operation: 'get', phoneNumberId: byId(PHONE_NUMBER_ID), qrCode: SAMPLE_QR_CODE, imageFormat: 'PNG', binaryPropertyName: 'qr' });

	it("come from Meta's CDN without the token (a host outside the Base URL's origin gets none)", async () => {
		graph.answer(`/v23.0/${PHONE_NUMBER_ID}/message_qrdls/${SAMPLE_QR_CODE}`, {
			body: { code: SAMPLE_QR_CODE, prefilled_message: 'hi', deep_link_url: 'https://wa.me/message/X', qr_image_url: `${bystander.url}/qr.png` },
		});
		bystander.answer('/qr.png', { body: bytes });
		const result = await getQr();
		expect(result.error).toBeUndefined();
		expect(bystander.requests).toHaveLength(1);
		expect(bystander.requests[0].headers.authorization).toBeUndefined();
	});

	it('a hostile answer (objects for strings, an absurd creation_time) does not crash the node', async () => {
		graph.answer(`/v23.0/${PHONE_NUMBER_ID}/message_qrdls/${SAMPLE_QR_CODE}`, {
			body: { code: { toString: 1 }, prefilled_message: { toString: 1 }, qr_image_url: { toString: 1 }, creation_time: 1e300 },
		});
		const result = await getQr();
		expect(result.error).toBeUndefined();
		expect(result.items[0][0].json).toEqual({ phoneNumberId: PHONE_NUMBER_ID, code: null, prefilledMessage: null, deepLinkUrl: null, qrImageUrl: null });
	});
});

describe('hostile Graph errors', () => {
	it('an error body with objects where Meta sends strings fails the item with our message, not a TypeError', async () => {
		graph.answer(`/v23.0/${PHONE_NUMBER_ID}/message_qrdls/${SAMPLE_QR_CODE}`, {
			status: 400,
			body: { error: { message: { toString: 1 }, code: { valueOf: 1 }, error_data: { details: { toString: 1 } } } },
		});
		const result = await run({ resource: 'qrCode', operation: 'get', phoneNumberId: byId(PHONE_NUMBER_ID), qrCode: SAMPLE_QR_CODE, imageFormat: 'none' });
		expect(result.error?.message).toBe('WhatsApp Cloud API answered HTTP 400 without an error description');
	});
});

describe("the trigger's app lookup", () => {
	it('a debug_token answer with an object for app_id: says it cannot tell the app, no TypeError', async () => {
		forgetTriggerMemory();
		graph.answer('/v23.0/', { body: [{ code: 200, body: JSON.stringify({ data: { app_id: { toString: 1 }, is_valid: true } }) }] });
		const t = new TriggerHooks({
			parameters: { events: ['messages'] },
			credentials: { accessToken: TOKEN, apiVersion: 'v23.0', graphBaseUrl: graph.url, businessAccountId: '200000000000001', appSecret: 's', verifyToken: 'v' },
			callback,
			webhookId: 'scope-1',
		});
		await expect(t.activate()).rejects.toThrow('Could not tell which Meta app the access token belongs to');
		const lookup = graph.requests.find((r) => r.method === 'POST' && r.path === '/v23.0/');
		expect(lookup?.headers.authorization).toBe(`Bearer ${TOKEN}`);
	});
});
