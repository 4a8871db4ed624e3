/**
 * The trigger's "Download Media" option through a real n8n-core WebhookContext (test/harness/triggerWebhook.ts)
 * against the Graph API simulator: media messages come out with their file as n8n binary data,
 * Meta is answered before the download, and a failed download keeps the event with the error.
 */
import type { INodeParameters } from 'n8n-workflow';

import { GRAPH_VERSION, TOKENS } from '../../../tools/simulator/fixtures';
import { readBinary } from '../../harness/runNode';
import { useSimulator } from '../../harness/simulator';
import { mediaFileName } from '../../../nodes/WhatsAppCloudTrigger/mediaDownload';
import {
	INVOICE_ID,
	INVOICE_NAME,
	INVOICE_PDF,
	mediaDelivery,
	seedMedia,
	seedVoiceAndDocument,
	voiceAndDocumentDelivery,
	voiceNoteMessage,
	VOICE_NOTE,
	VOICE_NOTE_ID,
} from '../../fixtures/mediaPayloads';
import { HarnessTrigger, signedJson, takeLogs } from '../../harness/triggerWebhook';
import { useRawServer } from '../shared/rawGraph';

const { sim } = useSimulator();

beforeEach(() => {
	seedVoiceAndDocument(sim.state);
	takeLogs();
});

function trigger(options: INodeParameters = { downloadMedia: true }) {
	return new HarnessTrigger({
		parameters: { options },
		credentials: { accessToken: TOKENS.valid, graphBaseUrl: sim.url, apiVersion: GRAPH_VERSION },
	});
}

const mediaRequests = () => sim.requests().map((r) => `${r.method} ${r.path} → ${r.response.status}`);

describe('Download Media: files as binary data', () => {
	it('a voice note and a document arrive as binary with MIME type, file name and size; a text stays as it was', async () => {
		const outcome = await trigger().deliver(signedJson(voiceAndDocumentDelivery('bin')));

		expect(outcome.status).toBe(200);
		expect(outcome.body).toEqual({ received: true, emitted: 3 });
		expect(outcome.answeredBy).toBe('node');
		expect(outcome.executionStarted).toBe(true);
		const [voice, doc, text] = outcome.items![0];

		expect(voice.json).toMatchObject({
			messageId: 'wamid.bin.voice',
			type: 'audio',
			mediaId: VOICE_NOTE_ID,
			mediaDownloadError: null,
		});
		expect(voice.binary!.data).toMatchObject({
			mimeType: 'audio/ogg',
			fileName: `${VOICE_NOTE_ID}.ogg`,
			fileExtension: 'ogg',
			fileType: 'audio',
			bytes: 4096,
		});
		expect(Buffer.compare(await readBinary(voice.binary!.data), VOICE_NOTE)).toBe(0);

		expect(doc.json).toMatchObject({
			messageId: 'wamid.bin.doc',
			type: 'document',
			mediaId: INVOICE_ID,
			mediaDownloadError: null,
		});
		expect(doc.binary!.data).toMatchObject({
			mimeType: 'application/pdf',
			fileName: INVOICE_NAME,
			fileExtension: 'pdf',
			bytes: 1203,
		});
		expect(Buffer.compare(await readBinary(doc.binary!.data), INVOICE_PDF)).toBe(0);

		expect(text.binary).toBeUndefined();
		expect(text.json.mediaId).toBeUndefined();
		expect(text.json.mediaDownloadError).toBeUndefined();

		// GET /{media-id} for the URL, then the URL, each with the credential's token.
		expect(mediaRequests().sort()).toEqual([
			`GET /__media/${VOICE_NOTE_ID} → 200`,
			`GET /__media/${INVOICE_ID} → 200`,
			`GET /${GRAPH_VERSION}/${VOICE_NOTE_ID} → 200`,
			`GET /${GRAPH_VERSION}/${INVOICE_ID} → 200`,
		]);
		expect(sim.requests().every((r) => r.headers.authorization === `Bearer ${TOKENS.valid}`)).toBe(true);
	});

	it('image, video and sticker get the media ID and the extension of their type', async () => {
		const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
		seedMedia(sim.state, { id: '710000000000201', mimeType: 'image/jpeg', bytes: png });
		seedMedia(sim.state, { id: '710000000000202', mimeType: 'video/mp4', bytes: Buffer.alloc(64, 1) });
		seedMedia(sim.state, { id: '710000000000203', mimeType: 'image/webp', bytes: Buffer.alloc(32, 2) });
		const part = (id: string, mime: string) => ({ id, mime_type: mime, sha256: 'x' });
		const outcome = await trigger().deliver(
			signedJson(
				mediaDelivery([
					{
						from: '16505551234',
						id: 'wamid.i',
						timestamp: '1750000000',
						type: 'image',
						image: { ...part('710000000000201', 'image/jpeg'), caption: 'a photo' },
					},
					{
						from: '16505551234',
						id: 'wamid.v',
						timestamp: '1750000000',
						type: 'video',
						video: part('710000000000202', 'video/mp4'),
					},
					{
						from: '16505551234',
						id: 'wamid.s',
						timestamp: '1750000000',
						type: 'sticker',
						sticker: { ...part('710000000000203', 'image/webp'), animated: false },
					},
				]),
			),
		);
		expect(
			outcome.items![0].map((i) => [
				i.json.type,
				i.binary?.data.fileName,
				i.binary?.data.mimeType,
				i.binary?.data.bytes,
			]),
		).toEqual([
			['image', '710000000000201.jpg', 'image/jpeg', 16],
			['video', '710000000000202.mp4', 'video/mp4', 64],
			['sticker', '710000000000203.webp', 'image/webp', 32],
		]);
	});

	it('option off (the default): no download, n8n answers as usual', async () => {
		const outcome = await trigger({}).deliver(signedJson(voiceAndDocumentDelivery('off')));
		expect(outcome.answeredBy).toBe('n8n');
		expect(outcome.items![0].map((i) => i.binary)).toEqual([undefined, undefined, undefined]);
		expect(outcome.items![0][0].json.mediaDownloadError).toBeUndefined();
		expect(sim.requests()).toHaveLength(0);
	});

	it('option on but no media in the delivery: n8n answers as usual, no Graph call', async () => {
		const outcome = await trigger().deliver(
			signedJson(
				mediaDelivery([{ from: '1', id: 'wamid.t', timestamp: '1750000000', type: 'text', text: { body: 'hi' } }]),
			),
		);
		expect(outcome.answeredBy).toBe('n8n');
		expect(outcome.executionStarted).toBe(true);
		expect(sim.requests()).toHaveLength(0);
	});

	it('document file names from Meta lose folders and control characters', () => {
		expect(mediaFileName('document', { filename: '../../etc/pass\u0000wd' }, '1', 'application/pdf')).toBe(
			'.._.._etc_passwd',
		);
		expect(mediaFileName('document', { filename: '  ' }, '77', 'application/pdf')).toBe('77.pdf');
		expect(mediaFileName('audio', { filename: 'ignored.mp3' }, '78', 'audio/ogg')).toBe('78.ogg');
		expect(mediaFileName('document', {}, '79', 'application/x-unknown')).toBe('79.bin');
	});
});

