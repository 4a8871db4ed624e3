import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { getPhoneNumberId, recipientParameter, replyToOption } from '../common';
import { validateInput } from '../../helpers/limits';
import { sendLocationInput, sendLocationLabels } from '../../helpers/schemas';
import { sendMessage } from './sendResult';

const OPERATION = 'sendLocation';
const show = { resource: ['message'], operation: [OPERATION] };

export const description: INodeProperties[] = [
	recipientParameter([OPERATION]),
	{
		displayName: 'Latitude',
		name: 'latitude',
		type: 'number',
		default: 0,
		required: true,
		typeOptions: { numberPrecision: 7, minValue: -90, maxValue: 90 },
		description: 'In decimal degrees, -90 to 90 (e.g. 51.5072)',
		displayOptions: { show },
	},
	{
		displayName: 'Longitude',
		name: 'longitude',
		type: 'number',
		default: 0,
		required: true,
		typeOptions: { numberPrecision: 7, minValue: -180, maxValue: 180 },
		description: 'In decimal degrees, -180 to 180 (e.g. -0.1276)',
		displayOptions: { show },
	},
	{
		displayName: 'Location Name',
		name: 'locationName',
		type: 'string',
		default: '',
		placeholder: 'Head office',
		displayOptions: { show },
	},
	{
		displayName: 'Address',
		name: 'address',
		type: 'string',
		default: '',
		placeholder: '1 Main Street, London',
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show },
		options: [replyToOption],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const input = validateInput(
		this.getNode(),
		sendLocationInput,
		{
			to: this.getNodeParameter('to', itemIndex),
			latitude: this.getNodeParameter('latitude', itemIndex),
			longitude: this.getNodeParameter('longitude', itemIndex),
			name: this.getNodeParameter('locationName', itemIndex, ''),
			address: this.getNodeParameter('address', itemIndex, ''),
			replyTo: options.replyTo,
		},
		sendLocationLabels,
		itemIndex,
	);
	const phoneNumberId = getPhoneNumberId.call(this, itemIndex);

	const location: IDataObject = { latitude: input.latitude, longitude: input.longitude };
	if (input.name) location.name = input.name;
	if (input.address) location.address = input.address;
	const json = await sendMessage.call(this, itemIndex, phoneNumberId, {
		to: input.to,
		type: 'location',
		content: location,
		replyTo: input.replyTo,
	});
	return [{ json }];
}
