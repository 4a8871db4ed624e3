import type { FieldMapper } from './fieldItems';
import { businessEventMappers } from './businessEvents';
import { userEventMappers } from './userEvents';

export type { FieldItem, FieldMapper } from './fieldItems';

/** Webhook field → its reader; fields not listed become one item with the raw value. */
export const FIELD_MAPPERS: Readonly<Record<string, FieldMapper>> = { ...userEventMappers, ...businessEventMappers };
