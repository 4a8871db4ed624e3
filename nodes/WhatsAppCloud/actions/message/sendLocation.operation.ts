import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/optionsCollection';
import { sendLocationInput } from '../../validation/schemas';
import { defineInput } from '../../validation/validateInput';
import { recipientParameter, replyToOption } from '../parameters';
import { sendOperation } from './sendOperation';

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

export const { inputs, execute } = sendOperation(
	sendLocationInputCheck,
	function (itemIndex) {
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		return {
			to: this.getNodeParameter('to', itemIndex),
			latitude: this.getNodeParameter('latitude', itemIndex),
			longitude: this.getNodeParameter('longitude', itemIndex),
			locationName: this.getNodeParameter('locationName', itemIndex, ''),
			address: this.getNodeParameter('address', itemIndex, ''),
			replyTo: options.replyTo,
		};
	},
	(input) => {
		const location: IDataObject = { latitude: input.latitude, longitude: input.longitude };
		if (input.locationName) location.name = input.locationName;
		if (input.address) location.address = input.address;
		return { message: { to: input.to, type: 'location', content: location, replyTo: input.replyTo } };
	},
);
