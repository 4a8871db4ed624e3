import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { setPinInput } from '../../validation/schemas/account';
import { defineInput, type InputDefinition } from '../../validation/validateInput';
import { postForItem } from '../graphItem';
import { accountPhoneNumberParameter, readPhoneNumberId } from './locator';
import { pinParameter } from './pin';

export const description: INodeProperties[] = [
	pinParameter('The new two-step verification PIN. Keep it safe: it is needed to register the number again.'),
];

const setPinInputCheck = defineInput('phoneNumber.setPin', setPinInput, [
	accountPhoneNumberParameter(),
	...description,
]);

export const inputs: InputDefinition[] = [setPinInputCheck];

/** POST /{Phone-Number-ID} with `{ pin }`: sets or changes the two-step verification PIN. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const input = setPinInputCheck.parse(
		this.getNode(),
		{ phoneNumberId: readPhoneNumberId.call(this, itemIndex), pin: this.getNodeParameter('pin', itemIndex, '') },
		itemIndex,
	);
	return await postForItem.call(
		this,
		itemIndex,
		input.phoneNumberId,
		{ pin: input.pin },
		(response) => ({
			phoneNumberId: input.phoneNumberId,
			pinSet: response.success === true,
		}),
	);
}
