import type { INodeProperties, INodePropertyCollection } from 'n8n-workflow';

import { WhatsAppCloud } from '../../../../nodes/WhatsAppCloud/WhatsAppCloud.node';
import { labelFor, resolveLabel, schemaPaths } from '../../../../nodes/WhatsAppCloud/validation/labels';
import { allInputChecks } from '../../../fixtures/inputChecks';

const definedInputs = allInputChecks();

/** Every displayName the editor can show anywhere in a list of parameters. */
function displayNames(properties: readonly INodeProperties[], into = new Set<string>()): Set<string> {
	for (const property of properties) {
		into.add(property.displayName);
		for (const option of property.options ?? []) {
			const group = option as INodePropertyCollection;
			if (Array.isArray(group.values)) {
				into.add(group.displayName);
				displayNames(group.values, into);
			} else if (typeof (option as INodeProperties).type === 'string') {
				displayNames([option as INodeProperties], into);
			}
		}
	}
	return into;
}

describe('error labels come from the node description', () => {
	// Loading the node type loads every operation, and with it every defined input.
	const node = new WhatsAppCloud();
	const shown = displayNames(node.description.properties);

	it('every operation defines its input', () => {
		expect(definedInputs.length).toBeGreaterThan(20);
	});

	it('every path an error can name resolves to labels the editor shows', () => {
		const problems: string[] = [];
		for (const input of definedInputs) {
			for (const path of schemaPaths(input.schema)) {
				const label = resolveLabel(input.labels, path);
				if (!label) {
					problems.push(`${input.name}: no label for ${path.join('.')}`);
					continue;
				}
				for (const part of label.split(' › ')) {
					if (!shown.has(part))
						problems.push(`${input.name}: "${part}" (${path.join('.')}) is not a displayName of the node`);
				}
			}
		}
		expect(problems).toEqual([]);
	});

	it('labels follow fixedCollection paths and skip plain collections', () => {
		const properties: INodeProperties[] = [
			{ displayName: 'Body', name: 'body', type: 'string', default: '' },
			{
				displayName: 'Sections',
				name: 'sections',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				options: [
					{
						displayName: 'Section',
						name: 'section',
						values: [
							{ displayName: 'Title', name: 'title', type: 'string', default: '' },
							{
								displayName: 'Rows',
								name: 'rows',
								type: 'fixedCollection',
								default: {},
								options: [
									{
										displayName: 'Row',
										name: 'row',
										values: [{ displayName: 'Title', name: 'title', type: 'string', default: '' }],
									},
								],
							},
						],
					},
				],
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				default: {},
				options: [{ displayName: 'Reply To Message ID', name: 'replyTo', type: 'string', default: '' }],
			},
		];
		expect(labelFor(properties, ['body'])).toBe('Body');
		expect(labelFor(properties, ['replyTo'])).toBe('Reply To Message ID');
		expect(labelFor(properties, ['options', 'replyTo'])).toBe('Reply To Message ID');
		expect(labelFor(properties, ['sections', 0, 'title'])).toBe('Sections › Title');
		expect(labelFor(properties, ['sections', 0, 'rows', 1, 'title'])).toBe('Sections › Rows › Title');
		expect(labelFor(properties, ['sections', 'section', 0, 'rows', 'row', 1, 'title'])).toBe('Sections › Rows › Title');
		expect(labelFor(properties, ['nothing'])).toBeUndefined();
		// An issue on a whole entry names the list it is in.
		expect(resolveLabel(properties, ['sections', 0, 'rows', 2])).toBe('Sections › Rows');
	});
});
