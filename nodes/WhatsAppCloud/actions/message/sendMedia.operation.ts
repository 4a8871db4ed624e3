import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/optionsCollection';
import { uploadMedia } from '../../../shared/transport/media';
import { inputBinaryFieldParameter, readBinaryForUpload } from '../../media/binaryFiles';
import { mediaIdParameter } from '../../media/mediaId';
import { requireLabel } from '../../validation/labels';
import { LIMITS } from '../../validation/limits';
import { CAPTION_KINDS, sendMediaInput } from '../../validation/schemas';
import { defineInput, validateInput } from '../../validation/validateInput';
import { recipientParameter, replyToOption } from '../parameters';
import { definedBelow, InputFields, inputFieldParameter, mappingModeOf, mappingModeParameter, recipientFieldParameter, runParameter } from './fieldMapping';
import { sendOperation } from './sendOperation';

export const description: INodeProperties[] = [
	mappingModeParameter(),
	...definedBelow([recipientParameter()]),
	recipientFieldParameter(),
	{
		displayName: 'Media Type',
		name: 'mediaType',
		type: 'options',
		default: 'image',
		options: [
			{ name: 'Audio', value: 'audio', description: 'AAC, AMR, MP3, M4A or OGG (Opus), up to 16 MB' },
			{ name: 'Document', value: 'document', description: 'PDF, TXT, Word, Excel or PowerPoint, up to 100 MB' },
			{ name: 'Image', value: 'image', description: 'JPEG or PNG, up to 5 MB' },
			{ name: 'Sticker', value: 'sticker', description: 'WebP, up to 100 KB (animated: 500 KB)' },
			{ name: 'Video', value: 'video', description: 'MP4 or 3GPP (H.264 + AAC), up to 16 MB' },
		],
	},
	{
		displayName: 'Media Source',
		name: 'mediaSource',
		type: 'options',
		default: 'link',
		options: [
			{
				name: 'Public URL',
				value: 'link',
				description: 'A public http(s) link WhatsApp downloads the file from',
			},
			{
				name: 'Media ID',
				value: 'id',
				description: 'A file uploaded before (Media → Upload) or received from a contact',
			},
			{
				name: 'Binary File From Input',
				value: 'binary',
				description: 'A file of the input item (from a previous node); it is uploaded first',
			},
		],
	},
	...definedBelow([
		{
			displayName: 'Media URL',
			name: 'mediaUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://example.com/photo.jpg',
			description:
				'Public http(s) address of the file. WhatsApp fetches it when sending, so it must be reachable without login.',
			displayOptions: { show: { mediaSource: ['link'] } },
		},
		{
			...mediaIdParameter(),
			description: 'ID returned by Media → Upload, or the media ID of a message a contact sent (WhatsApp Cloud Trigger)',
			displayOptions: { show: { mediaSource: ['id'] } },
		},
	]),
	inputFieldParameter('mediaUrlField', 'Media URL Field', 'mediaUrl', 'Input field with the public http(s) address of the file', {
		mediaSource: ['link'],
	}),
	inputFieldParameter('mediaIdField', 'Media ID Field', 'mediaId', 'Input field with the media ID (from Media → Upload or a received message)', {
		mediaSource: ['id'],
	}),
	{
		...inputBinaryFieldParameter('The file is checked against WhatsApp’s supported types and sizes, uploaded, then sent'),
		displayOptions: { show: { mediaSource: ['binary'] } },
	},
	...definedBelow([
		{
			displayName: 'Caption',
			name: 'caption',
			type: 'string',
			default: '',
			typeOptions: { rows: 2 },
			description: `Text shown under the media, up to ${LIMITS.caption} characters (images, videos and documents only)`,
			displayOptions: { show: { mediaType: [...CAPTION_KINDS] } },
		},
		{
			displayName: 'File Name',
			name: 'fileName',
			type: 'string',
			default: '',
			placeholder: 'invoice-2024-05.pdf',
			description:
				'Name the recipient sees for the document. Empty: the binary file’s name (when sending from a binary field) or none.',
			displayOptions: { show: { mediaType: ['document'] } },
		},
	]),
	inputFieldParameter('captionField', 'Caption Field', '', 'Input field with the caption; empty, or a field the item lacks: no caption', {
		mediaType: [...CAPTION_KINDS],
	}),
	inputFieldParameter('fileNameField', 'File Name Field', '', 'Input field with the document\'s file name; empty, or a field the item lacks: as in Define Below without a name', {
		mediaType: ['document'],
	}),
	optionsCollection([
		{
			displayName: 'MIME Type',
			name: 'mimeType',
			type: 'string',
			default: '',
			placeholder: 'image/jpeg',
			description:
				'The file type to upload the binary file as, when the previous node detected it wrongly (e.g. application/octet-stream)',
			// Shown only for a binary file: a link or media ID already has its type.
			displayOptions: { show: { '/mediaSource': ['binary'] } },
		},
		replyToOption,
	]),
];