describe('Meta is answered before the download', () => {
	it('the 200 goes out while the media URL is still held by the simulator; the file is there once it is let go', async () => {
		sim.addFault({ pathIncludes: `/__media/${VOICE_NOTE_ID}`, hold: true });
		let heldWhenAnswered = -1;
		let answer: { status: number; body: unknown } | undefined;
		const delivery = trigger().deliver(signedJson(mediaDelivery([voiceNoteMessage('wamid.held')])), {
			onAnswer: (status, body) => {
				answer = { status, body };
				heldWhenAnswered = sim.heldCount();
			},
		});
		// The download waits in the simulator until released; Meta's answer must not wait for it.
		while (sim.heldCount() === 0) await new Promise((resolve) => setImmediate(resolve));
		expect(answer).toEqual({ status: 200, body: { received: true, emitted: 1 } });
		// Answered before the download was even asked for.
		expect(heldWhenAnswered).toBe(0);
		expect(sim.requests({ pathIncludes: '/__media/' })).toHaveLength(0);
		expect(sim.releaseHeld()).toBe(1);
		const outcome = await delivery;
		expect(outcome.answeredBy).toBe('node');
		expect(outcome.items![0][0].binary!.data.bytes).toBe(4096);
		expect(sim.requests({ pathIncludes: '/__media/' }).map((r) => r.response.status)).toEqual([200]);
	});
});

