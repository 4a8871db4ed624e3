import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getPhoneNumberId, recipientParameter, replyToOption } from '../common';
import { LIMITS } from '../../helpers/limits';
import { validateInput } from '../../helpers/validate';
import {
	interactiveSchemas,
	sendInteractiveLabels,
	type InteractiveHeader,
	type InteractiveInput,
	type InteractiveKind,
} from '../../helpers/schemas';
import { sendMessage } from './sendResult';
import type { SendingSession } from '../../helpers/retry';

const showKind = (...kinds: InteractiveKind[]) => ({ show: { interactiveType: kinds } });

const headerOptions: INodePropertyOptions[] = [
	{ name: 'None', value: 'none' },
	{ name: 'Text', value: 'text' },
	{ name: 'Image', value: 'image' },
	{ name: 'Video', value: 'video' },
	{ name: 'Document', value: 'document' },
];

export const description: INodeProperties[] = [
	recipientParameter(),
	{
		displayName: 'Interactive Type',
		name: 'interactiveType',
		type: 'options',
		noDataExpression: true,
		default: 'buttons',
		options: [
			{ name: 'CTA URL Button', value: 'ctaUrl', description: 'One button that opens a web address' },
			{ name: 'Flow', value: 'flow', description: 'Opens a WhatsApp Flow (form) you built in WhatsApp Manager' },
			{ name: 'List', value: 'list', description: 'A menu of up to 10 rows in sections, opened by a button' },
			{
				name: 'Location Request',
				value: 'locationRequest',
				description: 'Asks the contact to share their location',
			},
			{ name: 'Reply Buttons', value: 'buttons', description: 'Up to 3 buttons the contact taps to answer' },
		],
	},
	{
		displayName: 'Header',
		name: 'headerType',
		type: 'options',
		default: 'none',
		options: headerOptions,
		displayOptions: showKind('buttons', 'ctaUrl'),
	},
	{
		displayName: 'Header',
		name: 'headerType',
		type: 'options',
		default: 'none',
		options: headerOptions.slice(0, 2),
		description: 'This message type only supports a text header',
		displayOptions: showKind('list', 'flow'),
	},
	{
		displayName: 'Header Text',
		name: 'headerText',
		type: 'string',
		default: '',
		required: true,
		description: `Up to ${LIMITS.headerText} characters, no formatting`,
		displayOptions: { show: { interactiveType: ['buttons', 'ctaUrl', 'list', 'flow'], headerType: ['text'] } },
	},
	{
		displayName: 'Header Media Source',
		name: 'headerMediaSource',
		type: 'options',
		default: 'link',
		options: [
			{ name: 'Public URL', value: 'link' },
			{ name: 'Media ID', value: 'id', description: 'A file uploaded with Media → Upload' },
		],
		displayOptions: { show: { interactiveType: ['buttons', 'ctaUrl'], headerType: ['image', 'video', 'document'] } },
	},
	{
		displayName: 'Header Media URL',
		name: 'headerMediaUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://example.com/photo.jpg',
		displayOptions: {
			show: {
				interactiveType: ['buttons', 'ctaUrl'],
				headerType: ['image', 'video', 'document'],
				headerMediaSource: ['link'],
			},
		},
	},
	{
		displayName: 'Header Media ID',
		name: 'headerMediaId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: {
			show: {
				interactiveType: ['buttons', 'ctaUrl'],
				headerType: ['image', 'video', 'document'],
				headerMediaSource: ['id'],
			},
		},
	},
	{
		displayName: 'Body Text',
		name: 'bodyText',
		type: 'string',
		default: '',
		required: true,
		typeOptions: { rows: 3 },
		description: `The message text, up to ${LIMITS.interactiveBody} characters. *bold*, _italic_ and emojis work.`,
	},
	{
		displayName: 'Footer Text',
		name: 'footerText',
		type: 'string',
		default: '',
		description: `Optional small grey text under the body, up to ${LIMITS.footerText} characters`,
		displayOptions: showKind('buttons', 'list', 'ctaUrl', 'flow'),
	},
	// Reply buttons
	{
		displayName: 'Buttons',
		name: 'buttons',
		type: 'fixedCollection',
		placeholder: 'Add Button',
		typeOptions: { multipleValues: true },
		default: {},
		description: `1 to ${LIMITS.replyButtons} buttons. The contact's answer arrives at the WhatsApp Cloud Trigger with the button ID.`,
		displayOptions: showKind('buttons'),
		options: [
			{
				displayName: 'Button',
				name: 'button',
				values: [
					{
						displayName: 'Button Title',
						name: 'title',
						type: 'string',
						default: '',
						description: `Text on the button, up to ${LIMITS.buttonTitle} characters, unique in the message`,
					},
					{
						displayName: 'Button ID',
						name: 'id',
						type: 'string',
						default: '',
						description: `Your identifier for the answer, up to ${LIMITS.buttonId} characters, unique in the message`,
					},
				],
			},
		],
	},
	// List
	{
		displayName: 'List Button Text',
		name: 'listButtonText',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Choose an option',
		description: `Text of the button that opens the list, up to ${LIMITS.listButtonText} characters`,
		displayOptions: showKind('list'),
	},
	{
		displayName: 'Define Sections',
		name: 'listDefinition',
		type: 'options',
		default: 'fields',
		options: [
			{ name: 'Using Fields Below', value: 'fields' },
			{
				name: 'Using JSON',
				value: 'json',
				description: 'Build the sections with an expression, e.g. from the items of a previous node',
			},
		],
		displayOptions: showKind('list'),
	},
	{
		displayName: 'Sections',
		name: 'sections',
		type: 'fixedCollection',
		placeholder: 'Add Section',
		typeOptions: { multipleValues: true },
		default: {},
		description: `Up to ${LIMITS.listSections} sections with at most ${LIMITS.listRows} rows in total. A section title is required when there is more than one section.`,
		displayOptions: { show: { interactiveType: ['list'], listDefinition: ['fields'] } },
		options: [
			{
				displayName: 'Section',
				name: 'section',
				values: [
					{
						displayName: 'Section Title',
						name: 'title',
						type: 'string',
						default: '',
						description: `Up to ${LIMITS.listSectionTitle} characters`,
					},
					{
						displayName: 'Rows',
						name: 'rows',
						type: 'fixedCollection',
						placeholder: 'Add Row',
						typeOptions: { multipleValues: true },
						default: {},
						options: [
							{
								displayName: 'Row',
								name: 'row',
								values: [
									{
										displayName: 'Row Title',
										name: 'title',
										type: 'string',
										default: '',
										description: `Up to ${LIMITS.listRowTitle} characters, unique in the list`,
									},
									{
										displayName: 'Row ID',
										name: 'id',
										type: 'string',
										default: '',
										description: `Your identifier for the answer, up to ${LIMITS.listRowId} characters, unique in the list`,
									},
									{
										displayName: 'Row Description',
										name: 'description',
										type: 'string',
										default: '',
										description: `Optional, up to ${LIMITS.listRowDescription} characters`,
									},
								],
							},
						],
					},
				],
			},
		],
	},
	{
		displayName: 'Sections (JSON)',
		name: 'sectionsJson',
		type: 'json',
		default:
			'[\n  {\n    "title": "Section 1",\n    "rows": [\n      { "id": "row-1", "title": "First choice", "description": "Optional" }\n    ]\n  }\n]',
		required: true,
		description:
			'An array of sections as WhatsApp defines them, each with a title and its rows; the default value shows the format',
		displayOptions: { show: { interactiveType: ['list'], listDefinition: ['json'] } },
	},
	// CTA URL
	{
		displayName: 'Button Text',
		name: 'ctaDisplayText',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'See dates',
		description: `Text on the button, up to ${LIMITS.ctaDisplayText} characters`,
		displayOptions: showKind('ctaUrl'),
	},
	{
		displayName: 'URL',
		name: 'ctaUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://example.com/booking',
		description: 'Address the button opens',
		displayOptions: showKind('ctaUrl'),
	},
	// Flow
	{
		displayName: 'Flow',
		name: 'flowBy',
		type: 'options',
		default: 'id',
		options: [
			{ name: 'By ID', value: 'id' },
			{ name: 'By Name', value: 'name' },
		],
		displayOptions: showKind('flow'),
	},
	{
		displayName: 'Flow ID',
		name: 'flowId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '1234567890123456',
		description: 'WhatsApp Manager → Account tools → Flows → the Flow → ID',
		displayOptions: { show: { interactiveType: ['flow'], flowBy: ['id'] } },
	},
	{
		displayName: 'Flow Name',
		name: 'flowName',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { interactiveType: ['flow'], flowBy: ['name'] } },
	},
	{
		displayName: 'Flow Button Text',
		name: 'flowCta',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Book now',
		description: `Text on the button that opens the Flow, up to ${LIMITS.flowCta} characters, no emoji`,
		displayOptions: showKind('flow'),
	},
	{
		displayName: 'Flow Action',
		name: 'flowAction',
		type: 'options',
		default: 'navigate',
		options: [
			{ name: 'Navigate', value: 'navigate', description: 'Open the Flow on the screen below, with the data below' },
			{
				name: 'Data Exchange',
				value: 'data_exchange',
				description: 'Your Flow endpoint decides the first screen and its data',
			},
		],
		displayOptions: showKind('flow'),
	},
	{
		displayName: 'First Screen',
		name: 'flowScreen',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'WELCOME_SCREEN',
		description: 'ID of the screen the Flow opens on (Flow JSON → screens → ID)',
		displayOptions: { show: { interactiveType: ['flow'], flowAction: ['navigate'] } },
	},
	{
		displayName: 'Screen Data',
		name: 'flowData',
		type: 'json',
		default: '{}',
		description: 'Optional input data for the first screen, as a JSON object',
		displayOptions: { show: { interactiveType: ['flow'], flowAction: ['navigate'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Flow Mode',
				name: 'flowMode',
				type: 'options',
				default: 'published',
				options: [
					{ name: 'Published', value: 'published' },
					{ name: 'Draft', value: 'draft', description: 'Test a Flow that is not published yet' },
				],
				description: 'Only for Flow messages',
			},
			{
				displayName: 'Flow Token',
				name: 'flowSession',
				type: 'string',
				default: '',
				description:
					'Only for Flow messages: your identifier for this Flow session, sent back with the answers (e.g. an order ID)',
			},
			replyToOption,
		],
	},
];

