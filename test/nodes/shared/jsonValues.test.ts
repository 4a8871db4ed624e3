/**
 * The reader for untrusted JSON (nodes/shared/jsonValues.ts): never throws, never converts an
 * object to a string or number (a JSON object can carry its own "toString" / "valueOf" keys).
 */
import { describeValue, finiteNumber, isoTimestamp, str } from '../../../nodes/shared/jsonValues';

/** What JSON.parse makes of {"toString":1,"valueOf":{}}: String() / `${}` on it throws. */
const hostile = JSON.parse('{"toString":1,"valueOf":{},"constructor":"x"}') as unknown;

describe('jsonValues', () => {
	it("the hostile object really breaks String() (the fuzzer's crash)", () => {
		expect(() => String(hostile)).toThrow('Cannot convert object to primitive value');
	});

	it('str: strings and finite numbers; nothing else', () => {
		expect(str('wamid.1')).toBe('wamid.1');
		expect(str(16505551234)).toBe('16505551234');
		for (const x of [hostile, '', null, undefined, {}, [], true, NaN, Infinity]) expect(str(x)).toBeNull();
	});

	it('finiteNumber: numbers and numeric strings', () => {
		expect(finiteNumber(37.4421)).toBe(37.4421);
		expect(finiteNumber('-122.1615')).toBe(-122.1615);
		for (const x of [hostile, '', ' ', 'x', null, [], NaN, Infinity, '1e999']) expect(finiteNumber(x)).toBeNull();
	});

	it('isoTimestamp: seconds (number or digits) and milliseconds; null for huge, negative or odd values, never a throw', () => {
		expect(isoTimestamp('1750000000')).toBe('2025-06-15T15:06:40.000Z');
		expect(isoTimestamp(1750000000)).toBe('2025-06-15T15:06:40.000Z');
		expect(isoTimestamp(1750000000123)).toBe('2025-06-15T15:06:40.123Z');
		for (const x of [hostile, 1e308, 2 ** 53 + 1, '99999999999999999999999', '99999999999999999999', 8.64e15 + 1, -1, 0, '1.5e9', '', null, [], {}]) {
			expect(isoTimestamp(x)).toBeNull();
		}
		expect(isoTimestamp(8.64e15)).toBe('+275760-09-13T00:00:00.000Z');
	});

	it('describeValue: text for a log line, whatever the value', () => {
		expect(describeValue('wamid.1')).toBe('wamid.1');
		expect(describeValue(42)).toBe('42');
		expect(describeValue(null)).toBe('null');
		expect(describeValue(hostile)).toBe('an object');
		expect(describeValue([hostile])).toBe('an array');
	});
});
