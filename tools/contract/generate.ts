/**
 * Contract generator: turns Meta's OpenAPI contract for the WhatsApp Business Platform
 * (tools/contract/meta/business-messaging-api_v23.0.yaml, OpenAPI 3.1, MIT) into two committed files:
 *
 *   tools/contract/schemas.json   one JSON Schema 2020-12 document ($defs) with the schemas the
 *                                 operations below need (request bodies + 200 responses), prose
 *                                 removed, plus an `operations` map and a `discriminators` map.
 *   tools/contract/examples.json  the 50 request examples of POST /{Phone-Number-ID}/messages and
 *                                 the 16 webhook payload examples, verbatim.
 *
 * Run: npx tsx tools/contract/generate.ts [--contract <path to yaml>]
 * Output is deterministic (keys sorted), so re-running gives no diff. The script ends by validating
 * every example with tools/contract/validate.ts and exits with status 1 if any result differs from
 * what is expected (see KNOWN_INVALID_EXAMPLES).
 *
 * YAML is read by shelling out to python3 + PyYAML with a YAML 1.2 "core schema" resolver: plain
 * scalars become bool/null/int/float only in their 1.2 spelling. PyYAML's default YAML 1.1 rules
 * would turn `09:00` into the sexagesimal integer 540, `2024-01-28T08:00:00+0000` into a datetime
 * and `NO` into false; all of these stay strings here.
 *
 * Rewrites applied to Meta's schemas (every one is needed for plain JSON Schema validation to mean
 * what the contract means, or fixes a contract bug shown by Meta's own examples):
 *
 *  R1 Prose removed: description, summary, example, examples, externalDocs, title, and OpenAPI-only
 *     annotations (deprecated, readOnly, writeOnly, xml, x-*), only where they are schema keywords
 *     (a property that is *named* "title" or "description" is kept).
 *
 *  R2 Broken $refs from the contract's merge repaired. Meta's file is several specs merged into one
 *     components.schemas; colliding names were renamed with a suffix (TextMessage_2,
 *     BaseMessageProperties_1, ErrorObject_2, SubscribedApp_1, ...) but the $refs inside the renamed
 *     family still say the un-suffixed name. Example: the webhook's IncomingMessage maps "text" to
 *     #/components/schemas/TextMessage, which is the *send* schema (requires `to`, no `from`); the
 *     webhook's own text schema is TextMessage_2, defined right next to IncomingMessage.
 *     Rule: a $ref (or discriminator mapping) to N inside component C, when N_1, N_2... also exist,
 *     goes to the candidate (N or N_k, never C itself) defined nearest to C in document order.
 *     Every repair is printed when the generator runs.
 *
 *  R3 OpenAPI 3.0 `nullable: true` becomes a type list that includes "null".
 *
 *  R4 OpenAPI `discriminator` has no meaning in JSON Schema; it is replaced by explicit dispatch:
 *     the discriminating property gets an enum of the mapping keys, becomes required, and one
 *     `if {prop: const k} then {$ref mapping[k]}` per key is added to allOf.
 *     - with oneOf (Message, IncomingMessage): the oneOf is dropped (the if/then list replaces it),
 *       so an error names the one branch the payload claims to be instead of all eleven.
 *     - without oneOf (TemplateComponent, ParameterObject, ButtonParameterObject, and the inline
 *       `interactive` of InteractiveMessageReply): OpenAPI's allOf inheritance, where the children
 *       (HeaderComponent, TextParameter, ...) are allOf [$ref parent, {...}]. The parent keeps its
 *       own keywords in `<Name>__base`, children are pointed at the base, and the parent gets the
 *       dispatch, so a template's parameters are checked against the mapped child (they would
 *       otherwise only be checked as "an array").
 *     The mapping of every discriminator is also written to `discriminators` in schemas.json, for
 *     validate.ts to pick the branch itself (clear errors).
 *     Message: a message without `type` is a text message (Meta's documented default; the example
 *     "Send Text Message with Preview URL" has no type), so `type` is not required there and a
 *     missing type dispatches to TextMessage.
 *
 *  R5 allOf + additionalProperties:false. The send-side messages are
 *     allOf [ {$ref BaseMessageProperties}, {additionalProperties:false, properties:{type, text}} ];
 *     in JSON Schema that branch would reject `to`/`messaging_product` (declared in the other
 *     branch). The `additionalProperties: false` is moved out of the branch and the allOf parent
 *     gets `unevaluatedProperties: false` (same intent: only properties declared by some branch are
 *     allowed). Validate with Ajv2020 (ajv/dist/2020).
 *
 *  R6 `format` is kept as an annotation only (the JSON Schema 2020-12 default). The examples use
 *     placeholders such as "<http(s)://audio-url>" in `link` (format "url", not a JSON Schema
 *     format), int32/int64/float are OpenAPI type hints and Meta checks links when it downloads
 *     them, not when it accepts the request.
 *
 *  R7 Contract fixes, each checked against the value it replaces (the generator stops if Meta's file
 *     changed there) — see PATCHES below for the exact before/after:
 *     a  BaseMessageProperties.required drops recipient_type and type: both are optional in the
 *        real API (defaults "individual" / "text"); 6 of Meta's 50 examples omit recipient_type.
 *     b  LocationMessage latitude/longitude: number or string (both location examples send numbers;
 *        the webhook side uses numbers).
 *     c  DocumentMessage.document gets `filename`: R2 points the send-side media at MediaObject_1
 *        ({id|link, caption}, closed with additionalProperties:false), which has no `filename`;
 *        documents take one (Meta's document examples send it). New DocumentMediaObject = the same
 *        oneOf plus `filename`, used only by DocumentMessage.
 *     d  LanguageObject.required drops policy (most template examples omit it; default
 *        "deterministic").
 *     e  TemplateComponent/ButtonComponent `index`: the pattern "^[2-6, 11-14]$" is a malformed
 *        character class that rejects "0"; examples send 0, 1, "0", "1". Now: integer 0-9 or a
 *        one-digit string.
 *     f  `sub_type`: the examples also use "flow" and upper-case "CATALOG"; the enum gets "flow"
 *        and the upper-case spellings.
 *     g  ButtonParameterObject gets the `action` parameter type (new ButtonActionParameter: type
 *        "action" + `action` object), used by the catalog and flow template examples.
 *     h  InteractiveObject.type gets order_details/order_status and ActionObject a oneOf branch
 *        for their actions (name review_and_pay/review_order + parameters): Meta's own
 *        "Send Order Details/Status Message" examples.
 *     i  Webhooks: Groups.timestamp string or integer (the examples and every other webhook send a
 *        string), GroupParticipant input/wa_id string or integer (the group examples send numbers),
 *        Change.field also allows "group_participants_update" (the field name the
 *        "Group Remove Participants" example uses).
 *     j  Webhooks: ContextObject (context of an incoming text) requires only from/id; the schema
 *        also required referred_product, which only product inquiries carry (a plain reply has
 *        context {from, id}, as in the Button/Interactive reply examples).
 *     k  InteractiveObject.type gets cta_url and location_request_message, and ActionObject the
 *        branches for their actions (name cta_url + parameters {display_text ≤ 20, url}; name
 *        send_location): both kinds are in Meta's Cloud API reference but missing from this file.
 *        No example uses them; the node's tests and e2e send them.
 *     l  Template parameters from Meta's reference that this file leaves out: button sub_type
 *        copy_code with a `coupon_code` button parameter (≤ 15 characters), and `location` header
 *        parameters ({latitude, longitude, name, address}). No example uses them.
 *     p  Block Users (POST/DELETE /{Phone-Number-ID}/block_users): Meta's guide makes
 *        messaging_product ("whatsapp") and block_users required, each entry with its `user`, at
 *        most 1,000 users a request; the file's inline schema requires nothing.
 *     n  Conversational components (ConversationalAutomationRequest): Meta's Conversational
 *        Components guide allows 4 ice breakers (`prompts`; the file says 3) and command names of
 *        up to 32 characters (the file says 30).
 *     o  Message QR codes: the code pattern ^[A-Z2-7]{14}$ refuses Meta's own example codes
 *        ("ANED2T5QRU7HG1" has a 1): codes are 14 upper-case letters or digits. The request is a
 *        oneOf [Create, Update] where Create is open, so every update body (code + message)
 *        matched both branches and failed; Create now refuses `code`, and Update also takes
 *        generate_qr_image (Meta regenerates the image on update).
 *
 *  R8 Operations Meta's Cloud API reference documents but this file leaves out, added whole (see
 *     ADDED_OPERATIONS): their query parameters and headers are listed like Meta's and, unlike
 *     for Meta's own operations, checked by the simulator (`source: "R8"` in schemas.json).
 *     a  Resumable Upload API (the handles template header samples and profile photos need):
 *        POST /{App-ID}/uploads?file_name&file_length&file_type → {id: "upload:…"};
 *        POST /{Upload-Session-ID} with header file_offset and the file's bytes → {h};
 *        GET /{Upload-Session-ID} → {id, file_offset}. file_type: Meta's list (application/pdf,
 *        image/jpeg, image/jpg, image/png, video/mp4); the session id carries `?sig=`, sent back.
 *     b  Template analytics: GET /{WABA-ID}/template_analytics?start&end&granularity=DAILY
 *        &metric_types&template_ids (unix seconds; metric types SENT, DELIVERED, READ, CLICKED,
 *        COST; at most 10 template ids; both lists as Meta writes them, [..] or comma-separated).
 *
 *     m  Template components from Meta's reference that this file leaves out: `carousel` (cards of
 *        {card_index 0-9, components}, at most 10), `limited_time_offer` (one parameter
 *        {type: limited_time_offer, limited_time_offer: {expiration_time_ms}}), and button
 *        sub_type `mpm` (multi-product button). No example uses them; the node's tests send them.
 *     q  `biz_opaque_callback_data` (string ≤ 512) on every sent message, echoed in the message's
 *        status webhooks (Statuses gets it too): Meta's Cloud API reference documents both ("Send
 *        messages" request body; status webhook object); this file has it only on calls. Send and
 *        Wait (Free Text) sends it.
 *
 * Examples that stay invalid against the (rewritten) contract are listed in
 * KNOWN_INVALID_EXAMPLES with the reason; examples.json carries that list under `knownInvalid`
 * and the tests assert that exactly those fail, for exactly that reason.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

type Json = null | boolean | number | string | Json[] | JsonObject;
interface JsonObject {
	[key: string]: Json;
}

const OUT_DIR = __dirname;
const DEFAULT_CONTRACT = path.join(__dirname, 'meta', 'business-messaging-api_v23.0.yaml');
const SCHEMA_ID = 'https://n8n-nodes-whatsapp-cloud.local/contract/schemas.json';

const MESSAGES_OP = 'POST /{Version}/{Phone-Number-ID}/messages';
const WEBHOOK_OP = 'POST /whatsapp/webhooks';

/** Operations written to schemas.json (method + path exactly as in the contract). */
const OPERATIONS: Array<[string, string]> = [
	['POST', '/{Version}/{Phone-Number-ID}/messages'],
	['POST', '/{Version}/{Phone-Number-ID}/media'],
	['GET', '/{Version}/{Media-ID}'],
	['DELETE', '/{Version}/{Media-ID}'],
	['GET', '/{Version}/{Media-URL}'],
	['GET', '/{Version}/{Phone-Number-ID}'],
	['POST', '/{Version}/{Phone-Number-ID}'],
	['POST', '/{Version}/{Phone-Number-ID}/register'],
	['POST', '/{Version}/{Phone-Number-ID}/deregister'],
	['POST', '/{Version}/{Phone-Number-ID}/request_code'],
	['POST', '/{Version}/{Phone-Number-ID}/verify_code'],
	['GET', '/{Version}/{Phone-Number-ID}/whatsapp_business_profile'],
	['POST', '/{Version}/{Phone-Number-ID}/whatsapp_business_profile'],
	['GET', '/{Version}/{WABA-ID}/phone_numbers'],
	['GET', '/{Version}/{WABA-ID}/subscribed_apps'],
	['POST', '/{Version}/{WABA-ID}/subscribed_apps'],
	['DELETE', '/{Version}/{WABA-ID}/subscribed_apps'],
	['GET', '/{Version}/{WABA-ID}/message_templates'],
	['POST', '/{Version}/{WABA-ID}/message_templates'],
	['DELETE', '/{Version}/{WABA-ID}/message_templates'],
	['GET', '/{Version}/{TEMPLATE_ID}'],
	['POST', '/{Version}/{TEMPLATE_ID}'],
	['GET', '/{Version}/{Phone-Number-ID}/block_users'],
	['POST', '/{Version}/{Phone-Number-ID}/block_users'],
	['DELETE', '/{Version}/{Phone-Number-ID}/block_users'],
	['POST', '/{Version}/{Phone-Number-ID}/conversational_automation'],
	['GET', '/{Version}/{Phone-Number-ID}/message_qrdls'],
	['POST', '/{Version}/{Phone-Number-ID}/message_qrdls'],
	['GET', '/{Version}/{Phone-Number-ID}/message_qrdls/{QR-Code-ID}'],
	['DELETE', '/{Version}/{Phone-Number-ID}/message_qrdls/{QR-Code-ID}'],
	['GET', '/{Version}/{WABA-ID}'],
	['POST', '/whatsapp/webhooks'],
];

