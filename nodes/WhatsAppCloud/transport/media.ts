import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { BinaryFile } from '../helpers/media';
import { graphRequest } from './index';

/**
 * Media on the wire: the multipart upload to a phone number's media store. What a file may be
 * (types, sizes) is checked before, in helpers/media.ts.
 */

/** multipart/form-data body for POST /{phone-number-id}/media, built without a dependency. */
export function multipartBody(file: BinaryFile, fields: Record<string, string>): { body: Buffer; contentType: string } {
	const boundary = `----n8nWhatsAppCloud${Date.now().toString(16)}${Math.random().toString(16).slice(2)}`;
	const quote = (value: string) => value.replace(/["\r\n\\]/g, (c) => (c === '"' ? '%22' : c === '\\' ? '\\\\' : ' '));
	const parts: Buffer[] = [];
	for (const [name, value] of Object.entries(fields)) {
		parts.push(
			Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${value}\r\n`, 'utf8'),
		);
	}
	parts.push(
		Buffer.from(
			`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${quote(file.fileName)}"\r\nContent-Type: ${file.mimeType}\r\n\r\n`,
			'utf8',
		),
	);
	parts.push(file.data);
	parts.push(Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'));
	return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Uploads a checked file to the phone number's media store; returns Meta's media ID. */
export async function uploadMedia(
	this: IExecuteFunctions,
	phoneNumberId: string,
	file: BinaryFile,
	itemIndex: number,
): Promise<string> {
	const { body, contentType } = multipartBody(file, { messaging_product: 'whatsapp', type: file.mimeType });
	const response = (await graphRequest.call(this, {
		method: 'POST',
		path: `${phoneNumberId}/media`,
		body,
		headers: { 'Content-Type': contentType },
		itemIndex,
		timeout: 300_000,
	})) as IDataObject;
	const id = response?.id;
	if (typeof id !== 'string' && typeof id !== 'number') {
		throw new NodeOperationError(
			this.getNode(),
			`Meta accepted the upload of "${file.fileName}" but returned no media ID (item ${itemIndex + 1})`,
			{
				itemIndex,
			},
		);
	}
	return String(id);
}
