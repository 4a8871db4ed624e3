import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { graphRequest } from '../../../shared/transport/graphRequest';
import { graphIdSchema, phoneNumberFieldsSchema } from '../../validation/schemas/account';
import { defineInput, type InputDefinition } from '../../validation/validateInput';
import { phoneNumberFieldsParameter } from './fields';
import { accountPhoneNumberParameter, readPhoneNumberId } from './locator';

export const description: INodeProperties[] = [phoneNumberFieldsParameter()];

const input = z.object({ phoneNumberId: graphIdSchema, fields: phoneNumberFieldsSchema });

const inputCheck = defineInput('phoneNumber.get', input, [accountPhoneNumberParameter(), ...description]);

export const inputs: InputDefinition[] = [inputCheck];

/** GET /{Phone-Number-ID}?fields=… — quality, limits, verification and registration state. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const { phoneNumberId, fields } = inputCheck.parse(
		this.getNode(),
		{ phoneNumberId: readPhoneNumberId.call(this, itemIndex), fields: this.getNodeParameter('fields', itemIndex, []) },
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
