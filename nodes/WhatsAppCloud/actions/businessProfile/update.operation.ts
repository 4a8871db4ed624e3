import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { LIMITS } from '../../helpers/limits';
import { defineInput } from '../../helpers/validate';
import { BUSINESS_VERTICALS, businessProfileUpdateInput } from '../../helpers/schemas/account';
import { graphRequest } from '../../transport';
import { accountPhoneNumberParameter, readPhoneNumberId } from '../phoneNumber/locator';

export const description: INodeProperties[] = [
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: [
			{
				displayName: 'About',
				name: 'about',
				type: 'string',
				default: '',
				description: `The "About" text under the business name, 1 to ${LIMITS.profileAbout} characters`,
			},
			{
				displayName: 'Address',
				name: 'address',
				type: 'string',
				default: '',
				description: `Up to ${LIMITS.profileAddress} characters`,
			},
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
				description: `Up to ${LIMITS.profileDescription} characters`,
			},
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description: `Contact email, up to ${LIMITS.profileEmail} characters`,
			},
			{
				displayName: 'Industry',
				name: 'vertical',
				type: 'options',
				default: 'OTHER',
				options: BUSINESS_VERTICALS.map(([value, name]) => ({ name, value })),
				description: 'The business category shown on the profile',
			},
			{
				displayName: 'Profile Photo Handle',
				name: 'profilePictureHandle',
				type: 'string',
				default: '',
				placeholder: '4::aW1hZ2UvanBlZw==:ARa…',
				description: 'Handle of the new profile photo, uploaded with the Resumable Upload API',
			},
			{
				displayName: 'Websites',
				name: 'websites',
				type: 'string',
				typeOptions: { multipleValues: true },
				default: [],
				placeholder: 'https://www.example.com',
				description: `Up to ${LIMITS.profileWebsites} URLs starting with http:// or https://. The list replaces the current websites.`,
			},
		],
	},
];

function asWebsites(value: unknown): string[] | undefined {
	if (value === undefined) return undefined;
	const list = Array.isArray(value) ? value : [value];
	return list
		.flatMap((entry) => (typeof entry === 'string' ? entry.split(/[\n,]+/) : [String(entry)]))
		.map((url) => url.trim())
		.filter(Boolean);
}

const businessProfileUpdateInputCheck = defineInput('businessProfile.update', businessProfileUpdateInput, [
	accountPhoneNumberParameter(),
	...description,
]);

/** POST /{Phone-Number-ID}/whatsapp_business_profile with only the fields given. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const input = businessProfileUpdateInputCheck.parse(
		this.getNode(),
		{
			phoneNumberId: readPhoneNumberId.call(this, itemIndex),
			about: fields.about,
			address: fields.address,
			description: fields.description,
			email: fields.email,
			vertical: fields.vertical,
			profilePictureHandle: fields.profilePictureHandle,
			websites: asWebsites(fields.websites),
		},
		itemIndex,
	);
	const body: IDataObject = { messaging_product: 'whatsapp' };
	if (input.about !== undefined) body.about = input.about;
	if (input.address !== undefined) body.address = input.address;
	if (input.description !== undefined) body.description = input.description;
	if (input.email !== undefined) body.email = input.email;
	if (input.vertical !== undefined) body.vertical = input.vertical;
	if (input.websites !== undefined) body.websites = input.websites;
	if (input.profilePictureHandle !== undefined) body.profile_picture_handle = input.profilePictureHandle;
	const response = (await graphRequest.call(this, {
		method: 'POST',
		path: `${input.phoneNumberId}/whatsapp_business_profile`,
		body,
		itemIndex,
	})) as IDataObject;
	return [
		{
			json: {
				...response,
				phoneNumberId: input.phoneNumberId,
				updated: Object.keys(body).filter((key) => key !== 'messaging_product'),
			},
		},
	];
}
