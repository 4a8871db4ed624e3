import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { getPhoneNumberId, phoneNumberIdParameter, optionsCollection } from '../common';
import { requireLabel } from '../../helpers/labels';
import { readBinaryForUpload } from '../../helpers/media';
import { uploadMedia } from '../../transport/media';

export const description: INodeProperties[] = [
	{
		...phoneNumberIdParameter(),
		description: 'The business phone number that will send this media (a media ID works only with its own number)',
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input field containing the file (usually "data")',
		description:
			'Checked against WhatsApp’s supported types and sizes before upload: JPEG/PNG images up to 5 MB, AAC/AMR/MP3/M4A/OGG audio and MP4/3GPP video up to 16 MB, PDF/TXT/Office documents up to 100 MB, WebP stickers up to 500 KB',
	},
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

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const propertyName = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
	const file = await readBinaryForUpload.call(this, itemIndex, propertyName, BINARY_FIELD_LABEL, {
		mimeTypeOverride: options.mimeType as string | undefined,
		fileNameOverride: options.fileName as string | undefined,
	});
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
