/**
 * Sending a template: the schema of the values filled into "Template Variables" (built per
 * template, with error labels taken from the fields the editor shows) and the `components`
 * array of the messages request once they are valid.
 */
import { z } from 'zod';

import { currencyAmountSchema, formattedParameter, type VariableFormat } from './formats';
import {
	flowActionDataSchema,
	latitudeSchema,
	longitudeSchema,
	mediaReference,
	offerExpirationSchema,
	parameterText,
	plainValue,
	SEND_LIMITS,
} from './values';
import { variableDisplayName, type ParsedTemplate, type TemplateVariable, type VariableKind } from './variables';

/** The resource-mapper parameter the values come from (its displayName starts every label). */
const TEMPLATE_VARIABLES_LABEL = 'Template Variables';

/** What a Send Template request carries in `template.components`. */
type SendComponent = Record<string, unknown> & { type: string; parameters: Array<Record<string, unknown>> };

type TemplateValues = Record<string, unknown>;

function formatOf(variable: TemplateVariable, formats: VariableFormat[]): VariableFormat | undefined {
	return variable.kind === 'body' ? formats.find((f) => f.variable === variable.param) : undefined;
}

/** The zod schema for one variable's value (before it is turned into a parameter). */
function schemaFor(variable: TemplateVariable, format: VariableFormat | undefined): z.ZodTypeAny {
	const required = <T extends z.ZodTypeAny>(schema: T) => (variable.required ? schema : schema.optional());
	switch (variable.kind) {
		case 'headerText':
			return parameterText(SEND_LIMITS.headerText);
		case 'body':
			if (format?.format === 'currency') return currencyAmountSchema(format);
			return parameterText(SEND_LIMITS.bodyText);
		case 'headerMedia':
			return mediaReference;
		case 'headerMediaFilename':
		case 'headerLocationName':
		case 'headerLocationAddress':
		case 'catalogThumbnail':
		case 'flowToken':
			return required(plainValue(SEND_LIMITS.plainValue));
		case 'headerLatitude':
			return latitudeSchema;
		case 'headerLongitude':
			return longitudeSchema;
		case 'quickReplyPayload':
			return required(plainValue(SEND_LIMITS.payload));
		case 'urlSuffix':
			return plainValue(SEND_LIMITS.urlSuffix);
		case 'couponCode':
			return plainValue(SEND_LIMITS.couponCode);
		case 'flowActionData':
			return required(flowActionDataSchema);
		case 'offerExpiration':
			return offerExpirationSchema;
	}
}

function isBlank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * The schema for a template's filled-in values (keyed by field id) and its label source: the
 * label of a key is "Template Variables › " and the field's displayName, exactly as the editor
 * shows the field. Optional values left blank are dropped.
 */
export function templateValuesSchema(
	parsed: ParsedTemplate,
	formats: VariableFormat[] = [],
): { schema: z.ZodTypeAny; labels: (path: ReadonlyArray<string | number>) => string | undefined } {
	const shape: Record<string, z.ZodTypeAny> = {};
	const names = new Map<string, string>();
	for (const variable of parsed.variables) {
		shape[variable.id] = schemaFor(variable, formatOf(variable, formats));
		names.set(variable.id, `${TEMPLATE_VARIABLES_LABEL} › ${variableDisplayName(variable)}`);
	}
	const schema = z.preprocess((input) => {
		const values: Record<string, unknown> = {};
		for (const [key, value] of Object.entries((input as Record<string, unknown>) ?? {})) {
			if (!isBlank(value)) values[key] = value;
		}
		return values;
	}, z.object(shape));
	return { schema, labels: (path) => (typeof path[0] === 'string' ? names.get(path[0]) : undefined) };
}

/** The "Currency and Date Variables" entries that point at no body variable (a typo to report). */
export function unknownFormatVariables(parsed: ParsedTemplate, formats: VariableFormat[]): string[] {
	const params = parsed.variables.filter((v) => v.kind === 'body').map((v) => v.param);
	return formats.map((f) => f.variable).filter((name) => !params.includes(name));
}

function textParameter(variable: TemplateVariable, text: string): Record<string, unknown> {
	return variable.named ? { type: 'text', parameter_name: variable.param, text } : { type: 'text', text };
}

function button(subType: string, index: number, parameters: Array<Record<string, unknown>>): SendComponent {
	return { type: 'button', sub_type: subType, index: String(index), parameters };
}

/**
 * Turns validated values (the output of `templateValuesSchema`) into the `components` array of
 * a Send Template request: header, body and one component per button that takes a parameter,
 * with button indexes as strings, as in Meta's examples.
 */
