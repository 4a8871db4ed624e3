/**
 * Authentication (one-time code) templates as Meta defines them ("Authentication templates",
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/authentication-templates/authentication-templates):
 * the body is Meta's preset text ("{{1}} is your verification code."), optionally with a
 * security recommendation; the footer only says when the code expires (1-90 minutes); one OTP
 * button copies the code (COPY_CODE) or hands it to Android apps (ONE_TAP: the user taps;
 * ZERO_TAP: no tap, needs Meta's zero-tap terms accepted), each app named by package name and
 * app signing key hash. No custom text, header, media, URLs or emoji. Pure data, no n8n context.
 */
import type { TemplateButton, TemplateComponent } from './types';

export const OTP_TYPES = ['COPY_CODE', 'ONE_TAP', 'ZERO_TAP'] as const;
export type OtpType = (typeof OTP_TYPES)[number];

export const AUTHENTICATION_LIMITS = {
	minExpirationMinutes: 1,
	maxExpirationMinutes: 90,
	maxApps: 5,
	buttonText: 25,
	packageName: 224,
} as const;

/** Two or more dot-separated segments, each starting with a letter; letters, digits and underscores. */
export const PACKAGE_NAME = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+$/;
/** The app signing key hash Android's SMS Retriever uses: 11 characters of letters, digits, + and /. */
export const SIGNATURE_HASH = /^[A-Za-z0-9+/]{11}$/;

export interface AndroidApp {
	packageName: string;
	signatureHash: string;
}

export interface AuthenticationContent {
	otpType: OtpType;
	/** The copy-code button's label; empty: Meta's default in the template's language. */
	buttonText: string;
	/** One-tap: the autofill button's label; empty: Meta's default. */
	autofillText: string;
	apps: AndroidApp[];
	zeroTapTermsAccepted: boolean;
	addSecurityRecommendation: boolean;
	/** 0: no expiration line. */
	codeExpirationMinutes: number;
}

/** A problem with the field (parameter name, app entry and key) it comes from. */
export interface AuthenticationProblem {
	path: Array<string | number>;
	message: string;
}

/** Meta's rules for the fields; each problem names the field it is about. */
export function authenticationProblems(input: AuthenticationContent): AuthenticationProblem[] {
	const problems: AuthenticationProblem[] = [];
	const add = (path: Array<string | number>, message: string) => problems.push({ path, message });
	const { minExpirationMinutes: min, maxExpirationMinutes: max } = AUTHENTICATION_LIMITS;
	const minutes = input.codeExpirationMinutes;
	if (minutes !== 0 && (!Number.isInteger(minutes) || minutes < min || minutes > max)) {
		add(['codeExpirationMinutes'], `must be a whole number of minutes from ${min} to ${max} (0: no expiration line)`);
	}
	for (const [key, text] of [
		['buttonText', input.buttonText],
		['autofillText', input.autofillText],
	] as const) {
		if (text.length > AUTHENTICATION_LIMITS.buttonText) {
			add([key], `is too long: ${text.length} characters; WhatsApp allows at most ${AUTHENTICATION_LIMITS.buttonText}`);
		}
	}
	if (input.otpType === 'COPY_CODE') {
		if (input.apps.length)
			add(['androidApps'], 'must be empty for a Copy Code button: only One-Tap and Zero-Tap hand the code to apps');
		return problems;
	}
	if (input.apps.length === 0)
		add(['androidApps'], 'needs at least one app: One-Tap and Zero-Tap hand the code to an Android app');
	if (input.apps.length > AUTHENTICATION_LIMITS.maxApps) {
		add(
			['androidApps'],
			`has too many entries: ${input.apps.length}; WhatsApp allows at most ${AUTHENTICATION_LIMITS.maxApps}`,
		);
	}
	const seen = new Set<string>();
	input.apps.forEach((app, index) => {
		const name = app.packageName.trim();
		if (!PACKAGE_NAME.test(name) || name.length > AUTHENTICATION_LIMITS.packageName) {
			add(
				['androidApps', index, 'packageName'],
				`"${name}" is not an Android package name (like com.example.app: two or more parts, each starting with a letter)`,
			);
		} else if (seen.has(name)) {
			add(['androidApps', index, 'packageName'], `"${name}" is listed twice`);
		}
		seen.add(name);
		if (!SIGNATURE_HASH.test(app.signatureHash.trim())) {
			add(
				['androidApps', index, 'signatureHash'],
				'must be the 11-character app signing key hash (letters, digits, + and /)',
			);
		}
	});
	if (input.otpType === 'ZERO_TAP' && !input.zeroTapTermsAccepted) {
		add(['zeroTapTermsAccepted'], 'must be on: Meta sends zero-tap codes only once you accept its zero-tap terms');
	}
	return problems;
}

