import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { graphRequest } from '../../../shared/transport/graphRequest';
import { phoneNumberOnlyInput } from './locator';

const readCheckedPhoneNumberId = phoneNumberOnlyInput('phoneNumber.getBusinessPublicKey');

export const description: INodeProperties[] = [];
export const inputs = readCheckedPhoneNumberId.inputs;

/**
 * GET /{Phone-Number-ID}/whatsapp_business_encryption: the number's Flow endpoint public key and
 * whether Meta's signature of it checks out (`VALID` / `MISMATCH`).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const phoneNumberId = readCheckedPhoneNumberId.call(this, itemIndex);
	const response = (await graphRequest.call(this, {
		method: 'GET',
		path: `${phoneNumberId}/whatsapp_business_encryption`,
		itemIndex,
	})) as IDataObject;
	const entry = (Array.isArray(response.data) ? response.data[0] : undefined) as IDataObject | undefined;
	const key = typeof entry?.business_public_key === 'string' && entry.business_public_key.trim() !== '' ? entry.business_public_key : null;
	return [
		{
			json: {
				phoneNumberId,
				businessPublicKey: key,
				signatureStatus: (entry?.business_public_key_signature_status as string | undefined) ?? null,
			},
		},
	];
}
