import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { validateInput } from '../../helpers/limits';
import { graphIdSchema } from '../../helpers/schemas/account';
import { graphRequest } from '../../transport';
import { PHONE_NUMBER_LABEL, readPhoneNumberId } from './locator';

export const description: INodeProperties[] = [
	{
		displayName:
			'Deregistering stops this number from sending and receiving WhatsApp messages through the Cloud API until it is registered again',
		name: 'deregisterNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['phoneNumber'], operation: ['deregister'] } },
	},
];

/** POST /{Phone-Number-ID}/deregister (no body). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const { phoneNumberId } = validateInput(
		this.getNode(),
		z.object({ phoneNumberId: graphIdSchema }),
		{ phoneNumberId: readPhoneNumberId.call(this, itemIndex) },
		{ phoneNumberId: PHONE_NUMBER_LABEL },
		itemIndex,
	);
	const response = (await graphRequest.call(this, {
		method: 'POST',
		path: `${phoneNumberId}/deregister`,
		itemIndex,
	})) as IDataObject;
	return [{ json: { ...response, phoneNumberId, deregistered: response.success === true } }];
}
