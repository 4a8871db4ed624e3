/**
 * R7 contract fixes of the send side (messages):
 *     a  BaseMessageProperties.required drops recipient_type and type: both are optional in the
 *        real API (defaults "individual" / "text"); 6 of Meta's 50 examples omit recipient_type.
 *     b  LocationMessage latitude/longitude: number or string (both location examples send numbers;
 *        the webhook side uses numbers).
 *     c  DocumentMessage.document gets `filename`: R2 points the send-side media at MediaObject_1
 *        ({id|link, caption}, closed with additionalProperties:false), which has no `filename`;
 *        documents take one (Meta's document examples send it). New DocumentMediaObject = the same
 *        oneOf plus `filename`, used only by DocumentMessage.
 *     h  InteractiveObject.type gets order_details/order_status and ActionObject a oneOf branch
 *        for their actions (name review_and_pay/review_order + parameters): Meta's own
 *        "Send Order Details/Status Message" examples.
 *     k  InteractiveObject.type gets cta_url and location_request_message, and ActionObject the
 *        branches for their actions (name cta_url + parameters {display_text ≤ 20, url}; name
 *        send_location): both kinds are in Meta's Cloud API reference but missing from this file.
 *        No example uses them; the node's tests and e2e send them.
 *     q  `biz_opaque_callback_data` (string ≤ 512) on every sent message, echoed in the message's
 *        status webhooks (Statuses gets it too): Meta's Cloud API reference documents both ("Send
 *        messages" request body; status webhook object); this file has it only on calls. Send and
 *        Wait (Free Text) sends it.
 */
import type { Patch } from './patch';

/** InteractiveObject.type as the file has it, then with R7h's order kinds. */
const INTERACTIVE_TYPES = ['button', 'call_permission_request', 'catalog_message', 'list', 'product', 'product_list', 'flow'];
const INTERACTIVE_TYPES_WITH_ORDERS = [...INTERACTIVE_TYPES, 'order_details', 'order_status'];
/** InteractiveObject.type after R7k (usernames.ts R7s adds to it). */
export const INTERACTIVE_TYPES_AFTER_R7K = [...INTERACTIVE_TYPES_WITH_ORDERS, 'cta_url', 'location_request_message'];

export const MESSAGE_PATCHES: Patch[] = [
	{
		id: 'R7a',
		at: ['BaseMessageProperties', 'required'],
		before: ['messaging_product', 'recipient_type', 'to', 'type'],
		after: ['messaging_product', 'to'],
	},
	{
		id: 'R7b',
		at: ['LocationMessage', 'allOf', '1', 'properties', 'location', 'properties', 'latitude'],
		before: { type: 'string' },
		after: { type: ['number', 'string'] },
	},
	{
		id: 'R7b',
		at: ['LocationMessage', 'allOf', '1', 'properties', 'location', 'properties', 'longitude'],
		before: { type: 'string' },
		after: { type: ['number', 'string'] },
	},
	{
		id: 'R7c',
		at: ['DocumentMediaObject'],
		before: undefined,
		after: {
			type: 'object',
			oneOf: [
				{
					required: ['id'],
					properties: { id: { type: 'string' }, caption: { type: 'string', maxLength: 1024 }, filename: { type: 'string' } },
					additionalProperties: false,
				},
				{
					required: ['link'],
					properties: {
						link: { type: 'string', format: 'url' },
						caption: { type: 'string', maxLength: 1024 },
						filename: { type: 'string' },
					},
					additionalProperties: false,
				},
			],
		},
	},
	{
		id: 'R7c',
		at: ['DocumentMessage', 'allOf', '1', 'properties', 'document'],
		before: { $ref: '#/$defs/MediaObject_1' },
		after: { $ref: '#/$defs/DocumentMediaObject' },
	},
	{
		id: 'R7h',
		at: ['InteractiveObject', 'properties', 'type', 'enum'],
		before: INTERACTIVE_TYPES,
		after: INTERACTIVE_TYPES_WITH_ORDERS,
	},
	{
		id: 'R7h',
		at: ['ActionObject', 'oneOf', '6'],
		before: undefined,
		after: {
			required: ['name', 'parameters'],
			properties: {
				name: { type: 'string', enum: ['review_and_pay', 'review_order'] },
				parameters: { type: 'object' },
			},
		},
	},
	// R7k: two interactive kinds that Meta's Cloud API reference documents ("Interactive CTA URL
	// button messages", "Location request messages") but this v23.0 file leaves out.
	{
		id: 'R7k',
		at: ['InteractiveObject', 'properties', 'type', 'enum'],
		before: INTERACTIVE_TYPES_WITH_ORDERS,
		after: INTERACTIVE_TYPES_AFTER_R7K,
	},
	{
		id: 'R7k',
		at: ['ActionObject', 'oneOf', '7'],
		before: undefined,
		after: {
			required: ['name', 'parameters'],
			properties: {
				name: { type: 'string', enum: ['cta_url'] },
				parameters: {
					type: 'object',
					additionalProperties: false,
					required: ['display_text', 'url'],
					properties: { display_text: { type: 'string', maxLength: 20 }, url: { type: 'string' } },
				},
			},
		},
	},
	{
		id: 'R7k',
		at: ['ActionObject', 'oneOf', '8'],
		before: undefined,
		after: {
			required: ['name'],
			properties: { name: { type: 'string', enum: ['send_location'] } },
		},
	},
	// R7q: the message-level callback data Meta's reference documents (echoed in status webhooks).
	{
		id: 'R7q',
		at: ['BaseMessageProperties', 'properties', 'biz_opaque_callback_data'],
		before: undefined,
		after: { type: 'string', maxLength: 512 },
	},
];
