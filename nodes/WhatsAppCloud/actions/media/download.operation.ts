import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/optionsCollection';
import { extensionFor, normalizeMimeType } from '../../../shared/mediaTypes';
import { downloadMediaFile, getMediaInfo, noMediaUrl } from '../../../shared/transport/media';
import { mediaIdCheck, mediaIdParameter, ownerCheckOption, readMediaId } from '../../media/mediaId';
import { mediaInfoJson } from './getUrl.operation';

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

export const inputs = [mediaIdCheck];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const mediaId = readMediaId.call(this, itemIndex);
	const property = (this.getNodeParameter('binaryPropertyName', itemIndex) as string).trim() || 'data';
	const fetchedAt = Date.now();
	const info = await getMediaInfo.call(this, mediaId, options.ownerPhoneNumberId, itemIndex);
	if (!info.url) throw noMediaUrl(this, mediaId, itemIndex);
	const json = mediaInfoJson(mediaId, info, fetchedAt);
	const mimeType = normalizeMimeType(info.mime_type) || 'application/octet-stream';
	const fileName = ((options.fileName as string | undefined) ?? '').trim() || `${mediaId}.${extensionFor(mimeType)}`;

	// Fetched once with the credential's token, streamed into n8n's binary store, checked against
	// the size and sha256 Meta gave (transport/media.ts, shared with the trigger's Download Media).
	const binaryData = await downloadMediaFile.call(this, { mediaId, info, fileName, mimeType, itemIndex });

	delete json.url;
	delete json.urlExpiresAt;
	return [{ json: { ...json, fileName }, binary: { [property]: binaryData } }];
}
