import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { readCredentials } from '../../../../shared/credentials';
import { readBinding, WAIT_KEY } from '../../../../shared/sendAndWait/binding';
import { FREE_TEXT_REFERENCE_HEADER } from '../../../../shared/sendAndWait/reference';
import { readJsonBody } from '../../../../shared/webhookBody';
import { SIGNATURE_HEADER, signatureProblem, verifySignature } from '../../../../shared/webhookSignature';
import { answerJson, findAnswer } from './answer';
import { formAnswer, formPage, THANK_YOU_PAGE } from './form';
import { questionInput, readQuestion, type Question } from './question';

/**
 * The waiting node's resume handler: n8n calls it for a request to the node's waiting URL once
 * n8n's URL signature checked out (waiting-webhooks.js). The WhatsApp Cloud Trigger relays the
 * contact's answer here as Meta sent it — the raw body and Meta's X-Hub-Signature-256 — so this
 * handler trusts nothing the trigger says: it checks Meta's signature with the App Secret, the
 * answer reference in the tapped button (also signed with it), that it points to this execution,
 * node and wait (binding.ts), that the answer comes from the addressed recipient (as entered or
 * as Meta returned it: `wa_id` or BSUID) to the sending phone number.
 *
 * Never throws: n8n would resume the execution with the error. Anything that is not an answer
 * is refused with a status and no workflowData, so the execution keeps waiting.
 */

type Response = ReturnType<IWebhookFunctions['getResponseObject']>;

function refuse(res: Response, status: number, reason: string): IWebhookResponseData {
	if (!res.headersSent) res.status(status).json({ resumed: false, reason });
	return { noWebhookResponse: true };
}

function header(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}

/** Form (Web Page): GET shows the form, a POST of it resumes with the values. */
function formRequest(
	res: Response,
	req: ReturnType<IWebhookFunctions['getRequestObject']>,
	question: Question,
): IWebhookResponseData {
	if (req.method !== 'POST') {
		res.status(200).type('text/html').send(formPage(question));
		return { noWebhookResponse: true };
	}
	const answer = formAnswer(question, req.body);
	if ('missing' in answer) return refuse(res, 400, `"${answer.missing}" is required`);
	res.status(200).type('text/html').send(THANK_YOU_PAGE);
	return {
		noWebhookResponse: true,
		workflowData: [
			[
				{
					json: {
						approved: true,
						timedOut: false,
						responseType: 'customForm',
						form: answer.values,
						answeredBy: null,
						answeredAt: new Date().toISOString(),
					},
				},
			],
		],
	};
}

export async function sendAndWaitWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const res = this.getResponseObject();
	try {
		const req = this.getRequestObject();
		if (this.getNodeParameter('responseType', 'approval') === 'customForm') {
			const form = questionInput.parse(
				this.getNode(),
				readQuestion((name, fallback) => this.getNodeParameter(name, fallback)),
				0,
			);
			return formRequest(res, req, form);
		}
		if (req.method !== 'POST') {
			res
				.status(200)
				.type('text/plain')
				.send('This question is answered in WhatsApp, with the buttons of the message.');
			return { noWebhookResponse: true };
		}
		const credentials = await readCredentials(this);
		const appSecret = credentials.appSecret ?? '';
		const body = await readJsonBody(req);
		if (!body.ok) return refuse(res, body.status, body.reason);
		const check = verifySignature(appSecret, body.raw, req.headers[SIGNATURE_HEADER]);
		if (!check.valid) {
			this.logger.warn(`WhatsApp Cloud Send and Wait: refused an answer, ${signatureProblem(check.reason)}`);
			return refuse(res, 401, signatureProblem(check.reason));
		}
		let payload: unknown;
		try {
			payload = JSON.parse(body.raw.toString('utf8'));
		} catch {
			return refuse(res, 400, 'the body is not JSON');
		}
		// The wait's binding, kept on the waiting stack entry's item when the question was sent.
		const binding = readBinding(this.evaluateExpression(`{{ $input.first()?.${WAIT_KEY} }}`, 0));
		const target = { executionId: this.getExecutionId(), nodeId: this.getNode().id, binding };
		const found = findAnswer(payload, appSecret, target, header(req.headers[FREE_TEXT_REFERENCE_HEADER]));
		if (typeof found === 'string') {
			this.logger.info(`WhatsApp Cloud Send and Wait: execution ${target.executionId} keeps waiting, ${found}`);
			return refuse(res, 403, found);
		}
		// Here `$json` is no longer the question's input (with Limit Wait Time it is the "timed out"
		// item), so expressions such as To = {{ $json.body.approver }} cannot be evaluated again:
		// read only what the answer item needs (the response type and options), and take the
		// recipient from the wait's binding.
		const skip = new Set(['to', 'message', 'options']);
		const read = readQuestion((name, fallback) => (skip.has(name) ? fallback : this.getNodeParameter(name, fallback)));
		const question = questionInput.parse(
			this.getNode(),
			{ ...read, to: binding?.answerers[0] ?? '', message: 'answered' },
			0,
		);
		return {
			webhookResponse: { resumed: true },
			workflowData: [[{ json: answerJson(found, question) as IDataObject }]],
		};
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		this.logger.error(
			`WhatsApp Cloud Send and Wait: could not read an answer, the execution keeps waiting: ${message}`,
		);
		return refuse(res, 500, 'the answer could not be read; the n8n log says why');
	}
}