/** Components needed although no listed operation references them. */
const EXTRA_ROOTS = ['MarkMessageRequestPayload', 'MarkMessageResponsePayload', 'GraphAPIError'];

/** R4: value used when the discriminating property is absent. */
const DISCRIMINATOR_DEFAULTS: Record<string, string> = { Message: 'text' };

export const KNOWN_INVALID_EXAMPLES: {
	messages: Record<string, { reason: string; expectError: string }>;
	webhooks: Record<string, { reason: string; expectError: string }>;
} = {
	messages: {
		'Send Reply to List Message': {
			reason:
				'has an `interactive` object but no `type`; a message without type is a text message ' +
				"(Meta's default, and `type` is required in Meta's schema), so it lacks `text` and " +
				'`interactive` is not allowed',
			expectError: "must have required property 'text'",
		},
		'Send Multi-Product Message': {
			reason:
				'interactive.header.type is the placeholder "<HEADER_TYPE>"; Meta\'s HeaderObject.type ' +
				'is an enum (text, video, image, document)',
			expectError: '/interactive/header/type must be equal to one of the allowed values',
		},
		'Send Sample Issue Resolution Template': {
			reason:
				'the quick-reply button parameters are {"type":"text","text":true} / false: booleans ' +
				"where Meta's ButtonTextParameter.text is a string",
			expectError: '/template/components/1/parameters/0/text must be string',
		},
	},
	webhooks: {},
};

