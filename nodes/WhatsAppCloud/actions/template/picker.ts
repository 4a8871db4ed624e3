import type { INodeParameterResourceLocator, INodeProperties } from 'n8n-workflow';

import type { TemplateLocator } from '../../templates/fetch';

/**
 * The template picker of Template → Get / Delete, like Send Template's: From List (the WABA's
 * templates), By Name and By ID. A value saved before the picker (a plain ID string)
 * still works: templateLocatorOf reads it as "By ID".
 */
export function templatePicker(description: string, required: boolean): INodeProperties {
	return {
		displayName: 'Template',
		name: 'templateId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a template…',
				typeOptions: { searchListMethod: 'searchTemplates', searchable: true },
			},
			{
				displayName: 'By Name',
				name: 'name',
				type: 'string',
				placeholder: 'e.g. order_update',
				hint: 'The exact template name from WhatsApp Manager: lowercase letters, digits and underscores. Also set Language if it exists in several languages.',
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 1192339204654487',
				validation: [
					{ type: 'regex', properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'A template ID has only digits' } },
				],
			},
		],
	};
}

/** The picked template as a locator; a plain string (saved before the picker) is an ID. */
export function templateLocatorOf(raw: unknown): TemplateLocator {
	if (raw && typeof raw === 'object') {
		const locator = raw as INodeParameterResourceLocator;
		const mode = locator.mode === 'name' ? 'name' : locator.mode === 'list' ? 'list' : 'id';
		return { mode, value: String(locator.value ?? '').trim() };
	}
	return { mode: 'id', value: String(raw ?? '').trim() };
}