function readHeader(this: IExecuteFunctions, itemIndex: number, kind: InteractiveKind): IDataObject | undefined {
	if (kind === 'locationRequest') return undefined;
	const type = this.getNodeParameter('headerType', itemIndex, 'none') as string;
	if (type === 'none') return { type };
	if (type === 'text') return { type, text: this.getNodeParameter('headerText', itemIndex, '') };
	const source = this.getNodeParameter('headerMediaSource', itemIndex, 'link') as string;
	return source === 'id'
		? { type, source, id: this.getNodeParameter('headerMediaId', itemIndex, '') }
		: { type, source, link: this.getNodeParameter('headerMediaUrl', itemIndex, '') };
}

function readSections(this: IExecuteFunctions, itemIndex: number): unknown {
	const mode = this.getNodeParameter('listDefinition', itemIndex, 'fields') as string;
	if (mode === 'json') {
		let value = this.getNodeParameter('sectionsJson', itemIndex) as unknown;
		if (typeof value === 'string') {
			try {
				value = JSON.parse(value) as unknown;
			} catch (error) {
				throw new NodeOperationError(
					this.getNode(),
					`"Sections (JSON)" is not valid JSON: ${(error as Error).message} (item ${itemIndex + 1})`,
					{ itemIndex },
				);
			}
		}
		if (value && typeof value === 'object' && !Array.isArray(value) && 'sections' in value) {
			value = (value as IDataObject).sections;
		}
		return value;
	}
	const sections = this.getNodeParameter('sections.section', itemIndex, []) as IDataObject[];
	return sections.map((section) => ({
		title: section.title,
		rows: ((section.rows as IDataObject | undefined)?.row as IDataObject[] | undefined) ?? [],
	}));
}

