import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { graphRequest } from '../../transport';
import { mediaIdParameter, ownerCheckOption, ownerQuery, readMediaId } from './shared';
import { optionsCollection } from '../common';

/** Meta's media URLs stop working after five minutes. */
export const MEDIA_URL_LIFETIME_MS = 5 * 60 * 1000;

export const description: INodeProperties[] = [mediaIdParameter(), optionsCollection([ownerCheckOption()])];

/** What GET /{media-id} answers. */
export interface MediaInfo extends IDataObject {
	id?: string;
	url?: string;
	mime_type?: string;
	sha256?: string;
	file_size?: string | number;
	messaging_product?: string;
}

export async function getMediaInfo(
	this: IExecuteFunctions,
	mediaId: string,
	owner: unknown,
	itemIndex: number,
): Promise<MediaInfo> {
	return (await graphRequest.call(this, {
		method: 'GET',
		path: encodeURIComponent(mediaId),
		qs: ownerQuery(owner),
		itemIndex,
	})) as MediaInfo;
}

export function mediaInfoJson(mediaId: string, info: MediaInfo, fetchedAt: number): IDataObject {
	const size = Number(info.file_size);
	return {
		mediaId: info.id ?? mediaId,
		url: info.url ?? null,
		mimeType: info.mime_type ?? null,
		fileSize: Number.isFinite(size) ? size : null,
		sha256: info.sha256 ?? null,
		urlExpiresAt: new Date(fetchedAt + MEDIA_URL_LIFETIME_MS).toISOString(),
	};
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const mediaId = readMediaId.call(this, itemIndex);
	const fetchedAt = Date.now();
	const info = await getMediaInfo.call(this, mediaId, options.ownerPhoneNumberId, itemIndex);
	return [{ json: mediaInfoJson(mediaId, info, fetchedAt) }];
}
