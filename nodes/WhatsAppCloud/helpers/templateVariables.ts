/**
 * Message templates as data, without n8n or HTTP: which variables a template definition asks
 * for (header text / media / location, body {{1}} or {{first_name}}, button URL suffixes,
 * quick-reply payloads, coupon codes, flow tokens), the resource-mapper fields that ask for
 * them, and the `components` array the messages endpoint wants once they are filled in.
 */
import type { ResourceMapperField } from 'n8n-workflow';
import { z } from 'zod';

import {
	currencyAmountSchema,
	flowActionDataSchema,
	latitudeSchema,
	longitudeSchema,
	mediaReference,
	parameterText,
	plainValue,
	TEMPLATE_LIMITS,
	type VariableFormat,
} from './schemas/template';

/** A button of a template definition (GET message_templates → components[].buttons[]). */
export interface TemplateDefinitionButton {
	type: string;
	text?: string;
	url?: string;
	otp_type?: string;
	example?: string[] | string;
	[key: string]: unknown;
}

export interface TemplateDefinitionComponent {
	type: string;
	format?: string;
	text?: string;
	buttons?: TemplateDefinitionButton[];
	example?: {
		header_text?: string[];
		header_text_named_params?: Array<{ param_name: string; example?: string }>;
		body_text?: string[][];
		body_text_named_params?: Array<{ param_name: string; example?: string }>;
		header_handle?: string[];
	};
	[key: string]: unknown;
}

/** A template as the WhatsApp Business Account lists it. */
export interface TemplateDefinition {
	id?: string;
	name: string;
	language: string;
	status?: string;
	category?: string;
	parameter_format?: string;
	components?: TemplateDefinitionComponent[];
	[key: string]: unknown;
}

export type VariableKind =
	| 'headerText'
	| 'headerMedia'
	| 'headerMediaFilename'
	| 'headerLatitude'
	| 'headerLongitude'
	| 'headerLocationName'
	| 'headerLocationAddress'
	| 'body'
	| 'quickReplyPayload'
	| 'urlSuffix'
	| 'couponCode'
	| 'flowToken'
	| 'flowActionData'
	| 'catalogThumbnail';

/** One value the user fills in to send the template; `id` is the resource-mapper field id. */
export interface TemplateVariable {
	id: string;
	label: string;
	kind: VariableKind;
	required: boolean;
	/** The placeholder name inside {{ }}: "1" or "first_name" (header text and body). */
	param?: string;
	/** true when the template uses named parameters ({{first_name}}). */
	named?: boolean;
	mediaType?: 'image' | 'video' | 'document';
	/** Position of the button in the template (0-based), for button variables. */
	buttonIndex?: number;
	/** The example value Meta stored with the template, if any. */
	example?: string;
}

/** A button whose send-time parameter comes from elsewhere (OTP: the body's code). */
interface OtpButton {
	index: number;
}

export interface ParsedTemplate {
	name: string;
	language: string;
	status?: string;
	variables: TemplateVariable[];
	otpButtons: OtpButton[];
	/** Components this form cannot fill (carousel, multi-product buttons …): use Components (JSON). */
	unsupported: string[];
}

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/** The placeholders of a text, in the order Meta wants them sent. */
export function placeholdersOf(text: string | undefined): { names: string[]; named: boolean } {
	const seen: string[] = [];
	for (const match of (text ?? '').matchAll(PLACEHOLDER)) {
		if (!seen.includes(match[1])) seen.push(match[1]);
	}
	const named = seen.some((name) => !/^\d+$/.test(name));
	if (!named) seen.sort((a, b) => Number(a) - Number(b));
	return { names: seen, named };
}

function exampleFor(
	names: string[],
	named: boolean,
	positional: string[] | undefined,
	namedExamples: Array<{ param_name: string; example?: string }> | undefined,
): (name: string) => string | undefined {
	return (name) => {
		if (named) return namedExamples?.find((p) => p.param_name === name)?.example;
		const position = names.indexOf(name);
		return position >= 0 ? positional?.[position] : undefined;
	};
}

function buttonExample(button: TemplateDefinitionButton): string | undefined {
	const example = Array.isArray(button.example) ? button.example[0] : button.example;
	return typeof example === 'string' ? example : undefined;
}

const quote = (text: string | undefined, max = 25) =>
	text ? ` '${text.length > max ? `${text.slice(0, max - 1)}…` : text}'` : '';

/**
 * Reads a template definition and lists every value needed to send it. Unknown component or
 * button types are reported in `unsupported` instead of being guessed.
 */
