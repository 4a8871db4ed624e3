/** What the editor check expects to see, literally (the simulator's fixtures, n8n's banners). */

export const SEARCH = 'WhatsApp Cloud';
export const SENDER = /^\+1 555-010-0001 — Sim Shop\b/;
export const TEMPLATE = /^order_confirmation_named \(en_US\b/;
/** the fields Send Template must generate for order_confirmation_named (tools/simulator/fixtures.ts) */
export const TEMPLATE_FIELDS = [
	{ id: 'header:order_id', label: 'Header {{order_id}}' },
	{ id: 'body:first_name', label: 'Body {{first_name}}' },
	{ id: 'body:order_id', label: 'Body {{order_id}}' },
	{ id: 'body:total', label: 'Body {{total}}' },
	{ id: 'body:delivery_date', label: 'Body {{delivery_date}}' },
	{ id: 'button:1:url', label: "Button 2 'Track order' URL Suffix" },
];
export const CREDENTIAL_OK_BANNER = 'Connection tested successfully';
export const CREDENTIAL_FAILED_BANNER = 'Couldn’t connect with these settings';
export const EXPIRED_MESSAGE_START = 'The access token has expired.';

export const VALID_CREDENTIAL = 'WhatsApp Cloud (simulator)';
export const EXPIRED_CREDENTIAL = 'WhatsApp Cloud (expired token)';
export const EXPIRED_NODE = 'Expired token';
export const FORMS_WORKFLOW = 'Editor check — every form';
export const PLAIN_WORKFLOW = 'My workflow';
