import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { fetchTemplatePage } from '../../templates/fetch';
import { templateLanguageSchema } from '../../templates/languages';
import { templateNameSchema } from '../../templates/names';
import { TEMPLATE_CATEGORIES, TEMPLATE_STATUSES } from '../../templates/types';
import { LIMITS } from '../../validation/limits';
import { pagingSchema } from '../../validation/schemas/account';
import { defineInput, type InputDefinition } from '../../validation/validateInput';
import { businessAccountIdParameter, getBusinessAccountId } from '../businessAccount/wabaId';
import { returnAllParameters } from '../parameters';

const titleCase = (value: string) =>
	value
		.toLowerCase()
		.split('_')
		.map((word) => word.charAt(0).toUpperCase() + word.slice(1))
		.join(' ');

export const description: INodeProperties[] = [
	businessAccountIdParameter(),
	...returnAllParameters(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		options: [
			{
				displayName: 'Category',
				name: 'category',
				type: 'options',
				default: 'UTILITY',
				options: TEMPLATE_CATEGORIES.map((value) => ({ name: titleCase(value), value })),
			},
			{
				displayName: 'Language',
				name: 'language',
				type: 'string',
				default: '',
				placeholder: 'en_US',
				description: "Only templates in this language, a code from Meta's list such as en, en_US, pt_BR",
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'order_update',
				description: 'Only the template with exactly this name (all its languages)',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'APPROVED',
				options: TEMPLATE_STATUSES.map((value) => ({ name: titleCase(value), value })),
			},
		],
	},
];

/** A filter left empty is no filter. */
const optional = <T extends z.ZodTypeAny>(schema: T) =>
	z.preprocess(
		(value) => (value === undefined || value === null || String(value).trim() === '' ? undefined : value),
		schema.optional(),
	);

const getAllInput = defineInput(
	'template.getAll',
	pagingSchema.extend({
		filters: z.object({
			status: optional(z.enum(TEMPLATE_STATUSES)),
			category: optional(z.enum(TEMPLATE_CATEGORIES)),
			language: optional(templateLanguageSchema),
			name: optional(templateNameSchema),
		}),
	}),
	description,
);

export const inputs: InputDefinition[] = [getAllInput];

/**
 * The WABA's templates (GET /{WABA-ID}/message_templates), page by page. Status and name go to
 * Meta as filters; name is then matched exactly (Meta matches it loosely) and category /
 * language are matched on each page.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const { filters, ...paging } = getAllInput.parse(
		this.getNode(),
		{
			returnAll,
			limit: returnAll ? 1 : this.getNodeParameter('limit', itemIndex, 50),
			filters: this.getNodeParameter('filters', itemIndex, {}),
		},
		itemIndex,
	);
	const wabaId = await getBusinessAccountId.call(this, itemIndex, 'the templates cannot be listed');

	const found: IDataObject[] = [];
	let after: string | undefined;
	do {
		const page = await fetchTemplatePage.call(this, {
			wabaId,
			name: filters.name,
			status: filters.status,
			pageSize: LIMITS.pageSize,
			after,
			itemIndex,
		});
		for (const template of page.templates) {
			if (filters.name && template.name !== filters.name) continue;
			if (filters.category && template.category !== filters.category) continue;
			if (filters.language && template.language !== filters.language) continue;
			found.push(template as IDataObject);
		}
		after = page.after && page.after !== after ? page.after : undefined;
	} while (after && (paging.returnAll || found.length < paging.limit));

	return (paging.returnAll ? found : found.slice(0, paging.limit)).map((json) => ({ json }));
}
