import type { INodeProperties } from 'n8n-workflow';

import { LIMITS } from '../../validation/limits';

export function pinParameter(description: string): INodeProperties {
	return {
		displayName: 'Two-Step Verification PIN',
		name: 'pin',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		placeholder: '123456',
		description: `${description} Exactly ${LIMITS.pinDigits} digits`,
	};
}
