import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { returnAllParameters } from '../common';
import { validateInput } from '../../helpers/limits';
import { graphIdSchema, pagingSchema, phoneNumberFieldsSchema } from '../../helpers/schemas/account';
import { BUSINESS_ACCOUNT_LABEL, businessAccountIdParameter, resolveBusinessAccountId } from '../businessAccount/wabaId';
import { FIELDS_LABEL, phoneNumberFieldsParameter } from './fields';
import { collectPages } from './paging';

const show = { resource: ['phoneNumber'], operation: ['getAll'] };

export const description: INodeProperties[] = [
	businessAccountIdParameter('phoneNumber', ['getAll']),
	...returnAllParameters(show),
	phoneNumberFieldsParameter(['getAll']),
];

const getAllInput = pagingSchema.extend({ businessAccountId: graphIdSchema, fields: phoneNumberFieldsSchema });

/** GET /{WABA-ID}/phone_numbers, following the `after` cursor; one item per number. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const input = validateInput(
		this.getNode(),
		getAllInput,
		{
			businessAccountId: await resolveBusinessAccountId.call(this, itemIndex),
			fields: this.getNodeParameter('fields', itemIndex, []),
			returnAll,
			limit: returnAll ? 1 : this.getNodeParameter('limit', itemIndex, 50),
		},
		{ businessAccountId: BUSINESS_ACCOUNT_LABEL, fields: FIELDS_LABEL, limit: 'Limit', returnAll: 'Return All' },
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
