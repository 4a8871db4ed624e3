/**
 * Send and Wait's other response types in a real n8n (approval is in sendAndWait.ts): a list
 * choice, free text after the status registers the question, a quick-reply template, n8n's form
 * behind a CTA button, and Limit Wait Time running out.
 */
import assert from 'node:assert/strict';

import { parseReference } from '../../../nodes/shared/sendAndWait/reference';
import { buttonReply, CUSTOMER, listReply, quickReply, statusUpdate, textReply } from '../../simulator/customer';
import { APP_SECRET, CUSTOMER_WA_ID, PHONE_NUMBER_ID } from '../../simulator/fixtures';
import { defineSuite } from '../runner';
import { ask, deployQuestion, latest, OTHER, outputOf, setUpSendAndWait, stable, statusOf, tearDownSendAndWait, triggerMessageIds, waitForStatus, WAIT_NODE, type State } from '../kit/sendAndWait';

/** A template component as the node sent it (buttons carry the Send and Wait reference). */
interface TemplateComponent {
	type: string;
	sub_type?: string;
	index?: string;
	parameters: Array<{ payload: string }>;
}

export const sendAndWaitKinds = defineSuite<State>({
	name: 'send and wait',
	setup: (ctx) => setUpSendAndWait(ctx, 'WhatsApp (sim, send and wait)'),
	teardown: (_ctx, s) => tearDownSendAndWait(s),
	cases: [
		{
			name: 'choice: the customer picks a list row → B resumes with the option',
			async run(ctx, s) {
				const wf = await deployQuestion(s, 'e2e send and wait: B (choice)', {
					message: 'When should we deliver?',
					responseType: 'choice',
					listButtonText: 'Pick a slot',
					choices: {
						choice: [
							{ title: 'Morning', value: 'am', description: '8-12' },
							{ title: 'Afternoon', value: 'pm' },
						],
					},
				});
				const { sent } = await ask(s, wf);
				assert.equal(sent.body.interactive.type, 'list');
				assert.deepEqual(
					sent.body.interactive.action.sections[0].rows.map((r: { title: string; description?: string }) => [r.title, r.description ?? null]),
					[
						['Morning', '8-12'],
						['Afternoon', null],
					],
				);
				const res = await s.sim.postWebhook(s.triggerUrl, listReply(sent, 1));
				assert.equal(res.status, 200, res.body);
				const done = await waitForStatus(s, wf, (e) => e.status === 'success', 'finished');
				const item = outputOf(done, WAIT_NODE);
				ctx.note(`send and wait choice output: ${JSON.stringify(item)}`);
				assert.deepEqual(stable(item[0]), {
					approved: true,
					option: { index: 1, value: 'pm', title: 'Afternoon' },
					timedOut: false,
					responseType: 'choice',
					answeredBy: { waId: CUSTOMER_WA_ID, name: CUSTOMER.name },
					message: { type: 'interactive', from: CUSTOMER_WA_ID },
				});
			},
		},
		{
			name: "free text: after the status registers the question, the contact's next text resumes B",
			async run(ctx, s) {
				const wf = await deployQuestion(s, 'e2e send and wait: B (free text)', {
					message: 'What should we write on the card?',
					responseType: 'freeText',
				});
				const { sent, executionId } = await ask(s, wf);
				const ref = parseReference(sent.body.biz_opaque_callback_data, APP_SECRET);
				assert.ok(ref, `no signed reference in biz_opaque_callback_data: ${JSON.stringify(sent.body)}`);
				assert.deepEqual(
					{ ...sent.body, biz_opaque_callback_data: '…' },
					{
						messaging_product: 'whatsapp',
						recipient_type: 'individual',
						to: '15550009999',
						type: 'text',
						text: { body: 'What should we write on the card?' },
						biz_opaque_callback_data: '…',
					},
				);
				// Before Meta's status reached the trigger, a text is an ordinary message.
				const early = textReply(PHONE_NUMBER_ID, 'hello?');
				assert.equal((await s.sim.postWebhook(s.triggerUrl, early)).status, 200);
				assert.equal(await statusOf(s, executionId), 'waiting');
				assert.equal((await s.sim.postWebhook(s.triggerUrl, statusUpdate(sent, 'sent'))).status, 200);
				const a = await s.n8n.api<{ staticData?: unknown }>('GET', `/workflows/${s.triggerWorkflowId}`);
				ctx.log(`A's static data after the status: ${JSON.stringify(a.staticData)}`);
				assert.equal((await s.sim.postWebhook(s.triggerUrl, textReply(PHONE_NUMBER_ID, 'not me', OTHER))).status, 200);
				assert.equal(await statusOf(s, executionId), 'waiting');
				const answer = textReply(PHONE_NUMBER_ID, 'Happy birthday, Ann!');
				assert.equal((await s.sim.postWebhook(s.triggerUrl, answer)).status, 200);
				const done = await waitForStatus(s, wf, (e) => e.status === 'success', 'finished', 20_000).catch((e) => {
					ctx.log(
						s.n8n
							.logs()
							.split('\n')
							.filter((l) => /Send and Wait|WhatsApp Cloud/.test(l))
							.slice(-20)
							.join('\n'),
					);
					throw e;
				});
				const item = outputOf(done, WAIT_NODE);
				ctx.note(`send and wait free text output: ${JSON.stringify(item)}`);
				assert.deepEqual(stable(item[0]), {
					approved: true,
					text: 'Happy birthday, Ann!',
					timedOut: false,
					responseType: 'freeText',
					answeredBy: { waId: CUSTOMER_WA_ID, name: CUSTOMER.name },
					message: { type: 'text', from: CUSTOMER_WA_ID },
				});
				// Trigger A emitted the early text but not the answer (Include Send and Wait Answers is off).
				const emitted = await triggerMessageIds(s);
				const earlyId = early.entry[0].changes[0].value.messages[0].id;
				const answerId = answer.entry[0].changes[0].value.messages[0].id;
				assert.deepEqual([emitted.includes(earlyId), emitted.includes(answerId)], [true, false]);
				// A second text is an ordinary message again.
				const later = textReply(PHONE_NUMBER_ID, 'thanks');
				assert.equal((await s.sim.postWebhook(s.triggerUrl, later)).status, 200);
				assert.equal((await latest(wf, s.n8n)).length, 1);
			},
		},
		{
			name: 'template: a quick-reply tap on an approved template question resumes B',
			async run(ctx, s) {
				const wf = await deployQuestion(s, 'e2e send and wait: B (template)', {
					responseType: 'approval',
					questionFormat: 'template',
					templateName: 'promo_video',
					templateLanguage: 'en_US',
					templateComponents: JSON.stringify([
						{ type: 'header', parameters: [{ type: 'video', video: { link: 'https://example.com/new.mp4' } }] },
					]),
				});
				const { sent } = await ask(s, wf);
				const payloads = sent.body.template.components
					.filter((c: TemplateComponent) => c.type === 'button')
					.map((c: TemplateComponent) => parseReference(c.parameters[0].payload, APP_SECRET)?.option);
				assert.deepEqual(
					{
						name: sent.body.template.name,
						language: sent.body.template.language,
						kinds: sent.body.template.components.map(
							(c: TemplateComponent) => `${c.type}${c.sub_type ? `:${c.sub_type}:${c.index}` : ''}`,
						),
						payloads,
					},
					{
						name: 'promo_video',
						language: { code: 'en_US' },
						kinds: ['header', 'button:quick_reply:0', 'button:quick_reply:1'],
						payloads: [0, 1],
					},
				);
				const res = await s.sim.postWebhook(s.triggerUrl, quickReply(sent, 1, 'Stop promotions'));
				assert.equal(res.status, 200, res.body);
				const done = await waitForStatus(s, wf, (e) => e.status === 'success', 'finished');
				const item = outputOf(done, WAIT_NODE);
				ctx.note(`send and wait template output: ${JSON.stringify(item)}`);
				assert.deepEqual(stable(item[0]), {
					approved: false,
					option: { index: 1, value: 'decline', title: 'Stop promotions' },
					timedOut: false,
					responseType: 'approval',
					answeredBy: { waId: CUSTOMER_WA_ID, name: CUSTOMER.name },
					message: { type: 'button', from: CUSTOMER_WA_ID },
				});
			},
		},
		{
			name: "form: the CTA button opens n8n's waiting page; its submission resumes B with the fields",
			async run(ctx, s) {
				const wf = await deployQuestion(s, 'e2e send and wait: B (form)', {
					message: 'Tell us where to deliver',
					responseType: 'customForm',
					messageButtonLabel: 'Open form',
					formFields: {
						values: [
							{ fieldLabel: 'Street', fieldType: 'text', requiredField: true },
							{ fieldLabel: 'Floor', fieldType: 'number' },
						],
					},
				});
				const { sent } = await ask(s, wf);
				const action = sent.body.interactive.action;
				assert.deepEqual(
					{
						type: sent.body.interactive.type,
						body: sent.body.interactive.body,
						name: action.name,
						text: action.parameters.display_text,
					},
					{ type: 'cta_url', body: { text: 'Tell us where to deliver' }, name: 'cta_url', text: 'Open form' },
				);
				const url: string = action.parameters.url;
				assert.match(url, /\/webhook-waiting\/\d+\/[0-9a-f-]+\?signature=[0-9a-f]{64}$/);
				const page = await fetch(url);
				const html = await page.text();
				assert.equal(page.status, 200);
				assert.ok(
					html.includes('<label for="field-0">Street *</label>') && html.includes('name="field-1" type="number"'),
					html,
				);
				const post = (fields: Record<string, string>, target = url) => {
					const form = new FormData();
					for (const [k, v] of Object.entries(fields)) form.append(k, v);
					return fetch(target, { method: 'POST', body: form });
				};

				const empty = await post({ 'field-1': '3' });
				assert.deepEqual([empty.status, await empty.json()], [400, { resumed: false, reason: '"Street" is required' }]);
				const forged = await post({ 'field-0': 'Evil' }, url.replace(/signature=[0-9a-f]{8}/, 'signature=00000000'));
				await forged.text();
				assert.equal(forged.status, 401);
				const ok = await post({ 'field-0': 'Main St 1', 'field-1': '3' });
				assert.equal(ok.status, 200, await ok.text());
				const done = await waitForStatus(s, wf, (e) => e.status === 'success', 'finished');
				const item = outputOf(done, WAIT_NODE);
				ctx.note(`send and wait form output: ${JSON.stringify(item)}`);
				const { answeredAt, ...rest } = item[0];
				assert.match(String(answeredAt), /^\d{4}-/);
				assert.deepEqual(rest, {
					approved: true,
					timedOut: false,
					responseType: 'customForm',
					form: { Street: 'Main St 1', Floor: 3 },
					answeredBy: null,
				});
				const again = await post({ 'field-0': 'Other St 2' });
				await again.text();
				assert.deepEqual(
					(await latest(wf, s.n8n)).map((e) => e.status),
					['success'],
				);
				ctx.log(`form resubmitted after the answer → ${again.status}, nothing changed`);
			},
		},
		{
			name: 'timeout: Limit Wait Time runs out → B resumes with timedOut: true',
			timeoutMs: 180_000,
			async run(ctx, s) {
				const wf = await deployQuestion(s, 'e2e send and wait: B (timeout)', {
					message: 'Still there?',
					responseType: 'approval',
					options: {
						limitWaitTime: { values: { limitType: 'afterTimeInterval', resumeAmount: 0.05, resumeUnit: 'minutes' } },
					},
				});
				const { sent } = await ask(s, wf);
				const done = await waitForStatus(s, wf, (e) => e.status === 'success', 'finished', 150_000);
				const item = outputOf(done, WAIT_NODE);
				ctx.note(`send and wait timeout output: ${JSON.stringify(item)}`);
				assert.equal(item.length, 1);
				const { waitedUntil, ...rest } = item[0];
				assert.match(String(waitedUntil), /^\d{4}-\d\d-\d\dT/);
				assert.deepEqual(rest, {
					timedOut: true,
					approved: false,
					responseType: 'approval',
					answer: null,
					question: { messageId: sent.id, to: CUSTOMER_WA_ID, waId: CUSTOMER_WA_ID },
				});
				// A tap after the timeout changes nothing.
				const before = await latest(wf, s.n8n);
				const late = await s.sim.postWebhook(s.triggerUrl, buttonReply(sent, 0));
				assert.equal(late.status, 200, late.body);
				assert.deepEqual(
					(await latest(wf, s.n8n)).map((e) => [e.id, e.status]),
					before.map((e) => [e.id, e.status]),
				);
			},
		},
	],
});
