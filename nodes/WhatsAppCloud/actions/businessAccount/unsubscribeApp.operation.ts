import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { validateInput } from '../../helpers/limits';
import { graphIdSchema } from '../../helpers/schemas/account';
import { graphRequest } from '../../transport';
import { BUSINESS_ACCOUNT_LABEL, resolveBusinessAccountId } from './wabaId';

export const description: INodeProperties[] = [
	{
		displayName: "After this, the token's app no longer receives this WhatsApp Business Account's webhooks",
		name: 'unsubscribeNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['businessAccount'], operation: ['unsubscribeApp'] } },
	},
];

/** DELETE /{WABA-ID}/subscribed_apps: unsubscribes the token's app. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const { businessAccountId } = validateInput(
		this.getNode(),
		z.object({ businessAccountId: graphIdSchema }),
		{ businessAccountId: await resolveBusinessAccountId.call(this, itemIndex) },
		{ businessAccountId: BUSINESS_ACCOUNT_LABEL },
		itemIndex,
	);
	const response = (await graphRequest.call(this, {
		method: 'DELETE',
		path: `${businessAccountId}/subscribed_apps`,
		itemIndex,
	})) as IDataObject;
	return [{ json: { ...response, businessAccountId, unsubscribed: response.success === true } }];
}