// ---------------------------------------------------------------------------------------------
// R7: contract fixes. `at` is a path inside components.schemas (after R2), `before` the value that
// must be there now, `after` the replacement (undefined `before` = the key must not exist yet).

interface Patch {
	id: string;
	at: string[];
	before: Json | undefined;
	after: Json;
}

const SUB_TYPES_BEFORE: Json = ['quick_reply', 'url', 'catalog'];
const SUB_TYPES_AFTER: Json = ['quick_reply', 'url', 'catalog', 'flow', 'QUICK_REPLY', 'URL', 'CATALOG', 'FLOW'];
const INDEX_BEFORE: Json = { type: 'string', pattern: '^[2-6, 11-14]$' };
const INDEX_AFTER: Json = { type: ['integer', 'string'], minimum: 0, maximum: 9, pattern: '^[0-9]$' };
const STRING_OR_INTEGER: Json = { type: ['string', 'integer'] };

const PATCHES: Patch[] = [
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
	{ id: 'R7d', at: ['LanguageObject', 'required'], before: ['policy', 'code'], after: ['code'] },
	{ id: 'R7e', at: ['TemplateComponent', 'properties', 'index'], before: INDEX_BEFORE, after: INDEX_AFTER },
	{
		id: 'R7e',
		at: ['ButtonComponent', 'allOf', '1', 'properties', 'index'],
		before: INDEX_BEFORE,
		after: INDEX_AFTER,
	},
	{
		id: 'R7f',
		at: ['TemplateComponent', 'properties', 'sub_type', 'enum'],
		before: SUB_TYPES_BEFORE,
		after: SUB_TYPES_AFTER,
	},
	{
		id: 'R7f',
		at: ['ButtonComponent', 'allOf', '1', 'properties', 'sub_type', 'enum'],
		before: SUB_TYPES_BEFORE,
		after: SUB_TYPES_AFTER,
	},
	{
		id: 'R7g',
		at: ['ButtonParameterObject', 'properties', 'type', 'enum'],
		before: ['payload', 'text'],
		after: ['payload', 'text', 'action'],
	},
	{
		id: 'R7g',
		at: ['ButtonParameterObject', 'discriminator', 'mapping', 'action'],
		before: undefined,
		after: '#/$defs/ButtonActionParameter',
	},
	{
		id: 'R7g',
		at: ['ButtonActionParameter'],
		before: undefined,
		after: {
			allOf: [
				{ $ref: '#/$defs/ButtonParameterObject' },
				{
					type: 'object',
					required: ['action'],
					properties: { type: { enum: ['action'] }, action: { type: 'object' } },
				},
			],
		},
	},
	{
		id: 'R7h',
		at: ['InteractiveObject', 'properties', 'type', 'enum'],
		before: ['button', 'call_permission_request', 'catalog_message', 'list', 'product', 'product_list', 'flow'],
		after: [
			'button',
			'call_permission_request',
			'catalog_message',
			'list',
			'product',
			'product_list',
			'flow',
			'order_details',
			'order_status',
		],
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
	{ id: 'R7i', at: ['Groups', 'properties', 'timestamp'], before: { type: 'integer' }, after: STRING_OR_INTEGER },
	{ id: 'R7i', at: ['GroupParticipant', 'properties', 'input'], before: { type: 'string' }, after: STRING_OR_INTEGER },
	{ id: 'R7i', at: ['GroupParticipant', 'properties', 'wa_id'], before: { type: 'string' }, after: STRING_OR_INTEGER },
	{
		id: 'R7i',
		at: ['Change', 'properties', 'field', 'enum'],
		before: ['messages', 'group_lifecycle_update', 'group_settings_update', 'group_participant_update'],
		after: [
			'messages',
			'group_lifecycle_update',
			'group_settings_update',
			'group_participant_update',
			'group_participants_update',
		],
	},
	{
		id: 'R7j',
		at: ['ContextObject', 'required'],
		before: ['from', 'id', 'referred_product'],
		after: ['from', 'id'],
	},
	// R7l: template parameters that Meta's Cloud API reference documents ("copy code" buttons with
	// a `coupon_code` parameter, location headers) but this v23.0 file leaves out.
	{
		id: 'R7l',
		at: ['TemplateComponent', 'properties', 'sub_type', 'enum'],
		before: SUB_TYPES_AFTER,
		after: [...(SUB_TYPES_AFTER as string[]), 'copy_code', 'COPY_CODE'],
	},
	{
		id: 'R7l',
		at: ['ButtonComponent', 'allOf', '1', 'properties', 'sub_type', 'enum'],
		before: SUB_TYPES_AFTER,
		after: [...(SUB_TYPES_AFTER as string[]), 'copy_code', 'COPY_CODE'],
	},
	{
		id: 'R7l',
		at: ['ButtonParameterObject', 'properties', 'type', 'enum'],
		before: ['payload', 'text', 'action'],
		after: ['payload', 'text', 'action', 'coupon_code'],
	},
	{
		id: 'R7l',
		at: ['ButtonParameterObject', 'discriminator', 'mapping', 'coupon_code'],
		before: undefined,
		after: '#/$defs/ButtonCouponCodeParameter',
	},
	{
		id: 'R7l',
		at: ['ButtonCouponCodeParameter'],
		before: undefined,
		after: {
			allOf: [
				{ $ref: '#/$defs/ButtonParameterObject' },
				{
					type: 'object',
					required: ['coupon_code'],
					properties: { type: { enum: ['coupon_code'] }, coupon_code: { type: 'string', maxLength: 15 } },
				},
			],
		},
	},
	{
		id: 'R7l',
		at: ['ParameterObject', 'properties', 'type', 'enum'],
		before: ['currency', 'date_time', 'document', 'image', 'text', 'video'],
		after: ['currency', 'date_time', 'document', 'image', 'text', 'video', 'location'],
	},
	{
		id: 'R7l',
		at: ['ParameterObject', 'discriminator', 'mapping', 'location'],
		before: undefined,
		after: '#/$defs/LocationParameter',
	},
	{
		id: 'R7l',
		at: ['LocationParameter'],
		before: undefined,
		after: {
			allOf: [
				{ $ref: '#/$defs/ParameterObject' },
				{
					type: 'object',
					required: ['location'],
					properties: {
						type: { enum: ['location'] },
						location: {
							type: 'object',
							additionalProperties: false,
							required: ['latitude', 'longitude'],
							properties: {
								latitude: { type: ['number', 'string'] },
								longitude: { type: ['number', 'string'] },
								name: { type: 'string' },
								address: { type: 'string' },
							},
						},
					},
				},
			],
		},
	},
	// R7m: template components of Meta's Cloud API reference that this file leaves out: media card
	// carousels (`carousel` with `cards`, each {card_index, components}), limited-time offers
	// (`limited_time_offer` with the offer's expiration_time_ms) and multi-product buttons
	// (sub_type `mpm`, whose action parameter R7g covers).
	{
		id: 'R7m',
		at: ['TemplateComponent', 'properties', 'type', 'enum'],
		before: ['header', 'body', 'button'],
		after: ['header', 'body', 'button', 'carousel', 'limited_time_offer'],
	},
	{
		id: 'R7m',
		at: ['TemplateComponent', 'discriminator', 'mapping', 'carousel'],
		before: undefined,
		after: '#/$defs/CarouselComponent',
	},
	{
		id: 'R7m',
		at: ['TemplateComponent', 'discriminator', 'mapping', 'limited_time_offer'],
		before: undefined,
		after: '#/$defs/LimitedTimeOfferComponent',
	},
	{
		id: 'R7m',
		at: ['CarouselComponent'],
		before: undefined,
		after: {
			allOf: [
				{ $ref: '#/$defs/TemplateComponent' },
				{
					type: 'object',
					required: ['cards'],
					properties: {
						type: { enum: ['carousel'] },
						cards: {
							type: 'array',
							minItems: 1,
							maxItems: 10,
							items: {
								type: 'object',
								required: ['card_index', 'components'],
								additionalProperties: false,
								properties: {
									card_index: { type: 'integer', minimum: 0, maximum: 9 },
									// A definition of its own: R4 points a child's own $refs to TemplateComponent at the base.
									components: { $ref: '#/$defs/CarouselCardComponents' },
								},
							},
						},
					},
				},
			],
		},
	},
	{
		id: 'R7m',
		at: ['CarouselCardComponents'],
		before: undefined,
		after: { type: 'array', minItems: 1, items: { $ref: '#/$defs/TemplateComponent' } },
	},
	{
		id: 'R7m',
		at: ['LimitedTimeOfferComponent'],
		before: undefined,
		after: {
			allOf: [
				{ $ref: '#/$defs/TemplateComponent' },
				{
					type: 'object',
					required: ['parameters'],
					properties: {
						type: { enum: ['limited_time_offer'] },
						parameters: {
							type: 'array',
							minItems: 1,
							maxItems: 1,
							items: {
								type: 'object',
								required: ['type', 'limited_time_offer'],
								additionalProperties: false,
								properties: {
									type: { enum: ['limited_time_offer'] },
									limited_time_offer: {
										type: 'object',
										required: ['expiration_time_ms'],
										additionalProperties: false,
										properties: { expiration_time_ms: { type: 'integer', minimum: 0 } },
									},
								},
							},
						},
					},
				},
			],
		},
	},
	{
		id: 'R7m',
		at: ['TemplateComponent', 'properties', 'sub_type', 'enum'],
		before: [...(SUB_TYPES_AFTER as string[]), 'copy_code', 'COPY_CODE'],
		after: [...(SUB_TYPES_AFTER as string[]), 'copy_code', 'COPY_CODE', 'mpm', 'MPM'],
	},
	{
		id: 'R7m',
		at: ['ButtonComponent', 'allOf', '1', 'properties', 'sub_type', 'enum'],
		before: [...(SUB_TYPES_AFTER as string[]), 'copy_code', 'COPY_CODE'],
		after: [...(SUB_TYPES_AFTER as string[]), 'copy_code', 'COPY_CODE', 'mpm', 'MPM'],
	},
	// R7k: two interactive kinds that Meta's Cloud API reference documents ("Interactive CTA URL
	// button messages", "Location request messages") but this v23.0 file leaves out.
	{
		id: 'R7k',
		at: ['InteractiveObject', 'properties', 'type', 'enum'],
		before: [
			'button',
			'call_permission_request',
			'catalog_message',
			'list',
			'product',
			'product_list',
			'flow',
			'order_details',
			'order_status',
		],
		after: [
			'button',
			'call_permission_request',
			'catalog_message',
			'list',
			'product',
			'product_list',
			'flow',
			'order_details',
			'order_status',
			'cta_url',
			'location_request_message',
		],
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
	// R7p: Block Users requests as Meta's guide defines them.
	{
		id: 'R7p',
		at: ['BlockUserSRequest', 'required'],
		before: undefined,
		after: ['messaging_product', 'block_users'],
	},
	{
		id: 'R7p',
		at: ['BlockUserSRequest', 'properties', 'messaging_product'],
		before: { type: 'string' },
		after: { type: 'string', enum: ['whatsapp'] },
	},
	{
		id: 'R7p',
		at: ['BlockUserSRequest', 'properties', 'block_users'],
		before: { type: 'array', items: { type: 'object', properties: { user: { type: 'string' } } } },
		after: {
			type: 'array',
			minItems: 1,
			maxItems: 1000,
			items: { type: 'object', required: ['user'], properties: { user: { type: 'string', minLength: 1 } } },
		},
	},
	{
		id: 'R7p',
		at: ['UnblockUserSRequest', 'required'],
		before: undefined,
		after: ['messaging_product', 'block_users'],
	},
	{
		id: 'R7p',
		at: ['UnblockUserSRequest', 'properties', 'messaging_product'],
		before: { type: 'string' },
		after: { type: 'string', enum: ['whatsapp'] },
	},
	{
		id: 'R7p',
		at: ['UnblockUserSRequest', 'properties', 'block_users'],
		before: { type: 'array', items: { type: 'object', properties: { user: { type: 'string' } } } },
		after: {
			type: 'array',
			minItems: 1,
			maxItems: 1000,
			items: { type: 'object', required: ['user'], properties: { user: { type: 'string', minLength: 1 } } },
		},
	},
	// R7n: conversational components as Meta's guide allows them.
	{ id: 'R7n', at: ['ConversationalAutomationRequest', 'properties', 'prompts', 'maxItems'], before: 3, after: 4 },
	{ id: 'R7n', at: ['BotCommand', 'properties', 'command_name', 'maxLength'], before: 30, after: 32 },
	// R7o: message QR codes.
	{ id: 'R7o', at: ['UpdateQrCodeRequest', 'properties', 'code', 'pattern'], before: '^[A-Z2-7]{14}$', after: '^[A-Z0-9]{14}$' },
	{ id: 'R7o', at: ['QrCodeResponse', 'properties', 'code', 'pattern'], before: '^[A-Z2-7]{14}$', after: '^[A-Z0-9]{14}$' },
	{ id: 'R7o', at: ['QrCodeDetails', 'properties', 'code', 'pattern'], before: '^[A-Z2-7]{14}$', after: '^[A-Z0-9]{14}$' },
	{ id: 'R7o', at: ['CreateQrCodeRequest', 'not'], before: undefined, after: { required: ['code'] } },
	{
		id: 'R7o',
		at: ['UpdateQrCodeRequest', 'properties', 'generate_qr_image'],
		before: undefined,
		after: { type: 'string', enum: ['PNG', 'SVG'] },
	},
	// R7q: the message-level callback data Meta's reference documents (echoed in status webhooks).
	{
		id: 'R7q',
		at: ['BaseMessageProperties', 'properties', 'biz_opaque_callback_data'],
		before: undefined,
		after: { type: 'string', maxLength: 512 },
	},
	{
		id: 'R7q',
		at: ['Statuses', 'properties', 'biz_opaque_callback_data'],
		before: undefined,
		after: { type: 'string', maxLength: 512 },
	},
];

// ---------------------------------------------------------------------------------------------
// R8: operations added whole (Meta's reference has them, this file does not).

const UPLOAD_FILE_TYPES: Json = ['application/pdf', 'image/jpeg', 'image/jpg', 'image/png', 'video/mp4'];
const METRIC = `['"]?(SENT|DELIVERED|READ|CLICKED|COST)['"]?`;
const TEMPLATE_ID_ITEM = `['"]?[0-9]+['"]?`;
const UNIX_SECONDS: Json = { type: 'string', pattern: '^[0-9]{1,12}$' };
const SESSION_SIG: QueryParam = { name: 'sig', required: true, schema: { type: 'string', minLength: 1 } };

const ADDED_OPERATIONS: Record<string, { operation: OperationOut; defs: JsonObject }> = {
	'POST /{Version}/{App-ID}/uploads': {
		operation: {
			operationId: 'r8CreateUploadSession',
			source: 'R8',
			query: [
				{ name: 'file_name', required: false, schema: { type: 'string', minLength: 1 } },
				{ name: 'file_length', required: true, schema: { type: 'string', pattern: '^[1-9][0-9]*$' } },
				{ name: 'file_type', required: true, schema: { type: 'string', enum: UPLOAD_FILE_TYPES } },
			],
			response: 'R8UploadSession',
		},
		defs: {
			R8UploadSession: { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^upload:' } } },
		},
	},
	'POST /{Version}/{Upload-Session-ID}': {
		operation: {
			operationId: 'r8UploadFileData',
			source: 'R8',
			query: [SESSION_SIG],
			headers: [{ name: 'file_offset', required: true, schema: { type: 'string', pattern: '^[0-9]+$' } }],
			request: { required: true, content: { 'application/octet-stream': 'R8UploadFileData' } },
			response: 'R8UploadedFile',
		},
		defs: {
			R8UploadFileData: { type: 'string', minLength: 1 },
			R8UploadedFile: { type: 'object', required: ['h'], properties: { h: { type: 'string', minLength: 1 } } },
		},
	},
	'GET /{Version}/{Upload-Session-ID}': {
		operation: { operationId: 'r8GetUploadSession', source: 'R8', query: [SESSION_SIG], response: 'R8UploadSessionStatus' },
		defs: {
			R8UploadSessionStatus: {
				type: 'object',
				required: ['id', 'file_offset'],
				properties: { id: { type: 'string' }, file_offset: { type: 'integer', minimum: 0 } },
			},
		},
	},
	'GET /{Version}/{WABA-ID}/template_analytics': {
		operation: {
			operationId: 'r8GetTemplateAnalytics',
			source: 'R8',
			query: [
				{ name: 'start', required: true, schema: UNIX_SECONDS },
				{ name: 'end', required: true, schema: UNIX_SECONDS },
				{ name: 'granularity', required: true, schema: { type: 'string', enum: ['DAILY', 'daily'] } },
				{ name: 'metric_types', required: false, schema: { type: 'string', pattern: `^\\[?\\s*${METRIC}(\\s*,\\s*${METRIC})*\\s*\\]?$` } },
				{
					name: 'template_ids',
					required: true,
					schema: { type: 'string', pattern: `^\\[?\\s*${TEMPLATE_ID_ITEM}(\\s*,\\s*${TEMPLATE_ID_ITEM}){0,9}\\s*\\]?$` },
				},
			],
			response: 'R8TemplateAnalytics',
		},
		defs: {
			R8TemplateAnalytics: {
				type: 'object',
				required: ['data'],
				properties: {
					data: {
						type: 'array',
						items: {
							type: 'object',
							required: ['granularity', 'data_points'],
							properties: {
								granularity: { type: 'string' },
								product_type: { type: 'string' },
								data_points: { type: 'array', items: { $ref: '#/$defs/R8TemplateAnalyticsDataPoint' } },
							},
						},
					},
					paging: { type: 'object' },
				},
			},
			R8TemplateAnalyticsDataPoint: {
				type: 'object',
				required: ['template_id', 'start', 'end'],
				properties: {
					template_id: { type: 'string' },
					start: { type: 'integer' },
					end: { type: 'integer' },
					sent: { type: 'integer' },
					delivered: { type: 'integer' },
					read: { type: 'integer' },
					clicked: {
						type: 'array',
						items: {
							type: 'object',
							properties: { type: { type: 'string' }, button_content: { type: 'string' }, count: { type: 'integer' } },
						},
					},
					cost: { type: 'array', items: { type: 'object' } },
				},
			},
		},
	},
};

function addOperations(operations: Record<string, OperationOut>, defs: JsonObject): void {
	for (const [key, added] of Object.entries(ADDED_OPERATIONS)) {
		if (key in operations) throw new Error(`R8 ${key}: the contract has this operation now; review the addition`);
		for (const name of Object.keys(added.defs)) {
			if (name in defs) throw new Error(`R8 ${key}: definition ${name} already exists`);
			defs[name] = clone(added.defs[name]);
		}
		operations[key] = added.operation;
	}
}

// ---------------------------------------------------------------------------------------------
// Small JSON helpers

function isObject(value: Json | undefined): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function clone<T extends Json>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

function sameJson(a: Json | undefined, b: Json | undefined): boolean {
	if (a === undefined || b === undefined) return a === b;
	return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(value: Json): Json {
	if (Array.isArray(value)) return value.map(sortKeys);
	if (isObject(value)) {
		const out: JsonObject = {};
		for (const key of Object.keys(value).sort()) out[key] = sortKeys(value[key]);
		return out;
	}
	return value;
}

function child(value: Json | undefined, key: string): Json | undefined {
	if (Array.isArray(value)) return value[Number(key)];
	if (isObject(value)) return value[key];
	return undefined;
}

// Keywords whose value is a schema, a map of schemas, or a list of schemas.
const SCHEMA_VALUED = ['items', 'additionalProperties', 'unevaluatedProperties', 'unevaluatedItems', 'not', 'if', 'then', 'else', 'contains', 'propertyNames'];
const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'dependentSchemas'];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];

/** Calls fn on a schema and then on each of its subschemas (depth first, parent before children). */
function walkSchema(schema: Json, fn: (node: JsonObject) => void): void {
	if (!isObject(schema)) return;
	fn(schema);
	for (const key of SCHEMA_VALUED) if (isObject(schema[key])) walkSchema(schema[key], fn);
	for (const key of SCHEMA_MAPS) {
		const map = schema[key];
		if (isObject(map)) for (const name of Object.keys(map)) walkSchema(map[name], fn);
	}
	for (const key of SCHEMA_LISTS) {
		const list = schema[key];
		if (Array.isArray(list)) for (const item of list) walkSchema(item, fn);
	}
}

// ---------------------------------------------------------------------------------------------
// Loading

function loadContract(file: string): JsonObject {
	const script = [
		'import json, re, sys, yaml',
		'class Core12(yaml.SafeLoader): pass',
		'Core12.yaml_implicit_resolvers = {}',
		"Core12.add_implicit_resolver('tag:yaml.org,2002:bool', re.compile(r'^(?:true|True|TRUE|false|False|FALSE)$'), list('tTfF'))",
		"Core12.add_implicit_resolver('tag:yaml.org,2002:null', re.compile(r'^(?:~|null|Null|NULL|)$'), ['~', 'n', 'N', ''])",
		"Core12.add_implicit_resolver('tag:yaml.org,2002:int', re.compile(r'^[-+]?(?:0|[1-9][0-9]*)$'), list('-+0123456789'))",
		"Core12.add_implicit_resolver('tag:yaml.org,2002:float', re.compile(r'^[-+]?(?:[0-9]+\\.[0-9]*|\\.[0-9]+|[0-9]+)(?:[eE][-+]?[0-9]+)?$|^[-+]?\\.(?:inf|Inf|INF)$|^\\.(?:nan|NaN|NAN)$'), list('-+0123456789.'))",
		'with open(sys.argv[1], encoding="utf-8") as f: data = yaml.load(f, Loader=Core12)',
		'json.dump(data, sys.stdout, ensure_ascii=False)',
	].join('\n');
	const out = execFileSync('python3', ['-c', script, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
	const doc = JSON.parse(out) as Json;
	if (!isObject(doc)) throw new Error(`${file}: not an object`);
	return doc;
}

// ---------------------------------------------------------------------------------------------
// R2: $ref repair

const COMPONENT_PREFIX = '#/components/schemas/';

function refName(ref: string): string {
	if (!ref.startsWith(COMPONENT_PREFIX)) throw new Error(`unsupported $ref ${ref}`);
	return ref.slice(COMPONENT_PREFIX.length);
}

class RefRepair {
	private readonly order: Map<string, number>;
	/** Repairs made, as [owner, "from -> to"]. */
	readonly log: Array<[string, string]> = [];

	constructor(private readonly names: string[]) {
		this.order = new Map(names.map((name, index) => [name, index]));
	}

	/** Target name for a reference to `name` written inside component `owner` (undefined = no owner). */
	resolve(name: string, owner: string | undefined): string {
		if (!this.order.has(name)) throw new Error(`$ref to unknown schema ${name}`);
		if (owner === undefined) return name;
		const suffixed = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}_[0-9]+$`);
		const candidates = this.names.filter((n) => (n === name || suffixed.test(n)) && n !== owner);
		if (candidates.length <= 1) return candidates[0] ?? name;
		const ownerIndex = this.order.get(owner) ?? 0;
		let best = candidates[0];
		for (const candidate of candidates) {
			const distance = Math.abs((this.order.get(candidate) ?? 0) - ownerIndex);
			if (distance < Math.abs((this.order.get(best) ?? 0) - ownerIndex)) best = candidate;
		}
		if (best !== name) this.log.push([owner, `${name} -> ${best}`]);
		return best;
	}

	/** Rewrites every #/components/schemas/ reference in `schema` to #/$defs/, repaired for `owner`. */
	apply(schema: Json, owner: string | undefined): void {
		walkSchema(schema, (node) => {
			if (typeof node.$ref === 'string') node.$ref = `#/$defs/${this.resolve(refName(node.$ref), owner)}`;
			const discriminator = node.discriminator;
			if (isObject(discriminator) && isObject(discriminator.mapping)) {
				for (const key of Object.keys(discriminator.mapping)) {
					const target = discriminator.mapping[key];
					if (typeof target === 'string') {
						discriminator.mapping[key] = `#/$defs/${this.resolve(refName(target), owner)}`;
					}
				}
			}
		});
	}
}

// ---------------------------------------------------------------------------------------------
// R1, R3, R4, R5

const PROSE_KEYS = new Set(['description', 'summary', 'example', 'examples', 'externalDocs', 'title', 'deprecated', 'readOnly', 'writeOnly', 'xml']);

function stripProse(schema: Json): void {
	walkSchema(schema, (node) => {
		for (const key of Object.keys(node)) {
			if (PROSE_KEYS.has(key) || key.startsWith('x-')) delete node[key];
		}
	});
}

function rewriteNullable(schema: Json): void {
	walkSchema(schema, (node) => {
		if (!('nullable' in node)) return;
		if (node.nullable === true) {
			const type = node.type;
			if (typeof type === 'string') node.type = [type, 'null'];
			else if (Array.isArray(type) && !type.includes('null')) type.push('null');
		}
		delete node.nullable;
	});
}

interface DiscriminatorInfo {
	propertyName: string;
	mapping: Record<string, string>;
	default?: string;
}

function defName(ref: Json | undefined): string {
	if (typeof ref !== 'string' || !ref.startsWith('#/$defs/')) throw new Error(`expected a #/$defs/ ref, got ${String(ref)}`);
	return ref.slice('#/$defs/'.length);
}

/**
 * R4 for every discriminator in every definition. Returns the discriminators found, keyed by the
 * definition name (or "<Name>#<json path>" for inline ones).
 */
function rewriteDiscriminators(defs: JsonObject): Record<string, DiscriminatorInfo> {
	const found: Record<string, DiscriminatorInfo> = {};
	for (const owner of Object.keys(defs)) {
		const nodes: Array<{ node: JsonObject; isRoot: boolean }> = [];
		walkSchema(defs[owner], (node) => {
			if (isObject(node.discriminator)) nodes.push({ node, isRoot: node === defs[owner] });
		});
		nodes.forEach(({ node, isRoot }, index) => {
			const discriminator = node.discriminator as JsonObject;
			const prop = String(discriminator.propertyName);
			const mappingJson = discriminator.mapping;
			if (!isObject(mappingJson)) throw new Error(`${owner}: discriminator without mapping`);
			const mapping: Record<string, string> = {};
			for (const key of Object.keys(mappingJson)) mapping[key] = defName(mappingJson[key]);
			delete node.discriminator;

			if (Array.isArray(node.oneOf)) {
				const targets = new Set(Object.values(mapping));
				for (const branch of node.oneOf) {
					if (!isObject(branch) || !targets.has(defName(branch.$ref))) {
						throw new Error(`${owner}: oneOf branch not covered by the discriminator mapping`);
					}
				}
				delete node.oneOf;
			} else if (isRoot) {
				// allOf inheritance: children that extend this definition now extend <owner>__base.
				const base = `${owner}__base`;
				const children = new Set(Object.values(mapping));
				let extended = false;
				for (const childName of children) {
					walkSchema(defs[childName], (childNode) => {
						if (childNode.$ref === `#/$defs/${owner}`) {
							childNode.$ref = `#/$defs/${base}`;
							extended = true;
						}
					});
				}
				if (extended) defs[base] = clone(node);
			}

			const keys = Object.keys(mapping);
			const properties = isObject(node.properties) ? node.properties : (node.properties = {});
			const propSchema = isObject(properties[prop]) ? properties[prop] : (properties[prop] = {});
			propSchema.enum = keys;
			const defaultKey = isRoot ? DISCRIMINATOR_DEFAULTS[owner] : undefined;
			if (defaultKey === undefined) {
				const required = Array.isArray(node.required) ? node.required : (node.required = []);
				if (!required.includes(prop)) required.push(prop);
			}
			const cases: Json[] = keys.map((key) => ({
				if: { properties: { [prop]: { const: key } }, required: [prop] },
				then: { $ref: `#/$defs/${mapping[key]}` },
			}));
			if (defaultKey !== undefined) {
				cases.push({ if: { not: { required: [prop] } }, then: { $ref: `#/$defs/${mapping[defaultKey]}` } });
			}
			node.allOf = [...(Array.isArray(node.allOf) ? node.allOf : []), ...cases];
			const info: DiscriminatorInfo = { propertyName: prop, mapping };
			if (defaultKey !== undefined) info.default = defaultKey;
			found[isRoot ? owner : `${owner}#${index}`] = info;
		});
	}
	return found;
}

function rewriteClosedAllOf(schema: Json): void {
	walkSchema(schema, (node) => {
		if (!Array.isArray(node.allOf)) return;
		let closed = node.additionalProperties === false;
		for (const branch of node.allOf) {
			if (isObject(branch) && branch.additionalProperties === false) {
				delete branch.additionalProperties;
				closed = true;
			}
		}
		if (closed) {
			delete node.additionalProperties;
			node.unevaluatedProperties = false;
		}
	});
}

// ---------------------------------------------------------------------------------------------
// R7

function applyPatches(defs: JsonObject): void {
	for (const patch of PATCHES) {
		const parentPath = patch.at.slice(0, -1);
		const last = patch.at[patch.at.length - 1];
		let parent: Json | undefined = defs;
		for (const key of parentPath) parent = child(parent, key);
		const current = child(parent, last);
		const where = `${patch.id} at ${patch.at.join('/')}`;
		if (parent === undefined || !sameJson(current, patch.before)) {
			throw new Error(`${where}: contract changed, found ${JSON.stringify(current)}; review this patch`);
		}
		if (Array.isArray(parent)) {
			if (Number(last) !== parent.length) throw new Error(`${where}: can only append`);
			parent.push(clone(patch.after));
		} else if (isObject(parent)) {
			parent[last] = clone(patch.after);
		}
	}
}

// ---------------------------------------------------------------------------------------------
// Operations

interface QueryParam {
	name: string;
	required: boolean;
	schema: Json;
}

interface OperationOut {
	operationId: string;
	/** "R8": added by this generator (its query and headers are checked too). */
	source?: string;
	request?: { required: boolean; content: Record<string, string> };
	multipartFields?: string[];
	query: QueryParam[];
	headers?: QueryParam[];
	response?: string;
}

function resolveComponentRef(doc: JsonObject, value: Json | undefined): Json | undefined {
	if (isObject(value) && typeof value.$ref === 'string' && !value.$ref.startsWith(COMPONENT_PREFIX)) {
		const parts = value.$ref.replace(/^#\//, '').split('/');
		let target: Json | undefined = doc;
		for (const part of parts) target = child(target, part);
		return target;
	}
	return value;
}

function operationName(operationId: string, suffix: string): string {
	return `${operationId.charAt(0).toUpperCase()}${operationId.slice(1)}${suffix}`;
}

/**
 * Adds the schema of one body/response to defs and returns the definition name: a plain $ref is
 * used as it is; an inline schema becomes its own definition named after the operation.
 */
function schemaName(schema: Json | undefined, inlineName: string, defs: JsonObject, repair: RefRepair): string | undefined {
	if (!isObject(schema)) return undefined;
	const keys = Object.keys(schema);
	if (keys.length === 1 && typeof schema.$ref === 'string') return repair.resolve(refName(schema.$ref), undefined);
	if (inlineName in defs) throw new Error(`definition name ${inlineName} already taken`);
	const copy = clone(schema);
	repair.apply(copy, undefined);
	stripProse(copy);
	defs[inlineName] = copy;
	return inlineName;
}

function collectOperations(doc: JsonObject, defs: JsonObject, repair: RefRepair): Record<string, OperationOut> {
	const paths = doc.paths as JsonObject;
	const out: Record<string, OperationOut> = {};
	for (const [method, opPath] of OPERATIONS) {
		const pathItem = paths[opPath];
		const operation = child(pathItem, method.toLowerCase());
		if (!isObject(pathItem) || !isObject(operation)) throw new Error(`contract has no ${method} ${opPath}`);
		const operationId = String(operation.operationId ?? `${method.toLowerCase()}${opPath.replace(/[^A-Za-z]/g, '')}`);
		const result: OperationOut = { operationId, query: [] };

		const params = [...(Array.isArray(pathItem.parameters) ? pathItem.parameters : []), ...(Array.isArray(operation.parameters) ? operation.parameters : [])];
		const seen = new Set<string>();
		for (const raw of params) {
			const param = resolveComponentRef(doc, raw);
			if (!isObject(param) || param.in !== 'query' || seen.has(String(param.name))) continue;
			seen.add(String(param.name));
			const schema = clone(param.schema ?? {});
			stripProse(schema);
			result.query.push({ name: String(param.name), required: param.required === true, schema });
		}

		const body = resolveComponentRef(doc, operation.requestBody);
		if (isObject(body) && isObject(body.content)) {
			const content: Record<string, string> = {};
			for (const contentType of Object.keys(body.content)) {
				const media = body.content[contentType];
				const suffix = contentType === 'application/json' ? 'Request' : contentType === 'multipart/form-data' ? 'MultipartRequest' : 'FormRequest';
				const name = schemaName(child(media, 'schema'), operationName(operationId, suffix), defs, repair);
				if (name) content[contentType] = name;
				if (contentType === 'multipart/form-data') {
					const props = child(child(media, 'schema'), 'properties');
					if (isObject(props)) result.multipartFields = Object.keys(props).sort();
				}
			}
			result.request = { required: body.required === true, content };
		}

		const ok = resolveComponentRef(doc, child(operation.responses, '200'));
		const okSchema = child(child(child(ok, 'content'), 'application/json'), 'schema');
		const responseName = schemaName(okSchema, operationName(operationId, 'Response'), defs, repair);
		if (responseName) result.response = responseName;

		out[`${method} ${opPath}`] = result;
	}
	return out;
}

// ---------------------------------------------------------------------------------------------
// Reachability

function reachable(defs: JsonObject, roots: string[]): Set<string> {
	const keep = new Set<string>();
	const queue = [...roots];
	while (queue.length > 0) {
		const name = queue.pop() as string;
		if (keep.has(name)) continue;
		if (!(name in defs)) throw new Error(`reference to missing definition ${name}`);
		keep.add(name);
		walkSchema(defs[name], (node) => {
			if (typeof node.$ref === 'string') queue.push(defName(node.$ref));
		});
	}
	return keep;
}

// ---------------------------------------------------------------------------------------------
// Examples

function exampleValues(doc: JsonObject, opPath: string): JsonObject {
	const examples = child(child(child(child(child(child(doc.paths, opPath), 'post'), 'requestBody'), 'content'), 'application/json'), 'examples');
	if (!isObject(examples)) throw new Error(`no examples for POST ${opPath}`);
	const out: JsonObject = {};
	for (const name of Object.keys(examples)) {
		const example = resolveComponentRef(doc, examples[name]);
		const value = child(example, 'value');
		if (value === undefined) throw new Error(`example ${name} has no value`);
		out[name] = value;
	}
	return out;
}

// ---------------------------------------------------------------------------------------------

function writeJson(file: string, value: Json): void {
	fs.writeFileSync(file, `${JSON.stringify(sortKeys(value), null, 2)}\n`);
}

function main(): void {
	const argIndex = process.argv.indexOf('--contract');
	const contractFile = argIndex > 0 ? path.resolve(process.argv[argIndex + 1]) : DEFAULT_CONTRACT;
	const doc = loadContract(contractFile);
	const components = child(child(doc, 'components'), 'schemas');
	if (!isObject(components)) throw new Error('contract has no components.schemas');

	const names = Object.keys(components);
	const repair = new RefRepair(names);
	const defs: JsonObject = {};
	for (const name of names) {
		const schema = clone(components[name]);
		repair.apply(schema, name);
		stripProse(schema);
		defs[name] = schema;
	}
	const operations = collectOperations(doc, defs, repair);
	addOperations(operations, defs);

	applyPatches(defs);
	for (const name of Object.keys(defs)) rewriteNullable(defs[name]);
	const discriminators = rewriteDiscriminators(defs);
	for (const name of Object.keys(defs)) rewriteClosedAllOf(defs[name]);

	const roots = [...EXTRA_ROOTS];
	for (const op of Object.values(operations)) {
		if (op.request) roots.push(...Object.values(op.request.content));
		if (op.response) roots.push(op.response);
	}
	const keep = reachable(defs, roots);
	const outDefs: JsonObject = {};
	for (const name of [...keep].sort()) outDefs[name] = defs[name];
	const outDiscriminators: JsonObject = {};
	for (const [name, info] of Object.entries(discriminators)) {
		if (keep.has(name.split('#')[0])) outDiscriminators[name] = info as unknown as Json;
	}

	writeJson(path.join(OUT_DIR, 'schemas.json'), {
		$id: SCHEMA_ID,
		$schema: 'https://json-schema.org/draft/2020-12/schema',
		source: `${path.basename(contractFile)} (Meta Platforms, MIT licence), rewritten by tools/contract/generate.ts`,
		$defs: outDefs,
		operations: operations as unknown as Json,
		discriminators: outDiscriminators,
	});

	const messages = exampleValues(doc, '/{Version}/{Phone-Number-ID}/messages');
	const webhooks = exampleValues(doc, '/whatsapp/webhooks');
	writeJson(path.join(OUT_DIR, 'examples.json'), {
		source: `${path.basename(contractFile)} (Meta Platforms, MIT licence): request examples of ${MESSAGES_OP} and ${WEBHOOK_OP}`,
		messages,
		webhooks,
		knownInvalid: KNOWN_INVALID_EXAMPLES as unknown as Json,
	});

	const repairs = new Set(repair.log.filter(([owner]) => keep.has(owner)).map(([owner, change]) => `R2 ${owner}: ${change}`));
	for (const line of repairs) console.log(line);
	console.log(`schemas.json: ${keep.size} definitions, ${Object.keys(operations).length} operations`);
	console.log(`examples.json: ${Object.keys(messages).length} message examples, ${Object.keys(webhooks).length} webhook examples`);

	process.exitCode = checkExamples(messages, webhooks) ? 0 : 1;
}

/** Validates every example with the freshly written schemas.json; true when all results are as expected. */
function checkExamples(messages: JsonObject, webhooks: JsonObject): boolean {
	// Loaded here, after schemas.json is written, so validate.ts reads the new file.
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const validate = require('./validate') as typeof import('./validate');
	let ok = true;
	const check = (kind: 'messages' | 'webhooks', name: string, result: { valid: boolean; schema: string; errors: string[] }) => {
		const known = KNOWN_INVALID_EXAMPLES[kind][name];
		if (known) {
			const hit = !result.valid && result.errors.some((e) => e.includes(known.expectError));
			if (!hit) {
				ok = false;
				console.error(`UNEXPECTED ${kind} "${name}": expected to fail with "${known.expectError}", got ${JSON.stringify(result)}`);
			}
		} else if (!result.valid) {
			ok = false;
			console.error(`INVALID ${kind} "${name}" (${result.schema}):\n  ${result.errors.join('\n  ')}`);
		}
	};
	for (const name of Object.keys(messages)) {
		check('messages', name, validate.validateRequest('POST', '/v23.0/1/messages', messages[name]));
	}
	for (const name of Object.keys(webhooks)) check('webhooks', name, validate.validateWebhook(webhooks[name]));
	const invalidCount = Object.keys(KNOWN_INVALID_EXAMPLES.messages).length + Object.keys(KNOWN_INVALID_EXAMPLES.webhooks).length;
	console.log(ok ? `examples: all as expected (${invalidCount} known-invalid)` : 'examples: MISMATCH (see above)');
	return ok;
}

if (require.main === module) main();
