import type {
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
	INodeParameterResourceLocator,
	ResourceMapperFields,
} from 'n8n-workflow';

import { requireBusinessAccountId } from '../../shared/phoneNumberSearch';
import { fetchTemplatePage, resolveTemplate, TEMPLATE_LOOKUP_PURPOSE, type TemplateLocator } from '../templates/fetch';
import { templateLanguageSchema } from '../templates/languages';
import type { TemplateDefinition } from '../templates/types';
import { parseTemplate, variablesToMapperFields } from '../templates/variables';

/** The editor's template pickers: the Template list and the Template Variables mapper. */

/** Only approved templates can be sent (Meta refuses the others). */
function sendable(template: TemplateDefinition): boolean {
	return String(template.status ?? 'APPROVED').toUpperCase() === 'APPROVED';
}

function templateLabel(template: TemplateDefinition): string {
	const parts = [template.language, template.status, template.category].filter(Boolean);
	return `${template.name} (${parts.join(' · ')})`;
}

/** The template's body text, as the list shows it under the name. */
function bodyText(template: TemplateDefinition): string | undefined {
	const body = template.components?.find((c) => String(c.type ?? '').toUpperCase() === 'BODY');
	return typeof body?.text === 'string' ? body.text : undefined;
}

/**
 * "From List" of the Template parameter: name + language + status (and the body text), one Graph
 * page at a time. In Send Template the approved templates come first; the others say they cannot be sent.
 */
export async function searchTemplates(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const needle = (filter ?? '').trim().toLowerCase();
	const forSending = this.getCurrentNodeParameter('operation') === 'sendTemplate';
	const page = await fetchTemplatePage.call(this, {
		wabaId: await requireBusinessAccountId.call(this, 'the templates cannot be listed'),
		fields: 'id,name,language,status,category,components',
		name: needle || undefined,
		after: paginationToken,
	});
	const matching = page.templates.filter((template) => !needle || template.name.toLowerCase().includes(needle));
	const ordered = forSending ? [...matching.filter(sendable), ...matching.filter((t) => !sendable(t))] : matching;
	const results: INodeListSearchItems[] = ordered
		.map((template) => {
			const text = bodyText(template);
			const warning = forSending && !sendable(template) ? `Not sendable until Meta approves it (${template.status}).` : '';
			const description = [warning, text].filter(Boolean).join(' ');
			return { name: templateLabel(template), value: String(template.id ?? ''), ...(description ? { description } : {}) };
		})
		.filter((entry) => entry.value !== '');
	return { results, paginationToken: page.after };
}

function currentLocator(this: ILoadOptionsFunctions): TemplateLocator | { problem: string } {
	const raw = this.getCurrentNodeParameter('template') as INodeParameterResourceLocator | string | undefined;
	const locator = typeof raw === 'object' && raw !== null ? raw : { mode: 'id', value: raw ?? '' };
	const value = typeof locator.value === 'string' ? locator.value.trim() : String(locator.value ?? '').trim();
	if (!value) return { problem: 'Choose a template above to see its variables' };
	if (value.startsWith('=')) {
		return {
			problem:
				'The template is set by an expression, so its variables cannot be shown here. Pick a template, or use "Components (JSON)".',
		};
	}
	const mode = locator.mode === 'name' ? 'name' : locator.mode === 'list' ? 'list' : 'id';
	return { mode, value };
}

/**
 * Resource mapper of "Template Variables": one field per value the chosen template needs
 * (header text / media / location, body variables, button URL suffix, payload, coupon code,
 * flow token and data), generated from the template's definition.
 */
export async function getTemplateVariables(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const locator = currentLocator.call(this);
	if ('problem' in locator) return { fields: [], emptyFieldsNotice: locator.problem };
	const languageParameter = this.getCurrentNodeParameter('templateLanguage');
	const language =
		typeof languageParameter === 'string' && !languageParameter.startsWith('=') ? languageParameter.trim() : '';
	const languageCheck = templateLanguageSchema.safeParse(language);
	if (language && !languageCheck.success) {
		return { fields: [], emptyFieldsNotice: `"Language": ${languageCheck.error.issues[0].message}` };
	}
	const definition = await resolveTemplate.call(this, locator, language || undefined, async () =>
		requireBusinessAccountId.call(this, TEMPLATE_LOOKUP_PURPOSE, ''),
	);
	const parsed = parseTemplate(definition);
	const fields = variablesToMapperFields(parsed);
	if (fields.length === 0) {
		return {
			fields,
			emptyFieldsNotice: parsed.unsupported.length
				? `This template has parts this form cannot fill (${parsed.unsupported.join(', ')}): use "Components (JSON)"`
				: `The template "${parsed.name}" (${parsed.language}) has no variables: nothing to fill in`,
		};
	}
	return { fields };
}
