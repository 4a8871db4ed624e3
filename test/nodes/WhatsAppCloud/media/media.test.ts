/**
 * Media resource (Upload, Get URL, Download, Delete) in-process against the simulator, and
 * Meta's supported-media table (nodes/shared/mediaTypes.ts) checked before anything is sent.
 */
import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { checkMediaFile, isAnimatedWebp } from '../../../../nodes/WhatsAppCloud/media/binaryFiles';
import { extensionFor, mimeTypeFromFileName, normalizeMimeType } from '../../../../nodes/shared/mediaTypes';
import { multipartBody } from '../../../../nodes/shared/transport/media';
import { PHONE_NUMBER_ID, SECOND_PHONE_NUMBER_ID, TOKENS } from '../../../../tools/simulator/fixtures';
import { readBinary, storeBinary } from '../../../harness/runNode';
import { useSimulator } from '../../../harness/simulator';

/** A WebP header: VP8X chunk with or without the animation flag, padded to `size` bytes. */
function webp(size: number, animated: boolean): Buffer {
	const data = Buffer.alloc(size);
	data.write('RIFF', 0, 'ascii');
	data.writeUInt32LE(size - 8, 4);
	data.write('WEBP', 8, 'ascii');
	data.write('VP8X', 12, 'ascii');
	data.writeUInt32LE(10, 16);
	data[20] = animated ? 0x02 : 0x00;
	return data;
}

