/** Fields about the business: account, alerts, templates, phone number quality, automatic events, flows. */
import { accountEventMappers } from './accountEvents';
import { conversionEventMappers } from './conversionEvents';
import type { FieldMapper } from './fieldItems';
import { flowEventMappers } from './flowEvents';
import { templateEventMappers } from './templateEvents';

export const businessEventMappers: Record<string, FieldMapper> = {
	...accountEventMappers,
	...templateEventMappers,
	...conversionEventMappers,
	...flowEventMappers,
};
