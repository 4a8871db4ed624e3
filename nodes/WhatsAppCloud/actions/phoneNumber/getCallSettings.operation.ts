import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { graphRequest } from '../../../shared/transport/graphRequest';
import { callSettingsItem } from './callSettings';
import { phoneNumberOnlyInput } from './locator';

const readCheckedPhoneNumberId = phoneNumberOnlyInput('phoneNumber.getCallSettings');

export const description: INodeProperties[] = [];
export const inputs = readCheckedPhoneNumberId.inputs;

/** GET /{Phone-Number-ID}/settings: the number's calling settings (Meta's `calling` object, also flat). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const phoneNumberId = readCheckedPhoneNumberId.call(this, itemIndex);
	const response = (await graphRequest.call(this, { method: 'GET', path: `${phoneNumberId}/settings`, itemIndex })) as IDataObject;
	return [{ json: callSettingsItem(phoneNumberId, response.calling as IDataObject | undefined) }];
}
