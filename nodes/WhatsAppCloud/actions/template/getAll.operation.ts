import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { returnAllParameters } from '../common';

import { LIMITS } from '../../helpers/limits';
import { validateInput } from '../../helpers/validate';
import { TEMPLATE_CATEGORIES, TEMPLATE_STATUSES, templateListInput } from '../../helpers/schemas/account';
import { fetchTemplatePage } from '../../methods/templates';

const show = { resource: ['template'], operation: ['getAll'] };

const titleCase = (value: string) =>
	value
		.toLowerCase()
		.split('_')
		.map((word) => word.charAt(0).toUpperCase() + word.slice(1))
		.join(' ');

export const description: INodeProperties[] = [
	...returnAllParameters(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		displayOptions: { show },
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
				description: 'Only templates in this language, e.g. en, en_US, pt_BR',
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

/**
 * The credential WABA's templates (GET /{WABA-ID}/message_templates), page by page with the
 * shared fetchTemplatePage. Status and name go to Meta as filters; name is then matched
 * exactly (Meta matches it loosely) and category / language are matched on each page.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const input = validateInput(
		this.getNode(),
		templateListInput,
		{
			returnAll,
			limit: returnAll ? 1 : this.getNodeParameter('limit', itemIndex, 50),
			status: filters.status ?? '',
			category: filters.category ?? '',
			language: typeof filters.language === 'string' ? filters.language.trim() : '',
			name: typeof filters.name === 'string' ? filters.name.trim() : '',
		},
		{
			limit: 'Limit',
			status: 'Status',
			category: 'Category',
			language: 'Language',
			name: 'Name',
			returnAll: 'Return All',
		},
		itemIndex,
	);

	const found: IDataObject[] = [];
	let after: string | undefined;
	do {
		const page = await fetchTemplatePage.call(this, {
			name: input.name || undefined,
			status: input.status || undefined,
			pageSize: LIMITS.pageSize,
			after,
			itemIndex,
		});
		for (const template of page.templates) {
			if (input.name && template.name !== input.name) continue;
			if (input.category && template.category !== input.category) continue;
			if (input.language && template.language !== input.language) continue;
			found.push(template as IDataObject);
		}
		after = page.after && page.after !== after ? page.after : undefined;
	} while (after && (input.returnAll || found.length < input.limit));

	return (input.returnAll ? found : found.slice(0, input.limit)).map((json) => ({ json }));
}
