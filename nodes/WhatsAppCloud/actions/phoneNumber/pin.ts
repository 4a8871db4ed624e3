import type { INodeProperties } from 'n8n-workflow';

import { LIMITS } from '../../helpers/limits';

export const PIN_LABEL = 'Two-Step Verification PIN';

export function pinParameter(operation: string, description: string): INodeProperties {
	return {
		displayName: PIN_LABEL,
		name: 'pin',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		placeholder: '123456',
		description: `${description} Exactly ${LIMITS.pinDigits} digits`,
		displayOptions: { show: { resource: ['phoneNumber'], operation: [operation] } },
	};
}
