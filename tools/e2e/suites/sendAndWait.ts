/**
 * Message → Send and Wait for Response in a real n8n, the simulator playing Meta and the
 * customer. Workflow A: an active WhatsApp Cloud Trigger. Workflow B: Webhook → WhatsApp Cloud
 * (Send and Wait) → Set. The simulator records the question (contract-checked), then posts the
 * customer's signed answer to A's URL; A relays it to B's waiting URL and B resumes with the
 * answer item (approval here; ../suites/sendAndWaitKinds.ts the other response types). Taps from other contacts, forged webhooks, replays and second taps change nothing.
 */
import assert from 'node:assert/strict';

import { parseReference, waitingUrl } from '../../../nodes/shared/sendAndWait/reference';
import { buttonReply, CUSTOMER } from '../../simulator/customer';
import { APP_SECRET, CUSTOMER_WA_ID, PHONE_NUMBER_ID } from '../../simulator/fixtures';
import { signatureHeader } from '../../simulator/webhook-client';
import { defineSuite } from '../runner';
import { ask, deployQuestion, latest, OTHER, outputOf, setUpSendAndWait, stable, statusOf, tearDownSendAndWait, waitForStatus, WAIT_NODE, type State } from '../kit/sendAndWait';

export const sendAndWait = defineSuite<State>({
	name: 'send and wait',
	setup: (ctx) => setUpSendAndWait(ctx, 'WhatsApp (sim, send and wait)'),
	teardown: (_ctx, s) => tearDownSendAndWait(s),
	cases: [
		{
			name: 'approval: the question goes out as reply buttons carrying signed references',
			async run(ctx, s) {
				const wf = await deployQuestion(s, 'e2e send and wait: B (approval)', {
					message: 'Refund order 42 (19.90 EUR)?',
					responseType: 'approval',
					approvalOptions: { values: { approvalType: 'double', approveLabel: 'Refund', disapproveLabel: 'Keep' } },
				});
				const { sent, executionId } = await ask(s, wf);
				s.approval = { wf, sent, executionId };
				const buttons = sent.body.interactive.action.buttons;
				assert.deepEqual(
					{
						...sent.body,
						interactive: { ...sent.body.interactive, action: { buttons: buttons.map((b: { reply: { title: string } }) => b.reply.title) } },
					},
					{
						messaging_product: 'whatsapp',
						recipient_type: 'individual',
						to: '15550009999',
						type: 'interactive',
						interactive: {
							type: 'button',
							body: { text: 'Refund order 42 (19.90 EUR)?' },
							action: { buttons: ['Refund', 'Keep'] },
						},
					},
				);
				const waits = new Set<string>();
				for (const [i, b] of buttons.entries()) {
					const ref = parseReference(b.reply.id, APP_SECRET);
					assert.ok(ref, `button ${i} id is not a reference signed with the App Secret: ${b.reply.id}`);
					assert.deepEqual(
						{ e: ref.executionId, pn: ref.phoneNumberId, o: ref.option },
						{ e: executionId, pn: PHONE_NUMBER_ID, o: i },
					);
					waits.add(ref.wait);
					ctx.log(`button ${i} id: ${b.reply.id.length} chars`);
				}
				assert.equal(waits.size, 1, 'the buttons of one question share one wait ID');
			},
		},
		{
			name: 'approval: a tap from another contact, a forged webhook and a forged resume request do not resume',
			async run(ctx, s) {
				const a = s.approval!;
				const other = await s.sim.postWebhook(s.triggerUrl, buttonReply(a.sent, 0, OTHER));
				assert.equal(other.status, 200, other.body);
				assert.equal(await statusOf(s, a.executionId), 'waiting');
				const forged = await s.sim.postWebhook(s.triggerUrl, buttonReply(a.sent, 0), { sign: 'forged' });
				assert.equal(forged.status, 401, forged.body);
				assert.equal(await statusOf(s, a.executionId), 'waiting');
				// Straight to the waiting URL with n8n's valid URL signature but Meta's signature forged.
				const ref = parseReference(a.sent.body.interactive.action.buttons[0].reply.id, APP_SECRET)!;
				const url = waitingUrl(ref, s.n8n.url)!;
				const raw = JSON.stringify(buttonReply(a.sent, 0));
				const direct = await fetch(url, {
					method: 'POST',
					headers: {
						'content-type': 'application/json',
						'x-hub-signature-256': signatureHeader('not-the-secret', raw),
					},
					body: raw,
				});
				const directText = await direct.text();
				assert.equal(direct.status, 401, directText);
				assert.equal(await statusOf(s, a.executionId), 'waiting');
				ctx.log(
					`other contact → trigger 200, B waiting; forged → 401; forged resume request → ${direct.status} ${directText}`,
				);
			},
		},
		{
			name: 'approval: the customer taps Refund → B resumes with approved: true and the answerer',
			async run(ctx, s) {
				const a = s.approval!;
				const delivery = buttonReply(a.sent, 0);
				const raw = JSON.stringify(delivery);
				a.relayed = { body: raw, signature: signatureHeader(APP_SECRET, raw) };
				const res = await s.sim.postWebhook(s.triggerUrl, delivery, { rawBody: raw });
				assert.equal(res.status, 200, res.body);
				const done = await waitForStatus(s, a.wf, (e) => e.status === 'success', 'finished');
				const item = outputOf(done, WAIT_NODE);
				ctx.note(`send and wait approval output: ${JSON.stringify(item)}`);
				assert.equal(item.length, 1);
				assert.deepEqual(stable(item[0]), {
					approved: true,
					option: { index: 0, value: 'approve', title: 'Refund' },
					timedOut: false,
					responseType: 'approval',
					answeredBy: { waId: CUSTOMER_WA_ID, name: CUSTOMER.name },
					message: { type: 'interactive', from: CUSTOMER_WA_ID },
				});
				assert.deepEqual(
					outputOf(done, 'After').map((j) => j.continued),
					['yes'],
				);
			},
		},
		{
			name: 'approval: a second tap and a replayed resume request change nothing',
			async run(ctx, s) {
				const a = s.approval!;
				const before = await latest(a.wf, s.n8n);
				const again = await s.sim.postWebhook(s.triggerUrl, buttonReply(a.sent, 1));
				assert.equal(again.status, 200, again.body);
				const ref = parseReference(a.sent.body.interactive.action.buttons[0].reply.id, APP_SECRET)!;
				const replay = await fetch(waitingUrl(ref, s.n8n.url)!, {
					method: 'POST',
					headers: { 'content-type': 'application/json', 'x-hub-signature-256': a.relayed!.signature },
					body: a.relayed!.body,
				});
				await replay.text();
				const after = await latest(a.wf, s.n8n);
				assert.deepEqual(
					after.map((e) => [e.id, e.status]),
					before.map((e) => [e.id, e.status]),
				);
				assert.deepEqual(
					outputOf(after[after.length - 1], WAIT_NODE).map((j) => j.option?.value),
					['approve'],
				);
				ctx.log(
					`second tap → trigger ${again.status}; replayed resume request → ${replay.status}; executions unchanged`,
				);
			},
		},
	],
});
