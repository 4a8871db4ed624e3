/**
 * GET /{WABA-ID} — the WhatsApp Business Account, and its analytics, which Meta serves as fields
 * with modifiers (none of them is in the contract file, whose GET has only plain fields):
 *
 *   analytics.start(T).end(T).granularity(HALF_HOUR|DAY|MONTH)[.phone_numbers([...])][.country_codes([...])]
 *   conversation_analytics.start(T).end(T).granularity(HALF_HOUR|DAILY|MONTHLY)[.phone_numbers([...])]
 *       [.country_codes([...])][.dimensions(["PHONE","COUNTRY","CONVERSATION_CATEGORY","CONVERSATION_TYPE","CONVERSATION_DIRECTION"])]
 *   pricing_analytics.start(T).end(T).granularity(HALF_HOUR|DAILY|MONTHLY)[.phone_numbers([...])]
 *       [.country_codes([...])][.dimensions(["PHONE","COUNTRY","PRICING_CATEGORY","PRICING_TYPE"])]
 *
 * T is Unix seconds, end after start. The numbers are made up but deterministic: every bucket has
 * traffic on every phone number in each category, and data points are summed over the dimensions
 * not asked for (as Meta does). Unknown modifiers or values get Meta's (#100) errors.
 */
import { SCOPE_MANAGEMENT } from '../fixtures';
import { GraphError, invalidParameter } from '../graphError';
import type { RequestContext, Route } from '../router';
import { wabaMarketingField } from '../marketingState';

const PLAIN_FIELDS = ['id', 'name', 'currency', 'timezone_id', 'message_template_namespace'];
const CATEGORIES = ['MARKETING', 'UTILITY', 'AUTHENTICATION', 'SERVICE'];
const PRICE: Record<string, number> = { MARKETING: 0.025, UTILITY: 0.004, AUTHENTICATION: 0.0135, SERVICE: 0 };
const MAX_BUCKETS = 2000;

interface Spec {
	granularities: string[];
	dimensions: Record<string, string>;
}

const SPECS: Record<string, Spec> = {
	analytics: { granularities: ['HALF_HOUR', 'DAY', 'MONTH'], dimensions: {} },
	conversation_analytics: {
		granularities: ['HALF_HOUR', 'DAILY', 'MONTHLY'],
		dimensions: {
			PHONE: 'phone_number',
			COUNTRY: 'country',
			CONVERSATION_CATEGORY: 'conversation_category',
			CONVERSATION_TYPE: 'conversation_type',
			CONVERSATION_DIRECTION: 'conversation_direction',
		},
	},
	pricing_analytics: {
		granularities: ['HALF_HOUR', 'DAILY', 'MONTHLY'],
		dimensions: {
			PHONE: 'phone_number',
			COUNTRY: 'country',
			PRICING_CATEGORY: 'pricing_category',
			PRICING_TYPE: 'pricing_type',
		},
	},
};

/** Splits on commas outside (), [] and quotes. */
function splitTopLevel(text: string, separator: string): string[] {
	const parts: string[] = [];
	let depth = 0;
	let quoted = false;
	let current = '';
	for (const c of text) {
		if (c === '"') quoted = !quoted;
		if (!quoted && (c === '(' || c === '[')) depth += 1;
		if (!quoted && (c === ')' || c === ']')) depth -= 1;
		if (c === separator && depth === 0 && !quoted) {
			parts.push(current);
			current = '';
		} else current += c;
	}
	parts.push(current);
	return parts.map((p) => p.trim()).filter((p) => p !== '');
}

function parseList(name: string, raw: string): string[] {
	let value: unknown;
	try {
		value = JSON.parse(raw);
	} catch {
		throw invalidParameter(`${name} must be a JSON array such as ["A","B"]`, `(#100) Param ${name} must be an array`);
	}
	if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
		throw invalidParameter(`${name} must be a JSON array of strings`, `(#100) Param ${name} must be an array`);
	}
	return value as string[];
}

