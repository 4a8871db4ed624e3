/**
 * What the simulator checks in a new AUTHENTICATION template, and the components it stores for it.
 * From Meta's "Authentication templates" page
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/authentication-templates/authentication-templates):
 * the body text is Meta's preset ("{{1}} is your verification code.", plus a security line when
 * `add_security_recommendation`), so a custom body text, a header, media, URLs or emoji are
 * refused; the footer only carries `code_expiration_minutes` (1-90); exactly one OTP button of
 * otp_type COPY_CODE, ONE_TAP or ZERO_TAP; one-tap and zero-tap name their Android apps in
 * `supported_apps` ({package_name, signature_hash}); zero-tap needs `zero_tap_terms_accepted: true`.
 * Meta's wording of these refusals is not published: the messages are the simulator's.
 */
import { GraphError } from './graphError';

const OTP_TYPES = ['COPY_CODE', 'ONE_TAP', 'ZERO_TAP'];
/** Meta: two or more dot-separated segments, each starting with a letter; letters, digits, underscores; ≤ 224 characters. */
export const PACKAGE_NAME = /^(?=.{1,224}$)[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+$/;
/** Meta: the app signing key hash, 11 characters of letters, digits, + and /. */
export const SIGNATURE_HASH = /^[A-Za-z0-9+/]{11}$/;
const MAX_APPS = 5;

type Json = Record<string, unknown>;

function refused(detail: string): GraphError {
	return new GraphError(400, {
		message: 'Invalid parameter',
		code: 100,
		error_user_title: 'Authentication template is not valid',
		error_user_msg: detail,
	});
}

function checkButton(button: Json): void {
	if (String(button.type ?? '').toUpperCase() !== 'OTP') throw refused('Authentication templates take one OTP button and no other buttons.');
	const otp = String(button.otp_type ?? '').toUpperCase();
	if (!OTP_TYPES.includes(otp)) throw refused(`otp_type must be one of ${OTP_TYPES.join(', ')}.`);
	const apps = button.supported_apps;
	if (otp === 'COPY_CODE') {
		if (apps !== undefined) throw refused('A copy code button takes no supported_apps.');
		return;
	}
	if (!Array.isArray(apps) || apps.length === 0 || apps.length > MAX_APPS) {
		throw refused(`One-tap and zero-tap buttons need supported_apps: 1 to ${MAX_APPS} Android apps.`);
	}
	for (const app of apps as Json[]) {
		if (!PACKAGE_NAME.test(String(app?.package_name ?? ''))) throw refused(`package_name "${String(app?.package_name ?? '')}" is not an Android package name.`);
		if (!SIGNATURE_HASH.test(String(app?.signature_hash ?? ''))) throw refused(`signature_hash of ${String(app.package_name)} must be 11 characters.`);
	}
	if (otp === 'ZERO_TAP' && button.zero_tap_terms_accepted !== true) {
		throw refused('Zero-tap buttons need zero_tap_terms_accepted: true (the zero-tap terms of service).');
	}
}

/** Refuses what Meta refuses; returns the components as Meta stores them (the preset body text filled in). */
export function authenticationComponents(components: Json[]): Json[] {
	let security = false;
	let expiration: number | undefined;
	let buttons: Json[] = [];
	for (const component of components) {
		const type = String(component.type ?? '').toUpperCase();
		if (type === 'BODY') {
			if (component.text !== undefined) throw refused('Authentication templates use preset text: the body takes no custom text.');
			security = component.add_security_recommendation === true;
		} else if (type === 'FOOTER') {
			const minutes = component.code_expiration_minutes;
			if (component.text !== undefined) throw refused('The footer of an authentication template takes only code_expiration_minutes.');
			if (minutes !== undefined && (!Number.isInteger(minutes) || (minutes as number) < 1 || (minutes as number) > 90)) {
				throw refused('code_expiration_minutes must be a whole number from 1 to 90.');
			}
			expiration = minutes as number | undefined;
		} else if (type === 'BUTTONS') {
			buttons = Array.isArray(component.buttons) ? (component.buttons as Json[]) : [];
		} else {
			throw refused(`Authentication templates have no ${type.toLowerCase() || 'unknown'} component: no header, media or URLs.`);
		}
	}
	if (buttons.length !== 1) throw refused('Authentication templates need exactly one OTP button.');
	checkButton(buttons[0]);
	const text = `*{{1}}* is your verification code.${security ? ' For your security, do not share this code.' : ''}`;
	const stored: Json[] = [{ type: 'BODY', text, add_security_recommendation: security }];
	if (expiration !== undefined) stored.push({ type: 'FOOTER', text: `This code expires in ${expiration} minutes.`, code_expiration_minutes: expiration });
	stored.push({ type: 'BUTTONS', buttons: [{ ...buttons[0], type: 'OTP', otp_type: String(buttons[0].otp_type).toUpperCase() }] });
	return stored;
}
