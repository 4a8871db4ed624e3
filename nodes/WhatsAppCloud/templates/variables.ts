/**
 * Which values a template asks for when it is sent: header text / media / location, body {{1}}
 * or {{first_name}}, button URL suffixes, quick-reply payloads, coupon codes, flow tokens and
 * data, catalog thumbnails; and the resource-mapper fields ("Template Variables") that ask for
 * them. Pure data, no n8n context or HTTP.
 */
import type { ResourceMapperField } from 'n8n-workflow';

import { placeholdersOf } from './placeholders';
import type { NamedExample, TemplateButton, TemplateComponent, TemplateDefinition } from './types';

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
	| 'catalogThumbnail'
	| 'offerExpiration';

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
	/** Carousel templates: the card (0-based) this variable belongs to. */
	cardIndex?: number;
}

export interface ParsedTemplate {
	name: string;
	language: string;
	status?: string;
	variables: TemplateVariable[];
	/** Buttons whose send-time parameter is the body's one-time code (authentication templates). */
	otpButtons: number[];
	/** Components this form cannot fill (carousel, multi-product buttons …): use Components (JSON). */
	unsupported: string[];
}

function exampleFor(
	names: string[],
	named: boolean,
	positional: string[] | undefined,
	namedExamples: NamedExample[] | undefined,
): (name: string) => string | undefined {
	return (name) => {
		if (named) return namedExamples?.find((p) => p.param_name === name)?.example;
		const position = names.indexOf(name);
		return position >= 0 ? positional?.[position] : undefined;
	};
}

function buttonExample(button: TemplateButton): string | undefined {
	const example = Array.isArray(button.example) ? button.example[0] : button.example;
	return typeof example === 'string' ? example : undefined;
}

const quote = (text: string | undefined, max = 25) =>
	text ? ` '${text.length > max ? `${text.slice(0, max - 1)}…` : text}'` : '';

