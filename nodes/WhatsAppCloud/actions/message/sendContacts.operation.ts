import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/optionsCollection';
import { LIMITS } from '../../validation/limits';
import { sendContactsInput, type ContactCardInput } from '../../validation/schemas';
import { defineInput } from '../../validation/validateInput';
import { recipientParameter, replyToOption } from '../parameters';
import { sendOperation } from './sendOperation';

const typeField = (displayName: string): INodeProperties => ({
	displayName,
	name: 'type',
	type: 'options',
	default: '',
	options: [
		{ name: '—', value: '' },
		{ name: 'Home', value: 'HOME' },
		{ name: 'Work', value: 'WORK' },
	],
});

const phoneValues: INodeProperties[] = [
	{ displayName: 'Phone Number', name: 'phone', type: 'string', default: '', placeholder: '+1 555 123 4567' },
	typeField('Phone Type'),
	{
		displayName: 'WhatsApp ID',
		name: 'waId',
		type: 'string',
		default: '',
		description:
			'The number as digits with country code, if it uses WhatsApp: adds "Message" and "Call" buttons to the card',
	},
];

const addressValues: INodeProperties[] = [
	{ displayName: 'Street', name: 'street', type: 'string', default: '' },
	{ displayName: 'City', name: 'city', type: 'string', default: '' },
	{ displayName: 'State', name: 'state', type: 'string', default: '' },
	{ displayName: 'ZIP Code', name: 'zip', type: 'string', default: '' },
	{ displayName: 'Country', name: 'country', type: 'string', default: '' },
	{
		displayName: 'Country Code',
		name: 'countryCode',
		type: 'string',
		default: '',
		placeholder: 'US',
		description: 'Two-letter ISO code',
	},
	typeField('Address Type'),
];

/** A repeatable group of fields inside a contact card. */
const group = (
	displayName: string,
	name: string,
	itemName: string,
	itemDisplayName: string,
	values: INodeProperties[],
): INodeProperties => ({
	displayName,
	name,
	type: 'fixedCollection',
	placeholder: `Add ${itemDisplayName}`,
	typeOptions: { multipleValues: true },
	default: {},
	options: [{ displayName: itemDisplayName, name: itemName, values }],
});

export const description: INodeProperties[] = [
	recipientParameter(),
	{
		displayName: 'Contacts',
		name: 'contacts',
		type: 'fixedCollection',
		placeholder: 'Add Contact Card',
		typeOptions: { multipleValues: true },
		default: {},
		required: true,
		description: `1 to ${LIMITS.contactCards} contact cards the recipient can save or message. Each needs a Formatted Name and a First or Last Name.`,
		options: [
			{
				displayName: 'Contact Card',
				name: 'contact',
				values: [
					{
						displayName: 'Formatted Name',
						name: 'formattedName',
						type: 'string',
						default: '',
						placeholder: 'Dr. Ana Silva',
						description: 'The full name as it should appear on the card (required)',
					},
					{
						displayName: 'Additional Fields',
						name: 'additionalFields',
						type: 'collection',
						placeholder: 'Add Field',
						default: {},
						options: [
							{
								displayName: 'Birthday',
								name: 'birthday',
								type: 'string',
								default: '',
								placeholder: '1990-04-23',
								description: 'Written YYYY-MM-DD',
							},
							{ displayName: 'Company', name: 'company', type: 'string', default: '' },
							{ displayName: 'Department', name: 'department', type: 'string', default: '' },
							{ displayName: 'Job Title', name: 'title', type: 'string', default: '' },
							{ displayName: 'Middle Name', name: 'middleName', type: 'string', default: '' },
							{ displayName: 'Name Prefix', name: 'prefix', type: 'string', default: '', placeholder: 'Dr.' },
							{ displayName: 'Name Suffix', name: 'suffix', type: 'string', default: '', placeholder: 'Jr.' },
						],
					},
					group('Addresses', 'addresses', 'address', 'Address', addressValues),
					group('Emails', 'emails', 'email', 'Email', [
						{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
						typeField('Email Type'),
					]),
					{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
					{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
					group('Phone Numbers', 'phones', 'phone', 'Phone Number', phoneValues),
					group('URLs', 'urls', 'url', 'URL', [
						{ displayName: 'URL', name: 'url', type: 'string', default: '', placeholder: 'https://example.com' },
						typeField('URL Type'),
					]),
				],
			},
		],
	},
	optionsCollection([replyToOption]),
];

const entries = (collection: unknown, key: string): IDataObject[] =>
	((collection as IDataObject | undefined)?.[key] as IDataObject[] | undefined) ?? [];

/** One card as the user filled it in, in the schema's shape. */
function cardInput(card: IDataObject): IDataObject {
	const extra = (card.additionalFields as IDataObject | undefined) ?? {};
	return {
		formattedName: card.formattedName ?? '',
		firstName: card.firstName,
		lastName: card.lastName,
		...extra,
		phones: entries(card.phones, 'phone'),
		emails: entries(card.emails, 'email'),
		urls: entries(card.urls, 'url'),
		addresses: entries(card.addresses, 'address'),
	};
}

const withType = <T extends IDataObject>(value: T, type: string | undefined): T => (type ? { ...value, type } : value);

/** A validated card in Meta's contact object format. */
function contactBody(card: ContactCardInput): IDataObject {
	const name: IDataObject = { formatted_name: card.formattedName };
	if (card.firstName) name.first_name = card.firstName;
	if (card.lastName) name.last_name = card.lastName;
	if (card.middleName) name.middle_name = card.middleName;
	if (card.prefix) name.prefix = card.prefix;
	if (card.suffix) name.suffix = card.suffix;
	const contact: IDataObject = { name };
	const org: IDataObject = {};
	if (card.company) org.company = card.company;
	if (card.department) org.department = card.department;
	if (card.title) org.title = card.title;
	if (Object.keys(org).length) contact.org = org;
	if (card.birthday) contact.birthday = card.birthday;
	if (card.phones.length) {
		contact.phones = card.phones.map((p) => withType({ phone: p.phone, ...(p.waId ? { wa_id: p.waId } : {}) }, p.type));
	}
	if (card.emails.length) contact.emails = card.emails.map((e) => withType({ email: e.email }, e.type));
	if (card.urls.length) contact.urls = card.urls.map((u) => withType({ url: u.url }, u.type));
	if (card.addresses.length) {
		contact.addresses = card.addresses.map((a) => {
			const address: IDataObject = {};
			if (a.street) address.street = a.street;
			if (a.city) address.city = a.city;
			if (a.state) address.state = a.state;
			if (a.zip) address.zip = a.zip;
			if (a.country) address.country = a.country;
			if (a.countryCode) address.country_code = a.countryCode;
			return withType(address, a.type);
		});
	}
	return contact;
}

const sendContactsInputCheck = defineInput('message.sendContacts', sendContactsInput, description);

export const { inputs, execute } = sendOperation(
	sendContactsInputCheck,
	function (itemIndex) {
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const cards = this.getNodeParameter('contacts.contact', itemIndex, []) as IDataObject[];
		return { to: this.getNodeParameter('to', itemIndex), replyTo: options.replyTo, contacts: cards.map(cardInput) };
	},
	(input) => ({
		message: { to: input.to, type: 'contacts', content: input.contacts.map(contactBody), replyTo: input.replyTo },
	}),
);
