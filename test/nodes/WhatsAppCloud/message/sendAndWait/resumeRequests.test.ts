/**
 * What the resume handler answers to each kind of request, through a real n8n-core WebhookContext
 * (resumeHarness.ts): the page of a GET, the form, bodies that are not Meta's, a forged signature,
 * a refusal, a resume, and an error while reading the answer (the execution keeps waiting).
 */
import '../../../../harness/setup';

import { THANK_YOU_PAGE } from '../../../../../nodes/WhatsAppCloud/actions/message/sendAndWait/form';
import { takeLogs } from '../../../../harness/triggerWebhook';
import { approval, CUSTOMER, delivery, reference, resume, tap } from './resumeHarness';

const form = {
	message: 'Where to deliver?',
	responseType: 'customForm',
	formFields: { values: [{ fieldLabel: 'Street', requiredField: true }, { fieldLabel: 'Floor', fieldType: 'number' }] },
};

describe('the resume handler’s answers', () => {
	it('a GET of a WhatsApp question: a plain-text page, nothing resumed', async () => {
		const outcome = await resume(approval, { method: 'GET' });
		expect(outcome.type).toBe('text/plain');
		expect(outcome.result).toEqual({ noWebhookResponse: true });
	});

	it('a GET of a form question: the form page, nothing resumed', async () => {
		const outcome = await resume(form, { method: 'GET' });
		expect({ status: outcome.status, type: outcome.type }).toEqual({ status: 200, type: 'text/html' });
		expect(String(outcome.body)).toContain('Where to deliver?');
		expect(String(outcome.body)).toContain('name="field-0"');
		expect(outcome.result).toEqual({ noWebhookResponse: true });
	});

	it('a filled form: the thank-you page, and the execution resumes with the values', async () => {
		const before = Date.now();
		const outcome = await resume(form, { body: { data: { 'field-0': ' Main St 1 ', 'field-1': '3' } } });
		expect({ status: outcome.status, type: outcome.type, body: outcome.body }).toEqual({ status: 200, type: 'text/html', body: THANK_YOU_PAGE });
		const { workflowData, noWebhookResponse } = outcome.result;
		expect(noWebhookResponse).toBe(true);
		expect(workflowData).toEqual([
			[{ json: { approved: true, timedOut: false, responseType: 'customForm', form: { Street: 'Main St 1', Floor: 3 }, answeredBy: null, answeredAt: expect.any(String) } }],
		]);
		expect(Date.parse(String(workflowData?.[0]?.[0]?.json.answeredAt))).toBeGreaterThanOrEqual(before - 1000);
	});

	it('a form without a required field: 400 naming it, nothing resumed', async () => {
		const outcome = await resume(form, { body: { data: { 'field-1': '3' } } });
		expect({ status: outcome.status, body: outcome.body, result: outcome.result }).toEqual({
			status: 400,
			body: { resumed: false, reason: '"Street" is required' },
			result: { noWebhookResponse: true },
		});
	});

	it('a body that is not JSON by its type: 415, nothing resumed', async () => {
		const outcome = await resume(approval, { body: delivery(tap(reference(), 'Refund')), headers: { 'content-type': 'text/plain' } });
		expect({ status: outcome.status, body: outcome.body, result: outcome.result }).toEqual({
			status: 415,
			body: { resumed: false, reason: 'the body is text/plain; Meta sends application/json' },
			result: { noWebhookResponse: true },
		});
	});

	it('a signed body that is no JSON: 400', async () => {
		const outcome = await resume(approval, { raw: '{"entry": [' });
		expect({ status: outcome.status, body: outcome.body }).toEqual({ status: 400, body: { resumed: false, reason: 'the body is not JSON' } });
	});

	it('a forged signature: 401, nothing resumed', async () => {
		const outcome = await resume(approval, { body: delivery(tap(reference(), 'Refund')), secret: 'not-the-app-secret' });
		expect(outcome.status).toBe(401);
		expect(outcome.body).toMatchObject({ resumed: false });
		expect(outcome.result).toEqual({ noWebhookResponse: true });
	});

	it('a refused answer: 403 with the reason, nothing resumed', async () => {
		const outcome = await resume(approval, { body: delivery(tap(reference(), 'Refund'), '15559999999') });
		expect({ status: outcome.status, body: outcome.body, result: outcome.result }).toEqual({
			status: 403,
			body: { resumed: false, reason: 'the answer is not from the contact the question was sent to' },
			result: { noWebhookResponse: true },
		});
	});

	it('an answer: {resumed: true} to the trigger, and the answer item', async () => {
		const outcome = await resume(approval, { body: delivery(tap(reference(), 'Refund')) });
		expect(outcome.result.webhookResponse).toEqual({ resumed: true });
		expect(outcome.result.workflowData?.[0]?.[0]?.json).toMatchObject({ approved: true, answeredBy: { waId: CUSTOMER } });
	});

	it('an answer that cannot be read into an item: 500, the execution keeps waiting', async () => {
		const choice = { message: 'Pick one', responseType: 'choice', choices: { values: [] } };
		takeLogs();
		const outcome = await resume(choice, { body: delivery(tap(reference(), 'Red')) });
		expect({ status: outcome.status, body: outcome.body, result: outcome.result }).toEqual({
			status: 500,
			body: { resumed: false, reason: 'the answer could not be read; the n8n log says why' },
			result: { noWebhookResponse: true },
		});
		// The log says why, as the answer promises.
		expect(takeLogs()).toEqual([
			{ level: 'error', message: expect.stringMatching(/^WhatsApp Cloud Send and Wait: could not read an answer, the execution keeps waiting: \S/) },
		]);
	});
});
