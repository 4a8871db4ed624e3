import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/optionsCollection';
import { LIMITS } from '../../validation/limits';
import { textMessageInput } from '../../validation/schemas';
import { defineInput, validateInput } from '../../validation/validateInput';
import { recipientParameter, replyToOption } from '../parameters';
import { definedBelow, InputFields, inputFieldParameter, mappingModeOf, mappingModeParameter, recipientFieldParameter, runParameter } from './fieldMapping';
import { sendOperation } from './sendOperation';

export const description: INodeProperties[] = [
	mappingModeParameter(),
	...definedBelow([recipientParameter()]),
	recipientFieldParameter(),
	...definedBelow([
		{
			displayName: 'Message Text',
			name: 'body',
			type: 'string',
			default: '',
			required: true,
			typeOptions: { rows: 4 },
			description: `The text to send, up to ${LIMITS.textBody} characters. WhatsApp formatting works: *bold*, _italic_, ~strike~, \`\`\`code\`\`\`.`,
		},
	]),
	inputFieldParameter('bodyField', 'Text Field', 'text', `Input field with the text to send, up to ${LIMITS.textBody} characters`),
	{
		displayName: 'Show Link Preview',
		name: 'previewUrl',
		type: 'boolean',
		default: false,
		description: 'Whether WhatsApp shows a preview of the first http(s) link in the text',
	},
	optionsCollection([replyToOption]),
];

const textMessageInputCheck = defineInput('message.sendText', textMessageInput, description);

export const { inputs, execute } = sendOperation(
	textMessageInputCheck,
	function (itemIndex) {
		const options = runParameter(this, 'options', itemIndex, {}) as IDataObject;
		if (mappingModeOf.call(this, itemIndex) === 'fieldsFromInput') {
			const fields = new InputFields(this, itemIndex);
			const input = {
				to: fields.take('to', 'toField', 'Recipient Field'),
				body: fields.take('body', 'bodyField', 'Text Field'),
				previewUrl: runParameter(this, 'previewUrl', itemIndex, false),
				replyTo: options.replyTo,
			};
			// Checked here so that errors name the input field; sendOperation's check then passes as is.
			return validateInput(this.getNode(), textMessageInput, input, fields.labels(description), itemIndex);
		}
		return {
			to: runParameter(this, 'to', itemIndex, undefined),
			body: runParameter(this, 'body', itemIndex, undefined),
			previewUrl: runParameter(this, 'previewUrl', itemIndex, false),
			replyTo: options.replyTo,
		};
	},
	(input) => ({
		message: {
			to: input.to,
			type: 'text',
			content: { body: input.body, preview_url: input.previewUrl },
			replyTo: input.replyTo,
		},
	}),
);
