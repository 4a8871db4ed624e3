import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { postForItem } from '../graphItem';
import { phoneNumberOnlyInput } from './locator';

export const description: INodeProperties[] = [
	{
		displayName:
			'Deregistering stops this number from sending and receiving WhatsApp messages through the Cloud API until it is registered again',
		name: 'deregisterNotice',
		type: 'notice',
		default: '',
	},
];

const readCheckedPhoneNumberId = phoneNumberOnlyInput('phoneNumber.deregister', description);

export const inputs = readCheckedPhoneNumberId.inputs;

/** POST /{Phone-Number-ID}/deregister (no body). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const phoneNumberId = readCheckedPhoneNumberId.call(this, itemIndex);
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
