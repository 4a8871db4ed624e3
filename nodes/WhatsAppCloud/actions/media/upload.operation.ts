import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/optionsCollection';
import { uploadMedia } from '../../../shared/transport/media';
import { uploadForHandle } from '../../../shared/transport/resumableUpload';
import { inputBinaryFieldParameter, readBinaryForHandle, readBinaryForUpload } from '../../media/binaryFiles';
import { requireLabel } from '../../validation/labels';
import type { InputDefinition } from '../../validation/validateInput';
import { getPhoneNumberId, phoneNumberIdParameter } from '../parameters';

const forMessages = { show: { purpose: ['message'] } };

export const description: INodeProperties[] = [
	{
		displayName: 'Upload For',
		name: 'purpose',
		type: 'options',
		default: 'message',
		options: [
			{
				name: 'Sending in Messages',
				value: 'message',
				description: "Into the phone number's media store: outputs a media ID for Send Media",
			},
			{
				name: 'A Template or Profile Photo',
				value: 'handle',
				description:
					"Through Meta's Resumable Upload API (the credential's App ID): outputs a handle for a template header sample or a business profile photo",
			},
		],
	},
	{
		...phoneNumberIdParameter(),
		description: 'The business phone number that will send this media (a media ID works only with its own number)',
		displayOptions: forMessages,
	},
	inputBinaryFieldParameter(
		'Checked against WhatsApp’s supported types and sizes before upload: JPEG/PNG images up to 5 MB, AAC/AMR/MP3/M4A/OGG audio and MP4/3GPP video up to 16 MB, PDF/TXT/Office documents up to 100 MB, WebP stickers up to 500 KB. For a template or profile photo: JPEG/PNG, MP4 or PDF.',
	),
	optionsCollection([
		{
			displayName: 'File Name',
			name: 'fileName',
			type: 'string',
			default: '',
			description: 'Name to upload the file under. Empty: the binary file’s own name.',
		},
		{
			displayName: 'MIME Type',
			name: 'mimeType',
			type: 'string',
			default: '',
			placeholder: 'application/pdf',
			description: 'The file type, when the previous node detected it wrongly (e.g. application/octet-stream)',
		},
	]),
];

const BINARY_FIELD_LABEL = requireLabel(description, ['binaryPropertyName']);

/** Nothing to check before the request. */
export const inputs: readonly InputDefinition[] = [];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const propertyName = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
	const overrides = {
		mimeTypeOverride: options.mimeType as string | undefined,
		fileNameOverride: options.fileName as string | undefined,
	};
	if (this.getNodeParameter('purpose', itemIndex, 'message') === 'handle') {
		const file = await readBinaryForHandle.call(this, itemIndex, propertyName, BINARY_FIELD_LABEL, 'any', overrides);
		const { handle, uploadSessionId } = await uploadForHandle.call(this, file, itemIndex);
		return [
			{
				json: {
					handle,
					mimeType: file.mimeType,
					fileName: file.fileName,
					fileSize: file.data.length,
					uploadSessionId,
				},
			},
		];
	}
	const file = await readBinaryForUpload.call(this, itemIndex, propertyName, BINARY_FIELD_LABEL, overrides);
	const phoneNumberId = getPhoneNumberId.call(this, itemIndex);
	const mediaId = await uploadMedia.call(this, phoneNumberId, file, itemIndex);
	return [
		{
			json: {
				mediaId,
				mediaType: file.kind,
				mimeType: file.mimeType,
				fileName: file.fileName,
				fileSize: file.data.length,
				phoneNumberId,
			},
		},
	];
}