function bucketEnd(start: number, granularity: string): number {
	if (granularity === 'HALF_HOUR') return start + 1800;
	if (granularity === 'DAY' || granularity === 'DAILY') return start + 86400;
	const d = new Date(start * 1000);
	return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / 1000;
}

function bucketStart(t: number, granularity: string): number {
	if (granularity === 'HALF_HOUR') return t - (t % 1800);
	if (granularity === 'DAY' || granularity === 'DAILY') return t - (t % 86400);
	const d = new Date(t * 1000);
	return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 1000;
}

/** The `.name(value)` modifiers of an analytics field, checked against what the field takes. */
function modifiersOf(name: string, modifiers: string[]): Record<string, string> {
	const args: Record<string, string> = {};
	for (const modifier of modifiers) {
		const match = /^([a-z_]+)\((.*)\)$/s.exec(modifier);
		if (!match) throw invalidParameter(`"${modifier}" is not a field modifier`, '(#100) Syntax error in fields');
		args[match[1]] = match[2];
	}
	const allowed = [
		'start',
		'end',
		'granularity',
		'phone_numbers',
		'country_codes',
		...(name === 'analytics' ? [] : ['dimensions']),
	];
	for (const key of Object.keys(args)) {
		if (!allowed.includes(key))
			throw invalidParameter(`${name} has no modifier ${key}`, `(#100) Unknown modifier ${key} on field ${name}`);
	}
	for (const key of ['start', 'end', 'granularity']) {
		if (args[key] === undefined)
			throw invalidParameter(`${name} needs .${key}(…)`, `(#100) The parameter ${key} is required`);
	}
	return args;
}

/** The time range and granularity of the modifiers, as Graph checks them. */
function periodOf(name: string, spec: Spec, args: Record<string, string>): { start: number; end: number; granularity: string } {
	const start = Number(args.start);
	const end = Number(args.end);
	if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0) {
		throw invalidParameter(
			'start and end must be Unix timestamps in seconds',
			'(#100) Param start must be a valid unix timestamp',
		);
	}
	if (end <= start) throw invalidParameter('end must be after start', '(#100) Param end must be greater than start');
	const granularity = args.granularity;
	if (!spec.granularities.includes(granularity)) {
		throw invalidParameter(
			`granularity of ${name} must be one of ${spec.granularities.join(', ')}`,
			`(#100) Param granularity must be one of {${spec.granularities.join(', ')}}`,
		);
	}
	return { start, end, granularity };
}

function dimensionsOf(name: string, spec: Spec, args: Record<string, string>): string[] {
	const dimensions = args.dimensions !== undefined ? parseList('dimensions', args.dimensions) : [];
	for (const dimension of dimensions) {
		if (!(dimension in spec.dimensions)) {
			throw invalidParameter(
				`dimensions of ${name} can be ${Object.keys(spec.dimensions).join(', ')}`,
				`(#100) Param dimensions[0] must be one of {${Object.keys(spec.dimensions).join(', ')}}`,
			);
		}
	}
	return dimensions;
}

/** [start, end) of every period from the one holding `start` to the one holding `end`. */
function bucketsOf(start: number, end: number, granularity: string): Array<[number, number]> {
	const buckets: Array<[number, number]> = [];
	for (let t = bucketStart(start, granularity); t < end; t = bucketEnd(t, granularity)) {
		buckets.push([t, bucketEnd(t, granularity)]);
		if (buckets.length > MAX_BUCKETS)
			throw invalidParameter(
				`the range has more than ${MAX_BUCKETS} ${granularity} periods; choose a coarser granularity`,
				'(#100) Too many data points requested',
			);
	}
	return buckets;
}

interface Volume {
	s: number;
	e: number;
	phone: string;
	category: string;
	volume: number;
}

