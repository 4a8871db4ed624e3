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
	readImage,
	saveQrCode,
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

export const inputs: InputDefinition[] = [input];

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
	return await saveQrCode.call(this, itemIndex, value);
}
