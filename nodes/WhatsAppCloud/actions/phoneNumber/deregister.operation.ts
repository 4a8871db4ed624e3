import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { defineInput } from '../../validation/validateInput';
import { graphIdSchema } from '../../validation/schemas/account';
import { accountPhoneNumberParameter, readPhoneNumberId } from './locator';
import { postForItem } from '../graphItem';

export const description: INodeProperties[] = [
	{
		displayName:
			'Deregistering stops this number from sending and receiving WhatsApp messages through the Cloud API until it is registered again',
		name: 'deregisterNotice',
		type: 'notice',
		default: '',
	},
];

const inputCheck = defineInput('phoneNumber.deregister', z.object({ phoneNumberId: graphIdSchema }), [
	accountPhoneNumberParameter(),
	...description,
]);

/** POST /{Phone-Number-ID}/deregister (no body). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const { phoneNumberId } = inputCheck.parse(
		this.getNode(),
		{ phoneNumberId: readPhoneNumberId.call(this, itemIndex) },
		itemIndex,
	);
	return await postForItem.call(
		this,
		itemIndex,
		`${phoneNumberId}/deregister`,
		undefined,
		(response) => ({
			phoneNumberId,
			deregistered: response.success === true,
		}),
	);
}
