/**
 * R7 contract additions: the `value` of the business-side webhook fields (issue 19). Meta's file
 * describes only the messages and group payloads; an Entry's change of any other field fails its
 * Change schema (the field enum and the value's oneOf). These patches add one schema per field,
 * from Meta's Webhooks reference (one page per field,
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/<field>):
 *     y  New definitions: AccountUpdateValue (…/reference/account_update), AccountAlertsValue
 *        (…/reference/account_alerts), PhoneNumberQualityUpdateValue (…/reference/phone_number_quality_update;
 *        `current_limit` and `old_limit` are deprecated, `max_daily_conversations_per_business`
 *        replaces them), MessageTemplateStatusUpdateValue, MessageTemplateQualityUpdateValue,
 *        TemplateCategoryUpdateValue, MessageTemplateComponentsUpdateValue (…/reference/<field>),
 *        AutomaticEventsValue (…/reference/automatic_events), FlowsValue (Meta's "Flows Webhooks",
 *        …/whatsapp/flows/guides/flowswebhooks). BusinessFieldChange picks the value's schema
 *        from `field`, and an Entry's change is a Change (Meta's) or a BusinessFieldChange.
 *        Objects stay open (Meta adds properties over time); what the pages document is typed.
 */
import type { Json, JsonObject } from '../json';
import type { Patch } from './patch';

const STRING: Json = { type: 'string' };
const INTEGER: Json = { type: 'integer' };
const NUMBER: Json = { type: 'number' };
const STRING_OR_INTEGER: Json = { type: ['string', 'integer'] };
const STRINGS: Json = { type: 'array', items: STRING };

const object = (properties: JsonObject, required: string[] = []): JsonObject =>
	required.length > 0 ? { type: 'object', properties, required } : { type: 'object', properties };

/** The template a change names (Meta documents the ID as an integer). */
const TEMPLATE: JsonObject = { message_template_id: INTEGER, message_template_name: STRING, message_template_language: STRING };
const TEMPLATE_REQUIRED = ['message_template_id', 'message_template_name', 'message_template_language'];