/** The components Template → Create sends for the fields (checked first with authenticationProblems). */
export function authenticationComponents(input: AuthenticationContent): TemplateComponent[] {
	const components: TemplateComponent[] = [
		{ type: 'BODY', add_security_recommendation: input.addSecurityRecommendation },
	];
	if (input.codeExpirationMinutes)
		components.push({ type: 'FOOTER', code_expiration_minutes: input.codeExpirationMinutes });
	const button: TemplateButton = { type: 'OTP', otp_type: input.otpType };
	if (input.buttonText) button.text = input.buttonText;
	if (input.otpType !== 'COPY_CODE') {
		if (input.autofillText) button.autofill_text = input.autofillText;
		button.supported_apps = input.apps.map((app) => ({
			package_name: app.packageName.trim(),
			signature_hash: app.signatureHash.trim(),
		}));
		if (input.otpType === 'ZERO_TAP') button.zero_tap_terms_accepted = true;
	}
	components.push({ type: 'BUTTONS', buttons: [button] });
	return components;
}

/**
 * What Meta refuses in the components of an AUTHENTICATION template given as JSON: custom body
 * text, headers, footer text and any button but one OTP button. `where` is how the part is named.
 */
export function authenticationJsonProblems(components: TemplateComponent[]): Array<{ where: string; message: string }> {
	const problems: Array<{ where: string; message: string }> = [];
	let otpButtons = 0;
	for (const component of components) {
		const type = String(component?.type ?? '').toUpperCase();
		if (type === 'BODY' && typeof component.text === 'string' && component.text.trim()) {
			problems.push({ where: 'Body', message: "must have no text: authentication templates use Meta's preset text" });
		} else if (type === 'HEADER') {
			problems.push({
				where: 'Header',
				message: 'is not allowed in authentication templates (no header, media or URLs)',
			});
		} else if (type === 'FOOTER') {
			if (typeof component.text === 'string' && component.text.trim()) {
				problems.push({ where: 'Footer', message: 'takes only code_expiration_minutes in authentication templates' });
			}
			const minutes = component.code_expiration_minutes;
			const { minExpirationMinutes: min, maxExpirationMinutes: max } = AUTHENTICATION_LIMITS;
			if (
				minutes !== undefined &&
				(!Number.isInteger(minutes) || (minutes as number) < min || (minutes as number) > max)
			) {
				problems.push({
					where: 'Footer',
					message: `code_expiration_minutes must be a whole number from ${min} to ${max}`,
				});
			}
		} else if (type === 'BUTTONS') {
			for (const button of component.buttons ?? []) {
				if (String(button?.type ?? '').toUpperCase() === 'OTP') otpButtons += 1;
				else
					problems.push({
						where: 'Buttons',
						message: `authentication templates take only an OTP button, not ${String(button?.type ?? 'unknown')}`,
					});
			}
		}
	}
	if (otpButtons !== 1)
		problems.push({
			where: 'Buttons',
			message: `need exactly one OTP button (Copy Code, One-Tap or Zero-Tap); found ${otpButtons}`,
		});
	return problems;
}
