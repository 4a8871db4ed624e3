import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { graphRequest } from '../../../shared/transport/graphRequest';
import type { InputDefinition } from '../../validation/validateInput';
import { getBusinessAccountId } from './wabaId';

export const description: INodeProperties[] = [
	{
		displayName: "After this, the token's app no longer receives this WhatsApp Business Account's webhooks",
		name: 'unsubscribeNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['businessAccount'], operation: ['unsubscribeApp'] } },
	},
];

/** Nothing to check before the request. */
export const inputs: readonly InputDefinition[] = [];

/** DELETE /{WABA-ID}/subscribed_apps: unsubscribes the token's app. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const businessAccountId = await getBusinessAccountId.call(this, itemIndex);
	const response = (await graphRequest.call(this, {
		method: 'DELETE',
		path: `${businessAccountId}/subscribed_apps`,
		itemIndex,
	})) as IDataObject;
	return [{ json: { ...response, businessAccountId, unsubscribed: response.success === true } }];
}
