import { createHash } from 'crypto';
import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { BINARY_ENCODING, NodeOperationError } from 'n8n-workflow';

import { extensionFor, normalizeMimeType } from '../../helpers/media';
import { graphRequest } from '../../transport';
import { getMediaInfo, mediaInfoJson } from './getUrl.operation';
import { mediaIdParameter, ownerCheckOption, readMediaId } from './shared';
import { optionsCollection } from '../common';

export const description: INodeProperties[] = [
	mediaIdParameter(),
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the output binary field to put the file in',
	},
	optionsCollection([
		{
			displayName: 'File Name',
			name: 'fileName',
			type: 'string',
			default: '',
			placeholder: 'invoice.pdf',
			description:
				'Name for the downloaded file. Meta does not store file names; documents carry one in the trigger output (document.filename). Empty: the media ID with the extension of its type.',
		},
		ownerCheckOption(),
	]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const mediaId = readMediaId.call(this, itemIndex);
	const property = (this.getNodeParameter('binaryPropertyName', itemIndex) as string).trim() || 'data';
	const fetchedAt = Date.now();
	const info = await getMediaInfo.call(this, mediaId, options.ownerPhoneNumberId, itemIndex);
	if (!info.url) {
		throw new NodeOperationError(
			this.getNode(),
			`Meta returned no download URL for media "${mediaId}" (item ${itemIndex + 1})`,
			{
				itemIndex,
				description: 'The media may have been deleted or expired (received media is kept for 30 days).',
			},
		);
	}
	const json = mediaInfoJson(mediaId, info, fetchedAt);
	const mimeType = normalizeMimeType(info.mime_type) || 'application/octet-stream';
	const fileName = ((options.fileName as string | undefined) ?? '').trim() || `${mediaId}.${extensionFor(mimeType)}`;

	// The file, fetched once with the credential's token and streamed into n8n's binary store.
	const download = (await graphRequest.call(this, {
		method: 'GET',
		path: '',
		absoluteUrl: info.url,
		stream: true,
		itemIndex,
		timeout: 300_000,
	})) as unknown as BinaryInput;
	const binaryData = await this.helpers.prepareBinaryData(download, fileName, mimeType);

	// Checked against what Meta said, reading the stored file back as a stream.
	const { size, sha256 } = await measureStored.call(this, binaryData);
	const expectedSize = json.fileSize as number | null;
	if (expectedSize !== null && expectedSize !== size) {
		throw new NodeOperationError(
			this.getNode(),
			`The download of media "${mediaId}" is incomplete: ${size} of ${expectedSize} bytes (item ${itemIndex + 1})`,
			{ itemIndex, description: 'Run the node again; the download URL is fetched anew each time.' },
		);
	}
	if (typeof info.sha256 === 'string' && /^[0-9a-f]{64}$/i.test(info.sha256) && sha256 !== info.sha256.toLowerCase()) {
		throw new NodeOperationError(
			this.getNode(),
			`The downloaded file for media "${mediaId}" does not match the checksum Meta gave (item ${itemIndex + 1})`,
			{ itemIndex, description: 'Run the node again; the download may have been corrupted.' },
		);
	}

	delete json.url;
	delete json.urlExpiresAt;
	return [{ json: { ...json, fileName }, binary: { [property]: binaryData } }];
}

type BinaryInput = Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0];

/** Size and sha256 of a stored binary, read as a stream (filesystem mode) or from memory. */
async function measureStored(
	this: IExecuteFunctions,
	binaryData: IBinaryData,
): Promise<{ size: number; sha256: string }> {
	const hash = createHash('sha256');
	let size = 0;
	const chunks: AsyncIterable<unknown> | Buffer[] = binaryData.id
		? await this.helpers.getBinaryStream(binaryData.id)
		: [Buffer.from(binaryData.data, BINARY_ENCODING)];
	for await (const chunk of chunks) {
		const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
		hash.update(bytes);
		size += bytes.length;
	}
	return { size, sha256: hash.digest('hex') };
}
