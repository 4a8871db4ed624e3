import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { graphRequest } from '../../../shared/transport/graphRequest';
import { graphIdSchema } from '../../validation/schemas/account';
import { defineInput, type InputDefinition } from '../../validation/validateInput';
import { flowIdParameter, readFlowId } from './flowFields';

/** Meta, "Flows API" → metrics (https://developers.facebook.com/docs/whatsapp/flows/reference/metrics_api). */
const METRICS = [
	['Endpoint Availability', 'ENDPOINT_AVAILABILITY'],
	['Endpoint Request Count', 'ENDPOINT_REQUEST_COUNT'],
	['Endpoint Request Error Rate', 'ENDPOINT_REQUEST_ERROR_RATE'],
	['Endpoint Request Errors', 'ENDPOINT_REQUEST_ERROR'],
	['Endpoint Request Latencies (Seconds)', 'ENDPOINT_REQUEST_LATENCY_SECONDS_CEIL'],
] as const;

export const description: INodeProperties[] = [
	flowIdParameter(),
	{
		displayName: 'Metric',
		name: 'metric',
		type: 'options',
		default: 'ENDPOINT_REQUEST_COUNT',
		options: METRICS.map(([name, value]) => ({ name, value })),
		description: "What to measure about the Flow's data endpoint",
	},
	{
		displayName: 'Granularity',
		name: 'granularity',
		type: 'options',
		default: 'DAY',
		options: [
			{ name: 'Day', value: 'DAY', description: 'One item per day' },
			{ name: 'Lifetime', value: 'LIFETIME', description: 'One item for the whole range' },
		],
	},
	{ displayName: 'Since', name: 'since', type: 'dateTime', default: '', required: true, description: 'First day of the range' },
	{ displayName: 'Until', name: 'until', type: 'dateTime', default: '', required: true, description: 'Last day of the range (at most 90 days after Since)' },
];

const day = z.preprocess(
	(value) => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value.trim()) ? value.trim().slice(0, 10) : value),
	z.string({ message: 'is empty; pick a date' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2026-01-31'),
);

const input = defineInput(
	'flow.getMetrics',
	z
		.object({
			flowId: graphIdSchema,
			metric: z.enum(METRICS.map(([, v]) => v) as [string, ...string[]]),
			granularity: z.enum(['DAY', 'LIFETIME']),
			since: day,
			until: day,
		})
		.refine((v) => v.until >= v.since, { message: 'is before "Since"', path: ['until'] }),
	description,
);

export const inputs: InputDefinition[] = [input];

interface Metric {
	name?: string;
	granularity?: string;
	data_points?: Array<{ timestamp?: string; data?: Array<{ key?: string; value?: number }> }>;
}

/** GET /{Flow-ID}?fields=metric.name(…).granularity(…).since(…).until(…): one item per data point, its values by key. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const value = input.parse(
		this.getNode(),
		{
			flowId: readFlowId.call(this, itemIndex),
			metric: this.getNodeParameter('metric', itemIndex, ''),
			granularity: this.getNodeParameter('granularity', itemIndex, 'DAY'),
			since: this.getNodeParameter('since', itemIndex, ''),
			until: this.getNodeParameter('until', itemIndex, ''),
		},
		itemIndex,
	);
	const response = (await graphRequest.call(this, {
		method: 'GET',
		path: value.flowId,
		qs: { fields: `id,metric.name(${value.metric}).granularity(${value.granularity}).since(${value.since}).until(${value.until})` },
		itemIndex,
	})) as IDataObject & { metric?: Metric };
	const metric = response.metric ?? {};
	return (metric.data_points ?? []).map((point) => {
		const values: IDataObject = {};
		for (const entry of point.data ?? []) if (entry.key !== undefined) values[entry.key] = entry.value ?? null;
		return {
			json: {
				flowId: value.flowId,
				metric: metric.name ?? value.metric,
				granularity: metric.granularity ?? value.granularity,
				timestamp: point.timestamp ?? null,
				values,
				...(Object.keys(values).length === 1 && 'value' in values ? { value: values.value } : {}),
			},
		};
	});
}