describe('a failed download never loses the event', () => {
	it('the media URL answers 500: the item comes without the file, with mediaDownloadError; the other file still arrives', async () => {
		sim.addFault({ pathIncludes: `/__media/${VOICE_NOTE_ID}`, status: 500 });
		const outcome = await trigger().deliver(signedJson(voiceAndDocumentDelivery('fail')));
		expect(outcome.status).toBe(200);
		expect(outcome.executionStarted).toBe(true);
		const [voice, doc, text] = outcome.items![0];
		expect(voice.binary).toBeUndefined();
		expect(voice.json.messageId).toBe('wamid.fail.voice');
		expect(voice.json.mediaId).toBe(VOICE_NOTE_ID);
		expect(voice.json.mediaDownloadError).toMatchObject({
			mediaId: VOICE_NOTE_ID,
			reason: 'graphError',
			error: 'WhatsApp Cloud API error (code 1): An unknown error occurred',
			httpStatus: 500,
			code: 1,
		});
		expect(doc.binary!.data.fileName).toBe(INVOICE_NAME);
		expect(text.json.text).toBe('and a text');
		expect(
			takeLogs()
				.filter((l) => l.level === 'warn')
				.map((l) => l.message),
		).toEqual([
			`WhatsApp Cloud Trigger: the audio of message wamid.fail.voice (media ${VOICE_NOTE_ID}) was not downloaded: WhatsApp Cloud API error (code 1): An unknown error occurred. The item comes through without the file, with mediaDownloadError.`,
		]);
	});

	it('Meta no longer has the media (GET /{media-id} fails): the error says so', async () => {
		delete sim.state.media[VOICE_NOTE_ID];
		const outcome = await trigger().deliver(signedJson(mediaDelivery([voiceNoteMessage('wamid.gone')])));
		const [voice] = outcome.items![0];
		expect(voice.binary).toBeUndefined();
		expect(voice.json.mediaDownloadError).toMatchObject({
			mediaId: VOICE_NOTE_ID,
			reason: 'graphError',
			httpStatus: 400,
		});
		expect(sim.requests({ pathIncludes: '/__media/' })).toHaveLength(0);
	});

	it('the connection drops during the download: reason "network"', async () => {
		sim.addFault({ pathIncludes: `/__media/${VOICE_NOTE_ID}`, status: 500, dropConnection: true });
		const outcome = await trigger().deliver(signedJson(mediaDelivery([voiceNoteMessage('wamid.drop')])));
		const [voice] = outcome.items![0];
		expect(voice.binary).toBeUndefined();
		expect(voice.json.mediaDownloadError).toMatchObject({ mediaId: VOICE_NOTE_ID, reason: 'network' });
	});

	it("over the size limit by Meta's file_size: not downloaded at all", async () => {
		const big = Buffer.alloc(1536 * 1024, 7);
		seedMedia(sim.state, { id: VOICE_NOTE_ID, mimeType: 'audio/ogg', bytes: big });
		const outcome = await trigger({ downloadMedia: true, mediaSizeLimitMb: 1 }).deliver(
			signedJson(mediaDelivery([voiceNoteMessage('wamid.big', VOICE_NOTE_ID, big)])),
		);
		const [voice] = outcome.items![0];
		expect(voice.binary).toBeUndefined();
		expect(voice.json.mediaDownloadError).toEqual({
			mediaId: VOICE_NOTE_ID,
			reason: 'tooLarge',
			error: `Media "${VOICE_NOTE_ID}" is 1.5 MB, over the limit of 1.0 MB`,
			description:
				'Raise "Media Size Limit (MB)" in the trigger\'s options, or download it with WhatsApp Cloud → Media → Download.',
		});
		expect(sim.requests({ pathIncludes: '/__media/' })).toHaveLength(0);
	});

	it("over the size limit while streaming (Meta's file_size too small): the stream is stopped", async () => {
		const big = Buffer.alloc(1536 * 1024, 7);
		seedMedia(sim.state, { id: VOICE_NOTE_ID, mimeType: 'audio/ogg', bytes: big, fileSize: 1000 });
		const outcome = await trigger({ downloadMedia: true, mediaSizeLimitMb: 1 }).deliver(
			signedJson(mediaDelivery([voiceNoteMessage('wamid.lie', VOICE_NOTE_ID, big)])),
		);
		const [voice] = outcome.items![0];
		expect(voice.binary).toBeUndefined();
		expect(voice.json.mediaDownloadError).toMatchObject({
			reason: 'tooLarge',
			error: `Media "${VOICE_NOTE_ID}" is over 1.0 MB, over the limit of 1.0 MB`,
		});
	});

	it('a corrupted file (sha256 differs from Meta\'s): reason "checksum", no binary', async () => {
		sim.state.media[VOICE_NOTE_ID].bytes = Buffer.from(VOICE_NOTE).fill(1, 100, 110);
		const outcome = await trigger().deliver(signedJson(mediaDelivery([voiceNoteMessage('wamid.bad')])));
		expect(outcome.items![0][0].binary).toBeUndefined();
		expect(outcome.items![0][0].json.mediaDownloadError).toMatchObject({
			reason: 'checksum',
			error: `The downloaded file for media "${VOICE_NOTE_ID}" does not match the checksum Meta gave`,
		});
	});
});

describe('Download Media: the token goes only where it may', () => {
	const graph = useRawServer();
	const bystander = useRawServer();

	it('a media URL on another host is not fetched: reason "untrustedHost", the event still comes through', async () => {
		graph.answer(`/${GRAPH_VERSION}/${VOICE_NOTE_ID}`, { body: { id: VOICE_NOTE_ID, url: `${bystander.url}/steal`, mime_type: 'audio/ogg' } });
		const t = new HarnessTrigger({
			parameters: { options: { downloadMedia: true } },
			credentials: { accessToken: TOKENS.valid, graphBaseUrl: graph.url, apiVersion: GRAPH_VERSION },
		});
		const outcome = await t.deliver(signedJson(mediaDelivery([voiceNoteMessage('wamid.elsewhere')])));
		const [voice] = outcome.items![0];
		expect(voice.binary).toBeUndefined();
		expect(voice.json.mediaDownloadError).toMatchObject({ mediaId: VOICE_NOTE_ID, reason: 'untrustedHost' });
		expect(bystander.requests).toEqual([]);
		takeLogs();
	});
});