function headerVariables(header: TemplateComponent, parsed: ParsedTemplate): void {
	const format = String(header.format ?? 'TEXT').toUpperCase();
	const into = parsed.variables;
	if (format === 'TEXT') {
		const { names, named } = placeholdersOf(header.text);
		const example = exampleFor(names, named, header.example?.header_text, header.example?.header_text_named_params);
		for (const param of names) {
			into.push({
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
		const noun = mediaType.charAt(0).toUpperCase() + mediaType.slice(1);
		into.push({
			id: `header:${mediaType}`,
			label: `Header ${noun} (Link or Media ID)`,
			kind: 'headerMedia',
			required: true,
			mediaType,
		});
		if (mediaType === 'document') {
			into.push({
				id: 'header:document:filename',
				label: 'Header Document File Name',
				kind: 'headerMediaFilename',
				required: false,
				mediaType,
			});
		}
	} else if (format === 'LOCATION') {
		const location = (id: string, label: string, kind: VariableKind, required: boolean) =>
			into.push({ id: `header:location:${id}`, label: `Header Location ${label}`, kind, required });
		location('latitude', 'Latitude', 'headerLatitude', true);
		location('longitude', 'Longitude', 'headerLongitude', true);
		location('name', 'Name', 'headerLocationName', false);
		location('address', 'Address', 'headerLocationAddress', false);
	} else {
		parsed.unsupported.push(`${format.toLowerCase()} header`);
	}
}

function buttonVariables(button: TemplateButton, index: number, parsed: ParsedTemplate): void {
	const type = String(button.type ?? '').toUpperCase();
	const title = `Button ${index + 1}${quote(button.text)}`;
	const add = (id: string, label: string, kind: VariableKind, required: boolean, example?: string) =>
		parsed.variables.push({
			id: `button:${index}:${id}`,
			label: `${title} ${label}`,
			kind,
			required,
			buttonIndex: index,
			example,
		});
	switch (type) {
		case 'QUICK_REPLY':
			return void add('payload', 'Payload', 'quickReplyPayload', false);
		case 'URL':
			if (placeholdersOf(button.url).names.length > 0)
				add('url', 'URL Suffix', 'urlSuffix', true, buttonExample(button));
			return;
		case 'COPY_CODE':
			return void add('coupon_code', 'Coupon Code', 'couponCode', true, buttonExample(button));
		case 'FLOW':
			add('flow_token', 'Flow Token', 'flowToken', false);
			return void add('flow_action_data', 'Flow Data (JSON)', 'flowActionData', false);
		case 'CATALOG':
			return void add('thumbnail_product_retailer_id', 'Thumbnail Product ID', 'catalogThumbnail', false);
		case 'OTP':
			// Copy-code, one-tap and zero-tap buttons all carry the code as a URL parameter.
			return void parsed.otpButtons.push(index);
		case 'PHONE_NUMBER':
		case 'VOICE_CALL':
		case 'SPM':
			return;
		default:
			parsed.unsupported.push(`${type.toLowerCase() || 'unknown'} button`);
	}
}

/**
 * Reads a template definition and lists every value needed to send it (carousel cards and
 * limited-time offers included). Unknown component or button types are reported in
 * `unsupported` instead of being guessed.
 */
export function parseTemplate(definition: TemplateDefinition): ParsedTemplate {
	const parsed: ParsedTemplate = {
		name: definition.name,
		language: definition.language,
		status: definition.status,
		variables: [],
		otpButtons: [],
		unsupported: [],
	};
	parseComponents(definition.components ?? [], parsed);
	// Authentication templates: the body's one variable is the one-time code, which send.ts also
	// puts into the OTP button (Meta, "Authentication templates": body and button both carry it).
	const code = parsed.otpButtons.length ? parsed.variables.find((v) => v.kind === 'body') : undefined;
	if (code) code.label = 'Code';
	return parsed;
}

/** Media card carousels: each card's header, body and buttons, as "Card N …" variables. */
function carouselVariables(component: TemplateComponent, parsed: ParsedTemplate): void {
	const cards = (component.cards as Array<{ components?: TemplateComponent[] }> | undefined) ?? [];
	cards.forEach((card, cardIndex) => {
		const inner: ParsedTemplate = { ...parsed, variables: [], otpButtons: [], unsupported: [] };
		parseComponents(card.components ?? [], inner);
		for (const variable of inner.variables) {
			parsed.variables.push({
				...variable,
				id: `card:${cardIndex}:${variable.id}`,
				label: `Card ${cardIndex + 1} ${variable.label}`,
				cardIndex,
			});
		}
		parsed.unsupported.push(...inner.unsupported.map((what) => `card ${cardIndex + 1} ${what}`));
	});
}

function parseComponents(components: TemplateComponent[], parsed: ParsedTemplate): void {
	for (const component of components) {
		const type = String(component.type ?? '').toUpperCase();
		if (type === 'HEADER') {
			headerVariables(component, parsed);
		} else if (type === 'BODY') {
			const { names, named } = placeholdersOf(component.text);
			const example = exampleFor(
				names,
				named,
				component.example?.body_text?.[0],
				component.example?.body_text_named_params,
			);
			for (const param of names) {
				parsed.variables.push({
					id: `body:${param}`,
					label: `Body {{${param}}}`,
					kind: 'body',
					required: true,
					param,
					named,
					example: example(param),
				});
			}
		} else if (type === 'BUTTONS') {
			(component.buttons ?? []).forEach((button, index) => buttonVariables(button, index, parsed));
		} else if (type === 'CAROUSEL') {
			carouselVariables(component, parsed);
		} else if (type === 'LIMITED_TIME_OFFER') {
			const offer = component.limited_time_offer as { has_expiration?: boolean } | undefined;
			if (offer?.has_expiration) {
				parsed.variables.push({
					id: 'limited_time_offer:expiration_time_ms',
					label: 'Offer Expires At (Date or Unix Milliseconds)',
					kind: 'offerExpiration',
					required: true,
				});
			}
		} else if (type !== 'FOOTER') {
			// Footers never take parameters; anything else is for Components (JSON).
			parsed.unsupported.push(`${type.toLowerCase()} component`);
		}
	}
}

/**
 * How the editor shows a variable: its label alone, short enough for the default panel width
 * (n8n's resource-mapper fields have no placeholder, so Meta's example is not shown beside it;
 * the Template list shows the body text). Errors name the field by the same text.
 */
export function variableDisplayName(variable: TemplateVariable): string {
	return variable.label;
}

/** The resource-mapper fields (the form the editor shows) for a parsed template. */
export function variablesToMapperFields(parsed: ParsedTemplate): ResourceMapperField[] {
	return parsed.variables.map((variable) => ({
		id: variable.id,
		displayName: variableDisplayName(variable),
		required: variable.required,
		defaultMatch: false,
		canBeUsedToMatch: false,
		display: true,
		type: 'string',
		removed: !variable.required,
	}));
}
