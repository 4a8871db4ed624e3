/** Account schemas: limits and formats, checked before any request, with the messages users see. */
import { describe, expect, it } from '@jest/globals';
import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { description as profileUpdate } from '../../../../nodes/WhatsAppCloud/actions/businessProfile/update.operation';
import { description as subscribeApp } from '../../../../nodes/WhatsAppCloud/actions/businessAccount/subscribeApp.operation';
import { description as requestCode } from '../../../../nodes/WhatsAppCloud/actions/phoneNumber/requestCode.operation';
import { description as setPin } from '../../../../nodes/WhatsAppCloud/actions/phoneNumber/setPin.operation';
import { accountPhoneNumberParameter } from '../../../../nodes/WhatsAppCloud/actions/phoneNumber/locator';
import type { LabelSource } from '../../../../nodes/WhatsAppCloud/validation/labels';
import { validateInput } from '../../../../nodes/WhatsAppCloud/validation/validateInput';
import {
	businessProfileUpdateInput,
	registerInput,
	requestCodeInput,
	setPinInput,
	subscribeAppInput,
	verifyCodeInput,
} from '../../../../nodes/WhatsAppCloud/validation/schemas/account';

const setPinLabels = [accountPhoneNumberParameter(), ...setPin];
const requestCodeLabels = [accountPhoneNumberParameter(), ...requestCode];
const subscribeLabels = subscribeApp;

const node: INode = { id: '1', name: 'WhatsApp Cloud', type: 'whatsAppCloud', typeVersion: 1, position: [0, 0], parameters: {} };

function failure(schema: Parameters<typeof validateInput>[1], input: unknown, labels: LabelSource): NodeOperationError {
	try {
		validateInput(node, schema, input, labels, 2);
	} catch (error) {
		expect(error).toBeInstanceOf(NodeOperationError);
		return error as NodeOperationError;
	}
	throw new Error('expected the input to be refused');
}

describe('phone number schemas', () => {
	it('takes a six-digit PIN and refuses anything else, naming the parameter and item', () => {
		expect(setPinInput.parse({ phoneNumberId: '106540352242922', pin: ' 012345 ' })).toEqual({ phoneNumberId: '106540352242922', pin: '012345' });
		for (const pin of ['12345', '1234567', '12a456', '12 3456', '']) {
			const error = failure(setPinInput, { phoneNumberId: '1', pin }, setPinLabels);
			expect(error.message).toBe('"Two-Step Verification PIN": must be exactly 6 digits (0-9), e.g. 123456 (item 3)');
		}
	});

	it('refuses a Phone Number ID that is not digits', () => {
		const error = failure(setPinInput, { phoneNumberId: '+1 555 0100', pin: '123456' }, setPinLabels);
		expect(error.message).toMatch(/^"Phone Number": must be an ID made of digits only/);
	});

	it('register: region optional, only the contract regions', () => {
		expect(registerInput.parse({ phoneNumberId: '1', pin: '123456', dataLocalizationRegion: '' })).toEqual({ phoneNumberId: '1', pin: '123456', dataLocalizationRegion: undefined });
		expect(registerInput.parse({ phoneNumberId: '1', pin: '123456', dataLocalizationRegion: 'DE' }).dataLocalizationRegion).toBe('DE');
		expect(registerInput.safeParse({ phoneNumberId: '1', pin: '123456', dataLocalizationRegion: 'FR' }).success).toBe(false);
	});

	it('request code: SMS or VOICE, language like en_US', () => {
		expect(requestCodeInput.parse({ phoneNumberId: '1', codeMethod: 'VOICE', language: 'pt_BR' }).language).toBe('pt_BR');
		const error = failure(requestCodeInput, { phoneNumberId: '1', codeMethod: 'SMS', language: 'en' }, requestCodeLabels);
		expect(error.message).toBe('"Language": must be a language and region code like en_US, es_ES or pt_BR (item 3)');
		expect(requestCodeInput.safeParse({ phoneNumberId: '1', codeMethod: 'EMAIL', language: 'en_US' }).success).toBe(false);
	});

	it('verify code: six digits, "123-456" and "123 456" accepted as typed from an SMS', () => {
		expect(verifyCodeInput.parse({ phoneNumberId: '1', code: '123-456' }).code).toBe('123456');
		expect(verifyCodeInput.parse({ phoneNumberId: '1', code: ' 123 456 ' }).code).toBe('123456');
		expect(verifyCodeInput.safeParse({ phoneNumberId: '1', code: '12345' }).success).toBe(false);
		expect(verifyCodeInput.safeParse({ phoneNumberId: '1', code: '1234567' }).success).toBe(false);
	});
});

describe('subscribe app schema', () => {
	it('needs https and a verify token for an override URL', () => {
		expect(subscribeAppInput.parse({ businessAccountId: '2', overrideCallbackUrl: '', verifyToken: '' })).toMatchObject({ overrideCallbackUrl: '' });
		expect(subscribeAppInput.safeParse({ businessAccountId: '2', overrideCallbackUrl: 'https://x.example/hook', verifyToken: 't' }).success).toBe(true);
		const http = failure(subscribeAppInput, { businessAccountId: '2', overrideCallbackUrl: 'http://x.example/hook', verifyToken: 't' }, subscribeLabels);
		expect(http.message).toMatch(/"Override Callback URL": must use https:\/\//);
		const noToken = failure(subscribeAppInput, { businessAccountId: '2', overrideCallbackUrl: 'https://x.example/hook', verifyToken: ' ' }, subscribeLabels);
		expect(noToken.message).toMatch(/^"Verify Token": is needed with an override callback URL/);
	});
});

describe('business profile schema', () => {
	const base = { phoneNumberId: '1' };
	it('about: 1 to 139 characters, reported with the length', () => {
		expect(businessProfileUpdateInput.safeParse({ ...base, about: 'a'.repeat(139) }).success).toBe(true);
		const error = failure(businessProfileUpdateInput, { ...base, about: 'a'.repeat(140) }, profileUpdate);
		expect(error.message).toBe('"About" is too long: 140 characters; WhatsApp allows at most 139 (item 3)');
	});
	it('websites: at most 2 http(s) URLs', () => {
		expect(businessProfileUpdateInput.safeParse({ ...base, websites: ['https://a.example', 'http://b.example'] }).success).toBe(true);
		const many = failure(businessProfileUpdateInput, { ...base, websites: ['https://a.example', 'https://b.example', 'https://c.example'] }, profileUpdate);
		expect(many.message).toBe('"Websites" has too many entries: 3; WhatsApp allows at most 2 (item 3)');
		const ftp = failure(businessProfileUpdateInput, { ...base, websites: ['ftp://a.example'] }, profileUpdate);
		expect(ftp.message).toMatch(/^"Websites" \(entry 1\): must start with http/);
	});
	it('email, vertical and at least one field', () => {
		expect(businessProfileUpdateInput.safeParse({ ...base, email: 'not-an-email' }).success).toBe(false);
		expect(businessProfileUpdateInput.safeParse({ ...base, vertical: 'PETS' }).success).toBe(false);
		expect(businessProfileUpdateInput.safeParse({ ...base, vertical: 'RESTAURANT' }).success).toBe(true);
		const empty = failure(businessProfileUpdateInput, base, profileUpdate);
		expect(empty.message).toMatch(/^"Update Fields": is empty: add at least one field/);
	});
});