describe("Meta's supported-media table", () => {
	it('normalises MIME types and guesses from extensions', () => {
		expect(normalizeMimeType('Image/JPG; charset=binary')).toBe('image/jpeg');
		expect(normalizeMimeType('audio/mp3')).toBe('audio/mpeg');
		expect(mimeTypeFromFileName('Report.PDF')).toBe('application/pdf');
		expect(mimeTypeFromFileName('voice.opus')).toBe('audio/ogg');
		expect(mimeTypeFromFileName('archive.zip')).toBeUndefined();
		expect(extensionFor('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).toBe('xlsx');
		expect(extensionFor('application/zip')).toBe('bin');
	});

	it('refuses unsupported types, naming what is supported', () => {
		const gif = checkMediaFile({ mimeType: 'image/gif', size: 10, fileName: 'a.gif' });
		expect(gif.ok).toBe(false);
		expect(!gif.ok && gif.problem).toBe(
			'"a.gif" has the type image/gif, which WhatsApp does not support. Supported types — Image: image/jpeg, image/png; Audio: audio/aac, audio/amr, audio/mpeg, audio/mp4, audio/ogg; Video: video/mp4, video/3gpp; Document: application/pdf, text/plain, application/msword, application/vnd.openxmlformats-officedocument.wordprocessingml.document, application/vnd.ms-excel, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, application/vnd.ms-powerpoint, application/vnd.openxmlformats-officedocument.presentationml.presentation; Sticker: image/webp',
		);
		const asAudio = checkMediaFile({ mimeType: 'video/mp4', size: 10, expectedKind: 'audio' });
		expect(!asAudio.ok && asAudio.problem).toBe(
			'The file has the type video/mp4, which WhatsApp does not accept as audio. Supported: audio/aac (.aac), audio/amr (.amr), audio/mpeg (.mp3), audio/mp4 (.m4a), audio/ogg (.ogg, .opus)',
		);
	});

	it('enforces the size limit of each kind, one byte over refused', () => {
		for (const [mime, max, problem] of [
			[
				'image/png',
				5242880,
				'"f" is 5.0 MB (5242881 bytes); WhatsApp accepts at most 5 MB (5242880 bytes) for an image',
			],
			[
				'audio/mpeg',
				16777216,
				'"f" is 16.0 MB (16777217 bytes); WhatsApp accepts at most 16 MB (16777216 bytes) for an audio',
			],
			[
				'video/mp4',
				16777216,
				'"f" is 16.0 MB (16777217 bytes); WhatsApp accepts at most 16 MB (16777216 bytes) for a video',
			],
			[
				'application/pdf',
				104857600,
				'"f" is 100.0 MB (104857601 bytes); WhatsApp accepts at most 100 MB (104857600 bytes) for a document',
			],
		] as const) {
			expect(checkMediaFile({ mimeType: mime, size: max }).ok).toBe(true);
			const over = checkMediaFile({ mimeType: mime, size: max + 1, fileName: 'f' });
			expect(!over.ok && over.problem).toBe(problem);
		}
		expect(checkMediaFile({ mimeType: 'image/png', size: 0 }).ok).toBe(false);
	});

	it('stickers: 100 KB static, 500 KB animated', () => {
		const staticBig = webp(150 * 1024, false);
		const animatedBig = webp(150 * 1024, true);
		expect(isAnimatedWebp(staticBig)).toBe(false);
		expect(isAnimatedWebp(animatedBig)).toBe(true);
		const s = checkMediaFile({ mimeType: 'image/webp', size: staticBig.length, data: staticBig });
		expect(!s.ok && s.problem).toBe(
			'The file is 150 KB (153600 bytes); WhatsApp accepts at most 100 KB (102400 bytes) for a static sticker',
		);
		expect(checkMediaFile({ mimeType: 'image/webp', size: animatedBig.length, data: animatedBig })).toMatchObject({
			ok: true,
			check: { kind: 'sticker' },
		});
	});

	it('builds a multipart body that carries the exact bytes', () => {
		const data = Buffer.from([0, 1, 2, 255, 13, 10]);
		const { body, contentType } = multipartBody(
			{ data, mimeType: 'image/png', fileName: 'a"b.png' },
			{ messaging_product: 'whatsapp' },
		);
		const boundary = /boundary=(.+)$/.exec(contentType)?.[1] as string;
		expect(boundary).toBeTruthy();
		expect(
			body.includes(
				Buffer.concat([Buffer.from('Content-Type: image/png\r\n\r\n'), data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
			),
		).toBe(true);
		expect(body.toString('latin1')).toContain('filename="a%22b.png"');
	});
});

const { sim, run: runWith } = useSimulator();

async function run(
	operation: string,
	extra: INodeParameters,
	input: INodeExecutionData[] = [{ json: {} }],
	continueOnFail = false,
) {
	return await runWith({ resource: 'media', operation, ...extra }, { input, continueOnFail });
}

const phone = { __rl: true, mode: 'id', value: PHONE_NUMBER_ID };

async function upload(bytes: Buffer, fileName: string, mimeType: string, options: INodeParameters = {}) {
	const binary = await storeBinary(bytes, { fileName, mimeType });
	return run('upload', { phoneNumberId: phone, binaryPropertyName: 'data', options }, [
		{ json: {}, binary: { data: binary } },
	]);
}

describe('Media resource in n8n-core against the simulator', () => {
	const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(3000, 9)]);

	it('Upload → Get URL → Download → Delete round trip', async () => {
		const up = await upload(png, 'logo.png', 'image/png');
		expect(up.error).toBeUndefined();
		const uploaded = up.items[0][0].json;
		expect(uploaded).toMatchObject({
			mediaType: 'image',
			mimeType: 'image/png',
			fileName: 'logo.png',
			fileSize: png.length,
			phoneNumberId: PHONE_NUMBER_ID,
		});
		const mediaId = uploaded.mediaId as string;
		const uploadRequest = sim.requests({ method: 'POST', pathIncludes: '/media' })[0];
		expect(uploadRequest.contract).toMatchObject({ checked: true, valid: true });
		expect(uploadRequest.path).toBe(`/v23.0/${PHONE_NUMBER_ID}/media`);

		const url = await run('getUrl', { mediaId, options: { ownerPhoneNumberId: PHONE_NUMBER_ID } });
		expect(url.error).toBeUndefined();
		expect(url.items[0][0].json).toMatchObject({
			mediaId,
			mimeType: 'image/png',
			fileSize: png.length,
			sha256: createHash('sha256').update(png).digest('hex'),
		});
		expect(String(url.items[0][0].json.url)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
		expect(Date.parse(String(url.items[0][0].json.urlExpiresAt)) - Date.now()).toBeGreaterThan(4 * 60 * 1000);

		const down = await run('download', { mediaId, binaryPropertyName: 'file', options: {} });
		expect(down.error).toBeUndefined();
		const item = down.items[0][0];
		expect(item.json).toMatchObject({
			mediaId,
			mimeType: 'image/png',
			fileSize: png.length,
			fileName: `${mediaId}.png`,
		});
		expect(item.binary?.file).toMatchObject({
			mimeType: 'image/png',
			fileName: `${mediaId}.png`,
			fileExtension: 'png',
		});
		expect(Buffer.compare(await readBinary(item.binary!.file), png)).toBe(0);
		// the file itself was fetched with the credential's token
		const fetched = sim.requests({ method: 'GET', pathIncludes: `/__media/${mediaId}` });
		expect(fetched).toHaveLength(1);
		expect(fetched[0].headers.authorization).toBe(`Bearer ${TOKENS.valid}`);

		const del = await run('delete', { mediaId, options: {} });
		expect(del.error).toBeUndefined();
		expect(del.items[0][0].json).toMatchObject({ mediaId, success: true });
		const gone = await run('getUrl', { mediaId, options: {} });
		expect(gone.error?.constructor.name).toBe('NodeApiError');
	});

	it('Download checks the streamed file against the size and sha256 Meta gave', async () => {
		const up = await upload(png, 'logo.png', 'image/png');
		const mediaId = up.items[0][0].json.mediaId as string;
		// Same length, other bytes: only the checksum can tell.
		const stored = sim.state.media[mediaId];
		stored.bytes = Buffer.from(stored.bytes).fill(7, 0, 8);
		const corrupted = await run('download', { mediaId, binaryPropertyName: 'file', options: {} });
		expect(corrupted.error?.message).toBe(
			`The downloaded file for media "${mediaId}" does not match the checksum Meta gave (item 1)`,
		);
		// Shorter: the size check says how much arrived.
		stored.bytes = stored.bytes.subarray(0, 10);
		const short = await run('download', { mediaId, binaryPropertyName: 'file', options: {} });
		expect(short.error?.message).toBe(`The download of media "${mediaId}" is incomplete: 10 of 3008 bytes (item 1)`);
	});

	it('Download with a file name from the trigger (documents)', async () => {
		const pdf = Buffer.from('%PDF-1.4 hello');
		const mediaId = (await upload(pdf, 'x.pdf', 'application/pdf')).items[0][0].json.mediaId as string;
		const down = await run('download', {
			mediaId,
			binaryPropertyName: 'data',
			options: { fileName: 'Invoice 42.pdf' },
		});
		expect(down.error).toBeUndefined();
		expect(down.items[0][0].binary?.data).toMatchObject({ fileName: 'Invoice 42.pdf', mimeType: 'application/pdf' });
	});

	it('the owner check is passed to Meta and a foreign phone number is refused', async () => {
		const mediaId = (await upload(png, 'a.png', 'image/png')).items[0][0].json.mediaId as string;
		const result = await run('delete', { mediaId, options: { ownerPhoneNumberId: SECOND_PHONE_NUMBER_ID } });
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(sim.requests({ method: 'DELETE' })[0].query).toEqual({ phone_number_id: SECOND_PHONE_NUMBER_ID });
	});

	it('Upload refuses an unsupported type and an oversized image before any request', async () => {
		const gif = await upload(Buffer.from('GIF89a'), 'anim.gif', 'image/gif');
		expect(gif.error?.message).toBe(
			'"anim.gif" has the type image/gif, which WhatsApp does not support. Supported types — Image: image/jpeg, image/png; Audio: audio/aac, audio/amr, audio/mpeg, audio/mp4, audio/ogg; Video: video/mp4, video/3gpp; Document: application/pdf, text/plain, application/msword, application/vnd.openxmlformats-officedocument.wordprocessingml.document, application/vnd.ms-excel, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, application/vnd.ms-powerpoint, application/vnd.openxmlformats-officedocument.presentationml.presentation; Sticker: image/webp (item 1)',
		);
		const big = await upload(Buffer.alloc(5 * 1024 * 1024 + 1, 1), 'big.png', 'image/png');
		expect(big.error?.message).toBe(
			'"big.png" is 5.0 MB (5242881 bytes); WhatsApp accepts at most 5 MB (5242880 bytes) for an image (item 1)',
		);
		expect(sim.requests()).toHaveLength(0);
	});

	it('Upload: a MIME type option overrides a wrong detection; the file name option renames', async () => {
		const result = await upload(Buffer.from('hello'), 'notes', 'application/octet-stream', {
			mimeType: 'text/plain',
			fileName: 'notes.txt',
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0][0].json).toMatchObject({
			mediaType: 'document',
			mimeType: 'text/plain',
			fileName: 'notes.txt',
		});
		expect(sim.state.media[result.items[0][0].json.mediaId as string]).toMatchObject({
			mimeType: 'text/plain',
			filename: 'notes.txt',
		});
	});

	it('a bad media ID fails before any request', async () => {
		const result = await run('getUrl', { mediaId: '12 34', options: {} });
		expect(result.error?.message).toBe(
			'"Media ID": a media ID has only letters, digits, dots, dashes and underscores (e.g. 1037543291543636) (item 1)',
		);
		expect(sim.requests()).toHaveLength(0);
	});
});
