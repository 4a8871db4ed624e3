import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requestCodeInput } from '../../validation/schemas/account';
import { defineInput, type InputDefinition } from '../../validation/validateInput';
import { postForItem } from '../graphItem';
import { accountPhoneNumberParameter, readPhoneNumberId } from './locator';

export const description: INodeProperties[] = [
	{
		displayName: 'Send Code By',
		name: 'codeMethod',
		type: 'options',
		default: 'SMS',
		options: [
			{ name: 'SMS', value: 'SMS' },
			{ name: 'Voice Call', value: 'VOICE' },
		],
		description: 'How Meta delivers the verification code to the phone number',
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'string',
		default: 'en_US',
		required: true,
		placeholder: 'en_US',
		description: 'Language and region of the SMS or call, like en_US, es_ES or pt_BR',
	},
];

const requestCodeInputCheck = defineInput('phoneNumber.requestCode', requestCodeInput, [
	accountPhoneNumberParameter(),
	...description,
]);

export const inputs: InputDefinition[] = [requestCodeInputCheck];

/** POST /{Phone-Number-ID}/request_code: Meta sends a 6-digit code by SMS or voice call. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const input = requestCodeInputCheck.parse(
		this.getNode(),
		{
			phoneNumberId: readPhoneNumberId.call(this, itemIndex),
			codeMethod: this.getNodeParameter('codeMethod', itemIndex, 'SMS'),
			language: this.getNodeParameter('language', itemIndex, ''),
		},
		itemIndex,
	);
	return await postForItem.call(
		this,
		itemIndex,
		`${input.phoneNumberId}/request_code`,
		{ code_method: input.codeMethod, language: input.language },
		(response) => ({
			phoneNumberId: input.phoneNumberId,
			codeMethod: input.codeMethod,
			language: input.language,
			codeSent: response.success === true,
		}),
	);
}
