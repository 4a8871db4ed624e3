import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { graphRequest } from '../../../shared/transport/graphRequest';
import { graphIdSchema } from '../../validation/schemas/account';
import { defineInput, type InputDefinition } from '../../validation/validateInput';
import { accountPhoneNumberParameter, readPhoneNumberId } from '../phoneNumber/locator';
import { qrCodeParameter, qrCodeSchema } from './qrCodeFields';

export const description: INodeProperties[] = [qrCodeParameter];

const input = defineInput('qrCode.delete', z.object({ phoneNumberId: graphIdSchema, qrCode: qrCodeSchema }), [
	accountPhoneNumberParameter(),
	...description,
]);

export const inputs: InputDefinition[] = [input];

/** DELETE /{Phone-Number-ID}/message_qrdls/{code}: the code and its wa.me link stop working. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const { phoneNumberId, qrCode } = input.parse(
		this.getNode(),
		{ phoneNumberId: readPhoneNumberId.call(this, itemIndex), qrCode: this.getNodeParameter('qrCode', itemIndex, '') },
		itemIndex,
	);
	const response = (await graphRequest.call(this, {
		method: 'DELETE',
		path: `${phoneNumberId}/message_qrdls/${qrCode}`,
		itemIndex,
	})) as { success?: boolean };
	return [{ json: { phoneNumberId, code: qrCode, deleted: response.success === true } }];
}
