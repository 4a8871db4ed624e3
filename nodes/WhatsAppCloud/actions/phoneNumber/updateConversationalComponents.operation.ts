import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { graphRequest } from '../../../shared/transport/graphRequest';
import { LIMITS, limitedText } from '../../validation/limits';
import { graphIdSchema } from '../../validation/schemas/account';
import { requireUnique } from '../../validation/schemas/fields';
import { defineInput, type InputDefinition } from '../../validation/validateInput';
import { conversationalItem } from './conversational';
import { accountPhoneNumberParameter, readPhoneNumberId } from './locator';

export const description: INodeProperties[] = [
	{
		displayName:
			'The number gets exactly these settings: ice breakers and commands not listed here are removed, and empty lists remove them all',
		name: 'conversationalNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Enable Welcome Message',
		name: 'enableWelcomeMessage',
		type: 'boolean',
		default: false,
		description:
			'Whether the WhatsApp Cloud Trigger gets a "request_welcome" event when a user opens a chat with the number for the first time, so your workflow can greet them',
	},
	{
		displayName: 'Ice Breakers',
		name: 'iceBreakers',
		type: 'fixedCollection',
		placeholder: 'Add Ice Breaker',
		typeOptions: { multipleValues: true },
		default: {},
		description: `Up to ${LIMITS.iceBreakers} tappable questions shown when a user opens a chat for the first time; a tap sends the text as a message`,
		options: [
			{
				name: 'iceBreaker',
				displayName: 'Ice Breaker',
				values: [
					{
						displayName: 'Text',
						name: 'text',
						type: 'string',
						default: '',
						placeholder: 'Where is my order?',
						description: `Up to ${LIMITS.iceBreakerText} characters`,
					},
				],
			},
		],
	},
	{
		displayName: 'Commands',
		name: 'commands',
		type: 'fixedCollection',
		placeholder: 'Add Command',
		typeOptions: { multipleValues: true },
		default: {},
		description: `Up to ${LIMITS.commands} commands users see when they type "/"; a chosen command arrives as a text message such as "/help"`,
		options: [
			{
				name: 'command',
				displayName: 'Command',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'help',
						description: `Letters, digits and underscores, up to ${LIMITS.commandName} characters, unique; a leading "/" is dropped`,
					},
					{
						displayName: 'Description',
						name: 'description',
						type: 'string',
						default: '',
						placeholder: 'Get help with your order',
						description: `What the command does, up to ${LIMITS.commandDescription} characters`,
					},
				],
			},
		],
	},
];

const commandSchema = z.object({
	name: z.preprocess(
		(value) => (typeof value === 'string' ? value.trim().replace(/^\//, '') : value),
		limitedText(LIMITS.commandName).regex(
			/^[A-Za-z0-9_]+$/,
			'may only have letters, digits and underscores, like order_status',
		),
	),
	description: limitedText(LIMITS.commandDescription),
});

const input = defineInput(
	'phoneNumber.updateConversationalComponents',
	z
		.object({
			phoneNumberId: graphIdSchema,
			enableWelcomeMessage: z.boolean(),
			iceBreakers: z.array(z.object({ text: limitedText(LIMITS.iceBreakerText) })).max(LIMITS.iceBreakers),
			commands: z.array(commandSchema).max(LIMITS.commands),
		})
		.superRefine((value, ctx) =>
			requireUnique(
				ctx,
				value.commands,
				(command) => command.name.toLowerCase(),
				(i) => ['commands', i, 'name'],
				(i) => `command ${i + 1}`,
			),
		),
	[accountPhoneNumberParameter(), ...description],
);

export const inputs: InputDefinition[] = [input];

/** POST /{Phone-Number-ID}/conversational_automation with the whole configuration. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const value = input.parse(
		this.getNode(),
		{
			phoneNumberId: readPhoneNumberId.call(this, itemIndex),
			enableWelcomeMessage: this.getNodeParameter('enableWelcomeMessage', itemIndex, false),
			iceBreakers: this.getNodeParameter('iceBreakers.iceBreaker', itemIndex, []),
			commands: this.getNodeParameter('commands.command', itemIndex, []),
		},
		itemIndex,
	);
	const body: IDataObject = {
		enable_welcome_message: value.enableWelcomeMessage,
		prompts: value.iceBreakers.map((iceBreaker) => iceBreaker.text),
		commands: value.commands.map((command) => ({
			command_name: command.name,
			command_description: command.description,
		})),
	};
	await graphRequest.call(this, {
		method: 'POST',
		path: `${value.phoneNumberId}/conversational_automation`,
		body,
		itemIndex,
	});
	return [{ json: { ...conversationalItem(value.phoneNumberId, body), success: true } }];
}
