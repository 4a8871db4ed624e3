/**
 * Upload handles (Meta's Resumable Upload API) in-process through n8n-core against the simulator:
 * Media → Upload "for a template or profile photo", Template → Create with a header sample from a
 * binary field, Business Profile → Update with a photo from a binary field. Every request must be
 * contract-valid (the R8 additions check query and headers too); the session requests carry
 * "Authorization: OAuth …"; an interrupted transfer resumes from Meta's file_offset.
 */
import { describe, expect, it } from '@jest/globals';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { WhatsAppCloudApi } from '../../../../credentials/WhatsAppCloudApi.credentials';
import { WhatsAppCloud } from '../../../../nodes/WhatsAppCloud/WhatsAppCloud.node';
import { sessionRequest } from '../../../../nodes/shared/transport/resumableUpload';
import { APP_ID, PHONE_NUMBER_ID, TOKENS, WABA_ID } from '../../../../tools/simulator/fixtures';
import { runNode, storeBinary } from '../../../harness/runNode';
import { requestPaths, useSimulator } from '../../../harness/simulator';

const { sim, credentials } = useSimulator({ credential: { appId: APP_ID } });
const nodeType = new WhatsAppCloud();
const credentialTypes = [new WhatsAppCloudApi()];

/** A small PNG-like payload (the simulator does not decode images). */
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from('sample header image bytes')]);
const PDF = Buffer.from('%PDF-1.4 sample document');

async function run(
	parameters: INodeParameters,
	file?: { bytes: Buffer; fileName: string; mimeType: string },
	creds = credentials(),
) {
	const binary = file
		? { data: await storeBinary(file.bytes, { fileName: file.fileName, mimeType: file.mimeType }) }
		: undefined;
	return runNode({
		nodeType,
		parameters,
		credentials: creds,
		credentialTypes,
		input: [{ json: {}, ...(binary ? { binary } : {}) }],
	});
}

function calls() {
	return requestPaths(sim.requests());
}

function expectValid() {
	for (const request of sim.requests()) {
		expect({ path: request.path, contract: request.contract }).toMatchObject({ contract: { valid: true } });
	}
}

const png = { bytes: PNG, fileName: 'header.png', mimeType: 'image/png' };

describe('Media → Upload for a template or profile photo', () => {
	it('opens a session on the app, sends the bytes with file_offset 0 and OAuth, outputs the handle', async () => {
		const result = await run(
			{ resource: 'media', operation: 'upload', purpose: 'handle', binaryPropertyName: 'data' },
			png,
		);
		expect(result.error).toBeUndefined();
		const [item] = result.items[0];
		const [session] = Object.values(sim.state.uploadSessions);
		expect(item.json).toEqual({
			handle: session.handle,
			mimeType: 'image/png',
			fileName: 'header.png',
			fileSize: PNG.length,
			uploadSessionId: `${session.id}?sig=${session.sig}`,
		});
		expect(calls()).toEqual([`POST /${APP_ID}/uploads`, `POST /${session.id}`]);
		const [open, upload] = sim.requests();
		expect(open.query).toEqual({ file_name: 'header.png', file_length: String(PNG.length), file_type: 'image/png' });
		expect(open.headers.authorization).toBe(`Bearer ${TOKENS.valid}`);
		expect(upload.query).toEqual({ sig: session.sig });
		expect(upload.headers.authorization).toBe(`OAuth ${TOKENS.valid}`);
		expect(upload.headers.file_offset).toBe('0');
		expect(upload.contract).toEqual({ checked: true, valid: true, errors: [], schema: 'R8UploadFileData' });
		expect(Buffer.compare(sim.state.uploadHandles[String(item.json.handle)].bytes, PNG)).toBe(0);
	});

	it('resumes an interrupted transfer from the file_offset Meta reports', async () => {
		sim.state.interruptNextUploadAfterBytes = 5;
		const result = await run(
			{ resource: 'media', operation: 'upload', purpose: 'handle', binaryPropertyName: 'data' },
			png,
		);
		expect(result.error).toBeUndefined();
		const [session] = Object.values(sim.state.uploadSessions);
		expect(calls()).toEqual([
			`POST /${APP_ID}/uploads`,
			`POST /${session.id}`,
			`GET /${session.id}`,
			`POST /${session.id}`,
		]);
		const requests = sim.requests();
		expect(requests[1].response.status).toBe(500);
		expect(requests[2].response.body).toEqual({ id: session.id, file_offset: 5 });
		expect(requests[3].headers.file_offset).toBe('5');
		expect(requests[3].rawBody.length).toBe(PNG.length - 5);
		expect(Buffer.compare(sim.state.uploadHandles[session.handle!].bytes, PNG)).toBe(0);
		expectValid();
	});

	it('refuses a type the upload sessions do not take, before any request', async () => {
		const result = await run(
			{ resource: 'media', operation: 'upload', purpose: 'handle', binaryPropertyName: 'data' },
			{ bytes: Buffer.from('ID3 audio'), fileName: 'note.mp3', mimeType: 'audio/mpeg' },
		);
		expect(result.error?.message).toBe(
			'"Input Binary Field": "note.mp3" has the type audio/mpeg, which Meta does not take for a template sample or profile photo. Supported: image/jpeg, image/png, video/mp4, application/pdf (item 1)',
		);
		expect(sim.requests()).toEqual([]);
	});

	it('without an App ID in the credential says where to enter it, before any request', async () => {
		const noApp = { whatsAppCloudApi: { ...credentials().whatsAppCloudApi, appId: '' } };
		const result = await run(
			{ resource: 'media', operation: 'upload', purpose: 'handle', binaryPropertyName: 'data' },
			png,
			noApp,
		);
		expect(result.error?.message).toBe(
			"The credential's App ID is empty: uploads for a handle go to Meta's Resumable Upload API of your app (item 1)",
		);
		expect(sim.requests()).toEqual([]);
	});

	it('the simulator refuses a Bearer token on the upload session, as Meta documents only OAuth there', async () => {
		const open = await fetch(`${sim.url}/v23.0/${APP_ID}/uploads?file_length=3&file_type=image/png`, {
			method: 'POST',
			headers: { authorization: `Bearer ${TOKENS.valid}` },
		});
		const { id } = (await open.json()) as { id: string };
		const bearer = await fetch(`${sim.url}/v23.0/${id}`, {
			method: 'POST',
			headers: {
				authorization: `Bearer ${TOKENS.valid}`,
				file_offset: '0',
				'content-type': 'application/octet-stream',
			},
			body: 'abc',
		});
		expect(bearer.status).toBe(401);
		const missingOffset = await fetch(`${sim.url}/v23.0/${id}`, {
			method: 'POST',
			headers: { authorization: `OAuth ${TOKENS.valid}`, 'content-type': 'application/octet-stream' },
			body: 'abc',
		});
		expect(missingOffset.status).toBe(400);
		expect(sim.requests()[2].contract.errors).toEqual(['(header) file_offset is required']);
	});

	it('the session id keeps its ?sig= as query (sessionRequest)', () => {
		expect(sessionRequest('upload:MTphdHRhY2g=?sig=ARZa_b')).toEqual({
			path: 'upload:MTphdHRhY2g=',
			qs: { sig: 'ARZa_b' },
		});
		expect(sessionRequest('upload:abc')).toEqual({ path: 'upload:abc' });
	});
});

