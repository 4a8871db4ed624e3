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
	qrCodeParameter,
	qrCodeSchema,
	readImage,
	type QrCode,
} from './qrCodeFields';

export const description: INodeProperties[] = [qrCodeParameter, prefilledMessageParameter(), ...imageParameters];

const input = defineInput(
	'qrCode.update',
	z.object({
		phoneNumberId: graphIdSchema,
		qrCode: qrCodeSchema,
		prefilledMessage: prefilledMessageSchema,
		imageFormat: imageFormatSchema,
		binaryPropertyName: binaryPropertySchema.optional(),
	}),
	[accountPhoneNumberParameter(), ...description],
);

/** POST /{Phone-Number-ID}/message_qrdls with the code: a new prefilled message, same code and link. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const value = input.parse(
		this.getNode(),
		{
			phoneNumberId: readPhoneNumberId.call(this, itemIndex),
			qrCode: this.getNodeParameter('qrCode', itemIndex, ''),
			prefilledMessage: this.getNodeParameter('prefilledMessage', itemIndex, ''),
			...readImage.call(this, itemIndex),
		},
		itemIndex,
	);
	const qr = (await graphRequest.call(this, {
		method: 'POST',
		path: `${value.phoneNumberId}/message_qrdls`,
		body: {
			code: value.qrCode,
			prefilled_message: value.prefilledMessage,
			...(value.imageFormat !== 'none' ? { generate_qr_image: value.imageFormat } : {}),
		},
		itemIndex,
	})) as QrCode;
	return [await qrCodeItem.call(this, itemIndex, value.phoneNumberId, qr, value)];
}
