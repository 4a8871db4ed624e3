/**
 * Meta's template library in small: POST /{WABA-ID}/message_templates with `library_template_name`
 * creates a template from a pre-approved library template, APPROVED at once (Meta, "Template
 * library": https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/template-library).
 * The content comes from the library; the request only adds `library_template_button_inputs`
 * (URL buttons: `url: {base_url, url_suffix_example}`; phone buttons: `phone_number`; OTP buttons:
 * `otp_type`, `supported_apps`, `zero_tap_terms_accepted`) and `library_template_body_inputs`
 * (`add_contact_number`, `add_learn_more_link`, `add_security_recommendation`,
 * `add_track_package_link`, `code_expiration_minutes`). The three entries below are the
 * simulator's own samples in the library's shape, not a copy of Meta's catalogue.
 */
import { invalidParameter } from './graphError';
import { authenticationComponents } from './templateAuth';

type Json = Record<string, unknown>;

interface LibraryEntry {
	category: 'UTILITY' | 'AUTHENTICATION';
	body: string;
	/** The button types the template has, in order; each needs its input. */
	buttons: Array<'URL' | 'PHONE_NUMBER' | 'OTP'>;
}

export const TEMPLATE_LIBRARY: Record<string, LibraryEntry> = {
	delivery_update_1: { category: 'UTILITY', body: 'Good news: order {{1}} is on its way.', buttons: ['URL'] },
	payment_reminder_1: { category: 'UTILITY', body: 'Hi {{1}}, a payment of {{2}} is due on {{3}}.', buttons: ['PHONE_NUMBER'] },
	verification_code_1: { category: 'AUTHENTICATION', body: '', buttons: ['OTP'] },
};

function button(kind: LibraryEntry['buttons'][number], input: Json | undefined, index: number): Json {
	const at = `library_template_button_inputs[${index}]`;
	if (!input || String(input.type ?? '').toUpperCase() !== kind) throw invalidParameter(`${at} must be a ${kind} button input`);
	if (kind === 'URL') {
		const url = (input.url ?? {}) as Json;
		if (typeof url.base_url !== 'string' || !/^https:\/\/\S+$/.test(url.base_url)) throw invalidParameter(`${at}.url.base_url must be an https URL`);
		const button: Json = { type: 'URL', text: 'Track order', url: url.base_url };
		if (url.base_url.includes('{{1}}')) {
			if (typeof url.url_suffix_example !== 'string' || !url.url_suffix_example) throw invalidParameter(`${at}.url.url_suffix_example is required when base_url has {{1}}`);
			button.example = [url.url_suffix_example];
		}
		return button;
	}
	if (kind === 'PHONE_NUMBER') {
		if (typeof input.phone_number !== 'string' || !/^\+?[0-9]{6,15}$/.test(input.phone_number)) throw invalidParameter(`${at}.phone_number must be a phone number`);
		return { type: 'PHONE_NUMBER', text: 'Call us', phone_number: input.phone_number };
	}
	const { type: _type, ...otp } = input;
	return { type: 'OTP', ...otp };
}

/** The template a library request creates (name, language, category checked by the caller). */
export function libraryComponents(body: Json): Json[] {
	const name = String(body.library_template_name ?? '');
	const entry = TEMPLATE_LIBRARY[name];
	if (!entry) throw invalidParameter(`library_template_name ${name} is not in the template library`);
	if (String(body.category ?? '').toUpperCase() !== entry.category) {
		throw invalidParameter(`category must be ${entry.category} for library template ${name}`);
	}
	const inputs = Array.isArray(body.library_template_button_inputs) ? (body.library_template_button_inputs as Json[]) : [];
	if (inputs.length !== entry.buttons.length) {
		throw invalidParameter(`library template ${name} takes ${entry.buttons.length} library_template_button_inputs, got ${inputs.length}`);
	}
	const buttons = entry.buttons.map((kind, index) => button(kind, inputs[index], index));
	const bodyInputs = (body.library_template_body_inputs ?? {}) as Json;
	if (entry.category === 'AUTHENTICATION') {
		const components: Json[] = [{ type: 'BODY', add_security_recommendation: bodyInputs.add_security_recommendation === true }];
		if (bodyInputs.code_expiration_minutes !== undefined) components.push({ type: 'FOOTER', code_expiration_minutes: bodyInputs.code_expiration_minutes });
		components.push({ type: 'BUTTONS', buttons });
		return authenticationComponents(components);
	}
	return [
		{ type: 'BODY', text: entry.body },
		{ type: 'BUTTONS', buttons },
	];
}
