import type { FieldMapper } from './fieldItems';
import { businessEventMappers } from './businessEvents';
import { userEventMappers } from './userEvents';

export type { FieldItem, FieldMapper } from './fieldItems';

/**
 * Webhook field → its reader; fields not listed become one item with the raw value. No prototype:
 * a field named `__proto__` or `toString` (the name is the sender's) must find no reader.
 */
export const FIELD_MAPPERS: Readonly<Record<string, FieldMapper>> = Object.freeze(
	Object.assign(Object.create(null) as Record<string, FieldMapper>, userEventMappers, businessEventMappers),
);
