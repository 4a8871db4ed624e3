/**
 * Template → Create with a Request Contact Info button (Meta, "Business-scoped user IDs" →
 * "Requesting phone numbers from users"): `{ type: "REQUEST_CONTACT_INFO" }` with no text, sent
 * contract-checked by the simulator, and refused before any request outside Utility and Marketing.
 */
import { describe, expect, it } from '@jest/globals';
import type { INodeParameters } from 'n8n-workflow';

import { WABA_ID } from '../../../../tools/simulator/fixtures';
import { errorMessage, outputJson, requestLines, useSimulator } from '../../../harness/simulator';

const { sim, run } = useSimulator();

const create = (extra: INodeParameters): INodeParameters => ({
	resource: 'template',
	operation: 'create',
	name: 'share_number',
	language: 'en_US',
	bodyText: 'Share your number so we can call you about your order.',
	...extra,
});

describe('Template → Create: Request Contact Info button', () => {
	it.each(['UTILITY', 'MARKETING'])('%s: the button goes to Meta as its bare type, contract-valid', async (category) => {
		const [created] = outputJson(
			await run(
				create({
					category,
					buttons: { button: [{ type: 'REQUEST_CONTACT_INFO', text: 'ignored' }, { type: 'QUICK_REPLY', text: 'Not now' }] },
				}),
			),
		);
		expect(created.id).toBeDefined();
		const requests = sim.requests();
		expect(requestLines(requests)).toEqual([`POST /${WABA_ID}/message_templates`]);
		expect(requests[0].contract).toMatchObject({ checked: true, valid: true });
		expect((requests[0].body as { components: unknown[] }).components).toEqual([
			{ type: 'BODY', text: 'Share your number so we can call you about your order.' },
			{ type: 'BUTTONS', buttons: [{ type: 'REQUEST_CONTACT_INFO' }, { type: 'QUICK_REPLY', text: 'Not now' }] },
		]);
	});

	it('an authentication template with the button is refused before any request', async () => {
		const components = [
			{ type: 'BODY', add_security_recommendation: true },
			{ type: 'BUTTONS', buttons: [{ type: 'REQUEST_CONTACT_INFO' }] },
		];
		const message = errorMessage(
			await run(create({ category: 'AUTHENTICATION', contentMode: 'json', componentsJson: JSON.stringify(components) })),
		);
		expect(message).toContain('Request Contact Info buttons are only allowed in Utility and Marketing templates');
		expect(sim.requests()).toHaveLength(0);
	});
});
