import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { validateInput } from '../../helpers/limits';
import { setPinInput } from '../../helpers/schemas/account';
import { graphRequest } from '../../transport';
import { PHONE_NUMBER_LABEL, readPhoneNumberId } from './locator';
import { PIN_LABEL, pinParameter } from './pin';

export const description: INodeProperties[] = [
	pinParameter(
		'setPin',
		'The new two-step verification PIN. Keep it safe: it is needed to register the number again.',
	),
];

/** POST /{Phone-Number-ID} with `{ pin }`: sets or changes the two-step verification PIN. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const input = validateInput(
		this.getNode(),
		setPinInput,
		{ phoneNumberId: readPhoneNumberId.call(this, itemIndex), pin: this.getNodeParameter('pin', itemIndex, '') },
		{ phoneNumberId: PHONE_NUMBER_LABEL, pin: PIN_LABEL },
		itemIndex,
	);
	const response = (await graphRequest.call(this, {
		method: 'POST',
		path: input.phoneNumberId,
		body: { pin: input.pin },
		itemIndex,
	})) as IDataObject;
	return [{ json: { ...response, phoneNumberId: input.phoneNumberId, pinSet: response.success === true } }];
}
