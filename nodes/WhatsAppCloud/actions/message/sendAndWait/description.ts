import type { INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../../../shared/optionsCollection';
import { LIMITS } from '../../../validation/limits';
import { recipientParameter, replyToOption } from '../../parameters';

/**
 * The parameters of Message → Send and Wait for Response. The names `message`, `responseType`,
 * `approvalOptions` (`values.approvalType`, `approveLabel`, `disapproveLabel`) and
 * `options.limitWaitTime` are n8n's own (n8n-nodes-base utils/sendAndWait): n8n 2.x builds the
 * AI agents' human-review tool (whatsAppCloudHitlTool) from them, fixing `responseType` to
 * `approval` and asking for `message`.
 */

const SETUP_NOTICE =
	"The answer reaches this workflow through an <b>active WhatsApp Cloud Trigger</b> for this phone number (in any workflow) whose credential has the <b>App Secret</b>. n8n must be reachable at its public address (WEBHOOK_URL). Interactive questions only go out within 24 hours of the contact's last message (Meta error 131047); outside that window use a template.";

const limitWaitTimeOption: INodeProperties = {
	displayName: 'Limit Wait Time',
	name: 'limitWaitTime',
	type: 'fixedCollection',
	description:
		'Whether to stop waiting after a while. Then the node outputs an item with timedOut: true instead of an answer.',
	default: { values: { limitType: 'afterTimeInterval', resumeAmount: 45, resumeUnit: 'minutes' } },
	options: [
		{
			displayName: 'Values',
			name: 'values',
			values: [
				{
					displayName: 'Limit Type',
					name: 'limitType',
					type: 'options',
					default: 'afterTimeInterval',
					options: [
						{
							name: 'After Time Interval',
							value: 'afterTimeInterval',
							description: 'Waits for a certain amount of time',
						},
						{ name: 'At Specified Time', value: 'atSpecifiedTime', description: 'Waits until a date and time' },
					],
				},
				{
					displayName: 'Amount',
					name: 'resumeAmount',
					type: 'number',
					typeOptions: { minValue: 0, numberPrecision: 2 },
					default: 1,
					description: 'How long to wait for the answer',
					displayOptions: { show: { limitType: ['afterTimeInterval'] } },
				},
				{
					displayName: 'Unit',
					name: 'resumeUnit',
					type: 'options',
					default: 'hours',
					options: [
						{ name: 'Minutes', value: 'minutes' },
						{ name: 'Hours', value: 'hours' },
						{ name: 'Days', value: 'days' },
					],
					displayOptions: { show: { limitType: ['afterTimeInterval'] } },
				},
				{
					displayName: 'Max Date and Time',
					name: 'maxDateAndTime',
					type: 'dateTime',
					default: '',
					description: 'Stop waiting at this date and time',
					displayOptions: { show: { limitType: ['atSpecifiedTime'] } },
				},
			],
		},
	],
};

export const description: INodeProperties[] = [
	{
		displayName: SETUP_NOTICE,
		name: 'sendAndWaitNotice',
		type: 'notice',
		default: '',
	},
	recipientParameter(),
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		default: '',
		required: true,
		typeOptions: { rows: 4 },
		// A template question has the template's own text.
		displayOptions: { hide: { questionFormat: ['template'] } },
		description: `The question, up to ${LIMITS.interactiveBody} characters (${LIMITS.textBody} for Free Text). WhatsApp formatting works: *bold*, _italic_.`,
	},
	{
		displayName: 'Response Type',
		name: 'responseType',
		type: 'options',
		default: 'approval',
		options: [
			{
				name: 'Approval',
				value: 'approval',
				description: 'Reply buttons: Approve, and optionally Decline',
			},
			{
				name: 'Choice',
				value: 'choice',
				description: `A list of up to ${LIMITS.listRows} options`,
			},
			{
				name: 'Free Text',
				value: 'freeText',
				description: "The contact's next text message is the answer",
			},
			{
				name: 'Form (Web Page)',
				value: 'customForm',
				description: "A button that opens a page of fields on n8n's waiting URL, answered in the browser",
			},
		],
	},
	{
		displayName: 'Form Fields',
		name: 'formFields',
		type: 'fixedCollection',
		placeholder: 'Add Field',
		typeOptions: { multipleValues: true },
		default: {},
		displayOptions: { show: { responseType: ['customForm'] } },
		options: [
			{
				displayName: 'Field',
				name: 'values',
				values: [
					{
						displayName: 'Field Label',
						name: 'fieldLabel',
						type: 'string',
						default: '',
						description: 'Shown above the field; also the name of the answer in the output',
					},
					{
						displayName: 'Field Type',
						name: 'fieldType',
						type: 'options',
						default: 'text',
						options: [
							{ name: 'Date', value: 'date' },
							{ name: 'Email', value: 'email' },
							{ name: 'Long Text', value: 'textarea' },
							{ name: 'Number', value: 'number' },
							{ name: 'Text', value: 'text' },
						],
					},
					{
						displayName: 'Required Field',
						name: 'requiredField',
						type: 'boolean',
						default: false,
						description: 'Whether the form cannot be sent without this field',
					},
				],
			},
		],
	},
	{
		displayName: 'Form Button Text',
		name: 'messageButtonLabel',
		type: 'string',
		default: 'Open form',
		description: `Text of the WhatsApp button that opens the form, up to ${LIMITS.ctaDisplayText} characters. Anyone the message is forwarded to can open it: the page does not know who answers.`,
		displayOptions: { show: { responseType: ['customForm'] } },
	},
	{
		displayName: 'Send Question As',
		name: 'questionFormat',
		type: 'options',
		default: 'interactive',
		displayOptions: { show: { responseType: ['approval', 'choice'] } },
		options: [
			{
				name: 'Interactive Message',
				value: 'interactive',
				description: "Buttons or a list; only within 24 hours of the contact's last message (else Meta error 131047)",
			},
			{
				name: 'Approved Template',
				value: 'template',
				description:
					"A template with quick-reply buttons, also outside the 24-hour window; the node sets the buttons' payloads",
			},
		],
	},
	{
		displayName: 'Template Name',
		name: 'templateName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. refund_approval',
		description:
			'An APPROVED template whose buttons are quick replies: for Approval the first approves and the second declines; for Choice they are the choices, in order',
		displayOptions: { show: { questionFormat: ['template'] } },
	},
	{
		displayName: 'Template Language',
		name: 'templateLanguage',
		type: 'string',
		default: 'en_US',
		required: true,
		placeholder: 'e.g. en_US',
		displayOptions: { show: { questionFormat: ['template'] } },
	},
	{
		displayName: 'Template Components (JSON)',
		name: 'templateComponents',
		type: 'json',
		default: '[]',
		description:
			'The template\'s header and body parameters as Meta\'s components array, e.g. [{"type":"body","parameters":[{"type":"text","text":"42"}]}]; leave the quick-reply buttons out, the node adds them. Message is not sent (the template has its own text).',
		displayOptions: { show: { questionFormat: ['template'] } },
	},
	{
		displayName: 'Approval Options',
		name: 'approvalOptions',
		type: 'fixedCollection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: { responseType: ['approval'] } },
		options: [
			{
				displayName: 'Values',
				name: 'values',
				values: [
					{
						displayName: 'Type of Approval',
						name: 'approvalType',
						type: 'options',
						default: 'double',
						options: [
							{ name: 'Approve Only', value: 'single' },
							{ name: 'Approve and Disapprove', value: 'double' },
						],
					},
					{
						displayName: 'Approve Button Label',
						name: 'approveLabel',
						type: 'string',
						default: 'Approve',
						description: `Up to ${LIMITS.buttonTitle} characters`,
					},
					{
						displayName: 'Disapprove Button Label',
						name: 'disapproveLabel',
						type: 'string',
						default: 'Decline',
						description: `Up to ${LIMITS.buttonTitle} characters`,
						displayOptions: { show: { approvalType: ['double'] } },
					},
				],
			},
		],
	},
	{
		displayName: 'List Button Text',
		name: 'listButtonText',
		type: 'string',
		default: 'Choose',
		required: true,
		description: `Text of the button that opens the list, up to ${LIMITS.listButtonText} characters`,
		displayOptions: { show: { responseType: ['choice'] } },
	},
	{
		displayName: 'Choices',
		name: 'choices',
		type: 'fixedCollection',
		placeholder: 'Add Choice',
		typeOptions: { multipleValues: true },
		default: {},
		description: `1 to ${LIMITS.listRows} options; the output says which one the contact picked`,
		displayOptions: { show: { responseType: ['choice'] } },
		options: [
			{
				displayName: 'Choice',
				name: 'choice',
				values: [
					{
						displayName: 'Title',
						name: 'title',
						type: 'string',
						default: '',
						description: `Up to ${LIMITS.listRowTitle} characters, unique in the list`,
					},
					{
						displayName: 'Description',
						name: 'description',
						type: 'string',
						default: '',
						description: `Optional, up to ${LIMITS.listRowDescription} characters`,
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: 'What the output gives as the choice (defaults to the title)',
					},
				],
			},
		],
	},
	optionsCollection([
		{
			displayName: 'Footer',
			name: 'footer',
			type: 'string',
			default: '',
			description: `Small grey text under an Approval or Choice question, up to ${LIMITS.footerText} characters`,
		},
		limitWaitTimeOption,
		replyToOption,
	]),
];
