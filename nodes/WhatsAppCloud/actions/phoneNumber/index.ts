import type { INodeProperties } from 'n8n-workflow';

import type { Resource } from '../types';
import * as deregister from './deregister.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import { accountPhoneNumberParameter } from './locator';
import * as register from './register.operation';
import * as requestCode from './requestCode.operation';
import * as setPin from './setPin.operation';
import * as verifyCode from './verifyCode.operation';

const operationSelector: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['phoneNumber'] } },
	options: [
		{
			name: 'Deregister',
			value: 'deregister',
			action: 'Deregister a phone number',
			description: 'Stop using the number on the Cloud API',
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a phone number',
			description: 'Get quality rating, messaging limit, verification and registration status',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many phone numbers',
			description: 'List the phone numbers of the WhatsApp Business Account',
		},
		{
			name: 'Register',
			value: 'register',
			action: 'Register a phone number',
			description: 'Register the number on the Cloud API so it can send and receive',
		},
		{
			name: 'Request Verification Code',
			value: 'requestCode',
			action: 'Request a verification code',
			description: 'Have Meta send a verification code by SMS or voice call',
		},
		{
			name: 'Set Two-Step Verification PIN',
			value: 'setPin',
			action: 'Set the two step verification PIN',
			description: 'Set or change the 6-digit PIN of the number',
		},
		{
			name: 'Verify Code',
			value: 'verifyCode',
			action: 'Verify a code',
			description: 'Confirm the code Meta sent to the number',
		},
	],
	default: 'get',
};

export const phoneNumber: Resource = {
	description: [
		operationSelector,
		accountPhoneNumberParameter('phoneNumber', ['get', 'register', 'deregister', 'setPin', 'requestCode', 'verifyCode']),
		...get.description,
		...getAll.description,
		...register.description,
		...deregister.description,
		...setPin.description,
		...requestCode.description,
		...verifyCode.description,
	],
	operations: { get, getAll, register, deregister, setPin, requestCode, verifyCode },
};
