import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { graphIdSchema } from '../../validation/schemas/account';
import { defineInput } from '../../validation/validateInput';
import { graphRequest } from '../../../shared/transport/graphRequest';
import { accountPhoneNumberParameter, readPhoneNumberId } from '../phoneNumber/locator';
import {
	binaryPropertySchema,
	imageFormatSchema,
	imageParameters,
	prefilledMessageParameter,
	prefilledMessageSchema,
	qrCodeItem,
	readImage,
	type QrCode,
} from './qrCodeFields';

export const description: INodeProperties[] = [prefilledMessageParameter(), ...imageParameters];

const input = defineInput(
	'qrCode.create',
	z.object({
		phoneNumberId: graphIdSchema,
		prefilledMessage: prefilledMessageSchema,
		imageFormat: imageFormatSchema,
		binaryPropertyName: binaryPropertySchema.optional(),
	}),
	[accountPhoneNumberParameter(), ...description],
);

/** POST /{Phone-Number-ID}/message_qrdls without a code: a new QR code (and its image). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const value = input.parse(
		this.getNode(),
		{
			phoneNumberId: readPhoneNumberId.call(this, itemIndex),
			prefilledMessage: this.getNodeParameter('prefilledMessage', itemIndex, ''),
			...readImage.call(this, itemIndex),
		},
		itemIndex,
	);
	const qr = (await graphRequest.call(this, {
		method: 'POST',
		path: `${value.phoneNumberId}/message_qrdls`,
		body: {
			prefilled_message: value.prefilledMessage,
			...(value.imageFormat !== 'none' ? { generate_qr_image: value.imageFormat } : {}),
		},
		itemIndex,
	})) as QrCode;
	return [await qrCodeItem.call(this, itemIndex, value.phoneNumberId, qr, value)];
}