export function parseTemplate(definition: TemplateDefinition): ParsedTemplate {
	const variables: TemplateVariable[] = [];
	const otpButtons: OtpButton[] = [];
	const unsupported: string[] = [];

	for (const component of definition.components ?? []) {
		const type = String(component.type ?? '').toUpperCase();
		if (type === 'HEADER') {
			const format = String(component.format ?? 'TEXT').toUpperCase();
			if (format === 'TEXT') {
				const { names, named } = placeholdersOf(component.text);
				const example = exampleFor(names, named, component.example?.header_text, component.example?.header_text_named_params);
				for (const param of names) {
					variables.push({
						id: `header:${param}`,
						label: `Header {{${param}}}`,
						kind: 'headerText',
						required: true,
						param,
						named,
						example: example(param),
					});
				}
			} else if (format === 'IMAGE' || format === 'VIDEO' || format === 'DOCUMENT') {
				const mediaType = format.toLowerCase() as 'image' | 'video' | 'document';
				const noun = mediaType === 'image' ? 'Image' : mediaType === 'video' ? 'Video' : 'Document';
				variables.push({ id: `header:${mediaType}`, label: `Header ${noun} (Link or Media ID)`, kind: 'headerMedia', required: true, mediaType });
				if (mediaType === 'document') {
					variables.push({ id: 'header:document:filename', label: 'Header Document File Name', kind: 'headerMediaFilename', required: false, mediaType });
				}
			} else if (format === 'LOCATION') {
				variables.push(
					{ id: 'header:location:latitude', label: 'Header Location Latitude', kind: 'headerLatitude', required: true },
					{ id: 'header:location:longitude', label: 'Header Location Longitude', kind: 'headerLongitude', required: true },
					{ id: 'header:location:name', label: 'Header Location Name', kind: 'headerLocationName', required: false },
					{ id: 'header:location:address', label: 'Header Location Address', kind: 'headerLocationAddress', required: false },
				);
			} else {
				unsupported.push(`${format.toLowerCase()} header`);
			}
		} else if (type === 'BODY') {
			const { names, named } = placeholdersOf(component.text);
			const example = exampleFor(names, named, component.example?.body_text?.[0], component.example?.body_text_named_params);
			for (const param of names) {
				variables.push({ id: `body:${param}`, label: `Body {{${param}}}`, kind: 'body', required: true, param, named, example: example(param) });
			}
		} else if (type === 'BUTTONS') {
			(component.buttons ?? []).forEach((button, index) => {
				const buttonType = String(button.type ?? '').toUpperCase();
				const title = `Button ${index + 1}${quote(button.text)}`;
				switch (buttonType) {
					case 'QUICK_REPLY':
						variables.push({ id: `button:${index}:payload`, label: `${title} Payload`, kind: 'quickReplyPayload', required: false, buttonIndex: index });
						break;
					case 'URL':
						if (placeholdersOf(button.url).names.length > 0) {
							variables.push({
								id: `button:${index}:url`,
								label: `${title} URL Suffix`,
								kind: 'urlSuffix',
								required: true,
								buttonIndex: index,
								example: buttonExample(button),
							});
						}
						break;
					case 'COPY_CODE':
						variables.push({ id: `button:${index}:coupon_code`, label: `${title} Coupon Code`, kind: 'couponCode', required: true, buttonIndex: index, example: buttonExample(button) });
						break;
					case 'FLOW':
						variables.push(
							{ id: `button:${index}:flow_token`, label: `${title} Flow Token`, kind: 'flowToken', required: false, buttonIndex: index },
							{ id: `button:${index}:flow_action_data`, label: `${title} Flow Data (JSON)`, kind: 'flowActionData', required: false, buttonIndex: index },
						);
						break;
					case 'CATALOG':
						variables.push({
							id: `button:${index}:thumbnail_product_retailer_id`,
							label: `${title} Thumbnail Product ID`,
							kind: 'catalogThumbnail',
							required: false,
							buttonIndex: index,
						});
						break;
					case 'OTP':
						// Copy-code, one-tap and zero-tap buttons all carry the code as a URL parameter.
						otpButtons.push({ index });
						break;
					case 'PHONE_NUMBER':
					case 'VOICE_CALL':
					case 'SPM':
						break;
					default:
						unsupported.push(`${buttonType.toLowerCase() || 'unknown'} button`);
				}
			});
		} else if (type === 'FOOTER') {
			// Footers never take parameters.
		} else {
			unsupported.push(`${type.toLowerCase()} component`);
		}
	}

	return {
		name: definition.name,
		language: definition.language,
		status: definition.status,
		variables,
		otpButtons,
		unsupported,
	};
}

