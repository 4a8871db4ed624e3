import { createHash } from 'crypto';

type Frame =
	| { kind: 'array'; items: unknown[]; next: number }
	| { kind: 'object'; keys: string[]; value: Record<string, unknown>; next: number };

/**
 * A stable hash of a JSON value (what `JSON.parse` produced), for the dedupe of events without an
 * ID. It walks the value with its own stack instead of recursing, so a payload nested ten thousand
 * levels deep hashes like any other instead of overflowing the call stack (JSON.stringify throws
 * "Maximum call stack size exceeded" there). Keys are hashed in the order they arrived, like
 * JSON.stringify: a redelivery carries the same bytes, so the same order.
 */
export function fingerprint(value: unknown): string {
	const hash = createHash('sha256');
	const stack: Frame[] = [];
	const emit = (text: string) => hash.update(text, 'utf8');
	/** Writes a primitive, or opens a container and returns its frame. */
	const visit = (v: unknown): Frame | undefined => {
		if (v === null || v === undefined) emit('n');
		else if (typeof v === 'string') emit(`s${v.length}:${v}`);
		else if (typeof v === 'number') emit(`d${String(v)};`);
		else if (typeof v === 'boolean') emit(v ? 't' : 'f');
		else if (Array.isArray(v)) {
			emit('[');
			return { kind: 'array', items: v, next: 0 };
		} else if (typeof v === 'object') {
			emit('{');
			const obj = v as Record<string, unknown>;
			return { kind: 'object', keys: Object.keys(obj), value: obj, next: 0 };
		} else emit(`?${typeof v};`);
		return undefined;
	};
	const first = visit(value);
	if (first) stack.push(first);
	while (stack.length > 0) {
		const frame = stack[stack.length - 1];
		let child: unknown;
		if (frame.kind === 'array') {
			if (frame.next >= frame.items.length) {
				emit(']');
				stack.pop();
				continue;
			}
			child = frame.items[frame.next++];
		} else {
			if (frame.next >= frame.keys.length) {
				emit('}');
				stack.pop();
				continue;
			}
			const key = frame.keys[frame.next++];
			emit(`k${key.length}:${key}`);
			child = frame.value[key];
		}
		const opened = visit(child);
		if (opened) stack.push(opened);
	}
	return hash.digest('base64');
}
