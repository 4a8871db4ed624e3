import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { validateInput } from '../../helpers/limits';
import { graphIdSchema, phoneNumberFieldsSchema } from '../../helpers/schemas/account';
import { graphRequest } from '../../transport';
import { FIELDS_LABEL, phoneNumberFieldsParameter } from './fields';
import { PHONE_NUMBER_LABEL, readPhoneNumberId } from './locator';
import { z } from 'zod';

export const description: INodeProperties[] = [phoneNumberFieldsParameter(['get'])];

const input = z.object({ phoneNumberId: graphIdSchema, fields: phoneNumberFieldsSchema });

/** GET /{Phone-Number-ID}?fields=… — quality, limits, verification and registration state. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const { phoneNumberId, fields } = validateInput(
		this.getNode(),
		input,
		{ phoneNumberId: readPhoneNumberId.call(this, itemIndex), fields: this.getNodeParameter('fields', itemIndex, []) },
		{ phoneNumberId: PHONE_NUMBER_LABEL, fields: FIELDS_LABEL },
		itemIndex,
	);
	const response = await graphRequest.call(this, {
		method: 'GET',
		path: phoneNumberId,
		qs: { fields: fields.join(',') },
		itemIndex,
	});
	return [{ json: response as IDataObject }];
}
