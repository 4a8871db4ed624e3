import { accountPhoneNumberParameter } from '../phoneNumber/locator';
import { defineResource } from '../types';
import * as create from './create.operation';
import * as deleteQrCode from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const qrCode = defineResource({
	value: 'qrCode',
	displayName: 'QR Code',
	defaultOperation: 'create',
	shared: [accountPhoneNumberParameter()],
	operations: { create, get, getAll, update, delete: deleteQrCode },
	options: {
		create: {
			name: 'Create',
			action: 'Create a QR code',
			description:
				'Create a QR code and wa.me link that open a chat with a prefilled message, optionally as a PNG or SVG image',
		},
		delete: {
			name: 'Delete',
			action: 'Delete a QR code',
			description: 'Delete a QR code; it and its wa.me link stop working',
		},
		get: {
			name: 'Get',
			action: 'Get a QR code',
			description: 'Get a QR code, optionally with its image',
		},
		getAll: {
			name: 'Get Many',
			action: 'Get many QR codes',
			description: 'List the QR codes of the phone number, newest first',
		},
		update: {
			name: 'Update',
			action: 'Update a QR code',
			description: 'Change the prefilled message of a QR code; the code and link stay the same',
		},
	},
});
