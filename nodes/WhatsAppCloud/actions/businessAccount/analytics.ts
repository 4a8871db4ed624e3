import type { IDataObject } from 'n8n-workflow';

/**
 * Meta's analytics fields of a WhatsApp Business Account, written once: the field for each
 * Analytics Type, its granularity names, the dimension names of "Split By", and how a data point
 * becomes an output item.
 */

type AnalyticsType = 'pricing' | 'conversation' | 'messages';
export type Granularity = 'halfHour' | 'day' | 'month';
type SplitBy = 'phone' | 'country' | 'category' | 'type' | 'direction';

const ANALYTICS_FIELD: Record<AnalyticsType, string> = {
	pricing: 'pricing_analytics',
	conversation: 'conversation_analytics',
	messages: 'analytics',
};

const GRANULARITY: Record<AnalyticsType, Record<Granularity, string>> = {
	pricing: { halfHour: 'HALF_HOUR', day: 'DAILY', month: 'MONTHLY' },
	conversation: { halfHour: 'HALF_HOUR', day: 'DAILY', month: 'MONTHLY' },
	messages: { halfHour: 'HALF_HOUR', day: 'DAY', month: 'MONTH' },
};

/** Meta's dimension for each "Split By" choice; a choice missing here does not apply to the type. */
export const DIMENSION: Record<'pricing' | 'conversation', Partial<Record<SplitBy, string>>> = {
	pricing: { phone: 'PHONE', country: 'COUNTRY', category: 'PRICING_CATEGORY', type: 'PRICING_TYPE' },
	conversation: {
		phone: 'PHONE',
		country: 'COUNTRY',
		category: 'CONVERSATION_CATEGORY',
		type: 'CONVERSATION_TYPE',
		direction: 'CONVERSATION_DIRECTION',
	},
};

export interface AnalyticsRequest {
	analyticsType: AnalyticsType;
	start: number;
	end: number;
	granularity: Granularity;
	splitBy: SplitBy[];
	phoneNumbers: string[];
	countryCodes: string[];
}

/** The `fields` value, e.g. pricing_analytics.start(1).end(2).granularity(DAILY).dimensions(["PHONE"]). */
export function analyticsFields(request: AnalyticsRequest): string {
	const type = request.analyticsType;
	let field = `${ANALYTICS_FIELD[type]}.start(${request.start}).end(${request.end}).granularity(${GRANULARITY[type][request.granularity]})`;
	if (request.phoneNumbers.length) field += `.phone_numbers(${JSON.stringify(request.phoneNumbers)})`;
	if (request.countryCodes.length) field += `.country_codes(${JSON.stringify(request.countryCodes)})`;
	if (type !== 'messages' && request.splitBy.length) {
		const dimensions = request.splitBy.map((choice) => DIMENSION[type][choice]);
		field += `.dimensions(${JSON.stringify(dimensions)})`;
	}
	return field;
}

const iso = (seconds: unknown): string | null =>
	typeof seconds === 'number' && Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString() : null;
const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const amount = (value: unknown): number | null =>
	typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : null;

export interface AnalyticsAnswer {
	analytics?: { data_points?: IDataObject[] };
	conversation_analytics?: { data?: Array<{ data_points?: IDataObject[] }> };
	pricing_analytics?: { data?: Array<{ data_points?: IDataObject[] }> };
}

/** One item per data point, the same columns for every point of a type (null where not split). */
export function analyticsItems(request: AnalyticsRequest, wabaId: string, answer: AnalyticsAnswer): IDataObject[] {
	const type = request.analyticsType;
	const common = (point: IDataObject): IDataObject => ({
		businessAccountId: wabaId,
		analyticsType: type,
		granularity: request.granularity,
		start: iso(point.start),
		end: iso(point.end),
	});
	if (type === 'messages') {
		return (answer.analytics?.data_points ?? []).map((point) => ({
			...common(point),
			sent: amount(point.sent),
			delivered: amount(point.delivered),
		}));
	}
	const field = type === 'pricing' ? answer.pricing_analytics : answer.conversation_analytics;
	const points = (field?.data ?? []).flatMap((entry) => entry.data_points ?? []);
	return points.map((point) => ({
		...common(point),
		phoneNumber: text(point.phone_number),
		country: text(point.country),
		category: text(type === 'pricing' ? point.pricing_category : point.conversation_category),
		type: text(type === 'pricing' ? point.pricing_type : point.conversation_type),
		...(type === 'conversation' ? { direction: text(point.conversation_direction) } : {}),
		...(type === 'pricing' ? { volume: amount(point.volume) } : { conversations: amount(point.conversation) }),
		cost: amount(point.cost),
	}));
}
