import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { PHONE_EXAMPLE, USER_ID_EXAMPLE } from '../../shared/userIds';
import { GROUP_SEND_RULE } from '../sending/sendMessage';

/**
 * The sending phone number: picked from the credential's WABA (with its quality) or given by
 * its Phone Number ID (WhatsApp Manager → Phone numbers, or App Dashboard → API Setup).
 */
export function phoneNumberIdParameter(): INodeProperties {
	return {
		displayName: 'Sender Phone Number',
		name: 'phoneNumberId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The business phone number the message is sent from',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a phone number…',
				typeOptions: { searchListMethod: 'searchPhoneNumbers', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 106540352242922',
				hint: 'The Phone Number ID, not the phone number itself (App Dashboard → WhatsApp → API Setup)',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'A Phone Number ID has only digits' },
					},
				],
			},
		],
	};
}

/** The Phone Number ID chosen in the `phoneNumberId` locator, checked before any request. */
export function getPhoneNumberId(this: IExecuteFunctions, itemIndex: number): string {
	const value = String(this.getNodeParameter('phoneNumberId', itemIndex, '', { extractValue: true }) ?? '').trim();
	if (!/^\d+$/.test(value)) {
		throw new NodeOperationError(
			this.getNode(),
			value
				? `"Sender Phone Number" must be a Phone Number ID (digits only), not "${value}" (item ${itemIndex + 1})`
				: `"Sender Phone Number" is empty: pick a number from the list or enter its Phone Number ID (item ${itemIndex + 1})`,
			{ itemIndex },
		);
	}
	return value;
}

/**
 * The recipient field shared by every send operation. Its name stays `to` (saved workflows); it
 * takes a phone number or a user ID (BSUID), the identifier Meta gives users who adopted a
 * username instead of their phone number (validation/recipient.ts), or with "Send To: Group" a
 * group ID. The hint keeps the reply recipe and the country-code rule on screen.
 */
export function recipientParameter(): INodeProperties {
	return {
		displayName: 'Recipient Phone Number or User ID',
		name: 'to',
		type: 'string',
		default: '',
		required: true,
		placeholder: `${PHONE_EXAMPLE} or ${USER_ID_EXAMPLE}`,
		hint: 'Reply to a trigger item: {{ $json.recipient }}. A phone number needs its country code (+44 …, not 0…). Send To: Group takes a group ID ({{ $json.groupId }}).',
		description:
			'Who gets the message: a WhatsApp phone number with country code (spaces, brackets, dashes, a leading + or 00 are fine; sent as digits), or a WhatsApp user ID (BSUID, like US.13491208655302741918, or a parent BSUID like US.ENT.11815799212886844830) for users whose phone number Meta withholds. Replying to a WhatsApp Cloud Trigger item, use its recipient field. With Send To: Group, the group ID (Group → Get Many, or the trigger\'s groupId).',
	};
}

/**
 * "Send To": a user (phone number or user ID) or a group (Meta's recipient_type "group"), for the
 * message resource's send operations. Sends whose type Meta does not allow in groups are refused
 * before sending (sending/sendMessage.ts). Absent in saved workflows = User, as before.
 */
export function sendToParameter(operations: string[]): INodeProperties {
	return {
		displayName: 'Send To',
		name: 'recipientType',
		type: 'options',
		default: 'individual',
		options: [
			{ name: 'User', value: 'individual', description: 'A phone number or a WhatsApp user ID' },
			{ name: 'Group', value: 'group', description: 'A group of this business number (text, media and templates only)' },
		],
		description: `Whether the message goes to one user or to a group. ${GROUP_SEND_RULE}.`,
		displayOptions: { show: { operation: operations } },
	};
}

/** "Reply To Message ID", for the Options collection of every send that Meta lets quote a message. */
export const replyToOption: INodeProperties = {
	displayName: 'Reply To Message ID',
	name: 'replyTo',
	type: 'string',
	default: '',
	placeholder: 'wamid.HBgL…',
	description:
		'Send as a reply quoting this message. Use the ID of a message the contact sent; the WhatsApp Cloud Trigger outputs it as messageId.',
};

/** The usual "Return All" switch and "Limit" for a list operation. */
export function returnAllParameters(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}
