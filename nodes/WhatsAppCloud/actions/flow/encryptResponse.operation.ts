import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readCredentials } from '../../../shared/credentials';
import { encryptFlowResponse, flowPrivateKey, parseFlowResponseKey, unwrapAesKey, type FlowResponseReference } from '../../../shared/flowCrypto';


export const description: INodeProperties[] = [
	{
		displayName: 'Flow Response Key',
		name: 'flowResponseKey',
		type: 'string',
		default: "={{ $('WhatsApp Flow Endpoint Trigger').item.json.flowResponseKey }}",
		required: true,
		description:
			"The flowResponseKey of the WhatsApp Flow Endpoint Trigger's item. It holds no secret: only the credential's Flow Endpoint Private Key opens it.",
	},
	{
		displayName: 'Answer',
		name: 'answer',
		type: 'options',
		noDataExpression: true,
		default: 'nextScreen',
		options: [
			{ name: 'Acknowledge Error Notification', value: 'acknowledge', description: "Answer Meta's error notification (the item's errorNotification is true)" },
			{ name: 'Complete the Flow', value: 'complete', description: 'Close the Flow; its completion message (with the flow token) reaches the WhatsApp Cloud Trigger' },
			{ name: 'Custom JSON', value: 'json', description: 'Any answer Meta documents, as JSON' },
			{ name: 'Error Message on the Screen', value: 'errorMessage', description: 'Stay on the screen and show a message' },
			{ name: 'Next Screen', value: 'nextScreen', description: 'Show a screen with data' },
		],
	},
	{
		displayName: 'Screen',
		name: 'screen',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'APPOINTMENT',
		description: 'The ID of the screen to show (Flow JSON → screens → ID)',
		displayOptions: { show: { answer: ['nextScreen', 'errorMessage'] } },
	},
	{
		displayName: 'Screen Data',
		name: 'screenData',
		type: 'json',
		default: '{}',
		description: "The screen's data, as a JSON object matching its data model",
		displayOptions: { show: { answer: ['nextScreen'] } },
	},
	{
		displayName: 'Error Message',
		name: 'errorMessage',
		type: 'string',
		default: '',
		required: true,
		description: 'The message the screen shows (the screen must declare error_message in its data)',
		displayOptions: { show: { answer: ['errorMessage'] } },
	},
	{
		displayName: 'Completion Parameters',
		name: 'completionParams',
		type: 'json',
		default: '{}',
		description: "More values for the completion message (its response_json), as a JSON object; the request's flow_token is added",
		displayOptions: { show: { answer: ['complete'] } },
	},
	{
		displayName: 'Response JSON',
		name: 'responseJson',
		type: 'json',
		default: '{\n  "screen": "",\n  "data": {}\n}',
		description: 'The whole answer before encryption',
		displayOptions: { show: { answer: ['json'] } },
	},
	{
		displayName: 'Respond to the Endpoint Request',
		name: 'respond',
		type: 'boolean',
		default: true,
		description:
			'Whether to send the encrypted answer as the HTTP response to Meta now. Off: only output it as encryptedResponse.',
	},
];

export const inputs = [];

function fail(ctx: IExecuteFunctions, itemIndex: number, message: string): never {
	throw new NodeOperationError(ctx.getNode(), message, { itemIndex });
}

function jsonObject(ctx: IExecuteFunctions, itemIndex: number, name: string, label: string): IDataObject {
	let value = ctx.getNodeParameter(name, itemIndex, {}) as unknown;
	if (typeof value === 'string') {
		if (value.trim() === '') return {};
		try {
			value = JSON.parse(value);
		} catch (error) {
			fail(ctx, itemIndex, `"${label}" is not valid JSON: ${(error as Error).message}`);
		}
	}
	if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(ctx, itemIndex, `"${label}" must be a JSON object`);
	return value as IDataObject;
}

function requiredText(ctx: IExecuteFunctions, itemIndex: number, name: string, label: string): string {
	const value = ctx.getNodeParameter(name, itemIndex, '') as unknown;
	if (typeof value !== 'string' || value.trim() === '') fail(ctx, itemIndex, `"${label}" is empty; enter a value`);
	return value.trim();
}

/** The answer as Meta's "Implementing Endpoints for Flows" shapes it, before encryption. */
function plainAnswer(ctx: IExecuteFunctions, itemIndex: number, reference: FlowResponseReference): IDataObject {
	const kind = ctx.getNodeParameter('answer', itemIndex, 'nextScreen') as string;
	if (kind === 'nextScreen') {
		return { screen: requiredText(ctx, itemIndex, 'screen', 'Screen'), data: jsonObject(ctx, itemIndex, 'screenData', 'Screen Data') };
	}
	if (kind === 'errorMessage') {
		const screen = requiredText(ctx, itemIndex, 'screen', 'Screen');
		return { screen, data: { error_message: requiredText(ctx, itemIndex, 'errorMessage', 'Error Message') } };
	}
	if (kind === 'complete') {
		const params = { ...jsonObject(ctx, itemIndex, 'completionParams', 'Completion Parameters') };
		// Meta closes the Flow and posts the completion with this token: the request's own, unless given.
		if (typeof params.flow_token !== 'string' || params.flow_token === '') params.flow_token = reference.flowToken;
		if (!params.flow_token) fail(ctx, itemIndex, '"Completion Parameters" need a flow_token: the request carried none');
		return { screen: 'SUCCESS', data: { extension_message_response: { params } } };
	}
	if (kind === 'acknowledge') return { data: { acknowledged: true } };
	return jsonObject(ctx, itemIndex, 'responseJson', 'Response JSON');
}

/**
 * Encrypts the workflow's answer to one data-endpoint request with that request's AES key
 * (unwrapped here with the credential's private key, so any process holding the credential — a
 * queue-mode worker — can answer) and sends it as the request's HTTP response, text/plain.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const reference = parseFlowResponseKey(this.getNodeParameter('flowResponseKey', itemIndex, ''));
	if (!reference) {
		fail(this, itemIndex, '"Flow Response Key" is not the flowResponseKey of a WhatsApp Flow Endpoint Trigger item');
	}
	const response = plainAnswer(this, itemIndex, reference);
	const credentials = await readCredentials(this, itemIndex);
	const privateKey = flowPrivateKey(credentials.flowPrivateKey, credentials.flowPrivateKeyPassphrase);
	const aesKey = privateKey.ok ? unwrapAesKey(privateKey.value, reference.encryptedAesKey) : privateKey;
	if (!aesKey.ok) fail(this, itemIndex, `The answer cannot be encrypted: ${aesKey.reason}`);
	const encryptedResponse = encryptFlowResponse(response, aesKey.value, reference.initialVector);
	const respond = this.getNodeParameter('respond', itemIndex, true) as boolean;
	if (respond) {
		await this.sendResponse({ body: encryptedResponse, headers: { 'content-type': 'text/plain' }, statusCode: 200 });
	}
	return [{ json: { screen: typeof response.screen === 'string' ? response.screen : null, responded: respond, encryptedResponse } }];
}
