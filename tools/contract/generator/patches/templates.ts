/**
 * R7 contract fixes of template messages:
 *     d  LanguageObject.required drops policy (most template examples omit it; default
 *        "deterministic").
 *     e  TemplateComponent/ButtonComponent `index`: the pattern "^[2-6, 11-14]$" is a malformed
 *        character class that rejects "0"; examples send 0, 1, "0", "1". Now: integer 0-9 or a
 *        one-digit string.
 *     f  `sub_type`: the examples also use "flow" and upper-case "CATALOG"; the enum gets "flow"
 *        and the upper-case spellings.
 *     g  ButtonParameterObject gets the `action` parameter type (new ButtonActionParameter: type
 *        "action" + `action` object), used by the catalog and flow template examples.
 *     l  Template parameters from Meta's reference that this file leaves out: button sub_type
 *        copy_code with a `coupon_code` button parameter (≤ 15 characters), and `location` header
 *        parameters ({latitude, longitude, name, address}). No example uses them.
 *     m  Template components from Meta's reference that this file leaves out: `carousel` (cards of
 *        {card_index 0-9, components}, at most 10), `limited_time_offer` (one parameter
 *        {type: limited_time_offer, limited_time_offer: {expiration_time_ms}}), and button
 *        sub_type `mpm` (multi-product button). No example uses them; the node's tests send them.
 */
import type { Json } from '../json';
import type { Patch } from './patch';

const SUB_TYPES_BEFORE: Json = ['quick_reply', 'url', 'catalog'];
const SUB_TYPES_AFTER: Json = ['quick_reply', 'url', 'catalog', 'flow', 'QUICK_REPLY', 'URL', 'CATALOG', 'FLOW'];
const SUB_TYPES_COPY_CODE: Json = [...(SUB_TYPES_AFTER as string[]), 'copy_code', 'COPY_CODE'];
const SUB_TYPES_MPM: Json = [...(SUB_TYPES_COPY_CODE as string[]), 'mpm', 'MPM'];
const INDEX_BEFORE: Json = { type: 'string', pattern: '^[2-6, 11-14]$' };
const INDEX_AFTER: Json = { type: ['integer', 'string'], minimum: 0, maximum: 9, pattern: '^[0-9]$' };

/** TemplateComponent and ButtonComponent each declare `index` and `sub_type`: one change, both places. */
function onBothComponents(id: string, property: string[], before: Json, after: Json): Patch[] {
	const owners = [
		['TemplateComponent', 'properties'],
		['ButtonComponent', 'allOf', '1', 'properties'],
	];
	return owners.map((owner) => ({ id, at: [...owner, ...property], before, after }));
}

export const TEMPLATE_PATCHES: Patch[] = [
	{ id: 'R7d', at: ['LanguageObject', 'required'], before: ['policy', 'code'], after: ['code'] },
	...onBothComponents('R7e', ['index'], INDEX_BEFORE, INDEX_AFTER),
	...onBothComponents('R7f', ['sub_type', 'enum'], SUB_TYPES_BEFORE, SUB_TYPES_AFTER),
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
	// R7l: template parameters that Meta's Cloud API reference documents ("copy code" buttons with
	// a `coupon_code` parameter, location headers) but this v23.0 file leaves out.
	...onBothComponents('R7l', ['sub_type', 'enum'], SUB_TYPES_AFTER, SUB_TYPES_COPY_CODE),
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
	...onBothComponents('R7m', ['sub_type', 'enum'], SUB_TYPES_COPY_CODE, SUB_TYPES_MPM),
];