describe('Template → Create with a header sample from a binary field', () => {
	const create = (extra: IDataObject = {}): INodeParameters => ({
		resource: 'template',
		operation: 'create',
		name: 'invoice_ready',
		category: 'UTILITY',
		language: 'en_US',
		headerType: 'DOCUMENT',
		headerSampleSource: 'binary',
		headerBinaryProperty: 'data',
		bodyText: 'Your invoice {{1}} is ready.',
		bodyExamples: { example: [{ variable: '1', value: 'INV-7' }] },
		...extra,
	});

	it('uploads the sample first and puts the handle in example.header_handle', async () => {
		const result = await run(create(), { bytes: PDF, fileName: 'invoice.pdf', mimeType: 'application/pdf' });
		expect(result.error).toBeUndefined();
		const [session] = Object.values(sim.state.uploadSessions);
		expect(calls()).toEqual([`POST /${APP_ID}/uploads`, `POST /${session.id}`, `POST /${WABA_ID}/message_templates`]);
		expect(sim.requests()[2].body).toEqual({
			name: 'invoice_ready',
			language: 'en_US',
			category: 'UTILITY',
			components: [
				{ type: 'HEADER', format: 'DOCUMENT', example: { header_handle: [session.handle] } },
				{ type: 'BODY', text: 'Your invoice {{1}} is ready.', example: { body_text: [['INV-7']] } },
			],
		});
		expectValid();
	});

	it('refuses an image as a document header sample, before any request', async () => {
		const result = await run(create(), png);
		expect(result.error?.message).toBe(
			'"Header Sample Binary Field": "header.png" has the type image/png, which Meta does not take for a document header. Supported: application/pdf (item 1)',
		);
		expect(sim.requests()).toEqual([]);
	});

	it('checks the template before uploading: a body gap uploads nothing', async () => {
		const result = await run(create({ bodyText: 'Invoice {{1}} and {{3}}' }), {
			bytes: PDF,
			fileName: 'invoice.pdf',
			mimeType: 'application/pdf',
		});
		expect(result.error?.message).toBe(
			'"Body Text": variables must be numbered {{1}} to {{2}} without gaps; found {{1}}, {{3}} (item 1)',
		);
		expect(sim.requests()).toEqual([]);
	});
});

describe('Business Profile → Update with a photo from a binary field', () => {
	it('uploads the photo and sends its handle as profile_picture_handle', async () => {
		const result = await run(
			{
				resource: 'businessProfile',
				operation: 'update',
				phoneNumberId: { __rl: true, mode: 'id', value: PHONE_NUMBER_ID },
				updateFields: { about: 'Open 9–5', profilePictureBinary: 'data' },
			},
			{ bytes: PNG, fileName: 'logo.png', mimeType: 'image/png' },
		);
		expect(result.error).toBeUndefined();
		const [session] = Object.values(sim.state.uploadSessions);
		expect(calls()).toEqual([
			`POST /${APP_ID}/uploads`,
			`POST /${session.id}`,
			`POST /${PHONE_NUMBER_ID}/whatsapp_business_profile`,
		]);
		expect(sim.requests()[2].body).toEqual({
			messaging_product: 'whatsapp',
			about: 'Open 9–5',
			profile_picture_handle: session.handle,
		});
		expect(result.items[0][0].json.updated).toEqual(['about', 'profile_picture_handle']);
		expectValid();
	});

	it('refuses a photo field and a handle together, before any request', async () => {
		const result = await run(
			{
				resource: 'businessProfile',
				operation: 'update',
				phoneNumberId: { __rl: true, mode: 'id', value: PHONE_NUMBER_ID },
				updateFields: { profilePictureBinary: 'data', profilePictureHandle: '4::abc:def' },
			},
			png,
		);
		expect(result.error?.message).toBe(
			'"Profile Photo (Binary Field)" and "Profile Photo Handle" are both set: keep one (item 1)',
		);
		expect(sim.requests()).toEqual([]);
	});
});
