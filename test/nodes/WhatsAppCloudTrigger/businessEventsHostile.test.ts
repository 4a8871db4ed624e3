import { businessEventMappers } from '../../../nodes/WhatsAppCloudTrigger/events/businessEvents';
import { FIELD_MAPPERS } from '../../../nodes/WhatsAppCloudTrigger/events';
import { fanOut } from '../../../nodes/WhatsAppCloudTrigger/fanOut';
import { BUSINESS_EXAMPLES, delivery } from '../../fixtures/businessWebhooks';

const fp = (value: unknown) => JSON.stringify(value);

/** Values no reader may choke on: wrong types, objects whose toString/valueOf are not functions, huge numbers. */
const TRAPS: unknown[] = [
	null,
	undefined,
	0,
	-1,
	1e308,
	Number.MAX_SAFE_INTEGER * 1e6,
	'',
	'x',
	true,
	[],
	[null, 1, 'a'],
	{},
	{ toString: 1, valueOf: 'x' },
	Object.create(null) as unknown,
];

/** Every property the documented value of `field` has, set to `trap` (nested objects and lists too). */
function poisoned(value: unknown, trap: unknown): unknown {
	if (Array.isArray(value)) return [poisoned(value[0], trap), trap];
	if (value && typeof value === 'object') {
		return Object.fromEntries(Object.keys(value).map((key) => [key, trap]));
	}
	return trap;
}

function poisonedDeep(value: unknown, trap: unknown): unknown {
	if (Array.isArray(value)) return value.map((v) => poisonedDeep(v, trap));
	if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, v && typeof v === 'object' ? poisonedDeep(v, trap) : trap]));
	return trap;
}

const STRING_OR_NULL = (x: unknown) => x === null || typeof x === 'string';

describe('the business-side readers never throw on hostile values', () => {
	it('registers every business field with the trigger', () => {
		expect(Object.keys(businessEventMappers).sort()).toEqual(Object.keys(BUSINESS_EXAMPLES).sort());
		for (const field of Object.keys(businessEventMappers)) expect(FIELD_MAPPERS[field]).toBe(businessEventMappers[field]);
	});

	for (const [name, example] of Object.entries(BUSINESS_EXAMPLES)) {
		const documented = (example.payload as { entry: Array<{ changes: Array<{ value: unknown }> }> }).entry[0].changes[0].value;

		it(`${name}: a value of the wrong type becomes one item with the raw value`, () => {
			for (const trap of TRAPS) {
				const events = fanOut(delivery(example.field, [trap]), fp);
				expect(events.length).toBeGreaterThanOrEqual(1);
				for (const { json } of events) {
					expect(json.field).toBe(example.field);
					expect(STRING_OR_NULL(json.type)).toBe(true);
					expect(STRING_OR_NULL(json.text)).toBe(true);
				}
			}
		});

		it(`${name}: every documented property (top level and nested) of the wrong type`, () => {
			for (const trap of TRAPS) {
				for (const value of [poisoned(documented, trap), poisonedDeep(documented, trap)]) {
					const events = fanOut(delivery(example.field, [value]), fp);
					expect(events.length).toBeGreaterThanOrEqual(1);
					for (const { json } of events) {
						// Every flat field is a string, a finite number, a boolean, null or a list of plain objects / strings.
						for (const [key, field] of Object.entries(json)) {
							if (key === 'value') continue;
							if (typeof field === 'number') expect(Number.isFinite(field)).toBe(true);
							if (field !== null && typeof field === 'object' && !Array.isArray(field)) throw new Error(`${key} is an object`);
							for (const element of Array.isArray(field) ? field : []) {
								expect(element === null || typeof element === 'string' || (typeof element === 'object' && Object.getPrototypeOf(element) === Object.prototype)).toBe(true);
							}
						}
						expect(() => JSON.stringify(json)).not.toThrow();
					}
				}
			}
		});
	}

	it('automatic_events: a list of non-objects gives one untyped item, not a crash or a typed empty one', () => {
		const events = fanOut(delivery('automatic_events', [{ automatic_events: [null, 'x', 3] }]), fp);
		expect(events).toHaveLength(1);
		expect(events[0].json).toMatchObject({ type: 'automatic_events', value: { automatic_events: [null, 'x', 3] } });
		expect(events[0].json.eventName).toBeUndefined();
	});

	it('amounts and times that are not numbers or are out of range are null', () => {
		const [purchase] = fanOut(
			delivery('automatic_events', [{ automatic_events: [{ id: 'w', event_name: 'Purchase', timestamp: 1e300, custom_data: { currency: 5, value: 'NaN' } }] }]),
			fp,
		);
		expect(purchase.json).toMatchObject({ amount: null, customDataValue: null, currency: '5' });
		expect(purchase.json.timestamp).toBe('2025-02-12T00:43:44.000Z');
		const [category] = fanOut(delivery('template_category_update', [{ category_update_timestamp: 9e20 }]), fp);
		expect(category.json.categoryUpdateTime).toBeNull();
	});
});
