/** Fields about the business: account, alerts, templates, phone number quality, automatic events, flows. */
import type { FieldMapper } from './fieldItems';

export const businessEventMappers: Record<string, FieldMapper> = {};
