import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { graphIdSchema, pagingSchema, phoneNumberFieldsSchema } from '../../validation/schemas/account';
import { defineInput, type InputDefinition } from '../../validation/validateInput';
import { businessAccountIdParameter, getBusinessAccountId } from '../businessAccount/wabaId';
import { returnAllParameters } from '../parameters';
import { phoneNumberFieldsParameter } from './fields';
import { collectPages } from './paging';

export const description: INodeProperties[] = [
	businessAccountIdParameter(),
	...returnAllParameters(),
	phoneNumberFieldsParameter(),
];

const getAllInput = defineInput(
	'phoneNumber.getAll',
	pagingSchema.extend({ businessAccountId: graphIdSchema, fields: phoneNumberFieldsSchema }),
	description,
);

export const inputs: InputDefinition[] = [getAllInput];

/** GET /{WABA-ID}/phone_numbers, following the `after` cursor; one item per number. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const input = getAllInput.parse(
		this.getNode(),
		{
			businessAccountId: await getBusinessAccountId.call(this, itemIndex),
			fields: this.getNodeParameter('fields', itemIndex, []),
			returnAll,
			limit: returnAll ? 1 : this.getNodeParameter('limit', itemIndex, 50),
		},
		itemIndex,
	);
	const numbers = await collectPages.call(this, {
		path: `${input.businessAccountId}/phone_numbers`,
		qs: { fields: input.fields.join(',') },
		itemIndex,
		returnAll: input.returnAll,
		limit: input.limit,
	});
	return numbers.map((json: IDataObject) => ({ json }));
}
