import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { uploadForHandle } from '../../../shared/transport/resumableUpload';
import { readBinaryForHandle } from '../../media/binaryFiles';
import { requireLabel } from '../../validation/labels';
import { LIMITS } from '../../validation/limits';
import { BUSINESS_VERTICALS, businessProfileUpdateInput } from '../../validation/schemas/account';
import { defineInput, type InputDefinition } from '../../validation/validateInput';
import { postForItem } from '../graphItem';
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
				displayName: 'Profile Photo (Binary Field)',
				name: 'profilePictureBinary',
				type: 'string',
				default: 'data',
				placeholder: 'data',
				description:
					"The input binary field holding the new profile photo (JPEG or PNG, up to 5 MB, square, 640×640 recommended). It is uploaded first through Meta's Resumable Upload API (needs the credential's App ID).",
			},
			{
				displayName: 'Profile Photo Handle',
				name: 'profilePictureHandle',
				type: 'string',
				default: '',
				placeholder: '4::aW1hZ2UvanBlZw==:ARa…',
				description:
					'Handle of the new profile photo, e.g. from Media → Upload for a template or profile photo. Or use Profile Photo (Binary Field).',
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

const PHOTO_BINARY_LABEL = requireLabel(description, ['updateFields', 'profilePictureBinary']);

/** The photo's handle: uploaded from the binary field first, when one is named. */
async function photoHandle(this: IExecuteFunctions, itemIndex: number, fields: IDataObject): Promise<unknown> {
	const property = typeof fields.profilePictureBinary === 'string' ? fields.profilePictureBinary.trim() : undefined;
	if (property === undefined) return fields.profilePictureHandle;
	if (fields.profilePictureHandle !== undefined) {
		throw new NodeOperationError(
			this.getNode(),
			`"${PHOTO_BINARY_LABEL}" and "Profile Photo Handle" are both set: keep one (item ${itemIndex + 1})`,
			{ itemIndex },
		);
	}
	const file = await readBinaryForHandle.call(this, itemIndex, property, PHOTO_BINARY_LABEL, 'profilePhoto');
	return (await uploadForHandle.call(this, file, itemIndex)).handle;
}

export const inputs: InputDefinition[] = [businessProfileUpdateInputCheck];

/** POST /{Phone-Number-ID}/whatsapp_business_profile with only the fields given. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	// Checked without the photo first, so nothing is uploaded for a profile Meta would refuse.
	const read = (profilePictureHandle: unknown) =>
		businessProfileUpdateInputCheck.parse(
			this.getNode(),
			{
				phoneNumberId: readPhoneNumberId.call(this, itemIndex),
				about: fields.about,
				address: fields.address,
				description: fields.description,
				email: fields.email,
				vertical: fields.vertical,
				profilePictureHandle,
				websites: asWebsites(fields.websites),
			},
			itemIndex,
		);
	const photoFromBinary = typeof fields.profilePictureBinary === 'string';
	if (photoFromBinary) read('4::pending-upload');
	const input = read(photoFromBinary ? await photoHandle.call(this, itemIndex, fields) : fields.profilePictureHandle);
	const body: IDataObject = { messaging_product: 'whatsapp' };
	if (input.about !== undefined) body.about = input.about;
	if (input.address !== undefined) body.address = input.address;
	if (input.description !== undefined) body.description = input.description;
	if (input.email !== undefined) body.email = input.email;
	if (input.vertical !== undefined) body.vertical = input.vertical;
	if (input.websites !== undefined) body.websites = input.websites;
	if (input.profilePictureHandle !== undefined) body.profile_picture_handle = input.profilePictureHandle;
	return await postForItem.call(
		this,
		itemIndex,
		`${input.phoneNumberId}/whatsapp_business_profile`,
		body,
		() => ({
			phoneNumberId: input.phoneNumberId,
			updated: Object.keys(body).filter((key) => key !== 'messaging_product'),
		}),
	);
}
