import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { DATA_LOCALIZATION_REGIONS, registerInput } from '../../validation/schemas/account';
import { defineInput, type InputDefinition } from '../../validation/validateInput';
import { postForItem } from '../graphItem';
import { accountPhoneNumberParameter, readPhoneNumberId } from './locator';
import { pinParameter } from './pin';

export const description: INodeProperties[] = [
	pinParameter(
		'The two-step verification PIN of the number. For a number without two-step verification this sets it; for one that has it, enter the existing PIN.',
	),
	{
		displayName: 'Data Localization Region',
		name: 'dataLocalizationRegion',
		type: 'options',
		default: '',
		description:
			'Optional: store message data at rest only in this country (Local Storage). Leave "None" unless your business must keep data in-country.',
		options: [
			{ name: 'None', value: '' },
			...DATA_LOCALIZATION_REGIONS.map(([value, name]) => ({ name: `${name} (${value})`, value })),
		],
	},
];

const registerInputCheck = defineInput('phoneNumber.register', registerInput, [
	accountPhoneNumberParameter(),
	...description,
]);

export const inputs: InputDefinition[] = [registerInputCheck];

/** POST /{Phone-Number-ID}/register with the PIN: the number can then send and receive. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const input = registerInputCheck.parse(
		this.getNode(),
		{
			phoneNumberId: readPhoneNumberId.call(this, itemIndex),
			pin: this.getNodeParameter('pin', itemIndex, ''),
			dataLocalizationRegion: this.getNodeParameter('dataLocalizationRegion', itemIndex, ''),
		},
		itemIndex,
	);
	const body: IDataObject = { messaging_product: 'whatsapp', pin: input.pin };
	if (input.dataLocalizationRegion) body.data_localization_region = input.dataLocalizationRegion;
	return await postForItem.call(
		this,
		itemIndex,
		`${input.phoneNumberId}/register`,
		body,
		(response) => ({
			phoneNumberId: input.phoneNumberId,
			registered: response.success === true,
			...(input.dataLocalizationRegion ? { dataLocalizationRegion: input.dataLocalizationRegion } : {}),
		}),
	);
}
