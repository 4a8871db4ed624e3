/**
 * Phone Number → Get / Update Conversational Components through n8n-core against the simulator:
 * the whole configuration sent to /conversational_automation (contract-checked), read back with
 * fields=conversational_automation, and Meta's limits refused before sending.
 */
import { describe, expect, it } from '@jest/globals';
import type { INodeParameters } from 'n8n-workflow';

import { APP_ID, PHONE_NUMBER_ID } from '../../../../tools/simulator/fixtures';
import { byId, errorMessage, outputJson, requestLines, useSimulator } from '../../../harness/simulator';

const { sim, run } = useSimulator({ credential: { appId: APP_ID } });

const params = (operation: string, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'phoneNumber',
	operation,
	phoneNumberId: byId(PHONE_NUMBER_ID),
	...extra,
});

describe('Phone Number → Conversational Components', () => {
	it('Update sends the whole configuration and Get reads it back', async () => {
		const [updated] = outputJson(
			await run(
				params('updateConversationalComponents', {
					enableWelcomeMessage: true,
					iceBreakers: { iceBreaker: [{ text: 'Where is my order?' }, { text: 'Opening hours' }] },
					commands: {
						command: [
							{ name: '/help', description: 'Get help with your order' },
							{ name: 'status', description: 'Check your order status' },
						],
					},
				}),
			),
		);
		const expected = {
			phoneNumberId: PHONE_NUMBER_ID,
			enableWelcomeMessage: true,
			iceBreakers: ['Where is my order?', 'Opening hours'],
			commands: [
				{ name: 'help', description: 'Get help with your order' },
				{ name: 'status', description: 'Check your order status' },
			],
		};
		expect(updated).toEqual({ ...expected, success: true });
		const [post] = sim.requests();
		expect(post.contract).toMatchObject({ checked: true, valid: true });
		expect(post.body).toEqual({
			enable_welcome_message: true,
			prompts: ['Where is my order?', 'Opening hours'],
			commands: [
				{ command_name: 'help', command_description: 'Get help with your order' },
				{ command_name: 'status', command_description: 'Check your order status' },
			],
		});

		const [read] = outputJson(await run(params('getConversationalComponents')));
		expect(read).toEqual(expected);
		const get = sim.requests()[1];
		expect(requestLines([get])).toEqual([`GET /${PHONE_NUMBER_ID}`]);
		expect(get.query.fields).toBe('conversational_automation');
	});

	it('Update with nothing listed removes the ice breakers and commands', async () => {
		outputJson(await run(params('updateConversationalComponents', {})));
		expect(sim.requests()[0].body).toEqual({ enable_welcome_message: false, prompts: [], commands: [] });
	});

	it('refuses a fifth ice breaker, a long one, a bad or repeated command name, before sending', async () => {
		const five = { iceBreaker: ['a', 'b', 'c', 'd', 'e'].map((text) => ({ text })) };
		expect(errorMessage(await run(params('updateConversationalComponents', { iceBreakers: five })))).toBe(
			'"Ice Breakers" has too many entries: 5; WhatsApp allows at most 4 (item 1)',
		);
		expect(
			errorMessage(
				await run(
					params('updateConversationalComponents', { iceBreakers: { iceBreaker: [{ text: 'x'.repeat(81) }] } }),
				),
			),
		).toBe('"Ice Breakers › Text" (entry 1) is too long: 81 characters; WhatsApp allows at most 80 (item 1)');
		expect(
			errorMessage(
				await run(
					params('updateConversationalComponents', {
						commands: { command: [{ name: 'order status', description: 'Where is it' }] },
					}),
				),
			),
		).toBe('"Commands › Name" (entry 1): may only have letters, digits and underscores, like order_status (item 1)');
		expect(
			errorMessage(
				await run(
					params('updateConversationalComponents', {
						commands: {
							command: [
								{ name: 'help', description: 'Help' },
								{ name: 'HELP', description: 'More help' },
							],
						},
					}),
				),
			),
		).toBe('"Commands › Name" (entry 2): "help" is already used by command 1; every one must be different (item 1)');
		expect(sim.requests()).toHaveLength(0);
	});
});
