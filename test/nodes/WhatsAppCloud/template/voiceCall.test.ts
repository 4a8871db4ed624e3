/**
 * Template → Create with a voice-call button (Meta's Calling API, "Create and send call button
 * templates": `{ type: "VOICE_CALL", text }`), sent contract-checked by the simulator.
 */
import { describe, expect, it } from '@jest/globals';

import { WABA_ID } from '../../../../tools/simulator/fixtures';
import { outputJson, requestLines, useSimulator } from '../../../harness/simulator';

const { sim, run } = useSimulator();

describe('Template → Create: Voice Call button', () => {
	it('the button goes to Meta with its label, beside a quick reply', async () => {
		const [created] = outputJson(
			await run({
				resource: 'template',
				operation: 'create',
				name: 'call_us',
				language: 'en_US',
				category: 'MARKETING',
				bodyText: 'Questions about your order? Call us on WhatsApp.',
				buttons: { button: [{ type: 'VOICE_CALL', text: 'Call now' }, { type: 'QUICK_REPLY', text: 'Not now' }] },
			}),
		);
		expect(created.id).toBeDefined();
		const requests = sim.requests();
		expect(requestLines(requests)).toEqual([`POST /${WABA_ID}/message_templates`]);
		expect(requests[0].contract).toMatchObject({ checked: true, valid: true });
		expect((requests[0].body as { components: unknown[] }).components).toEqual([
			{ type: 'BODY', text: 'Questions about your order? Call us on WhatsApp.' },
			{ type: 'BUTTONS', buttons: [{ type: 'VOICE_CALL', text: 'Call now' }, { type: 'QUICK_REPLY', text: 'Not now' }] },
		]);
	});
});
