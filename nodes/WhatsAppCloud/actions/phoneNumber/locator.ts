import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { graphIdSchema } from '../../validation/schemas/account';
import { defineInput, type CheckedReader } from '../../validation/validateInput';
import { phoneNumberIdParameter } from '../parameters';

/**
 * The business phone number an account operation acts on: the shared locator (list of the
 * credential's WABA numbers with their quality, or by Phone Number ID) with its own label.
 */
export function accountPhoneNumberParameter(operations?: string[]): INodeProperties {
	return {
		...phoneNumberIdParameter(),
		...(operations ? { displayOptions: { show: { operation: operations } } } : {}),
		displayName: 'Phone Number',
		description:
			'The business phone number: pick it from the WhatsApp Business Account in the credential (quality shown), or enter its Phone Number ID',
	};
}

/** The raw value of the locator, for the operation's schema to check (digits only). */
export function readPhoneNumberId(this: IExecuteFunctions, itemIndex: number): string {
	const value = this.getNodeParameter('phoneNumberId', itemIndex, '', { extractValue: true });
	return String(value ?? '').trim();
}

/**
 * The input of an operation that needs nothing but the phone number: its checked ID for an item.
 * `description` holds the operation's other parameters (labels only).
 */
export function phoneNumberOnlyInput(
	name: string,
	description: INodeProperties[] = [],
): CheckedReader<string> {
	const check = defineInput(name, z.object({ phoneNumberId: graphIdSchema }), [
		accountPhoneNumberParameter(),
		...description,
	]);
	function readCheckedPhoneNumberId(this: IExecuteFunctions, itemIndex: number): string {
		return check.parse(this.getNode(), { phoneNumberId: readPhoneNumberId.call(this, itemIndex) }, itemIndex)
			.phoneNumberId;
	}
	return Object.assign(readCheckedPhoneNumberId, { inputs: [check] });
}