const VALUES: Record<string, [string, JsonObject]> = {
	account_update: [
		'AccountUpdateValue',
		object(
			{
				event: STRING,
				country: STRING,
				waba_info: object({
					waba_id: STRING,
					owner_business_id: STRING,
					partner_app_id: STRING,
					solution_id: STRING,
					solution_partner_business_ids: STRINGS,
					ad_account_linked: STRING,
				}),
				violation_info: object({ violation_type: STRING }),
				ban_info: object({ waba_ban_state: STRING, waba_ban_date: STRING }),
				restriction_info: { type: 'array', items: object({ restriction_type: STRING, expiration: STRING_OR_INTEGER }) },
				disconnection_info: object({ reason: STRING, initiated_by: STRING }),
				auth_international_rate_eligibility: object({
					start_time: INTEGER,
					exception_countries: { type: 'array', items: object({ country_code: STRING, start_time: INTEGER }) },
				}),
				volume_tier_info: object({ tier_update_time: INTEGER, pricing_category: STRING, tier: STRING, effective_month: STRING, region: STRING }),
			},
			['event'],
		),
	],
	account_alerts: [
		'AccountAlertsValue',
		object(
			{
				entity_type: STRING,
				entity_id: STRING,
				alert_info: object(
					{ alert_severity: STRING, alert_status: STRING, alert_type: STRING, alert_description: STRING },
					['alert_severity', 'alert_status', 'alert_type'],
				),
			},
			['entity_type', 'entity_id', 'alert_info'],
		),
	],
	phone_number_quality_update: [
		'PhoneNumberQualityUpdateValue',
		object(
			{ display_phone_number: STRING, event: STRING, old_limit: STRING, current_limit: STRING, max_daily_conversations_per_business: STRING },
			['display_phone_number', 'event'],
		),
	],
	message_template_status_update: [
		'MessageTemplateStatusUpdateValue',
		object(
			{
				...TEMPLATE,
				event: STRING,
				// null when the template is scheduled for deletion (Meta's page)
				reason: { type: ['string', 'null'] },
				message_template_category: STRING,
				disable_info: object({ disable_date: STRING_OR_INTEGER }),
				other_info: object({ title: STRING, description: STRING }),
				rejection_info: object({ reason: STRING, recommendation: STRING }),
			},
			['event', ...TEMPLATE_REQUIRED],
		),
	],
	message_template_quality_update: [
		'MessageTemplateQualityUpdateValue',
		object({ ...TEMPLATE, previous_quality_score: STRING, new_quality_score: STRING }, [
			'previous_quality_score',
			'new_quality_score',
			...TEMPLATE_REQUIRED,
		]),
	],
	template_category_update: [
		'TemplateCategoryUpdateValue',
		object(
			{ ...TEMPLATE, previous_category: STRING, new_category: STRING, correct_category: STRING, category_update_timestamp: INTEGER },
			['new_category', ...TEMPLATE_REQUIRED],
		),
	],
	message_template_components_update: [
		'MessageTemplateComponentsUpdateValue',
		object(
			{
				...TEMPLATE,
				message_template_element: STRING,
				message_template_title: STRING,
				message_template_footer: STRING,
				message_template_buttons: {
					type: 'array',
					items: object(
						{
							message_template_button_type: STRING,
							message_template_button_text: STRING,
							message_template_button_url: STRING,
							message_template_button_phone_number: STRING,
						},
						['message_template_button_type', 'message_template_button_text'],
					),
				},
			},
			['message_template_element', ...TEMPLATE_REQUIRED],
		),
	],
	automatic_events: [
		'AutomaticEventsValue',
		object(
			{
				messaging_product: STRING,
				metadata: { $ref: '#/$defs/Metadata' },
				automatic_events: {
					type: 'array',
					items: object(
						{
							id: STRING,
							event_name: STRING,
							timestamp: INTEGER,
							ctwa_clid: STRING,
							// Meta's table says String, its syntax writes the amount unquoted: both accepted.
							custom_data: object({ currency: STRING, value: { type: ['string', 'number'] } }, ['currency', 'value']),
						},
						['id', 'event_name', 'timestamp'],
					),
				},
			},
			['messaging_product', 'metadata', 'automatic_events'],
		),
	],
	flows: [
		'FlowsValue',
		object(
			{
				event: STRING,
				flow_id: STRING,
				message: STRING,
				old_status: STRING,
				new_status: STRING,
				alert_state: STRING,
				threshold: NUMBER,
				error_rate: NUMBER,
				errors: { type: 'array', items: object({ error_type: STRING, error_count: INTEGER, error_rate: NUMBER }) },
				p50_latency: NUMBER,
				p90_latency: NUMBER,
				requests_count: INTEGER,
				availability: NUMBER,
			},
			['event', 'flow_id'],
		),
	],
};

/** The business-side fields this file describes, in Meta's spelling. */
export const BUSINESS_WEBHOOK_FIELDS = Object.keys(VALUES).sort();

const BUSINESS_FIELD_CHANGE: Json = {
	type: 'object',
	required: ['field', 'value'],
	properties: { field: { enum: BUSINESS_WEBHOOK_FIELDS }, value: { type: 'object' } },
	allOf: BUSINESS_WEBHOOK_FIELDS.map((field) => ({
		if: { properties: { field: { const: field } } },
		then: { properties: { value: { $ref: `#/$defs/${VALUES[field][0]}` } } },
	})),
};

export const WEBHOOK_FIELDS_BUSINESS_PATCHES: Patch[] = [
	...BUSINESS_WEBHOOK_FIELDS.map((field): Patch => ({ id: 'R7y', at: [VALUES[field][0]], before: undefined, after: VALUES[field][1] })),
	{ id: 'R7y', at: ['BusinessFieldChange'], before: undefined, after: BUSINESS_FIELD_CHANGE },
	{
		id: 'R7y',
		at: ['Entry', 'properties', 'changes', 'items'],
		before: { $ref: '#/$defs/Change' },
		after: { anyOf: [{ $ref: '#/$defs/Change' }, { $ref: '#/$defs/BusinessFieldChange' }] },
	},
];
