/**
 * "Fields From Input" (issue 20): Send Text, Send Media and Send Template read the recipient and
 * the content from named fields of the input item (dot paths too), with no expression; errors
 * name the input field and the item. In-process through n8n-core against the simulator.
 */
import { describe, expect, it } from '@jest/globals';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { PHONE_NUMBER_ID } from '../../../../tools/simulator/fixtures';
import { byId, errorMessage, useSimulator } from '../../../harness/simulator';

const { sim, run } = useSimulator();

const BSUID = 'US.13491208655302741918';

const fromFields = (operation: string, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'message',
	operation,
	phoneNumberId: byId(PHONE_NUMBER_ID),
	mappingMode: 'fieldsFromInput',
	...extra,
});

const sentBodies = () => sim.requests({ method: 'POST', pathIncludes: '/messages' }).map((r) => r.body as IDataObject);

describe('Send Text from input fields', () => {
	it('reads `to` and `text` by default, a phone number or a BSUID per item, contract-valid', async () => {
		const result = await run(fromFields('sendText'), {
			input: [{ json: { to: '+1 555 000 9999', text: 'Hi Ann' } }, { json: { to: BSUID, text: 'Hi username' } }],
		});
		expect(result.error).toBeUndefined();
		const sent = sim.requests({ method: 'POST', pathIncludes: '/messages' });
		expect(sent.every((r) => r.contract?.valid)).toBe(true);
		expect(sentBodies().map((b) => [b.to, b.recipient, (b.text as IDataObject).body])).toEqual([
			['15550009999', undefined, 'Hi Ann'],
			[undefined, BSUID, 'Hi username'],
		]);
		expect(result.items[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('named fields with dot paths and list indexes; a key with a dot is taken as it is', async () => {
		const result = await run(fromFields('sendText', { toField: 'customer.phones[1]', bodyField: 'msg.text' }), {
			input: [{ json: { customer: { phones: ['1', 15550001111] }, 'msg.text': 'literal key wins', msg: { text: 'nested' } } }],
		});
		expect(result.error).toBeUndefined();
		expect(sentBodies()).toEqual([expect.objectContaining({ to: '15550001111', text: { body: 'literal key wins', preview_url: false } })]);
	});

	it('never evaluates a field value as an expression', async () => {
		const result = await run(fromFields('sendText'), { input: [{ json: { to: '15550009999', text: '{{ 1 + 1 }}' } }] });
		expect(result.error).toBeUndefined();
		expect((sentBodies()[0].text as IDataObject).body).toBe('{{ 1 + 1 }}');
	});

	it('a missing field names the field, the parameter, the item and the fields it has', async () => {
		const result = await run(fromFields('sendText', { toField: 'phone' }), {
			input: [{ json: { phone: '15550009999', text: 'ok' } }, { json: { mobile: '15550009999', text: 'no phone' } }],
		});
		expect(errorMessage(result)).toBe('The input item has no field "phone" (named in "Recipient Field") (item 2)');
		expect((result.error as { description?: string }).description).toBe('Its fields: mobile, text.');
	});

	it('a value that breaks a limit names the editor field and the input field', async () => {
		const result = await run(fromFields('sendText'), { input: [{ json: { to: '15550009999', text: 'x'.repeat(4097) } }] });
		expect(errorMessage(result)).toBe(
			'"Message Text › input field text" is too long: 4097 characters; WhatsApp allows at most 4096 (item 1)',
		);
		expect(sentBodies()).toHaveLength(0);
	});

	it('a recipient that is neither format names the input field', async () => {
		const result = await run(fromFields('sendText'), { input: [{ json: { to: 'abc', text: 'Hi' } }] });
		expect(errorMessage(result)).toMatch(/^"Recipient Phone Number or User ID › input field to": "abc" is neither .*\(item 1\)$/);
	});

	it('an empty field name is refused by its parameter label', async () => {
		const result = await run(fromFields('sendText', { bodyField: ' ' }), { input: [{ json: { to: '15550009999', text: 'Hi' } }] });
		expect(errorMessage(result)).toBe('"Text Field" is empty: enter the name of the input field that holds the value (item 1)');
	});

	it('Define Below (the default) still reads the parameters', async () => {
		const result = await run(
			{ resource: 'message', operation: 'sendText', phoneNumberId: byId(PHONE_NUMBER_ID), to: '15550009999', body: 'fixed' },
			{ input: [{ json: { to: '15550001111', text: 'ignored' } }] },
		);
		expect(result.error).toBeUndefined();
		expect(sentBodies()).toEqual([expect.objectContaining({ to: '15550009999', text: { body: 'fixed', preview_url: false } })]);
	});
});

describe('Send Media from input fields', () => {
	it('a link and a caption from fields; no caption field: no caption', async () => {
		const result = await run(fromFields('sendMedia', { mediaType: 'image', mediaSource: 'link', captionField: 'note' }), {
			input: [
				{ json: { to: '15550009999', mediaUrl: 'https://example.com/a.jpg', note: 'Your invoice' } },
				{ json: { to: '15550009999', mediaUrl: 'https://example.com/b.jpg' } },
			],
		});
		expect(result.error).toBeUndefined();
		expect(sentBodies().map((b) => b.image)).toEqual([
			{ link: 'https://example.com/a.jpg', caption: 'Your invoice' },
			{ link: 'https://example.com/b.jpg' },
		]);
	});

	it('a media ID from a named field; a bad URL names the input field', async () => {
		const byIdResult = await run(fromFields('sendMedia', { mediaType: 'document', mediaSource: 'id', mediaIdField: 'file.id', fileNameField: 'file.name' }), {
			input: [{ json: { to: '15550009999', file: { id: '1234567890', name: 'invoice.pdf' } } }],
		});
		expect(byIdResult.error).toBeUndefined();
		expect(sentBodies()[0].document).toEqual({ id: '1234567890', filename: 'invoice.pdf' });
		const bad = await run(fromFields('sendMedia', { mediaType: 'image', mediaSource: 'link' }), {
			input: [{ json: { to: '15550009999', mediaUrl: 'ftp://example.com/a.jpg' } }],
		});
		expect(errorMessage(bad)).toMatch(/^"Media URL › input field mediaUrl": must be a public http.*\(item 1\)$/);
	});
});

describe('Send Template from input fields', () => {
	const template = { __rl: true, mode: 'list', value: '400000000000003' };

	it("variables from an object field, keyed by name or by the mapper's id", async () => {
		const result = await run(fromFields('sendTemplate', { template, toField: 'phone' }), {
			input: [
				{ json: { phone: '15550009999', variables: { 1: 'Ana', 2: 'A-7' } } },
				{ json: { phone: '15550001111', variables: { 'body:1': 'Ben', 'body:2': 'B-8' } } },
			],
		});
		expect(result.error).toBeUndefined();
		const components = sentBodies().map((b) => (b.template as IDataObject).components);
		expect(components).toEqual([
			[{ type: 'body', parameters: [{ type: 'text', text: 'Ana' }, { type: 'text', text: 'A-7' }] }],
			[{ type: 'body', parameters: [{ type: 'text', text: 'Ben' }, { type: 'text', text: 'B-8' }] }],
		]);
		expect(sentBodies().map((b) => b.to)).toEqual(['15550009999', '15550001111']);
	});

	it('an empty Variables Field reads the item itself; a missing variable names where it was looked for', async () => {
		const ok = await run(fromFields('sendTemplate', { template, variablesField: '' }), {
			input: [{ json: { to: '15550009999', 1: 'Ana', 2: 'A-7' } }],
		});
		expect(ok.error).toBeUndefined();
		const missing = await run(fromFields('sendTemplate', { template }), {
			input: [{ json: { to: '15550009999', variables: { 1: 'Ana' } } }],
		});
		expect(errorMessage(missing)).toMatch(/^"Template Variables › .*\{\{2\}\}.* › input field variables\.2" is required \(item 1\)$/);
	});

	it('a Variables Field that is not an object is refused', async () => {
		const result = await run(fromFields('sendTemplate', { template }), { input: [{ json: { to: '15550009999', variables: 'Ana' } }] });
		expect(errorMessage(result)).toBe(
			'The input field "variables" (named in "Variables Field") must be an object of values, not string (item 1)',
		);
	});
});
