import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

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
