import { defineResource } from '../types';
import * as deleteMedia from './delete.operation';
import * as download from './download.operation';
import * as getUrl from './getUrl.operation';
import * as upload from './upload.operation';

export const media = defineResource({
	value: 'media',
	displayName: 'Media',
	defaultOperation: 'upload',
	operations: { upload, download, getUrl, delete: deleteMedia },
	options: {
		delete: {
			name: 'Delete',
			action: 'Delete a media file',
			description: 'Delete an uploaded or received media file from Meta',
		},
		download: {
			name: 'Download',
			action: 'Download a media file',
			description: 'Download a media file (e.g. one a contact sent) as binary data',
		},
		getUrl: {
			name: 'Get URL',
			action: 'Get the URL of a media file',
			description: 'Get the download URL (valid 5 minutes), type, size and checksum of a media file',
		},
		upload: {
			name: 'Upload',
			action: 'Upload a media file',
			description:
				'Upload a binary file and get a media ID to send it with, or a handle for a template or profile photo',
		},
	},
});
