import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import { graphRequest } from '../../../shared/transport/graphRequest';
import { multipartBody } from '../../../shared/transport/media';
import { readBinaryForUpload } from '../../media/binaryFiles';
import {
	descriptionParameter,
	descriptionSchema,
	GROUP_LIMITS,
	groupIdParameter,
	groupInput,
	readGroupId,
	subjectParameter,
	subjectSchema,
} from './groupFields';

const PHOTO_LABEL = 'Photo Binary Field';

export const description: INodeProperties[] = [
	groupIdParameter,
	subjectParameter(false),
	descriptionParameter(false),
	{
		displayName: PHOTO_LABEL,
		name: 'photoBinaryPropertyName',
		type: 'string',
		default: '',
		placeholder: 'data',
		description:
			'The binary field of the input item holding the new group photo (JPEG, up to 5 MB, square, at least 192×192 pixels); empty keeps the current photo',
	},
];

const input = groupInput(
	'group.update',
	{ subject: subjectSchema, description: descriptionSchema, photoBinaryPropertyName: z.string().trim() },
	description,
);

export const inputs = [input];

/**
 * POST /{group-id}: subject and description as JSON; the photo as Meta takes it, a multipart
 * `file` (a second request when text changes too: the multipart form carries only the file).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const value = input.parse(
		this.getNode(),
		{
			groupId: readGroupId.call(this, itemIndex),
			subject: this.getNodeParameter('subject', itemIndex, ''),
			description: this.getNodeParameter('description', itemIndex, ''),
			photoBinaryPropertyName: this.getNodeParameter('photoBinaryPropertyName', itemIndex, ''),
		},
		itemIndex,
	);
	if (!value.subject && !value.description && !value.photoBinaryPropertyName) {
		throw new NodeOperationError(this.getNode(), `Nothing to update: fill in "Subject", "Description" or "${PHOTO_LABEL}" (item ${itemIndex + 1})`, { itemIndex });
	}
	const photo = value.photoBinaryPropertyName
		? await readBinaryForUpload.call(this, itemIndex, value.photoBinaryPropertyName, PHOTO_LABEL, { expectedKind: 'image' })
		: undefined;
	if (photo && photo.mimeType !== 'image/jpeg') {
		throw new NodeOperationError(this.getNode(), `"${PHOTO_LABEL}": "${photo.fileName}" is ${photo.mimeType}; Meta takes a JPEG for a group photo (item ${itemIndex + 1})`, { itemIndex });
	}
	if (photo && photo.data.length > GROUP_LIMITS.pictureBytes) {
		throw new NodeOperationError(this.getNode(), `"${PHOTO_LABEL}": the photo has ${photo.data.length} bytes; Meta allows at most ${GROUP_LIMITS.pictureBytes} (5 MB) (item ${itemIndex + 1})`, { itemIndex });
	}
	const updated: IDataObject = { groupId: value.groupId };
	if (value.subject || value.description) {
		const body: IDataObject = { messaging_product: 'whatsapp' };
		if (value.subject) body.subject = updated.subject = value.subject;
		if (value.description) body.description = updated.description = value.description;
		await graphRequest.call(this, { method: 'POST', path: value.groupId, body, itemIndex });
	}
	if (photo) {
		const form = multipartBody(photo, { messaging_product: 'whatsapp' });
		await graphRequest.call(this, {
			method: 'POST',
			path: value.groupId,
			body: form.body,
			headers: { 'Content-Type': form.contentType },
			itemIndex,
			timeout: 300_000,
		});
		updated.photoUpdated = true;
	}
	return [{ json: { ...updated, success: true } }];
}
