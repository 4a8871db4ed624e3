/**
 * An expression that only reads the input item (`{{ $json.phone }}`, what n8n's drag-and-drop
 * writes) is read straight from the item instead of being evaluated per item. It must give what
 * n8n's own evaluation gives: each case runs once with the plain read and once with the same read
 * wrapped in parentheses, which n8n-core evaluates; requests and outputs must match.
 */
import { describe, expect, it } from '@jest/globals';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { plainJsonReadPath } from '../../../../nodes/WhatsAppCloud/actions/message/fieldMapping';
import { PHONE_NUMBER_ID } from '../../../../tools/simulator/fixtures';
import { byId, useSimulator } from '../../../harness/simulator';

const { sim, run } = useSimulator();

const sentBodies = () => sim.requests({ method: 'POST', pathIncludes: '/messages' }).map((r) => r.body as IDataObject);

/** `={{ $json.a }}` → `={{ ($json.a) }}`: the same value, but not a plain read, so n8n evaluates it. */
const evaluated = (expression: string) => expression.replace(/^=\{\{\s*(.*?)\s*\}\}$/, '={{ ($1) }}');

async function both(parameters: Record<string, string>, input: INodeExecutionData[], operation = 'sendText', extra: INodeParameters = {}) {
	const outcomes = [];
	for (const variant of [parameters, Object.fromEntries(Object.entries(parameters).map(([k, v]) => [k, evaluated(v)]))]) {
		sim.reset();
		const result = await run({ resource: 'message', operation, phoneNumberId: byId(PHONE_NUMBER_ID), ...extra, ...variant }, { input, continueOnFail: true });
		outcomes.push({
			error: result.error?.message,
			bodies: sentBodies(),
			// message IDs differ per send: masked
			items: JSON.parse(JSON.stringify(result.items[0]?.map((item) => item.json) ?? []).replace(/wamid\.[A-Za-z0-9=_-]+/g, 'wamid')) as IDataObject[],
		});
	}
	expect(outcomes[1]).toEqual(outcomes[0]);
	return outcomes[0];
}

describe('plain $json reads', () => {
	it('recognises what drag-and-drop writes, and nothing else', () => {
		expect(plainJsonReadPath('={{ $json.phone }}')).toEqual(['phone']);
		expect(plainJsonReadPath('={{$json.customer.phones[1]}}')).toEqual(['customer', 'phones', '1']);
		expect(plainJsonReadPath(`={{ $json['first name'] }}`)).toEqual(['first name']);
		expect(plainJsonReadPath('={{ $json["a.b"].c }}')).toEqual(['a.b', 'c']);
		for (const other of ['={{ $json.phone + 1 }}', '=+{{ $json.phone }}', '={{ $json }}', '={{ $json.a }} {{ $json.b }}', '{{ $json.a }}', '={{ $input.item.json.a }}', '={{ $json.a() }}', 15]) {
			expect(plainJsonReadPath(other)).toBeUndefined();
		}
	});

	it('Send Text: text, numbers, nested paths and bracket keys give what n8n evaluates', async () => {
		const out = await both({ to: `={{ $json.customer['phone number'] }}`, body: '={{ $json.msg.lines[0] }}' }, [
			{ json: { customer: { 'phone number': '+1 555 000 9999' }, msg: { lines: ['Hi Ann'] } } },
			{ json: { customer: { 'phone number': 15550001111 }, msg: { lines: ['Hi Bo'] } } },
			{ json: { customer: { 'phone number': 'US.13491208655302741918' }, msg: { lines: [true] } } },
		]);
		// A boolean text is refused alike by both (an error item).
		expect(out.bodies.map((b) => [b.to ?? b.recipient, (b.text as IDataObject).body])).toEqual([
			['15550009999', 'Hi Ann'],
			['15550001111', 'Hi Bo'],
		]);
		expect(typeof out.items[2].error).toBe('string');
	});

	it('a missing field, null or an object is left to n8n: the same error items', async () => {
		const out = await both({ to: '={{ $json.phone }}', body: '={{ $json.text }}' }, [
			{ json: { text: 'no phone' } },
			{ json: { phone: null, text: 'null phone' } },
			{ json: { phone: { n: 1 }, text: 'object phone' } },
			{ json: { phone: '15550009999', text: 'ok' } },
		]);
		expect(out.bodies).toHaveLength(1);
		expect(out.items.slice(0, 3).every((item) => typeof item.error === 'string')).toBe(true);
	});

	it('Send Media and Send Template read the same way', async () => {
		const media = await both({ to: '={{ $json.to }}', mediaUrl: '={{ $json.url }}', caption: '={{ $json.caption }}' }, [{ json: { to: '15550009999', url: 'https://example.com/a.jpg', caption: 'A' } }], 'sendMedia', { mediaType: 'image', mediaSource: 'link' });
		expect(media.bodies[0]).toMatchObject({ to: '15550009999', image: { link: 'https://example.com/a.jpg', caption: 'A' } });
		const template = await both({ to: '={{ $json.to }}' }, [{ json: { to: 15550009999 } }], 'sendTemplate', {
			template: { __rl: true, mode: 'name', value: 'hello_world' },
			templateLanguage: 'en_US',
		});
		expect(template.bodies[0]).toMatchObject({ to: '15550009999', type: 'template' });
	});
});
