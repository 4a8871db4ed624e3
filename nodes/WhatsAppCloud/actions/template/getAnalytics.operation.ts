import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { graphRequest } from '../../../shared/transport/graphRequest';
import {
	analyticsRow,
	MARKETING_ANALYTICS_METRICS,
	splitTemplateIds,
	TEMPLATE_ANALYTICS_MAX_TEMPLATES,
	templateAnalyticsInput,
	type TemplateAnalyticsPoint,
} from '../../templates/analytics';
import { defineInput, type InputDefinition } from '../../validation/validateInput';
import { businessAccountIdParameter, getBusinessAccountId } from '../businessAccount/wabaId';

export const description: INodeProperties[] = [
	businessAccountIdParameter(),
	{
		displayName: 'Template IDs',
		name: 'templateIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: '1924084211297547, 954638012257287',
		description: `Up to ${TEMPLATE_ANALYTICS_MAX_TEMPLATES} template IDs, separated by commas (Template → Get Many outputs them as "ID"), or an expression giving a list`,
	},
	{
		displayName: 'Start Date',
		name: 'startDate',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'First day of the range (days are counted in UTC)',
	},
	{
		displayName: 'End Date',
		name: 'endDate',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'End of the range, after the Start Date',
	},
	{
		displayName: 'Metrics',
		name: 'metrics',
		type: 'multiOptions',
		default: ['SENT', 'DELIVERED', 'READ', 'CLICKED'],
		options: [
			{ name: 'Clicked', value: 'CLICKED', description: 'Button clicks, in total and per button' },
			{ name: 'Delivered', value: 'DELIVERED' },
			{ name: 'Read', value: 'READ' },
			{ name: 'Sent', value: 'SENT' },
			...MARKETING_ANALYTICS_METRICS.map((value) => ({
				name: `${value.charAt(0)}${value.slice(1).toLowerCase().replace(/_/g, ' ')} (Marketing Messages API)`,
				value,
			})),
		],
		hint: 'Meta counts only after template analytics is turned on for the account (WhatsApp Manager → Insights)',
	},
	{
		displayName: 'Sent Via',
		name: 'productType',
		type: 'options',
		options: [
			{ name: 'Cloud API', value: 'CLOUD_API' },
			{ name: 'Marketing Messages API', value: 'MARKETING_MESSAGES_API_FOR_WHATSAPP', description: 'Sends through the Marketing Messages API for WhatsApp; the only ones with conversion metrics' },
		],
		default: 'CLOUD_API',
		description: "Which sends Meta counts (Meta's product_type)",
	},
];

const analyticsInput = defineInput('template.getAnalytics', templateAnalyticsInput, description);

/** Pages followed at most (Meta pages template analytics by cursor). */
const MAX_PAGES = 50;

export const inputs: InputDefinition[] = [analyticsInput];

/**
 * GET /{WABA-ID}/template_analytics?start&end&granularity=DAILY&metric_types&template_ids: one
 * output item per template and day, with the counts asked for (ready for a chart or a sheet).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const input = analyticsInput.parse(
		this.getNode(),
		{
			templateIds: splitTemplateIds(this.getNodeParameter('templateIds', itemIndex, '')),
			startDate: this.getNodeParameter('startDate', itemIndex, ''),
			endDate: this.getNodeParameter('endDate', itemIndex, ''),
			metrics: this.getNodeParameter('metrics', itemIndex, []),
			productType: this.getNodeParameter('productType', itemIndex, 'CLOUD_API'),
		},
		itemIndex,
	);
	const waba = await getBusinessAccountId.call(this, itemIndex, 'there is no account to read analytics from');
	const qs: IDataObject = {
		start: input.startDate,
		end: input.endDate,
		granularity: 'DAILY',
		metric_types: JSON.stringify(input.metrics),
		// Written by hand: 16-digit IDs must stay exact (no JSON numbers).
		template_ids: `[${input.templateIds.join(',')}]`,
	};
	// Left out for the Cloud API, Meta's default: requests stay as they were.
	if (input.productType !== 'CLOUD_API') qs.product_type = input.productType;
	const points: TemplateAnalyticsPoint[] = [];
	for (let page = 0; page < MAX_PAGES; page++) {
		const response = (await graphRequest.call(this, {
			method: 'GET',
			path: `${waba}/template_analytics`,
			qs,
			itemIndex,
		})) as {
			data?: Array<{ data_points?: TemplateAnalyticsPoint[] }>;
			paging?: { cursors?: { after?: string }; next?: string };
		};
		for (const entry of response.data ?? []) points.push(...(entry.data_points ?? []));
		const after = response.paging?.cursors?.after;
		if (!response.paging?.next || !after) break;
		qs.after = after;
	}
	points.sort(
		(a, b) => Number(a.start) - Number(b.start) || String(a.template_id).localeCompare(String(b.template_id)),
	);
	return points.map((point) => ({ json: analyticsRow(point, input.metrics) as IDataObject }));
}
