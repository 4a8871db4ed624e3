/**
 * flows: a WhatsApp Flow's status changed (DRAFT → PUBLISHED, PUBLISHED → THROTTLED / BLOCKED …)
 * or its endpoint's health crossed an alert threshold (error rate, latency, availability).
 * One item per change.
 */
import type { IDataObject } from 'n8n-workflow';

import { asArray, finiteNumber, isObj, str, type Obj } from '../../shared/jsonValues';
import type { FieldItem, FieldMapper } from './fieldItems';

/**
 * Meta, "Flows Webhooks" (https://developers.facebook.com/documentation/business-messaging/whatsapp/flows/guides/flowswebhooks)
 * and "Flow Health and Monitoring" (…/whatsapp/flows/guides/healthmonitoring): `event`
 * (FLOW_STATUS_CHANGE, ENDPOINT_ERROR_RATE, ENDPOINT_LATENCY, ENDPOINT_AVAILABILITY,
 * CLIENT_ERROR_RATE), `flow_id`, `message`, `old_status` / `new_status`, and for alerts
 * `alert_state` (ACTIVATED, DEACTIVATED), `threshold`, `error_rate`, `errors[]` {error_type,
 * error_count, error_rate}, `p50_latency`, `p90_latency`, `requests_count`, `availability`.
 */
export function flowEvent(v: Obj): FieldItem[] {
	const event = str(v.event);
	const message = str(v.message);
	const fields: IDataObject = {
		flowId: str(v.flow_id),
		flowEvent: event,
		flowMessage: message,
		oldStatus: str(v.old_status),
		newStatus: str(v.new_status),
		alertState: str(v.alert_state),
		threshold: finiteNumber(v.threshold),
		errorRate: finiteNumber(v.error_rate),
		errors: asArray(v.errors)
			.filter(isObj)
			.map((e) => ({ errorType: str(e.error_type), errorCount: finiteNumber(e.error_count), errorRate: finiteNumber(e.error_rate) })),
		p50Latency: finiteNumber(v.p50_latency),
		p90Latency: finiteNumber(v.p90_latency),
		requestsCount: finiteNumber(v.requests_count),
		availability: finiteNumber(v.availability),
	};
	return [{ fields, type: event, text: message }];
}

export const flowEventMappers: Record<string, FieldMapper> = { flows: flowEvent };
