/**
 * Templates beyond the list: GET /{TEMPLATE_ID} (one template, with `fields`), and the checks
 * Meta makes when a template message is sent, which the contract cannot express:
 *   - the template exists in that language and can be sent (132001; paused 132015; disabled 132016)
 *   - header / body / button parameter counts match the template (132000)
 *   - named templates get every {{name}} by parameter_name (132000)
 *   - an authentication template carries its one-time code as the body parameter AND as the
 *     text parameter of its OTP button (`sub_type: url`): Meta, "Authentication templates" →
 *     sending (https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/authentication-templates/authentication-templates);
 *     the simulator answers 131009 when they differ or the button is not a URL one
 *   - an archived template cannot be sent ("Template archival"; the simulator answers 132001)
 */
import { SCOPE_MANAGEMENT } from '../fixtures';
import { GraphError, whatsappError } from '../graphError';
import type { Route } from '../router';
import type { SimState, SimTemplate } from '../state';
import { TEMPLATE_FIELDS } from '../state';
import { project } from './graphQuery';

export const getTemplate: Route = {
	method: 'GET',
	path: '/{TEMPLATE_ID}',
	scope: SCOPE_MANAGEMENT,
	handle(ctx) {
		const template = ctx.state.templates.find((t) => t.id === ctx.params.TEMPLATE_ID)!;
		return { body: project(template, ctx, TEMPLATE_FIELDS, TEMPLATE_FIELDS, 'WhatsAppMessageTemplate') };
	},
};

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

function placeholders(text: unknown): string[] {
	const names = new Set<string>();
	for (const match of String(text ?? '').matchAll(PLACEHOLDER)) names.add(match[1]);
	return [...names];
}

type Component = { type?: string; sub_type?: string; index?: string | number; parameters?: Array<Record<string, unknown>> };

function mismatch(where: string, sent: number, expected: number): GraphError {
	return whatsappError(
		132000,
		'Number of parameters does not match the expected number of params',
		`${where}: number of localizable_params (${sent}) does not match the expected number of params (${expected})`,
	);
}

/** What the template expects, by part: header, body, and each button that takes a parameter. */
function expectations(template: SimTemplate): { header: number; body: string[]; buttons: Map<number, number>; named: boolean } {
	let header = 0;
	let body: string[] = [];
	const buttons = new Map<number, number>();
	for (const component of template.components) {
		const type = String(component.type ?? '').toUpperCase();
		if (type === 'HEADER') {
			const format = String(component.format ?? 'TEXT').toUpperCase();
			header = format === 'TEXT' ? placeholders(component.text).length : 1;
		} else if (type === 'BODY') {
			body = placeholders(component.text);
		} else if (type === 'BUTTONS') {
			const list = (component.buttons as Array<Record<string, unknown>> | undefined) ?? [];
			list.forEach((button, index) => {
				const buttonType = String(button.type ?? '').toUpperCase();
				if ((buttonType === 'URL' && placeholders(button.url).length > 0) || buttonType === 'COPY_CODE' || buttonType === 'OTP') {
					buttons.set(index, 1);
				}
			});
		}
	}
	return { header, body, buttons, named: template.parameter_format === 'NAMED' };
}

/**
 * The Graph error Meta answers for this `template` object, or undefined when it would be sent.
 * Called by the messages handler for `type: "template"` after the contract check.
 */
export function checkTemplateMessage(state: SimState, template: unknown): GraphError | undefined {
	const t = (template ?? {}) as { name?: string; language?: { code?: string }; components?: Component[] };
	const name = String(t.name ?? '');
	const language = String(t.language?.code ?? '');
	const found = state.templates.find((x) => x.name === name && x.language === language);
	if (!found || found.status === 'PENDING' || found.status === 'REJECTED' || String(found.status) === 'ARCHIVED') {
		return whatsappError(132001, 'Template name does not exist in the translation', `template name (${name}) does not exist in ${language}`);
	}
	if (found.status === 'PAUSED') return whatsappError(132015, 'Template is Paused', `template ${name} is paused due to low quality`);
	if (found.status === 'DISABLED') return whatsappError(132016, 'Template is Disabled', `template ${name} has been disabled`);

	const expected = expectations(found);
	const components = Array.isArray(t.components) ? t.components : [];
	const count = (type: string) =>
		components.filter((c) => c.type === type).reduce((sum, c) => sum + (Array.isArray(c.parameters) ? c.parameters.length : 0), 0);

	if (count('header') !== expected.header) return mismatch('header', count('header'), expected.header);
	if (count('body') !== expected.body.length) return mismatch('body', count('body'), expected.body.length);
	if (expected.named) {
		const sentNames = components
			.filter((c) => c.type === 'body')
			.flatMap((c) => c.parameters ?? [])
			.map((p) => p.parameter_name);
		const missing = expected.body.filter((n) => !sentNames.includes(n));
		if (missing.length) {
			return whatsappError(132000, 'Number of parameters does not match the expected number of params', `body: parameter_name (${missing.join(', ')}) missing`);
		}
	}
	for (const [index, params] of expected.buttons) {
		const sent = components.filter((c) => c.type === 'button' && String(c.index) === String(index));
		const total = sent.reduce((sum, c) => sum + (c.parameters?.length ?? 0), 0);
		if (total !== params) return mismatch(`button at index ${index}`, total, params);
	}
	if (found.category === 'AUTHENTICATION') return checkOneTimeCode(components);
	return undefined;
}

/** The code in the body and in the OTP button must be one and the same (and never echoed back). */
function checkOneTimeCode(components: Component[]): GraphError | undefined {
	const text = (c: Component | undefined) => c?.parameters?.[0]?.text;
	const body = text(components.find((c) => c.type === 'body'));
	const button = components.find((c) => c.type === 'button');
	if (String(button?.sub_type ?? '').toLowerCase() !== 'url') {
		return whatsappError(131009, 'Parameter value is not valid', 'the OTP button of an authentication template is sent with sub_type url');
	}
	if (typeof body !== 'string' || body === '' || text(button) !== body) {
		return whatsappError(131009, 'Parameter value is not valid', 'the OTP button parameter must be the one-time code of the body');
	}
	return undefined;
}
