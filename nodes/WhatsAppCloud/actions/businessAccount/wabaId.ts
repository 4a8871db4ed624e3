import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readCredentials } from '../../../shared/credentials';
import { resolveWabaId, WABA_FIELD_LABEL } from '../../../shared/waba';

/** Optional WABA ID; empty means the one in the credential. Every operation that takes a WABA shows it. */
export function businessAccountIdParameter(): INodeProperties {
	return {
		displayName: WABA_FIELD_LABEL,
		name: 'businessAccountId',
		type: 'string',
		default: '',
		placeholder: 'From the credential',
		description:
			'The WhatsApp Business Account (WABA) to act on. Leave empty to use the WhatsApp Business Account ID of the credential. Find it in WhatsApp Manager → Account tools, or App Dashboard → WhatsApp → API Setup.',
	};
}

/**
 * The WABA ID for this item: the node's "WhatsApp Business Account ID" if filled, else the
 * credential's (nodes/shared/waba.ts), or an error that says where to put one.
 */
export async function getBusinessAccountId(
	this: IExecuteFunctions,
	itemIndex: number,
	purpose = 'there is no account to act on',
): Promise<string> {
	const override = this.getNodeParameter('businessAccountId', itemIndex, '') as unknown;
	const credentials = await readCredentials(this, itemIndex);
	const resolved = resolveWabaId(override ?? '', credentials.businessAccountId, purpose);
	if ('problem' in resolved) {
		throw new NodeOperationError(this.getNode(), `${resolved.problem} (item ${itemIndex + 1})`, { itemIndex });
	}
	return resolved.wabaId;
}
