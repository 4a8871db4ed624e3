import type { INodeProperties } from 'n8n-workflow';

import type { Resource } from '../types';
import * as deleteMedia from './delete.operation';
import * as download from './download.operation';
import * as getUrl from './getUrl.operation';
import * as upload from './upload.operation';

const operationSelector: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['media'] } },
	options: [
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete a media file',
			description: 'Delete an uploaded or received media file from Meta',
		},
		{
			name: 'Download',
			value: 'download',
			action: 'Download a media file',
			description: 'Download a media file (e.g. one a contact sent) as binary data',
		},
		{
			name: 'Get URL',
			value: 'getUrl',
			action: 'Get the URL of a media file',
			description: 'Get the download URL (valid 5 minutes), type, size and checksum of a media file',
		},
		{
			name: 'Upload',
			value: 'upload',
			action: 'Upload a media file',
			description: 'Upload a binary file and get a media ID to send it with',
		},
	],
	default: 'upload',
};

export const media: Resource = {
	description: [
		operationSelector,
		...upload.description,
		...download.description,
		...getUrl.description,
		...deleteMedia.description,
	],
	operations: { upload, download, getUrl, delete: deleteMedia },
};
