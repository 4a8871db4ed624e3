/** Fields about customers: preferences, echoes, history and app-state sync, calls, groups. */
import type { FieldMapper } from './fieldItems';

export const userEventMappers: Record<string, FieldMapper> = {};