function readInput(
	this: IExecuteFunctions,
	itemIndex: number,
	kind: InteractiveKind,
	options: IDataObject,
): IDataObject {
	const input: IDataObject = {
		kind,
		to: this.getNodeParameter('to', itemIndex),
		replyTo: options.replyTo,
		body: this.getNodeParameter('bodyText', itemIndex),
	};
	if (kind !== 'locationRequest') {
		input.header = readHeader.call(this, itemIndex, kind);
		input.footer = this.getNodeParameter('footerText', itemIndex, '');
	}
	switch (kind) {
		case 'buttons':
			input.buttons = this.getNodeParameter('buttons.button', itemIndex, []);
			break;
		case 'list':
			input.buttonText = this.getNodeParameter('listButtonText', itemIndex);
			input.sections = readSections.call(this, itemIndex) as IDataObject[];
			break;
		case 'ctaUrl':
			input.displayText = this.getNodeParameter('ctaDisplayText', itemIndex);
			input.url = this.getNodeParameter('ctaUrl', itemIndex);
			break;
		case 'flow': {
			const action = this.getNodeParameter('flowAction', itemIndex, 'navigate') as string;
			const by = this.getNodeParameter('flowBy', itemIndex, 'id') as string;
			Object.assign(input, {
				flowBy: by,
				flowId: by === 'id' ? this.getNodeParameter('flowId', itemIndex, '') : undefined,
				flowName: by === 'name' ? this.getNodeParameter('flowName', itemIndex, '') : undefined,
				flowCta: this.getNodeParameter('flowCta', itemIndex),
				mode: options.flowMode ?? 'published',
				flowToken: options.flowSession || undefined,
				flowAction: action,
				screen: action === 'navigate' ? this.getNodeParameter('flowScreen', itemIndex, '') : undefined,
				data: action === 'navigate' ? this.getNodeParameter('flowData', itemIndex, undefined) : undefined,
			});
			break;
		}
	}
	return input;
}