const sendMediaInputCheck = defineInput('message.sendMedia', sendMediaInput, description);

const BINARY_FIELD_LABEL = requireLabel(description, ['binaryPropertyName']);

export const { inputs, execute } = sendOperation(
	sendMediaInputCheck,
	function (itemIndex) {
		const options = runParameter(this, 'options', itemIndex, {}) as IDataObject;
		const source = runParameter(this, 'mediaSource', itemIndex, 'link') as string;
		const mediaType = runParameter(this, 'mediaType', itemIndex, 'image') as string;
		const captionAllowed = (CAPTION_KINDS as readonly string[]).includes(mediaType);
		if (mappingModeOf.call(this, itemIndex) === 'fieldsFromInput') {
			const fields = new InputFields(this, itemIndex);
			const input = {
				to: fields.take('to', 'toField', 'Recipient Field'),
				mediaType,
				mediaSource: source,
				mediaUrl: source === 'link' ? fields.take('mediaUrl', 'mediaUrlField', 'Media URL Field') : undefined,
				mediaId: source === 'id' ? fields.take('mediaId', 'mediaIdField', 'Media ID Field') : undefined,
				binaryPropertyName: source === 'binary' ? this.getNodeParameter('binaryPropertyName', itemIndex) : undefined,
				caption: captionAllowed ? fields.take('caption', 'captionField', 'Caption Field', false) : undefined,
				fileName: mediaType === 'document' ? fields.take('fileName', 'fileNameField', 'File Name Field', false) : undefined,
				replyTo: options.replyTo,
			};
			// Checked here so that errors name the input field; sendOperation's check then passes as is.
			return validateInput(this.getNode(), sendMediaInput, input, fields.labels(description), itemIndex);
		}
		return {
			to: runParameter(this, 'to', itemIndex, undefined),
			mediaType,
			mediaSource: source,
			mediaUrl: source === 'link' ? runParameter(this, 'mediaUrl', itemIndex, undefined) : undefined,
			mediaId: source === 'id' ? runParameter(this, 'mediaId', itemIndex, undefined) : undefined,
			binaryPropertyName: source === 'binary' ? this.getNodeParameter('binaryPropertyName', itemIndex) : undefined,
			caption: captionAllowed ? runParameter(this, 'caption', itemIndex, '') : undefined,
			fileName: mediaType === 'document' ? runParameter(this, 'fileName', itemIndex, '') : undefined,
			replyTo: options.replyTo,
		};
	},
	async function (input, itemIndex, phoneNumberId) {
		const media: IDataObject = {};
		const output: IDataObject = {};
		if (input.mediaSource === 'link') {
			media.link = input.mediaUrl;
		} else if (input.mediaSource === 'id') {
			media.id = input.mediaId;
		} else {
			const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
			const file = await readBinaryForUpload.call(this, itemIndex, input.binaryPropertyName, BINARY_FIELD_LABEL, {
				expectedKind: input.mediaType,
				mimeTypeOverride: options.mimeType as string | undefined,
			});
			media.id = await uploadMedia.call(this, phoneNumberId, file, itemIndex);
			output.mediaId = media.id;
			output.uploaded = { mimeType: file.mimeType, fileName: file.fileName, fileSize: file.data.length };
			if (input.mediaType === 'document' && input.fileName === undefined) media.filename = file.fileName;
		}
		if (input.caption !== undefined) media.caption = input.caption;
		if (input.fileName !== undefined) media.filename = input.fileName;
		return { message: { to: input.to, type: input.mediaType, content: media, replyTo: input.replyTo }, output };
	},
);
