import { PHONE_NUMBER_ID } from '../../../tools/simulator/fixtures';
import { flowCompletionPayload } from '../../../tools/simulator/flowEndpoint';
import { emitted, HarnessTrigger, signedJson } from '../../harness/triggerWebhook';

describe('a completed Flow (nfm_reply) in the WhatsApp Cloud Trigger', () => {
	const trigger = new HarnessTrigger();

	it('carries the flow_token and the parsed response_json, beside the fields it had', async () => {
		const payload = flowCompletionPayload(PHONE_NUMBER_ID, 'booking-42', { slot: '09:00', name: 'Ana' });
		const [item] = emitted(await trigger.deliver(signedJson(payload)));
		expect(item).toMatchObject({
			event: 'message',
			type: 'interactive',
			text: 'Sent',
			replyId: 'flow',
			flowToken: 'booking-42',
			flowResponse: { slot: '09:00', name: 'Ana', flow_token: 'booking-42' },
		});
	});

	it('says null when response_json is missing or not a JSON object', async () => {
		for (const responseJson of [undefined, 'not json', '[1,2]']) {
			const payload = flowCompletionPayload(PHONE_NUMBER_ID, 'x');
			const message = payload.entry[0].changes[0].value.messages[0] as unknown as { interactive: { nfm_reply: Record<string, unknown> } };
			const reply = message.interactive.nfm_reply;
			if (responseJson === undefined) delete reply.response_json;
			else reply.response_json = responseJson;
			const [item] = emitted(await trigger.deliver(signedJson(payload)));
			expect(item).toMatchObject({ flowToken: null, flowResponse: null });
		}
	});

	it('adds nothing to other interactive replies', async () => {
		const payload = flowCompletionPayload(PHONE_NUMBER_ID, 'x');
		const message: Record<string, unknown> = payload.entry[0].changes[0].value.messages[0];
		message.interactive = { type: 'button_reply', button_reply: { id: 'b1', title: 'Yes' } };
		const [item] = emitted(await trigger.deliver(signedJson(payload)));
		expect(item).not.toHaveProperty('flowToken');
		expect(item.text).toBe('Yes');
	});
});
