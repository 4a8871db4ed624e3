/**
 * Flow metrics, read with GET /{Flow-ID}?fields=metric.name(N).granularity(G).since(D).until(D)
 * (Meta, "Flows API" → "Metrics API": https://developers.facebook.com/docs/whatsapp/flows/reference/metrics_api):
 * the endpoint's request count, errors, error rate, latencies and availability, one data point per
 * day (DAY) or one for the whole range (LIFETIME). The simulator's numbers are made up but stable:
 * the same flow and day always give the same values.
 */
import { createHash } from 'node:crypto';

import { invalidParameter } from './graphError';

export const METRIC_NAMES = [
	'ENDPOINT_REQUEST_COUNT',
	'ENDPOINT_REQUEST_ERROR',
	'ENDPOINT_REQUEST_ERROR_RATE',
	'ENDPOINT_REQUEST_LATENCY_SECONDS_CEIL',
	'ENDPOINT_AVAILABILITY',
];
const GRANULARITIES = ['DAY', 'LIFETIME'];
const DAY_MS = 86_400_000;

/** The `metric.…` field's arguments: {name, granularity, since, until}. */
export function parseMetricField(field: string): Record<string, string> {
	const args: Record<string, string> = {};
	for (const match of field.slice('metric'.length).matchAll(/\.([a-z_]+)\(([^)]*)\)/g)) args[match[1]] = match[2].trim();
	return args;
}

function stable(flowId: string, day: string, salt: string, modulo: number): number {
	return createHash('sha256').update(`${flowId}:${day}:${salt}`).digest().readUInt32BE(0) % modulo;
}

function pointData(name: string, flowId: string, day: string): Array<{ key: string; value: number }> {
	const count = 20 + stable(flowId, day, 'count', 400);
	switch (name) {
		case 'ENDPOINT_REQUEST_ERROR':
			return [{ key: 'timeout_error', value: stable(flowId, day, 'timeout', 10) }];
		case 'ENDPOINT_REQUEST_ERROR_RATE':
			return [{ key: 'value', value: stable(flowId, day, 'rate', 100) / 1000 }];
		case 'ENDPOINT_REQUEST_LATENCY_SECONDS_CEIL':
			return [{ key: '1', value: count }];
		case 'ENDPOINT_AVAILABILITY':
			return [
				{ key: 'succeeded', value: count },
				{ key: 'failed', value: stable(flowId, day, 'failed', 5) },
			];
		default:
			return [{ key: 'value', value: count }];
	}
}

function day(text: string | undefined, argument: string): number {
	const ms = text && /^\d{4}-\d{2}-\d{2}$/.test(text) ? Date.parse(`${text}T00:00:00Z`) : NaN;
	if (Number.isNaN(ms)) throw invalidParameter(`metric ${argument} must be a date YYYY-MM-DD`);
	return ms;
}

/** The `metric` object Meta answers for the field's arguments. */
export function metricOf(flowId: string, args: Record<string, string>): Record<string, unknown> {
	if (!METRIC_NAMES.includes(args.name)) throw invalidParameter(`metric name must be one of ${METRIC_NAMES.join(', ')}`);
	const granularity = args.granularity ?? 'DAY';
	if (!GRANULARITIES.includes(granularity)) throw invalidParameter(`metric granularity must be one of ${GRANULARITIES.join(', ')}`);
	const since = day(args.since, 'since');
	const until = day(args.until, 'until');
	if (until < since) throw invalidParameter('metric until is before since');
	if ((until - since) / DAY_MS > 90) throw invalidParameter('metric range is longer than 90 days');
	const days: string[] = [];
	for (let t = since; t <= until; t += DAY_MS) days.push(new Date(t).toISOString().slice(0, 10));
	const stamp = (d: string) => `${d}T08:00:00+0000`;
	const data_points =
		granularity === 'LIFETIME'
			? [{ timestamp: stamp(days[0]), data: pointData(args.name, flowId, days.join()) }]
			: days.map((d) => ({ timestamp: stamp(d), data: pointData(args.name, flowId, d) }));
	return { name: args.name, granularity, data_points };
}
