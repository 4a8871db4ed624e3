import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { LIMITS } from '../../validation/limits';
import { verifyCodeInput } from '../../validation/schemas/account';
import { defineInput, type InputDefinition } from '../../validation/validateInput';
import { postForItem } from '../graphItem';
import { accountPhoneNumberParameter, readPhoneNumberId } from './locator';

export const description: INodeProperties[] = [
	{
		displayName: 'Verification Code',
		name: 'code',
		type: 'string',
		default: '',
		required: true,
		placeholder: '123456',
		description: `The ${LIMITS.verificationCodeDigits}-digit code received by SMS or voice call after "Request Verification Code". Spaces and dashes are ignored.`,
	},
];

const verifyCodeInputCheck = defineInput('phoneNumber.verifyCode', verifyCodeInput, [
	accountPhoneNumberParameter(),
	...description,
]);

export const inputs: InputDefinition[] = [verifyCodeInputCheck];

/** POST /{Phone-Number-ID}/verify_code with the code. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const input = verifyCodeInputCheck.parse(
		this.getNode(),
		{
			phoneNumberId: readPhoneNumberId.call(this, itemIndex),
			code: String(this.getNodeParameter('code', itemIndex, '')),
		},
		itemIndex,
	);
	return await postForItem.call(
		this,
		itemIndex,
		`${input.phoneNumberId}/verify_code`,
		{ code: input.code },
		(response) => ({
			phoneNumberId: input.phoneNumberId,
			verified: response.success === true,
		}),
	);
}
