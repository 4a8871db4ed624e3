/** The editor shows only what applies: which fields a form shows, in which order (n8n's own displayParameter). */
import type { INodeParameters, INodeProperties, INodePropertyCollection } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { WhatsAppCloud } from '../../../../nodes/WhatsAppCloud/WhatsAppCloud.node';

const node = new WhatsAppCloud();
const all = node.description.properties;

function forOperation(resource: string, operation: string): INodeProperties[] {
	return all.filter((p) => {
		const show = p.displayOptions?.show ?? {};
		return show.resource?.includes(resource) && (!show.operation || show.operation.includes(operation));
	});
}

function find(
	properties: INodeProperties[],
	name: string,
	extra: (p: INodeProperties) => boolean = () => true,
): INodeProperties {
	const found = properties.find((p) => p.name === name && extra(p));
	if (!found) throw new Error(`no parameter ${name}`);
	return found;
}

const valuesOf = (property: INodeProperties) => (property.options?.[0] as INodePropertyCollection).values;
const shown = (values: INodeProperties[], current: INodeParameters, root: INodeParameters = current) =>
	values
		.filter((p) => NodeHelpers.displayParameter(current, p, { typeVersion: 1 }, node.description, root))
		.map((p) => p.displayName);

describe("Template → Create: a button shows its type first, then only that type's fields", () => {
	const button = valuesOf(find(forOperation('template', 'create'), 'buttons'));
	it.each([
		['QUICK_REPLY', ['Button Type', 'Text']],
		['URL', ['Button Type', 'Text', 'URL', 'URL Variable Example']],
		['PHONE_NUMBER', ['Button Type', 'Phone Number', 'Text']],
		['COPY_CODE', ['Button Type', 'Code Example']],
	])('%s', (type, fields) => {
		expect(shown(button, { type })).toEqual(fields);
	});
	it('keeps the stored names', () => {
		expect(button.map((p) => p.name)).toEqual(['type', 'codeExample', 'phoneNumber', 'text', 'url', 'urlExample']);
	});
});

describe('Send Media: MIME Type only for a binary file', () => {
	const options = find(forOperation('message', 'sendMedia'), 'options').options as INodeProperties[];
	it.each([
		['binary', ['MIME Type', 'Reply To Message ID']],
		['link', ['Reply To Message ID']],
		['id', ['Reply To Message ID']],
	])('Media Source %s', (mediaSource, names) => {
		expect(shown(options, {}, { resource: 'message', operation: 'sendMedia', mediaSource })).toEqual(names);
	});
});

describe('Send Contacts: a card starts with Formatted Name', () => {
	it('then the rest alphabetically', () => {
		const card = valuesOf(find(forOperation('message', 'sendContacts'), 'contacts'));
		expect(card.map((p) => p.displayName)).toEqual([
			'Formatted Name',
			'Additional Fields',
			'Addresses',
			'Emails',
			'First Name',
			'Last Name',
			'Phone Numbers',
			'URLs',
		]);
	});
});

describe('Header types in one order everywhere', () => {
	const names = (p: INodeProperties) => (p.options as Array<{ name: string }>).map((o) => o.name);
	it('Template → Create', () => {
		const header = find(forOperation('template', 'create'), 'headerType');
		expect(names(header)).toEqual(['None', 'Text', 'Image', 'Video', 'Document', 'Location']);
		expect((header.options as Array<{ value: string }>).map((o) => o.value)).toEqual([
			'none',
			'TEXT',
			'IMAGE',
			'VIDEO',
			'DOCUMENT',
			'LOCATION',
		]);
	});
	it('Send Interactive (every kind with a header)', () => {
		const headers = forOperation('message', 'sendInteractive').filter((p) => p.name === 'headerType');
		expect(headers.map(names)).toEqual([
			['None', 'Text', 'Image', 'Video', 'Document'],
			['None', 'Text'],
			['None', 'Text', 'Image', 'Video', 'Document'],
			['None', 'Text'],
		]);
	});
});
