import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { graphIdSchema, pagingSchema } from '../../validation/schemas/account';
import { defineInput, type InputDefinition } from '../../validation/validateInput';
import { returnAllParameters } from '../parameters';
import { accountPhoneNumberParameter, readPhoneNumberId } from '../phoneNumber/locator';
import { collectPages } from '../phoneNumber/paging';

export const description: INodeProperties[] = [...returnAllParameters()];

const input = defineInput('contact.getBlocked', pagingSchema.extend({ phoneNumberId: graphIdSchema }), [
	accountPhoneNumberParameter(),
	...description,
]);

export const inputs: InputDefinition[] = [input];

/** GET /{Phone-Number-ID}/block_users, following the `after` cursor; one item per blocked user. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const { phoneNumberId, ...paging } = input.parse(
		this.getNode(),
		{
			phoneNumberId: readPhoneNumberId.call(this, itemIndex),
			returnAll,
			limit: returnAll ? 1 : this.getNodeParameter('limit', itemIndex, 50),
		},
		itemIndex,
	);
	const users = await collectPages.call(this, {
		path: `${phoneNumberId}/block_users`,
		qs: {},
		itemIndex,
		...paging,
	});
	return users.map((user: IDataObject) => ({ json: { phoneNumberId, waId: user.wa_id ?? null } }));
}