/** conversation_analytics / pricing_analytics: volumes and cost summed per period and dimension values. */
function groupedPoints(base: Volume[], dimensions: string[], spec: Spec, pricing: boolean): Array<Record<string, unknown>> {
	const groups = new Map<string, Record<string, unknown>>();
	for (const x of base) {
		const values: Record<string, string> = {
			PHONE: x.phone,
			COUNTRY: 'US',
			CONVERSATION_CATEGORY: x.category,
			PRICING_CATEGORY: x.category,
			CONVERSATION_TYPE: x.category === 'SERVICE' ? 'FREE_TIER' : 'REGULAR',
			PRICING_TYPE: x.category === 'SERVICE' ? 'FREE_CUSTOMER_SERVICE' : 'REGULAR',
			CONVERSATION_DIRECTION: x.category === 'SERVICE' ? 'USER_INITIATED' : 'BUSINESS_INITIATED',
		};
		const key = [x.s, ...dimensions.map((d) => values[d])].join('|');
		let point = groups.get(key);
		if (!point) {
			point = { start: x.s, end: x.e };
			for (const d of dimensions) point[spec.dimensions[d]] = values[d];
			point[pricing ? 'volume' : 'conversation'] = 0;
			point.cost = 0;
			groups.set(key, point);
		}
		point[pricing ? 'volume' : 'conversation'] = (point[pricing ? 'volume' : 'conversation'] as number) + x.volume;
		point.cost = Math.round(((point.cost as number) + x.volume * PRICE[x.category]) * 10000) / 10000;
	}
	return [...groups.values()];
}

function analyticsField(ctx: RequestContext, field: string): [string, unknown] {
	const [name, ...modifiers] = splitTopLevel(field, '.');
	const spec = SPECS[name];
	const args = modifiersOf(name, modifiers);
	const { start, end, granularity } = periodOf(name, spec, args);
	const dimensions = dimensionsOf(name, spec, args);
	const allPhones = ctx.state.phoneNumbers.map((p) => p.display_phone_number.replace(/[^0-9]/g, ''));
	const phones = args.phone_numbers !== undefined ? parseList('phone_numbers', args.phone_numbers) : [];
	const usedPhones = phones.length ? allPhones.filter((p) => phones.includes(p)) : allPhones;
	const countries = args.country_codes !== undefined ? parseList('country_codes', args.country_codes) : [];
	const country = countries.length === 0 || countries.includes('US') ? 'US' : undefined;

	const buckets = bucketsOf(start, end, granularity);
	const base: Volume[] = buckets.flatMap(([s, e], b) =>
		usedPhones.flatMap((phone, p) =>
			country === undefined
				? []
				: CATEGORIES.map((category, c) => ({ s, e, phone, category, volume: ((b * 7 + p * 5 + c * 3) % 11) + 1 })),
		),
	);

	if (name === 'analytics') {
		const points = buckets.map(([s, e]) => {
			const sent = base.filter((x) => x.s === s).reduce((sum, x) => sum + x.volume, 0);
			return { start: s, end: e, sent, delivered: Math.floor(sent * 0.9) };
		});
		return [name, { phone_numbers: usedPhones, granularity, data_points: points }];
	}
	return [name, { data: [{ data_points: groupedPoints(base, dimensions, spec, name === 'pricing_analytics') }] }];
}

export const getBusinessAccount: Route = {
	method: 'GET',
	path: '/{WABA-ID}',
	scope: SCOPE_MANAGEMENT,
	handle(ctx) {
		const fields = splitTopLevel(ctx.query.fields ?? 'id,name', ',');
		const waba = ctx.state.waba as unknown as Record<string, unknown>;
		const body: Record<string, unknown> = {};
		for (const field of fields) {
			const name = field.split('.')[0];
			if (name in SPECS) {
				const [key, value] = analyticsField(ctx, field);
				body[key] = value;
			} else if (PLAIN_FIELDS.includes(field)) {
				body[field] = waba[field];
			} else if (wabaMarketingField(ctx.state, field) !== undefined) {
				body[field] = wabaMarketingField(ctx.state, field);
			} else {
				throw new GraphError(400, {
					message: `(#100) Tried accessing nonexisting field (${field}) on node type (WhatsAppBusinessAccount)`,
					code: 100,
				});
			}
		}
		body.id = ctx.state.waba.id;
		return { body };
	},
};
