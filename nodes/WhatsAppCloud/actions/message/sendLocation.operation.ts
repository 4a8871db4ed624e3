import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { SendingSession } from '../../sending/retry';
import { sendMessage } from '../../sending/sendMessage';
import { sendLocationInput } from '../../validation/schemas';
import { defineInput, type InputDefinition } from '../../validation/validateInput';
import { getPhoneNumberId, recipientParameter, replyToOption, optionsCollection } from '../parameters';

export const description: INodeProperties[] = [
	recipientParameter(),
	{
		displayName: 'Latitude',
		name: 'latitude',
		type: 'number',
		default: 0,
		required: true,
		typeOptions: { numberPrecision: 7, minValue: -90, maxValue: 90 },
		description: 'In decimal degrees, -90 to 90 (e.g. 51.5072)',
	},
	{
		displayName: 'Longitude',
		name: 'longitude',
		type: 'number',
		default: 0,
		required: true,
		typeOptions: { numberPrecision: 7, minValue: -180, maxValue: 180 },
		description: 'In decimal degrees, -180 to 180 (e.g. -0.1276)',
	},
	{
		displayName: 'Location Name',
		name: 'locationName',
		type: 'string',
		default: '',
		placeholder: 'Head office',
	},
	{
		displayName: 'Address',
		name: 'address',
		type: 'string',
		default: '',
		placeholder: '1 Main Street, London',
	},
	optionsCollection([replyToOption]),
];

const sendLocationInputCheck = defineInput('message.sendLocation', sendLocationInput, description);

export const inputs: InputDefinition[] = [sendLocationInputCheck];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	sending?: SendingSession,
): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const input = sendLocationInputCheck.parse(
		this.getNode(),
		{
			to: this.getNodeParameter('to', itemIndex),
			latitude: this.getNodeParameter('latitude', itemIndex),
			longitude: this.getNodeParameter('longitude', itemIndex),
			locationName: this.getNodeParameter('locationName', itemIndex, ''),
			address: this.getNodeParameter('address', itemIndex, ''),
			replyTo: options.replyTo,
		},
		itemIndex,
	);
	const phoneNumberId = getPhoneNumberId.call(this, itemIndex);

	const location: IDataObject = { latitude: input.latitude, longitude: input.longitude };
	if (input.locationName) location.name = input.locationName;
	if (input.address) location.address = input.address;
	const json = await sendMessage.call(
		this,
		itemIndex,
		phoneNumberId,
		{
			to: input.to,
			type: 'location',
			content: location,
			replyTo: input.replyTo,
		},
		sending,
	);
	return [{ json }];
}
