import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/optionsCollection';
import { getMediaInfo, mediaFileSize, type MediaInfo } from '../../../shared/transport/media';
import { mediaIdCheck, mediaIdParameter, ownerCheckOption, readMediaId } from '../../media/mediaId';

/** Meta's media URLs stop working after five minutes. */
const MEDIA_URL_LIFETIME_MS = 5 * 60 * 1000;

export const description: INodeProperties[] = [mediaIdParameter(), optionsCollection([ownerCheckOption()])];

export function mediaInfoJson(mediaId: string, info: MediaInfo, fetchedAt: number): IDataObject {
	return {
		mediaId: info.id ?? mediaId,
		url: info.url ?? null,
		mimeType: info.mime_type ?? null,
		fileSize: mediaFileSize(info),
		sha256: info.sha256 ?? null,
		urlExpiresAt: new Date(fetchedAt + MEDIA_URL_LIFETIME_MS).toISOString(),
	};
}

export const inputs = [mediaIdCheck];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const mediaId = readMediaId.call(this, itemIndex);
	const fetchedAt = Date.now();
	const info = await getMediaInfo.call(this, mediaId, options.ownerPhoneNumberId, itemIndex);
	return [{ json: mediaInfoJson(mediaId, info, fetchedAt) }];
}
