import { defineResource } from '../types';
import * as deregister from './deregister.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getBusinessPublicKey from './getBusinessPublicKey.operation';
import * as getCallSettings from './getCallSettings.operation';
import * as getConversationalComponents from './getConversationalComponents.operation';
import * as getUsername from './getUsername.operation';
import { accountPhoneNumberParameter } from './locator';
import * as register from './register.operation';
import * as requestCode from './requestCode.operation';
import * as reserveUsername from './reserveUsername.operation';
import * as setBusinessPublicKey from './setBusinessPublicKey.operation';
import * as setPin from './setPin.operation';
import * as updateCallSettings from './updateCallSettings.operation';
import * as updateConversationalComponents from './updateConversationalComponents.operation';
import * as verifyCode from './verifyCode.operation';

export const phoneNumber = defineResource({
	value: 'phoneNumber',
	displayName: 'Phone Number',
	defaultOperation: 'get',
	shared: [
		accountPhoneNumberParameter([
			'get',
			'register',
			'deregister',
			'setPin',
			'requestCode',
			'verifyCode',
			'getConversationalComponents',
			'updateConversationalComponents',
			'reserveUsername',
			'getUsername',
			'getCallSettings',
			'updateCallSettings',
			'getBusinessPublicKey',
			'setBusinessPublicKey',
		]),
	],
	operations: {
		get,
		getAll,
		register,
		deregister,
		setPin,
		requestCode,
		verifyCode,
		getConversationalComponents,
		updateConversationalComponents,
		reserveUsername,
		getUsername,
		getCallSettings,
		updateCallSettings,
		getBusinessPublicKey,
		setBusinessPublicKey,
	},
	options: {
		deregister: {
			name: 'Deregister',
			action: 'Deregister a phone number',
			description: 'Stop using the number on the Cloud API',
		},
		get: {
			name: 'Get',
			action: 'Get a phone number',
			description: 'Get quality rating, messaging limit, verification and registration status',
		},
		getBusinessPublicKey: {
			name: 'Get Business Public Key',
			action: 'Get the flow endpoint public key',
			description: 'Get the public key WhatsApp encrypts Flow data-endpoint requests with, and its signature status',
		},
		getCallSettings: {
			name: 'Get Call Settings',
			action: 'Get call settings',
			description: 'Get whether calling is on, the call button, callback permission and call hours of the number',
		},
		getConversationalComponents: {
			name: 'Get Conversational Components',
			action: 'Get conversational components',
			description: 'Get the welcome message setting, ice breakers and commands of the number',
		},
		getUsername: {
			name: 'Get Username',
			action: 'Get the business username',
			description: 'Get the business username of the number and whether it is visible yet',
		},
		getAll: {
			name: 'Get Many',
			action: 'Get many phone numbers',
			description: 'List the phone numbers of the WhatsApp Business Account',
		},
		register: {
			name: 'Register',
			action: 'Register a phone number',
			description: 'Register the number on the Cloud API so it can send and receive',
		},
		requestCode: {
			name: 'Request Verification Code',
			action: 'Request a verification code',
			description: 'Have Meta send a verification code by SMS or voice call',
		},
		reserveUsername: {
			name: 'Reserve Username',
			action: 'Reserve a business username',
			description: 'Claim or change the username WhatsApp users can find the business number by',
		},
		setBusinessPublicKey: {
			name: 'Set Business Public Key',
			action: 'Set the flow endpoint public key',
			description: "Upload the public key of the credential's Flow Endpoint Private Key (or a given one) for Flow data endpoints",
		},
		setPin: {
			name: 'Set Two-Step Verification PIN',
			action: 'Set the two-step verification PIN',
			description: 'Set or change the 6-digit PIN of the number',
		},
		updateCallSettings: {
			name: 'Update Call Settings',
			action: 'Update call settings',
			description: 'Turn calling on or off, show or hide the call button, set callback permission and call hours',
		},
		updateConversationalComponents: {
			name: 'Update Conversational Components',
			action: 'Update conversational components',
			description: 'Set the welcome message, ice breakers and commands users see in a chat with the number',
		},
		verifyCode: {
			name: 'Verify Code',
			action: 'Verify a code',
			description: 'Confirm the code Meta sent to the number',
		},
	},
});
