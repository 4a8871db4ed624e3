/**
 * A date as the editor's date picker or an expression gives it, in unix milliseconds: a Date,
 * ISO text, or unix time as a number or digits (up to 11 digits read as seconds, more as
 * milliseconds). NaN when it is none of these.
 */
export function dateToMilliseconds(value: unknown): number {
	if (value instanceof Date) return value.getTime();
	if (typeof value === 'number') return value < 1e11 ? value * 1000 : value;
	if (typeof value === 'string' && value.trim() !== '') {
		const text = value.trim();
		return /^\d+$/.test(text) ? Number(text) * (text.length <= 11 ? 1000 : 1) : Date.parse(text);
	}
	return Number.NaN;
}
