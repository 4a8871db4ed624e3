/**
 * QR Code → Create / Get / Get Many / Update / Delete through n8n-core against the simulator:
 * contract-valid bodies, the image downloaded as n8n binary data, Meta's limits refused first.
 */
import { describe, expect, it } from '@jest/globals';
import type { INodeParameters } from 'n8n-workflow';

import { APP_ID, PHONE_NUMBER_ID, SAMPLE_QR_CODE } from '../../../../tools/simulator/fixtures';
import { byId, errorMessage, outputJson, requestLines, useSimulator } from '../../../harness/simulator';

const { sim, run } = useSimulator({ credential: { appId: APP_ID } });

const qr = (operation: string, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'qrCode',
	operation,
	phoneNumberId: byId(PHONE_NUMBER_ID),
	...extra,
});

describe('QR Code', () => {
	it('Create makes a code and link, and with PNG downloads the image as binary data', async () => {
		const result = await run(qr('create', { prefilledMessage: 'Show me the summer deals!', imageFormat: 'PNG' }));
		const [item] = outputJson(result);
		expect(item).toMatchObject({
			phoneNumberId: PHONE_NUMBER_ID,
			prefilledMessage: 'Show me the summer deals!',
		});
		const code = String(item.code);
		expect(code).toMatch(/^[A-Z0-9]{14}$/);
		expect(item.deepLinkUrl).toBe(`https://wa.me/message/${code}`);
		const binary = result.items[0][0].binary?.data;
		expect(binary).toMatchObject({ mimeType: 'image/png', fileName: `qr-${code}.png`, fileExtension: 'png' });
		const requests = sim.requests();
		expect(requestLines(requests)).toEqual([`POST /${PHONE_NUMBER_ID}/message_qrdls`, `GET /__qr/${code}.png`]);
		expect(requests[0].contract.checked).toBe(true);
		expect(requests[0].body).toEqual({ prefilled_message: 'Show me the summer deals!', generate_qr_image: 'PNG' });
	});

	it('Update changes the message of an existing code (its wa.me link works as the code)', async () => {
		const [item] = outputJson(
			await run(
				qr('update', { qrCode: `https://wa.me/message/${SAMPLE_QR_CODE}`, prefilledMessage: 'New deals inside' }),
			),
		);
		expect(item).toEqual({
			phoneNumberId: PHONE_NUMBER_ID,
			code: SAMPLE_QR_CODE,
			prefilledMessage: 'New deals inside',
			deepLinkUrl: `https://wa.me/message/${SAMPLE_QR_CODE}`,
		});
		const [request] = sim.requests();
		expect(request.contract).toMatchObject({ checked: true, valid: true });
		expect(request.body).toEqual({ code: SAMPLE_QR_CODE, prefilled_message: 'New deals inside' });
	});

	it('Get with SVG asks for the image URL in SVG and stores the file', async () => {
		const result = await run(qr('get', { qrCode: SAMPLE_QR_CODE, imageFormat: 'SVG', binaryPropertyName: 'qr' }));
		const [item] = outputJson(result);
		expect(item.prefilledMessage).toBe('Show me Cyber Monday deals!');
		expect(result.items[0][0].binary?.qr).toMatchObject({
			mimeType: 'image/svg+xml',
			fileName: `qr-${SAMPLE_QR_CODE}.svg`,
		});
		expect(sim.requests()[0].query.fields).toBe('code,prefilled_message,deep_link_url,qr_image_url.format(SVG)');
	});

	it('Get Many lists newest first, 25 a page at most; Delete removes one', async () => {
		for (const message of ['one', 'two']) outputJson(await run(qr('create', { prefilledMessage: message })));
		const all = outputJson(await run(qr('getAll', { returnAll: true })));
		expect(all.map((i) => i.prefilledMessage)).toEqual(['two', 'one', 'Show me Cyber Monday deals!']);
		const lists = sim.requests({ method: 'GET' });
		expect(lists.map((r) => r.query.limit)).toEqual(['25']);

		const [deleted] = outputJson(await run(qr('delete', { qrCode: SAMPLE_QR_CODE.toLowerCase() })));
		expect(deleted).toEqual({ phoneNumberId: PHONE_NUMBER_ID, code: SAMPLE_QR_CODE, deleted: true });
		const one = outputJson(await run(qr('getAll', { limit: 1 })));
		expect(one.map((i) => i.prefilledMessage)).toEqual(['two']);
		expect(requestLines(sim.requests({ method: 'DELETE' }))).toEqual([
			`DELETE /${PHONE_NUMBER_ID}/message_qrdls/${SAMPLE_QR_CODE}`,
		]);
	});

	it("refuses a message over 140 characters and a malformed code before sending; shows Meta's not-found", async () => {
		expect(errorMessage(await run(qr('create', { prefilledMessage: 'x'.repeat(141) })))).toBe(
			'"Prefilled Message" is too long: 141 characters; WhatsApp allows at most 140 (item 1)',
		);
		expect(errorMessage(await run(qr('delete', { qrCode: 'ABC' })))).toBe(
			'"QR Code": must be the 14-letter code of a QR code, like ANED2T5QRU7HG1 (its wa.me link works too) (item 1)',
		);
		expect(sim.requests()).toHaveLength(0);
		expect(errorMessage(await run(qr('delete', { qrCode: 'ZZZZZZZZZZZZZZ' })))).toBe(
			'WhatsApp Cloud API error (code 803): QR code not found',
		);
	});
});
