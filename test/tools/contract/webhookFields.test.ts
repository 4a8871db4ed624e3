/**
 * The trigger offers only webhook fields Meta documents: every field in its pickers is in the
 * contract's WebhookField list (the simulator's list too, which refuses unknown fields as Meta does).
 */
import type { INodePropertyOptions, INodeProperties } from 'n8n-workflow';

import { WhatsAppCloudTrigger } from '../../../nodes/WhatsAppCloudTrigger/WhatsAppCloudTrigger.node';
import { wabaWebhookFields } from '../../../tools/contract/validate';

/** Every option value of a parameter with this name, searched through collections. */
function optionValues(properties: INodeProperties[], name: string): string[] {
	const found: string[] = [];
	const walk = (list: unknown[]): void => {
		for (const entry of list as Array<INodeProperties & { values?: unknown[] }>) {
			if (entry.name === name && Array.isArray(entry.options)) found.push(...(entry.options as INodePropertyOptions[]).map((o) => String(o.value)));
			if (Array.isArray(entry.options)) walk(entry.options);
			if (Array.isArray(entry.values)) walk(entry.values);
		}
	};
	walk(properties);
	return found;
}

describe("the trigger's webhook fields and Meta's contract", () => {
	const contractFields = new Set(wabaWebhookFields());
	const properties = new WhatsAppCloudTrigger().description.properties;

	it.each(['appFields', 'otherFieldList'])('every option of %s is a field the contract names', (name) => {
		const offered = optionValues(properties, name);
		expect(offered.length).toBeGreaterThan(20);
		expect(offered.filter((field) => !contractFields.has(field))).toEqual([]);
	});
});
