import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { mediaIdInput } from '../validation/schemas';
import { defineInput } from '../validation/validateInput';

/** "Media ID" for Get URL, Download and Delete. */
export function mediaIdParameter(): INodeProperties {
	return {
		displayName: 'Media ID',
		name: 'mediaId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '1037543291543636',
		description:
			'The media ID of a file a contact sent (the WhatsApp Cloud Trigger outputs it with the message) or one returned by Upload',
	};
}

/** Optional ownership check Meta offers for Get URL, Download and Delete. */
export function ownerCheckOption(): INodeProperties {
	return {
		displayName: 'Only if Owned by Phone Number ID',
		name: 'ownerPhoneNumberId',
		type: 'string',
		default: '',
		placeholder: '106540352242922',
		description:
			'Meta only performs the action if the media belongs to this Phone Number ID, and answers with an error otherwise',
	};
}

export const mediaIdCheck = defineInput('media.mediaId', mediaIdInput, [mediaIdParameter()]);

export function readMediaId(this: IExecuteFunctions, itemIndex: number): string {
	return mediaIdCheck.parse(this.getNode(), { mediaId: this.getNodeParameter('mediaId', itemIndex) }, itemIndex)
		.mediaId;
}

export { ownerQuery } from '../../shared/transport/media';
