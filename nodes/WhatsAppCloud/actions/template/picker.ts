import type { IExecuteFunctions, INodeParameterResourceLocator, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { TemplateLocator } from '../../templates/fetch';
import { templateLanguageSchema } from '../../templates/languages';
import { templateNameSchema } from '../../templates/names';
import { graphIdSchema } from '../../validation/schemas/account';
import { defineInput, type CheckedReader } from '../../validation/validateInput';

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

/** The Language beside a template picker: which language version of the template, `description` says what for. */
export function templateLanguageParameter(description: string): INodeProperties {
	return {
		displayName: 'Language',
		name: 'templateLanguage',
		type: 'string',
		default: '',
		placeholder: 'e.g. en_US',
		description,
		hint: 'Needed when the template is chosen by name and exists in several languages',
	};
}

const pickedLanguage = z.preprocess(
	(value) => String(value ?? '').trim(),
	z.union([z.literal(''), templateLanguageSchema]),
);

/**
 * The checks of a picked template (parameter `templateId`) and its Language: an ID when picked
 * from the list or by ID, a template name by name. Returns the reader of an item's pick.
 */
export function pickedTemplateInput(
	names: { byId: string; byName: string },
	labels: INodeProperties[],
): CheckedReader<{ mode: TemplateLocator['mode']; templateId: string; templateLanguage: string }> {
	const byId = defineInput(names.byId, z.object({ templateId: graphIdSchema, templateLanguage: pickedLanguage }), labels);
	const byName = defineInput(
		names.byName,
		z.object({ templateId: templateNameSchema, templateLanguage: pickedLanguage }),
		labels,
	);
	function readPickedTemplate(this: IExecuteFunctions, itemIndex: number) {
		const locator = templateLocatorOf(this.getNodeParameter('templateId', itemIndex, ''));
		const raw = { templateId: locator.value, templateLanguage: this.getNodeParameter('templateLanguage', itemIndex, '') };
		const input = (locator.mode === 'name' ? byName : byId).parse(this.getNode(), raw, itemIndex);
		return { mode: locator.mode, templateId: input.templateId, templateLanguage: input.templateLanguage };
	}
	return Object.assign(readPickedTemplate, { inputs: [byId, byName] });
}
