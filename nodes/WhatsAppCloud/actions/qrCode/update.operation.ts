import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { graphIdSchema } from '../../validation/schemas/account';
import { defineInput, type InputDefinition } from '../../validation/validateInput';
import { accountPhoneNumberParameter, readPhoneNumberId } from '../phoneNumber/locator';
import {
	binaryPropertySchema,
	imageFormatSchema,
	imageParameters,
	prefilledMessageParameter,
	prefilledMessageSchema,
	qrCodeParameter,
	qrCodeSchema,
	readImage,
	saveQrCode,
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

export const inputs: InputDefinition[] = [input];

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
	return await saveQrCode.call(this, itemIndex, value, value.qrCode);
}