/** The `header` object Meta expects, or undefined for none. */
export function headerBody(header: InteractiveHeader | undefined): IDataObject | undefined {
	if (!header || header.type === 'none') return undefined;
	if (header.type === 'text') return { type: 'text', text: header.text };
	return { type: header.type, [header.type]: header.source === 'id' ? { id: header.id } : { link: header.link } };
}

/** The `interactive` object of the request, from validated input. */
export function interactiveBody(input: InteractiveInput): IDataObject {
	const interactive: IDataObject = {};
	switch (input.kind) {
		case 'buttons':
			interactive.type = 'button';
			interactive.action = {
				buttons: input.buttons.map((b) => ({ type: 'reply', reply: { id: b.id, title: b.title } })),
			};
			break;
		case 'list':
			interactive.type = 'list';
			interactive.action = {
				button: input.buttonText,
				sections: input.sections.map((section) => ({
					...(section.title ? { title: section.title } : {}),
					rows: section.rows.map((row) => ({
						id: row.id,
						title: row.title,
						...(row.description ? { description: row.description } : {}),
					})),
				})),
			};
			break;
		case 'ctaUrl':
			interactive.type = 'cta_url';
			interactive.action = { name: 'cta_url', parameters: { display_text: input.displayText, url: input.url } };
			break;
		case 'locationRequest':
			interactive.type = 'location_request_message';
			interactive.action = { name: 'send_location' };
			break;
		case 'flow': {
			const parameters: IDataObject = {
				flow_message_version: '3',
				flow_cta: input.flowCta,
				flow_action: input.flowAction,
			};
			if (input.flowBy === 'id') parameters.flow_id = input.flowId;
			else parameters.flow_name = input.flowName;
			if (input.mode === 'draft') parameters.mode = 'draft';
			if (input.flowToken) parameters.flow_token = input.flowToken;
			if (input.flowAction === 'navigate') {
				parameters.flow_action_payload = {
					screen: input.screen,
					...(input.data ? { data: input.data as IDataObject } : {}),
				};
			}
			interactive.type = 'flow';
			interactive.action = { name: 'flow', parameters };
			break;
		}
	}
	if ('header' in input) {
		const header = headerBody(input.header);
		if (header) interactive.header = header;
	}
	interactive.body = { text: input.body };
	if ('footer' in input && input.footer) interactive.footer = { text: input.footer };
	return interactive;
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	sending?: SendingSession,
): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const kind = this.getNodeParameter('interactiveType', itemIndex) as InteractiveKind;
	const schema = interactiveSchemas[kind];
	if (!schema) {
		throw new NodeOperationError(
			this.getNode(),
			`"Interactive Type" "${kind}" is not supported (item ${itemIndex + 1})`,
			{ itemIndex },
		);
	}
	const input = validateInput(
		this.getNode(),
		schema,
		readInput.call(this, itemIndex, kind, options),
		sendInteractiveLabels,
		itemIndex,
	) as InteractiveInput;
	const phoneNumberId = getPhoneNumberId.call(this, itemIndex);

	const json = await sendMessage.call(
		this,
		itemIndex,
		phoneNumberId,
		{
			to: input.to,
			type: 'interactive',
			content: interactiveBody(input),
			replyTo: input.replyTo,
		},
		sending,
	);
	return [{ json }];
}
