/**
 * Send and Wait's resume handler (the WhatsApp Cloud node's webhook()) through a real n8n-core
 * WebhookContext (resumeHarness.ts): what resumes (workflowData) and what keeps waiting (a status).
 */
import '../../../../harness/setup';

import type { WaitBinding } from '../../../../../nodes/shared/sendAndWait/binding';
import { FREE_TEXT_REFERENCE_HEADER } from '../../../../../nodes/shared/sendAndWait/reference';
import { takeLogs } from '../../../../harness/triggerWebhook';

import { approval, BINDING, BSUID, CUSTOMER, delivery, reference, resume, tap } from './resumeHarness';

describe('Send and Wait resume handler', () => {
	it('resumes on a tap of the addressed recipient, with the option and the answerer', async () => {
		const outcome = await resume(approval, { body: delivery(tap(reference({ option: 1 }), 'Keep')) });
		expect(outcome.status).toBe(200);
		expect(outcome.result.workflowData).toEqual([
			[
				{
					json: {
						approved: false,
						option: { index: 1, value: 'decline', title: 'Keep' },
						timedOut: false,
						responseType: 'approval',
						answeredBy: { waId: CUSTOMER, userId: null, name: 'Ann' },
						answeredAt: '2025-06-15T15:06:40.000Z',
						message: {
							from: CUSTOMER,
							id: 'wamid.IN1',
							timestamp: '1750000000',
							...tap(reference({ option: 1 }), 'Keep'),
						},
					},
				},
			],
		]);
	});

	const refusals: Array<{ name: string; body: () => unknown; secret?: string; status: number; reason: string }> = [
		{
			name: 'a tap from another contact',
			body: () => delivery(tap(reference(), 'Refund'), '15550001111'),
			status: 403,
			reason: 'the answer is not from the contact the question was sent to',
		},
		{
			name: 'a tap that reached another business number',
			body: () => delivery(tap(reference(), 'Refund'), CUSTOMER, '100000000000002'),
			status: 403,
			reason: 'the answer reached another phone number',
		},
		{
			name: 'a button of another execution',
			body: () => delivery(tap(reference({ executionId: '78' }), 'Refund')),
			status: 403,
			reason: 'no answer to this question in the body',
		},
		{
			name: 'a reference whose App Secret signature was altered',
			body: () => delivery(tap(reference().replace(/\.[A-Za-z0-9_-]{22}$/, '.AAAAAAAAAAAAAAAAAAAAAA'), 'Refund')),
			status: 403,
			reason: 'no answer to this question in the body',
		},
		{
			name: 'a body not signed by Meta with the App Secret',
			body: () => delivery(tap(reference(), 'Refund')),
			secret: 'forged',
			status: 401,
			reason: 'the X-Hub-Signature-256 does not match the body signed with the App Secret',
		},
		{
			name: 'a text without the Free Text header',
			body: () => delivery({ type: 'text', text: { body: 'yes' } }),
			status: 403,
			reason: 'no answer to this question in the body',
		},
	];
	it.each(refusals)('keeps waiting on $name, and says why in n8n\'s log', async (row) => {
		takeLogs();
		const outcome = await resume(approval, { body: row.body(), secret: row.secret });
		expect({ status: outcome.status, body: outcome.body, workflowData: outcome.result.workflowData }).toEqual({
			status: row.status,
			body: { resumed: false, reason: row.reason },
			workflowData: undefined,
		});
		// A forged body is a warning (someone may be probing); a genuine answer that is not this question's, information.
		expect(takeLogs()).toEqual([
			row.status === 401
				? { level: 'warn', message: `WhatsApp Cloud Send and Wait: refused an answer, ${row.reason}` }
				: { level: 'info', message: `WhatsApp Cloud Send and Wait: execution 77 keeps waiting, ${row.reason}` },
		]);
	});

	it('keeps waiting when the credential has no App Secret: nothing can prove the answer came from Meta', async () => {
		const outcome = await resume(approval, { body: delivery(tap(reference(), 'Refund')), noAppSecret: true });
		expect({ status: outcome.status, body: outcome.body }).toEqual({
			status: 401,
			body: { resumed: false, reason: 'the credential has no App Secret, so the signature cannot be checked' },
		});
	});

	it('resumes Free Text on the text the trigger relays with the question reference', async () => {
		const ref = reference({ option: null });
		const outcome = await resume(
			{ message: 'What should the card say?', responseType: 'freeText' },
			{
				body: delivery({ type: 'text', text: { body: 'Happy birthday' } }),
				headers: { [FREE_TEXT_REFERENCE_HEADER]: ref },
			},
		);
		const json = outcome.result.workflowData?.[0]?.[0]?.json;
		expect({ approved: json?.approved, text: json?.text, answeredBy: json?.answeredBy }).toEqual({
			approved: true,
			text: 'Happy birthday',
			answeredBy: { waId: CUSTOMER, userId: null, name: 'Ann' },
		});
	});

	it('keeps waiting when the execution has no binding (a question sent by an earlier version)', async () => {
		const outcome = await resume(approval, { body: delivery(tap(reference(), 'Refund')) }, null);
		expect(outcome.body).toEqual({ resumed: false, reason: 'the waiting execution has no question to bind an answer to' });
	});

	it('refuses a Free Text written before the question was sent (an earlier answer redelivered)', async () => {
		const outcome = await resume(
			{ message: 'What should the card say?', responseType: 'freeText' },
			{
				body: delivery({ type: 'text', text: { body: 'an old answer' }, timestamp: '1749998000' }),
				headers: { [FREE_TEXT_REFERENCE_HEADER]: reference({ option: null }) },
			},
		);
		expect(outcome.body).toEqual({ resumed: false, reason: 'the answer was written before the question was sent' });
	});

	describe('username customers (BSUIDs)', () => {
		/** A username customer's delivery: no phone number anywhere, only the BSUID. */
		function usernameDelivery(message: Record<string, unknown>, userId = BSUID) {
			const body = delivery({ ...message, from_user_id: userId });
			const value = body.entry[0].changes[0].value as Record<string, unknown> & { messages: Array<Record<string, unknown>> };
			delete value.messages[0].from;
			value.contacts = [{ profile: { name: 'Ann', username: 'ann.w' }, user_id: userId }];
			return body;
		}
		const toBsuid: WaitBinding = { ...BINDING, answerers: [BSUID] };

		it('resumes when the question went to a BSUID and the tap comes with from_user_id only', async () => {
			const outcome = await resume(approval, { body: usernameDelivery(tap(reference(), 'Refund')) }, toBsuid);
			expect(outcome.status).toBe(200);
			expect(outcome.result.workflowData?.[0]?.[0]?.json).toMatchObject({
				approved: true,
				option: { index: 0, value: 'approve' },
				answeredBy: { waId: null, userId: BSUID, name: 'Ann' },
			});
		});

		it('resumes a phone-sent question answered with from and from_user_id', async () => {
			const body = delivery({ ...tap(reference(), 'Refund'), from_user_id: BSUID });
			const outcome = await resume(approval, { body });
			expect(outcome.result.workflowData?.[0]?.[0]?.json).toMatchObject({
				approved: true,
				answeredBy: { waId: CUSTOMER, userId: BSUID },
			});
		});

		it('resumes Free Text from a username customer', async () => {
			const outcome = await resume(
				{ message: 'What should the card say?', responseType: 'freeText' },
				{
					body: usernameDelivery({ type: 'text', text: { body: 'Happy birthday' } }),
					headers: { [FREE_TEXT_REFERENCE_HEADER]: reference({ option: null }) },
				},
				toBsuid,
			);
			expect(outcome.result.workflowData?.[0]?.[0]?.json).toMatchObject({ text: 'Happy birthday' });
		});

		it('refuses another username customer', async () => {
			const outcome = await resume(approval, { body: usernameDelivery(tap(reference(), 'Refund'), 'US.99999999999999999999') }, toBsuid);
			expect(outcome.body).toEqual({ resumed: false, reason: 'the answer is not from the contact the question was sent to' });
		});
	});

	it("accepts the answer from the wa_id Meta returned on send, not only the number typed (Brazil's extra 9)", async () => {
		// Typed +55 11 98765 4321; Meta answered the send with wa_id 551187654321 and the customer answers from it.
		const brazil: WaitBinding = { ...BINDING, answerers: ['5511987654321', '551187654321'] };
		const outcome = await resume(approval, { body: delivery(tap(reference(), 'Refund'), '551187654321') }, brazil);
		expect(outcome.result.workflowData?.[0]?.[0]?.json).toMatchObject({ approved: true, answeredBy: { waId: '551187654321' } });
	});

	it.each([
		['an object that has no primitive value', { toString: 1, valueOf: 1 }],
		['a huge number', 1e300],
		['a huge string of digits', '99999999999999999999'],
		['an array', [1]],
	])('resumes (the tap is not lost) when the timestamp is %s', async (_name, timestamp) => {
		const outcome = await resume(approval, { body: delivery({ ...tap(reference(), 'Refund'), timestamp }) });
		expect(outcome.status).toBe(200);
		expect(outcome.result.workflowData?.[0]?.[0]?.json).toMatchObject({ approved: true, answeredAt: expect.stringMatching(/^\d{4}-/) });
	});

	it('answers a GET (a link preview, a browser) without resuming', async () => {
		const outcome = await resume(approval, { method: 'GET' });
		expect({ status: outcome.status, body: outcome.body, workflowData: outcome.result.workflowData }).toEqual({
			status: 200,
			body: 'This question is answered in WhatsApp, with the buttons of the message.',
			workflowData: undefined,
		});
	});
});
