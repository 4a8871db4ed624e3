import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/optionsCollection';
import { readCredentials } from '../../../shared/credentials';
import { subscribeAppInput } from '../../validation/schemas/account';
import { defineInput, type InputDefinition } from '../../validation/validateInput';
import { postForItem } from '../graphItem';
import { businessAccountIdParameter, getBusinessAccountId } from './wabaId';

export const description: INodeProperties[] = [
	optionsCollection([
		{
			displayName: 'Override Callback URL',
			name: 'overrideCallbackUrl',
			type: 'string',
			default: '',
			placeholder: 'https://n8n.example.com/webhook/…',
			description:
				"Send this WABA's webhooks to this HTTPS URL instead of the app's callback URL (e.g. the production URL of a WhatsApp Cloud Trigger). Meta verifies it with the verify token first.",
		},
		{
			displayName: 'Verify Token',
			name: 'verifyToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"The verify token the override callback URL answers to. Leave empty to use the credential's Verify Token.",
		},
	]),
];

const subscribeApp = defineInput('businessAccount.subscribeApp', subscribeAppInput, [
	businessAccountIdParameter(),
	...description,
]);

export const inputs: InputDefinition[] = [subscribeApp];

/**
 * POST /{WABA-ID}/subscribed_apps: subscribes the token's app to the WABA's webhooks (the step
 * behind "webhooks never arrive"), optionally to an override callback URL.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const overrideCallbackUrl = String(options.overrideCallbackUrl ?? '').trim();
	let verifyToken = String(options.verifyToken ?? '');
	if (overrideCallbackUrl && !verifyToken.trim()) {
		verifyToken = (await readCredentials(this, itemIndex)).verifyToken ?? '';
	}
	const input = subscribeApp.parse(
		this.getNode(),
		{ businessAccountId: await getBusinessAccountId.call(this, itemIndex), overrideCallbackUrl, verifyToken },
		itemIndex,
	);
	const body: IDataObject = {};
	if (input.overrideCallbackUrl) {
		body.override_callback_uri = input.overrideCallbackUrl;
		body.verify_token = input.verifyToken;
	}
	return await postForItem.call(
		this,
		itemIndex,
		`${input.businessAccountId}/subscribed_apps`,
		body,
		(response) => ({
			businessAccountId: input.businessAccountId,
			subscribed: response.success === true,
			overrideCallbackUrl: input.overrideCallbackUrl || null,
		}),
	);
}
