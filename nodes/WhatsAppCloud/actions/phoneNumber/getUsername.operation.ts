import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { graphRequest } from '../../../shared/transport/graphRequest';
import { phoneNumberOnlyInput } from './locator';

const readCheckedPhoneNumberId = phoneNumberOnlyInput('phoneNumber.getUsername');

export const description: INodeProperties[] = [];
export const inputs = readCheckedPhoneNumberId.inputs;

/**
 * GET /{Phone-Number-ID}/username: Meta's answer (`username`, `status` approved or reserved) with
 * the number's ID; Meta leaves `username` out when the number has none, the item says null.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const phoneNumberId = readCheckedPhoneNumberId.call(this, itemIndex);
	const response = (await graphRequest.call(this, {
		method: 'GET',
		path: `${phoneNumberId}/username`,
		itemIndex,
	})) as IDataObject;
	return [{ json: { phoneNumberId, username: null, status: null, ...response } }];
}
