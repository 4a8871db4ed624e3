import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { graphRequest } from '../../../shared/transport/graphRequest';
import { graphIdSchema } from '../../validation/schemas/account';
import { defineInput, type InputDefinition } from '../../validation/validateInput';
import { accountPhoneNumberParameter, readPhoneNumberId } from '../phoneNumber/locator';
import {
	binaryPropertySchema,
	imageFormatSchema,
	imageParameters,
	qrCodeItem,
	qrCodeParameter,
	qrCodeSchema,
	readImage,
	type QrCode,
} from './qrCodeFields';

export const description: INodeProperties[] = [qrCodeParameter, ...imageParameters];

const input = defineInput(
	'qrCode.get',
	z.object({
		phoneNumberId: graphIdSchema,
		qrCode: qrCodeSchema,
		imageFormat: imageFormatSchema,
		binaryPropertyName: binaryPropertySchema.optional(),
	}),
	[accountPhoneNumberParameter(), ...description],
);

/** The `fields` of a QR code read: the code, its message and link, and the image URL in a format. */
export function qrFields(imageFormat: string): string {
	const fields = ['code', 'prefilled_message', 'deep_link_url'];
	if (imageFormat !== 'none') fields.push(`qr_image_url.format(${imageFormat})`);
	return fields.join(',');
}

export const inputs: InputDefinition[] = [input];

/** GET /{Phone-Number-ID}/message_qrdls/{code}. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const value = input.parse(
		this.getNode(),
		{
			phoneNumberId: readPhoneNumberId.call(this, itemIndex),
			qrCode: this.getNodeParameter('qrCode', itemIndex, ''),
			...readImage.call(this, itemIndex),
		},
		itemIndex,
	);
	const qr = (await graphRequest.call(this, {
		method: 'GET',
		path: `${value.phoneNumberId}/message_qrdls/${value.qrCode}`,
		qs: { fields: qrFields(value.imageFormat) },
		itemIndex,
	})) as QrCode;
	return [await qrCodeItem.call(this, itemIndex, value.phoneNumberId, qr, value)];
}
