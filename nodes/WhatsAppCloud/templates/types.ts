/**
 * Message templates as Meta writes them: one type tree for what GET /{WABA-ID}/message_templates
 * and GET /{TEMPLATE-ID} return and for what POST /{WABA-ID}/message_templates sends. Every
 * shape keeps unknown keys (`[key: string]: unknown`), so fields Meta adds later pass through.
 */

/** Template categories (contract: WhatsAppMessageTemplateCategory). */
export const TEMPLATE_CATEGORIES = ['MARKETING', 'UTILITY', 'AUTHENTICATION'] as const;

/** Review states a template can be in (the Get Many "Status" filter). */
export const TEMPLATE_STATUSES = [
	'APPROVED',
	'PENDING',
	'REJECTED',
	'PAUSED',
	'DISABLED',
	'IN_APPEAL',
	'PENDING_DELETION',
	'DELETED',
	'LIMIT_EXCEEDED',
	'ARCHIVED',
] as const;

/** The review states in which Meta lets a template be edited (POST /{TEMPLATE_ID}). */
export const EDITABLE_TEMPLATE_STATUSES = ['APPROVED', 'REJECTED', 'PAUSED'] as const;

/** How a template's variables are written: {{1}} (positional, Meta's default) or {{first_name}}. */
export type ParameterFormat = 'POSITIONAL' | 'NAMED';

/** The example Meta stores for a named variable. */
export interface NamedExample {
	param_name: string;
	example?: string;
	[key: string]: unknown;
}

/** The review examples of a component (`example` in Meta's reference). */
interface TemplateExample {
	header_text?: string[];
	header_text_named_params?: NamedExample[];
	header_handle?: string[];
	body_text?: string[][];
	body_text_named_params?: NamedExample[];
	[key: string]: unknown;
}

/** A button of a BUTTONS component: QUICK_REPLY, URL, PHONE_NUMBER, COPY_CODE, OTP, FLOW, CATALOG … */
export interface TemplateButton {
	type: string;
	text?: string;
	url?: string;
	phone_number?: string;
	otp_type?: string;
	/** URL buttons: the example URL(s); COPY_CODE: the example code. */
	example?: string[] | string;
	[key: string]: unknown;
}

/** A component: HEADER (with a format), BODY, FOOTER or BUTTONS (carousels and others pass through). */
export interface TemplateComponent {
	type: string;
	format?: string;
	text?: string;
	example?: TemplateExample;
	buttons?: TemplateButton[];
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
	components?: TemplateComponent[];
	[key: string]: unknown;
}