/** The resource-mapper fields (the form the editor shows) for a parsed template. */
export function variablesToMapperFields(parsed: ParsedTemplate): ResourceMapperField[] {
	return parsed.variables.map((variable) => ({
		id: variable.id,
		displayName: variable.example ? `${variable.label} (e.g. ${variable.example})` : variable.label,
		required: variable.required,
		defaultMatch: false,
		canBeUsedToMatch: false,
		display: true,
		type: 'string',
		removed: !variable.required,
	}));
}

/** What a Send Template request carries in `template.components`. */
export type SendComponent = Record<string, unknown> & { type: string; parameters: Array<Record<string, unknown>> };

export type TemplateValues = Record<string, unknown>;

/** The zod schema for one variable's value (before it is turned into a parameter). */
function schemaFor(variable: TemplateVariable, format: VariableFormat | undefined): z.ZodTypeAny {
	const required = <T extends z.ZodTypeAny>(schema: T) => (variable.required ? schema : schema.optional());
	switch (variable.kind) {
		case 'headerText':
			return parameterText(TEMPLATE_LIMITS.headerText);
		case 'body':
			if (format?.format === 'currency') return currencyAmountSchema;
			return parameterText(TEMPLATE_LIMITS.bodyText);
		case 'headerMedia':
			return mediaReference;
		case 'headerMediaFilename':
		case 'headerLocationName':
		case 'headerLocationAddress':
		case 'catalogThumbnail':
		case 'flowToken':
			return required(plainValue(1000));
		case 'headerLatitude':
			return latitudeSchema;
		case 'headerLongitude':
			return longitudeSchema;
		case 'quickReplyPayload':
			return required(plainValue(TEMPLATE_LIMITS.payload));
		case 'urlSuffix':
			return plainValue(TEMPLATE_LIMITS.urlSuffix);
		case 'couponCode':
			return plainValue(TEMPLATE_LIMITS.couponCode);
		case 'flowActionData':
			return required(flowActionDataSchema);
	}
}

function isBlank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * The zod schema for a template's filled-in values (keyed by field id) and the label of every
 * key, so a validation error names the variable. Optional values left blank are dropped.
 */
export function templateValuesSchema(
	parsed: ParsedTemplate,
	formats: VariableFormat[] = [],
): { schema: z.ZodTypeAny; labels: Record<string, string> } {
	const shape: Record<string, z.ZodTypeAny> = {};
	const labels: Record<string, string> = {};
	for (const variable of parsed.variables) {
		const format = variable.kind === 'body' ? formats.find((f) => f.variable === variable.param) : undefined;
		shape[variable.id] = schemaFor(variable, format);
		labels[variable.id] = `Template variable ${variable.label}${format ? ` (${format.format === 'currency' ? `currency ${format.currencyCode}` : 'date and time'})` : ''}`;
	}
	const schema = z.preprocess((input) => {
		const values: Record<string, unknown> = {};
		for (const [key, value] of Object.entries((input as Record<string, unknown>) ?? {})) {
			if (!isBlank(value)) values[key] = value;
		}
		return values;
	}, z.object(shape));
	return { schema, labels };
}

/** The names of formats that point at no body variable (a typo the user should hear about). */
export function unknownFormatVariables(parsed: ParsedTemplate, formats: VariableFormat[]): string[] {
	const params = parsed.variables.filter((v) => v.kind === 'body').map((v) => v.param);
	return formats.map((f) => f.variable.replace(/^\{\{\s*|\s*\}\}$/g, '')).filter((name) => !params.includes(name));
}

function currencyFallback(amount: number, code: string): string {
	try {
		return new Intl.NumberFormat('en-US', { style: 'currency', currency: code }).format(amount);
	} catch {
		return `${amount.toFixed(2)} ${code}`;
	}
}

