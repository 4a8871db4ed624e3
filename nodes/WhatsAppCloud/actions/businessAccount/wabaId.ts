import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { z } from 'zod';

import { validateInput } from '../../helpers/limits';
import { graphIdSchema } from '../../helpers/schemas/account';
import { graphCredentials } from '../../transport';

export const BUSINESS_ACCOUNT_LABEL = 'WhatsApp Business Account ID';

/** Optional WABA ID; empty means the one in the credential. */
export function businessAccountIdParameter(resource: string, operations?: string[]): INodeProperties {
	return {
		displayName: BUSINESS_ACCOUNT_LABEL,
		name: 'businessAccountId',
		type: 'string',
		default: '',
		placeholder: 'From the credential',
		description:
			"The WhatsApp Business Account (WABA) to act on. Leave empty to use the WhatsApp Business Account ID of the credential. Find it in WhatsApp Manager → Account tools, or App Dashboard → WhatsApp → API Setup.",
		displayOptions: { show: { resource: [resource], ...(operations ? { operation: operations } : {}) } },
	};
}

/**
 * The WABA ID for this item: the parameter if filled, else the credential's. Returned as typed
 * so the operation's schema reports a malformed value with the parameter's label.
 */
export async function resolveBusinessAccountId(this: IExecuteFunctions, itemIndex: number): Promise<string> {
	const given = String(this.getNodeParameter('businessAccountId', itemIndex, '') ?? '').trim();
	if (given) return given;
	const credentials = await graphCredentials.call(this, itemIndex);
	const fromCredential = (credentials.businessAccountId ?? '').trim();
	if (!fromCredential) {
		throw new NodeOperationError(
			this.getNode(),
			`"${BUSINESS_ACCOUNT_LABEL}" is empty and the credential has none either: enter the WABA ID here or add it to the credential (item ${itemIndex + 1})`,
			{ itemIndex },
		);
	}
	return fromCredential;
}

/** The WABA ID for this item (see resolveBusinessAccountId), checked to be a Graph ID. */
export async function getBusinessAccountId(this: IExecuteFunctions, itemIndex: number): Promise<string> {
	const { businessAccountId } = validateInput(
		this.getNode(),
		z.object({ businessAccountId: graphIdSchema }),
		{ businessAccountId: await resolveBusinessAccountId.call(this, itemIndex) },
		{ businessAccountId: BUSINESS_ACCOUNT_LABEL },
		itemIndex,
	);
	return businessAccountId;
}
