import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { graphRequest } from '../../../shared/transport/graphRequest';
import { BUSINESS_PROFILE_FIELDS } from '../../validation/schemas/account';
import { phoneNumberOnlyInput } from '../phoneNumber/locator';

export const description: INodeProperties[] = [];

const readCheckedPhoneNumberId = phoneNumberOnlyInput('businessProfile.get', description);

export const inputs = readCheckedPhoneNumberId.inputs;

/** GET /{Phone-Number-ID}/whatsapp_business_profile with every profile field; one item, flat. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const phoneNumberId = readCheckedPhoneNumberId.call(this, itemIndex);
	const response = (await graphRequest.call(this, {
		method: 'GET',
		path: `${phoneNumberId}/whatsapp_business_profile`,
		qs: { fields: BUSINESS_PROFILE_FIELDS.join(',') },
		itemIndex,
	})) as { data?: Array<IDataObject & { business_profile?: IDataObject }> };
	const first = response.data?.[0];
	const profile = (first?.business_profile ?? first ?? {}) as IDataObject;
	return [{ json: { phoneNumberId, ...profile } }];
}