export function buildTemplateComponents(
	parsed: ParsedTemplate,
	values: TemplateValues,
	formats: VariableFormat[] = [],
): SendComponent[] {
	const own = parsed.variables.filter((v) => v.cardIndex === undefined);
	const components = buildComponents({ ...parsed, variables: own }, values, formats);
	// Carousels: each card's header, body and buttons, as {card_index, components}.
	const cardIndexes = [...new Set(parsed.variables.map((v) => v.cardIndex).filter((i) => i !== undefined))];
	if (cardIndexes.length) {
		const cards = cardIndexes
			.sort((a, b) => a - b)
			.map((card_index) => ({
				card_index,
				components: buildComponents(
					{ ...parsed, otpButtons: [], variables: parsed.variables.filter((v) => v.cardIndex === card_index) },
					values,
					formats,
				),
			}));
		const afterBody = components.findIndex((c) => c.type === 'button');
		const carousel = { type: 'carousel', cards } as unknown as SendComponent;
		components.splice(afterBody < 0 ? components.length : afterBody, 0, carousel);
	}
	return components;
}

function buildComponents(parsed: ParsedTemplate, values: TemplateValues, formats: VariableFormat[]): SendComponent[] {
	let offer: SendComponent | undefined;
	const header: Array<Record<string, unknown>> = [];
	const body: Array<Record<string, unknown>> = [];
	const buttons = new Map<number, SendComponent>();
	const valueOf = (kind: VariableKind) => {
		const variable = parsed.variables.find((v) => v.kind === kind);
		return variable && !isBlank(values[variable.id]) ? values[variable.id] : undefined;
	};

	for (const variable of parsed.variables) {
		const current = values[variable.id];
		const index = variable.buttonIndex ?? 0;
		switch (variable.kind) {
			case 'headerText':
				header.push(textParameter(variable, String(current)));
				break;
			case 'headerMedia': {
				const media: Record<string, unknown> = { ...(current as Record<string, string>) };
				const filename = valueOf('headerMediaFilename');
				if (variable.mediaType === 'document' && filename !== undefined) media.filename = filename;
				header.push({ type: variable.mediaType, [variable.mediaType as string]: media });
				break;
			}
			case 'headerLatitude': {
				const location: Record<string, unknown> = { latitude: current, longitude: valueOf('headerLongitude') };
				const name = valueOf('headerLocationName');
				const address = valueOf('headerLocationAddress');
				if (name !== undefined) location.name = name;
				if (address !== undefined) location.address = address;
				header.push({ type: 'location', location });
				break;
			}
			case 'body': {
				const format = formatOf(variable, formats);
				if (format) body.push(formattedParameter(format, current, variable.named ? variable.param : undefined));
				else body.push(textParameter(variable, String(current)));
				break;
			}
			case 'quickReplyPayload':
				if (!isBlank(current))
					buttons.set(index, button('quick_reply', index, [{ type: 'payload', payload: current }]));
				break;
			case 'urlSuffix':
				buttons.set(index, button('url', index, [{ type: 'text', text: current }]));
				break;
			case 'couponCode':
				buttons.set(index, button('copy_code', index, [{ type: 'coupon_code', coupon_code: current }]));
				break;
			case 'flowToken':
			case 'flowActionData': {
				if (isBlank(current) || buttons.has(index)) break;
				const token = values[`button:${index}:flow_token`];
				const data = values[`button:${index}:flow_action_data`];
				const action: Record<string, unknown> = {};
				if (!isBlank(token)) action.flow_token = token;
				if (!isBlank(data)) action.flow_action_data = data;
				buttons.set(index, button('flow', index, [{ type: 'action', action }]));
				break;
			}
			case 'offerExpiration':
				offer = {
					type: 'limited_time_offer',
					parameters: [{ type: 'limited_time_offer', limited_time_offer: { expiration_time_ms: current } }],
				};
				break;
			case 'catalogThumbnail': {
				const action = isBlank(current) ? {} : { thumbnail_product_retailer_id: current };
				buttons.set(index, button('catalog', index, [{ type: 'action', action }]));
				break;
			}
			default:
				break;
		}
	}

	// Authentication templates: the one-time code of the body goes into the OTP button too.
	const code = valueOf('body');
	if (code !== undefined) {
		for (const otp of parsed.otpButtons) buttons.set(otp, button('url', otp, [{ type: 'text', text: String(code) }]));
	}

	const components: SendComponent[] = [];
	if (header.length) components.push({ type: 'header', parameters: header });
	if (offer) components.push(offer);
	if (body.length) components.push({ type: 'body', parameters: body });
	for (const index of [...buttons.keys()].sort((a, b) => a - b)) components.push(buttons.get(index)!);
	return components;
}
