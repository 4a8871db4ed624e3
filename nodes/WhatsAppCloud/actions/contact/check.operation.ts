import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/optionsCollection';
import { countryFor } from '../../phone/countries';
import { isUserId } from '../../../shared/userIds';
import { parsePhoneNumber, type PhoneNumber } from '../../phone/phoneNumbers';
import { splitPhoneNumbers } from '../../validation/schemas/account';
import type { InputDefinition } from '../../validation/validateInput';

export const description: INodeProperties[] = [
	{
		displayName:
			'Validate Phone Numbers sends nothing and cannot tell whether a number has WhatsApp: the Cloud API can only find out by messaging it. It normalizes each number to international format, says whether it is a possible phone number and of which country, and reports its WhatsApp status as "unknown". A user ID (BSUID, like US.13491208655302741918) cannot be checked: it is not a phone number, and Meta does not reveal the number behind it.',
		name: 'checkNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Phone Numbers',
		name: 'phoneNumbers',
		type: 'string',
		default: '',
		required: true,
		placeholder: '+1 (555) 123-4567, 0044 7911 123456',
		description:
			'One or more numbers, separated by commas or new lines (or a list from an expression). Read exactly as sends read them: spaces, brackets, dashes, a leading + or 00, tel: and wa.me links are fine.',
	},
	optionsCollection([
		{
			displayName: 'Default Country',
			name: 'defaultCountry',
			type: 'string',
			default: '',
			placeholder: 'GB',
			description:
				'Country for numbers written without country code (e.g. 07911 123456): a two-letter code like GB, US, DE, or a calling code like +44',
		},
	]),
];

const UNKNOWN_EXPLANATION =
	'Possible number, but whether it has a WhatsApp account is unknown: the Cloud API has no endpoint to check contacts (that was the retired On-Premises API). Sending a message reveals it: Meta returns the wa_id, and an undeliverable message ends with error 131026.';

/** Nothing to check before the request. */
export const inputs: readonly InputDefinition[] = [];

const USER_ID_REASON =
	'it is a WhatsApp user ID (BSUID), not a phone number: it cannot be checked, and Meta does not reveal the number behind it (send to it directly)';

/** A number as sends read it; a user ID is named as such rather than called a malformed number. */
function analyse(number: string, defaultCountry: string): PhoneNumber {
	const analysis = parsePhoneNumber(number, { defaultCountry: defaultCountry || undefined, defaultCountryField: 'Default Country' });
	return !analysis.possible && isUserId(number) ? { ...analysis, reason: USER_ID_REASON } : analysis;
}

/** Contact → Validate Phone Numbers (stored operation value `check`): one output item per number, never a request, never a failed item for a bad number. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const defaultCountry = String(options.defaultCountry ?? '').trim();
	if (defaultCountry && !countryFor(defaultCountry)) {
		throw new NodeOperationError(
			this.getNode(),
			`"Default Country" is "${defaultCountry}", which is not a known country: use a two-letter ISO code like GB or US, or a calling code like +44 (item ${itemIndex + 1})`,
			{ itemIndex },
		);
	}
	const numbers = splitPhoneNumbers(this.getNodeParameter('phoneNumbers', itemIndex, ''));
	if (numbers.length === 0) numbers.push('');

	return numbers.map((number) => {
		const analysis = analyse(number, defaultCountry);
		const json: IDataObject = {
			input: analysis.input,
			status: analysis.possible ? 'unknown' : 'invalid',
			onWhatsApp: null,
			possible: analysis.possible,
			e164: analysis.e164,
			waId: analysis.digits,
			country: analysis.country,
			countryName: analysis.countryName,
			callingCode: analysis.callingCode,
			nationalNumber: analysis.nationalNumber,
			format: analysis.format,
			reason: analysis.reason,
			explanation: analysis.possible
				? UNKNOWN_EXPLANATION
				: `Not a possible phone number, so it cannot be a WhatsApp account: ${analysis.reason}.`,
		};
		return { json };
	});
}
