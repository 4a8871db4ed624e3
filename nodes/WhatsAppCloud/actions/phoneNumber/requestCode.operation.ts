import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { defineInput } from '../../validation/validateInput';
import { requestCodeInput } from '../../validation/schemas/account';
import { graphRequest } from '../../../shared/transport/graphRequest';
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
	const response = (await graphRequest.call(this, {
		method: 'POST',
		path: `${input.phoneNumberId}/request_code`,
		body: { code_method: input.codeMethod, language: input.language },
		itemIndex,
	})) as IDataObject;
	return [
		{
			json: {
				...response,
				phoneNumberId: input.phoneNumberId,
				codeMethod: input.codeMethod,
				language: input.language,
				codeSent: response.success === true,
			},
		},
	];
}
