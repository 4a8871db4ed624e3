import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { LIMITS } from '../../validation/limits';
import { graphIdSchema, pagingSchema } from '../../validation/schemas/account';
import { defineInput, type InputDefinition } from '../../validation/validateInput';
import { returnAllParameters } from '../parameters';
import { accountPhoneNumberParameter, readPhoneNumberId } from '../phoneNumber/locator';
import { collectPages } from '../phoneNumber/paging';
import { qrFields } from './get.operation';
import { binaryPropertySchema, imageFormatSchema, imageParameters, qrCodeItem, readImage, type QrCode } from './qrCodeFields';

export const description: INodeProperties[] = [...returnAllParameters(), ...imageParameters];

const input = defineInput(
	'qrCode.getAll',
	pagingSchema.extend({
		phoneNumberId: graphIdSchema,
		imageFormat: imageFormatSchema,
		binaryPropertyName: binaryPropertySchema.optional(),
	}),
	[accountPhoneNumberParameter(), ...description],
);

export const inputs: InputDefinition[] = [input];

/** GET /{Phone-Number-ID}/message_qrdls (newest first, 25 a page); one item per QR code. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const value = input.parse(
		this.getNode(),
		{
			phoneNumberId: readPhoneNumberId.call(this, itemIndex),
			returnAll,
			limit: returnAll ? 1 : this.getNodeParameter('limit', itemIndex, 50),
			...readImage.call(this, itemIndex),
		},
		itemIndex,
	);
	const codes = (await collectPages.call(this, {
		path: `${value.phoneNumberId}/message_qrdls`,
		qs: { fields: qrFields(value.imageFormat) },
		itemIndex,
		returnAll: value.returnAll,
		limit: value.limit,
		pageSize: LIMITS.qrPageSize,
	})) as QrCode[];
	const items: INodeExecutionData[] = [];
	for (const qr of codes) items.push(await qrCodeItem.call(this, itemIndex, value.phoneNumberId, qr, value));
	return items;
}