function textParameter(variable: TemplateVariable, text: string): Record<string, unknown> {
	return variable.named ? { type: 'text', parameter_name: variable.param, text } : { type: 'text', text };
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
	const header: Array<Record<string, unknown>> = [];
	const body: Array<Record<string, unknown>> = [];
	const buttons = new Map<number, SendComponent>();
	const value = (variable: TemplateVariable) => values[variable.id];
	const byKind = (kind: VariableKind) => parsed.variables.find((v) => v.kind === kind);

	for (const variable of parsed.variables) {
		const current = value(variable);
		switch (variable.kind) {
			case 'headerText':
				header.push(textParameter(variable, String(current)));
				break;
			case 'headerMedia': {
				const media: Record<string, unknown> = { ...(current as Record<string, string>) };
				const filename = byKind('headerMediaFilename');
				if (variable.mediaType === 'document' && filename && !isBlank(values[filename.id])) {
					media.filename = values[filename.id];
				}
				header.push({ type: variable.mediaType, [variable.mediaType as string]: media });
				break;
			}
			case 'headerLatitude': {
				const location: Record<string, unknown> = {
					latitude: current,
					longitude: values[byKind('headerLongitude')?.id ?? ''],
				};
				const name = byKind('headerLocationName');
				const address = byKind('headerLocationAddress');
				if (name && !isBlank(values[name.id])) location.name = values[name.id];
				if (address && !isBlank(values[address.id])) location.address = values[address.id];
				header.push({ type: 'location', location });
				break;
			}
			case 'body': {
				const format = formats.find((f) => f.variable === variable.param);
				const named = variable.named ? { parameter_name: variable.param } : {};
				if (format?.format === 'currency') {
					const amount = Number(current);
					body.push({
						type: 'currency',
						...named,
						currency: {
							fallback_value: format.fallbackText || currencyFallback(amount, format.currencyCode),
							code: format.currencyCode,
							amount_1000: Math.round(amount * 1000),
						},
					});
				} else if (format?.format === 'date_time') {
					body.push({ type: 'date_time', ...named, date_time: { fallback_value: String(current) } });
				} else {
					body.push(textParameter(variable, String(current)));
				}
				break;
			}
			case 'quickReplyPayload':
				if (!isBlank(current)) {
					buttons.set(variable.buttonIndex!, button('quick_reply', variable.buttonIndex!, [{ type: 'payload', payload: current }]));
				}
				break;
			case 'urlSuffix':
				buttons.set(variable.buttonIndex!, button('url', variable.buttonIndex!, [{ type: 'text', text: current }]));
				break;
			case 'couponCode':
				buttons.set(variable.buttonIndex!, button('copy_code', variable.buttonIndex!, [{ type: 'coupon_code', coupon_code: current }]));
				break;
			case 'flowToken':
			case 'flowActionData': {
				if (isBlank(current) || buttons.has(variable.buttonIndex!)) break;
				const token = values[`button:${variable.buttonIndex}:flow_token`];
				const data = values[`button:${variable.buttonIndex}:flow_action_data`];
				const action: Record<string, unknown> = {};
				if (!isBlank(token)) action.flow_token = token;
				if (!isBlank(data)) action.flow_action_data = data;
				buttons.set(variable.buttonIndex!, button('flow', variable.buttonIndex!, [{ type: 'action', action }]));
				break;
			}
			case 'catalogThumbnail':
				buttons.set(
					variable.buttonIndex!,
					button('catalog', variable.buttonIndex!, [
						{ type: 'action', action: isBlank(current) ? {} : { thumbnail_product_retailer_id: current } },
					]),
				);
				break;
			default:
				break;
		}
	}

	// Authentication templates: the one-time code of the body goes into the OTP button too.
	if (parsed.otpButtons.length) {
		const code = parsed.variables.find((v) => v.kind === 'body');
		if (code && !isBlank(values[code.id])) {
			for (const otp of parsed.otpButtons) {
				buttons.set(otp.index, button('url', otp.index, [{ type: 'text', text: String(values[code.id]) }]));
			}
		}
	}

	const components: SendComponent[] = [];
	if (header.length) components.push({ type: 'header', parameters: header });
	if (body.length) components.push({ type: 'body', parameters: body });
	for (const index of [...buttons.keys()].sort((a, b) => a - b)) components.push(buttons.get(index)!);
	return components;
}

function button(subType: string, index: number, parameters: Array<Record<string, unknown>>): SendComponent {
	return { type: 'button', sub_type: subType, index: String(index), parameters };
}

/** How many parameters each part of a template takes, for comparing with what is sent. */
export function expectedParameterCounts(parsed: ParsedTemplate): { header: number; body: number } {
	const header = parsed.variables.filter((v) => v.kind === 'headerText' || v.kind === 'headerMedia' || v.kind === 'headerLatitude').length;
	const body = parsed.variables.filter((v) => v.kind === 'body').length;
	return { header, body };
}
