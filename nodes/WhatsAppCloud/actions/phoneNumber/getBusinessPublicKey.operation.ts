import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readBusinessPublicKey } from './businessPublicKey';
import { phoneNumberOnlyInput } from './locator';

const readNumber = phoneNumberOnlyInput('phoneNumber.getBusinessPublicKey');

export const description: INodeProperties[] = [];
export const inputs = readNumber.inputs;

/** GET /{Phone-Number-ID}/whatsapp_business_encryption: the Flow endpoint key and whether Meta's signature of it checks out (VALID / MISMATCH). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	return [{ json: await readBusinessPublicKey.call(this, readNumber.call(this, itemIndex), itemIndex) }];
}
