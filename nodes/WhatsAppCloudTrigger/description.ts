import type { INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../shared/optionsCollection';
import { DEFAULT_WINDOW_MINUTES } from './dedupe';
import { downloadMediaOption, mediaSizeLimitOption } from './mediaDownload';

/** Message types Meta sends in `messages[].type` (the contract's plus the documented rest). */
const MESSAGE_TYPES = [
	'audio',
	'button',
	'contacts',
	'document',
	'image',
	'interactive',
	'location',
	'order',
	'reaction',
	'request_welcome',
	'sticker',
	'system',
	'text',
	'unsupported',
	'video',
] as const;

/**
 * Meta's webhook fields of the whatsapp_business_account object (webhooks reference). Of
 * these, Meta routes only messages, message_echoes, calls, consumer_profile,
 * messaging_handovers, standby, group_*_update, smb_message_echoes, smb_app_state_sync,
 * history and account_settings_update to a WABA / phone-number override; all others always
 * go to the app's callback URL.
 */
export const WEBHOOK_FIELDS = [
	'account_alerts',
	'account_review_update',
	'account_settings_update',
	'account_update',
	'automatic_events',
	'business_capability_update',
	'calls',
	'flows',
	'group_lifecycle_update',
	'group_participants_update',
	'group_settings_update',
	'group_status_update',
	'history',
	'message_echoes',
	'message_template_components_update',
	'message_template_quality_update',
	'message_template_status_update',
	'messages',
	'messaging_handovers',
	'partner_solutions',
	'payment_configuration_update',
	'phone_number_name_update',
	'phone_number_quality_update',
	'security',
	'smb_app_state_sync',
	'smb_message_echoes',
	'template_category_update',
	'tracking_events',
	'user_preferences',
] as const;

const title = (value: string) => value.charAt(0).toUpperCase() + value.slice(1).replace(/_/g, ' ');

/**
 * n8n evaluates this for the editor and for runs: one output, or three named ones. Kept as a
 * plain expression over the top-level "outputs" parameter.
 */
export const OUTPUTS_EXPRESSION =
	'={{ $parameter.outputMode === "separate" ? [{ "type": "main", "displayName": "Messages" }, { "type": "main", "displayName": "Statuses" }, { "type": "main", "displayName": "Other" }] : [{ "type": "main", "displayName": "Events" }] }}';

export const properties: INodeProperties[] = [
	{
		// one line; what Meta sends to each mode and what activation changes: Subscription Mode's options and tooltip
		displayName: "Published, this trigger receives the WABA's messages and statuses (details under Subscription Mode)",
		name: 'overrideNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { '@version': [{ _cnd: { gte: 1.1 } }], subscriptionMode: ['wabaOverride'] } },
	},
	{
		displayName: "Published, this trigger receives one phone number's messages and statuses (details under Subscription Mode)",
		name: 'phoneOverrideNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { '@version': [{ _cnd: { gte: 1.1 } }], subscriptionMode: ['phoneOverride'] } },
	},
	{
		displayName: "Published, this trigger is the app's own webhook for the chosen fields (details under Subscription Mode)",
		name: 'appCallbackNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { '@version': [{ _cnd: { gte: 1.1 } }], subscriptionMode: ['appCallback'] } },
	},
	{
		displayName:
			"Nothing is subscribed: enter this trigger's Production URL and the credential's Verify Token in App Dashboard → WhatsApp → Configuration",
		name: 'manualNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { '@version': [{ _cnd: { gte: 1.1 } }], subscriptionMode: ['none'] } },
	},
	{
		displayName:
			'With "Subscribe Automatically" the credential\'s WABA sends its webhooks here while published, and gets its previous setting back after',
		name: 'notice',
		type: 'notice',
		default: '',
		displayOptions: { show: { '@version': [1] } },
	},
	{
		displayName: 'Subscription Mode',
		name: 'subscriptionMode',
		type: 'options',
		noDataExpression: true,
		default: 'wabaOverride',
		displayOptions: { show: { '@version': [{ _cnd: { gte: 1.1 } }] } },
		options: [
			{
				name: 'WABA Override (Messages and Statuses)',
				value: 'wabaOverride',
				description:
					"While published, this trigger is the WABA's override callback URL for this app (POST /{WABA-ID}/subscribed_apps; unpublishing undoes only that). Meta sends an override messages with statuses, echoes, calls, groups, history and account settings updates; template, quality and account events go to the app's callback URL (App Callback).",
			},
			{
				name: 'Phone Number Override (One Number)',
				value: 'phoneOverride',
				description:
					"While published, this trigger is one phone number's override callback URL for this app (POST /{phone-number-ID} webhook_configuration). Meta asks the number first, then the WABA, then the app: one workflow per number on one app. Same fields as a WABA override; the app must be subscribed to the number's WABA.",
			},
			{
				name: 'App Callback (All Fields)',
				value: 'appCallback',
				description:
					"While published, this trigger is the app's own webhook for the chosen fields, for every WABA subscribed to the app (POST /{app-ID}/subscriptions; App ID and App Secret needed). One per app; a WABA override of the same app still takes the messages.",
			},
			{
				name: 'None (Set Up Manually)',
				value: 'none',
				description: 'Subscribe nothing; you point Meta at this trigger yourself',
			},
		],
		description:
			'How the trigger gets Meta to send it webhooks. Meta calls only public HTTPS URLs; with the credential pointing at the simulator on this machine, http on localhost works too.',
	},
	{
		displayName: 'Phone Number Name or ID',
		name: 'phoneNumberId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getPhoneNumberOptions' },
		default: '',
		required: true,
		displayOptions: { show: { '@version': [{ _cnd: { gte: 1.1 } }], subscriptionMode: ['phoneOverride'] } },
		description:
			'The business phone number whose webhooks this trigger receives (listed from the credential\'s WhatsApp Business Account). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Webhook Fields',
		name: 'appFields',
		type: 'multiOptions',
		default: ['message_template_status_update', 'messages'],
		required: true,
		displayOptions: { show: { '@version': [{ _cnd: { gte: 1.1 } }], subscriptionMode: ['appCallback'] } },
		options: WEBHOOK_FIELDS.map((f) => ({ name: f, value: f })),
		description:
			"Meta's webhook fields of the WhatsApp Business Account object to subscribe the app to. Choose Events → Other Fields too to receive the non-message ones.",
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		default: ['messages'],
		required: true,
		options: [
			{
				name: 'Messages',
				value: 'messages',
				description: 'What customers send: texts, media, button and list replies, reactions, locations …',
			},
			{
				name: 'Statuses',
				value: 'statuses',
				description: 'Sent / delivered / read / failed updates for the messages you send',
			},
			{
				name: 'Other Fields',
				value: 'other',
				description: 'Every other subscribed webhook field, e.g. group updates, template status or quality updates',
			},
		],
		description: 'Which webhook events start the workflow. Each message and each status becomes its own item.',
	},
	{
		displayName: 'Outputs',
		name: 'outputMode',
		type: 'options',
		noDataExpression: true,
		default: 'single',
		options: [
			{
				name: 'One Output',
				value: 'single',
				description: 'All events on one output; tell them apart by the "event" field',
			},
			{ name: 'Separate Outputs', value: 'separate', description: 'Three outputs: Messages, Statuses and Other' },
		],
	},
	{
		displayName: 'Subscribe Automatically',
		name: 'autoSubscribe',
		type: 'boolean',
		default: true,
		displayOptions: { show: { '@version': [1] } },
		description:
			"Whether to subscribe the credential's WhatsApp Business Account to this trigger's URL on activation (POST /{WABA-ID}/subscribed_apps with override_callback_uri) and restore what was there on deactivation. Needs the WABA ID in the credential; without it nothing is subscribed. Turn off to set the callback URL in the App Dashboard yourself.",
	},
	optionsCollection([
		{
			displayName: 'Accept Unsigned Events (Testing Only)',
			name: 'acceptUnsigned',
			type: 'boolean',
			default: false,
			description:
				'Whether to let in webhooks that carry no X-Hub-Signature-256 header (and every webhook when the credential has no App Secret). This opens the production URL to anyone who knows it: any JSON they post starts the workflow as if Meta had sent it, e.g. fake customer messages. A signature that is present is still checked. Items of unsigned webhooks carry signatureVerified: false, download no media and are not remembered for Drop Redeliveries; n8n logs a warning at most once a minute. Use only for tests.',
		},
		downloadMediaOption,
		{
			displayName: 'Drop Redeliveries',
			name: 'dedupe',
			type: 'boolean',
			default: true,
			description:
				'Whether to drop a message or status that was already emitted recently. Meta delivers at least once, so the same event can arrive twice. The memory is per n8n process and lost on restart; for a lasting check add a Remove Duplicates node after the trigger that removes items processed in previous executions by their dedupeKey field.',
		},
		mediaSizeLimitOption,
		{
			displayName: 'Include Send and Wait Answers',
			name: 'includeSendAndWaitAnswers',
			type: 'boolean',
			default: false,
			description:
				'Whether this workflow also gets the answers to WhatsApp Cloud "Send and Wait for Response" questions as items. They always go to the waiting workflow; off: the trigger does not emit them.',
		},
		{
			displayName: 'Message Types',
			name: 'messageTypes',
			type: 'multiOptions',
			default: [],
			options: MESSAGE_TYPES.map((t) => ({ name: title(t), value: t })),
			description: 'Only messages of these types. Empty: all types, including ones Meta adds later.',
		},
		{
			displayName: 'Only Phone Number IDs (Typed)',
			name: 'phoneNumberIds',
			type: 'string',
			default: '',
			placeholder: 'e.g. 106540352242922, 106540352242923',
			description:
				'Phone Number IDs typed or from an expression, comma-separated, for numbers the list cannot show. Adds to Only Phone Numbers. Events without a number (e.g. template updates) always pass.',
		},
		{
			displayName: 'Only Phone Numbers',
			name: 'phoneNumberIdList',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getPhoneNumberOptions' },
			default: [],
			description:
				'Only events for these business phone numbers of the credential\'s WhatsApp Business Account. Empty: every number of the app. Events without a number (e.g. template updates) always pass. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{
			displayName: 'Other Field Names (Typed)',
			name: 'otherFields',
			type: 'string',
			default: '',
			placeholder: 'e.g. message_template_status_update, phone_number_quality_update',
			description:
				'Webhook field names typed or from an expression, comma-separated, for fields Meta added after this list. Adds to Other Fields.',
		},
		{
			displayName: 'Other Fields',
			name: 'otherFieldList',
			type: 'multiOptions',
			default: [],
			options: WEBHOOK_FIELDS.map((f) => ({ name: f, value: f })),
			description: "Only these of Meta's webhook fields among the other events. Empty: all of them.",
		},
		{
			displayName: 'Redelivery Window (Minutes)',
			name: 'dedupeMinutes',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 7 * 24 * 60 },
			default: DEFAULT_WINDOW_MINUTES,
			description:
				'How long an emitted message or status ID is remembered to drop redeliveries (at most 10,000 IDs per trigger)',
		},
		{
			displayName: 'Status Types',
			name: 'statusTypes',
			type: 'multiOptions',
			default: [],
			options: [
				{ name: 'Sent', value: 'sent' },
				{ name: 'Delivered', value: 'delivered' },
				{ name: 'Read', value: 'read' },
				{ name: 'Failed', value: 'failed' },
			],
			description: 'Only statuses of these kinds. Empty: all.',
		},
	]),
];
