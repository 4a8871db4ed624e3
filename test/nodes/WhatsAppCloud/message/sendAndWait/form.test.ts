import type { INode } from 'n8n-workflow';

import { formAnswer, formPage } from '../../../../../nodes/WhatsAppCloud/actions/message/sendAndWait/form';
import { questionInput, readQuestion } from '../../../../../nodes/WhatsAppCloud/actions/message/sendAndWait/question';

const node = { id: '1', name: 'Ask', type: 't', typeVersion: 1, position: [0, 0], parameters: {} } as INode;
const parameters: Record<string, unknown> = {
	to: '15550009999',
	message: 'Where <b>to</b>?',
	responseType: 'customForm',
	formFields: {
		values: [
			{ fieldLabel: 'Street', requiredField: true },
			{ fieldLabel: 'Floor', fieldType: 'number' },
		],
	},
};
const get = (name: string, fallback: unknown) => {
	const value = name
		.split('.')
		.reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], parameters);
	return value === undefined ? fallback : value;
};
const question = questionInput.parse(node, readQuestion(get), 0);

describe('Send and Wait form page', () => {
	it('escapes the question and marks required fields', () => {
		const html = formPage(question);
		expect(html).toContain('<p>Where &lt;b&gt;to&lt;/b&gt;?</p>');
		expect(html).toContain(
			'<label for="field-0">Street *</label><input id="field-0" name="field-0" type="text" required>',
		);
		expect(html).toContain('<form method="post" enctype="multipart/form-data">');
		expect(html).toContain('<label for="field-1">Floor</label><input id="field-1" name="field-1" type="number">');
	});

	it('reads the values by label, numbers as numbers; a missing required field is named', () => {
		expect(formAnswer(question, { 'field-0': ' Main St 1 ', 'field-1': '3' })).toEqual({
			values: { Street: 'Main St 1', Floor: 3 },
		});
		expect(formAnswer(question, { 'field-1': '3' })).toEqual({ missing: 'Street' });
		// n8n's multipart form parser: the fields under `data`.
		expect(formAnswer(question, { data: { 'field-0': 'Elm St', 'field-1': '' }, files: {} })).toEqual({
			values: { Street: 'Elm St', Floor: '' },
		});
	});

	it('refuses a form without fields before sending', () => {
		expect(() =>
			questionInput.parse(
				node,
				readQuestion((name, fallback) => (name === 'formFields.values' ? [] : get(name, fallback))),
				0,
			),
		).toThrow('"Form Fields" needs at least 1 entry (item 1)');
	});
});
