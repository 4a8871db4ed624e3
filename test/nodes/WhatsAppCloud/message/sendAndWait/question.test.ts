import type { INode } from 'n8n-workflow';

import {
	questionInput,
	questionMessage,
	readQuestion,
} from '../../../../../nodes/WhatsAppCloud/actions/message/sendAndWait/question';
import { waitTillDate } from '../../../../../nodes/WhatsAppCloud/actions/message/sendAndWait/execute';

const node = { id: '1', name: 'Ask', type: 't', typeVersion: 1, position: [0, 0], parameters: {} } as INode;

function parse(parameters: Record<string, unknown>) {
	const get = (name: string, fallback: unknown) => {
		const value = name
			.split('.')
			.reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], parameters);
		return value === undefined ? fallback : value;
	};
	return questionInput.parse(node, readQuestion(get), 0);
}

const id = (i: number) => `ref-${i}`;

describe('Send and Wait question', () => {
	it('Approval: Approve then Decline reply buttons with the references as IDs', () => {
		const question = parse({ to: '+1 555 000 9999', message: 'Refund?', responseType: 'approval' });
		expect(questionMessage(question, id)).toEqual({
			type: 'interactive',
			content: {
				type: 'button',
				body: { text: 'Refund?' },
				action: {
					buttons: [
						{ type: 'reply', reply: { id: 'ref-0', title: 'Approve' } },
						{ type: 'reply', reply: { id: 'ref-1', title: 'Decline' } },
					],
				},
			},
		});
	});

	it('Template: the quick-reply payloads are the references, after the given components', () => {
		const question = parse({
			to: '15550009999',
			message: '',
			responseType: 'approval',
			approvalOptions: { values: { approvalType: 'single' } },
			questionFormat: 'template',
			templateName: 'refund_approval',
			templateLanguage: 'en_US',
			templateComponents: '[{"type":"body","parameters":[{"type":"text","text":"42"}]}]',
		});
		expect(questionMessage(question, id)).toEqual({
			type: 'template',
			content: {
				name: 'refund_approval',
				language: { code: 'en_US' },
				components: [
					{ type: 'body', parameters: [{ type: 'text', text: '42' }] },
					{ type: 'button', sub_type: 'quick_reply', index: '0', parameters: [{ type: 'payload', payload: 'ref-0' }] },
				],
			},
		});
	});

	const refusals: Array<[string, Record<string, unknown>, string]> = [
		['an empty question', { message: ' ', responseType: 'approval' }, '"Message" is empty; enter a value (item 1)'],
		[
			'Choice without choices',
			{ message: 'Pick', responseType: 'choice' },
			'"Choices" needs at least 1 entry (item 1)',
		],
		[
			'a too long button label',
			{
				message: 'Ok?',
				responseType: 'approval',
				approvalOptions: { values: { approveLabel: 'Yes, go ahead and refund it' } },
			},
			'"Approval Options › Approve Button Label" is too long: 27 characters; WhatsApp allows at most 20 (item 1)',
		],
		[
			'buttons in the template components',
			{
				message: '',
				responseType: 'approval',
				questionFormat: 'template',
				templateName: 'x',
				templateLanguage: 'en_US',
				templateComponents: '[{"type":"button"}]',
			},
			'"Template Components (JSON)": must not contain button components: the node adds the quick-reply buttons with their answer payloads (item 1)',
		],
	];
	it.each(refusals)('refuses %s before sending', (_name, parameters, message) => {
		expect(() => parse({ to: '15550009999', ...parameters })).toThrow(message);
	});

	it('Limit Wait Time as n8n computes it', () => {
		expect(
			waitTillDate({ limitType: 'afterTimeInterval', resumeAmount: 45, resumeUnit: 'minutes' }, 0)?.getTime(),
		).toBe(2_700_000);
		expect(
			waitTillDate({ limitType: 'atSpecifiedTime', maxDateAndTime: '2027-01-01T00:00:00.000Z' }, 0)?.toISOString(),
		).toBe('2027-01-01T00:00:00.000Z');
		expect(waitTillDate({ limitType: 'atSpecifiedTime', maxDateAndTime: 'soon' }, 0)).toBeNull();
	});
});
