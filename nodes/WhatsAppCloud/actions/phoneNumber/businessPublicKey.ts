import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { graphRequest } from '../../../shared/transport/graphRequest';

/** The Graph edge of a number's Flow endpoint key (Meta, "Flows encryption"). */
export const ENCRYPTION_EDGE = 'whatsapp_business_encryption';

/**
 * The number's current key as an item: Meta answers `{data: [{business_public_key,
 * business_public_key_signature_status}]}`, with a blank key and MISMATCH when none is set.
 */
export async function readBusinessPublicKey(this: IExecuteFunctions, phoneNumberId: string, itemIndex: number): Promise<IDataObject> {
	const response = (await graphRequest.call(this, { method: 'GET', path: `${phoneNumberId}/${ENCRYPTION_EDGE}`, itemIndex })) as IDataObject;
	const entry = (Array.isArray(response.data) ? response.data[0] : undefined) as IDataObject | undefined;
	const key = entry?.business_public_key;
	const status = entry?.business_public_key_signature_status;
	return {
		phoneNumberId,
		businessPublicKey: typeof key === 'string' && key.trim() !== '' ? key : null,
		signatureStatus: typeof status === 'string' ? status : null,
	};
}
