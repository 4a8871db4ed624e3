/**
 * Template → Update in-process through n8n-core against the simulator: the template is read
 * first (Meta edits only approved, rejected and paused templates and never an approved one's
 * category), the new content is checked like Create's, and POST /{TEMPLATE_ID} is contract-valid.
 */
import { describe, expect, it } from '@jest/globals';
import type { INodeParameters } from 'n8n-workflow';

import { APP_ID, TOKENS, WABA_ID } from '../../../../tools/simulator/fixtures';
import { requestPaths, useSimulator } from '../../../harness/simulator';

const { sim, run } = useSimulator({ credential: { appId: APP_ID } });

const ORDER_UPDATE_EN = '400000000000002'; // APPROVED UTILITY
const ORDER_CANCELLED = '400000000000004'; // PENDING

const update = async (parameters: INodeParameters) => await run({ resource: 'template', operation: 'update', ...parameters });
const calls = () => requestPaths(sim.requests());

describe('Template → Update', () => {
	it('replaces the components of an approved template (fields), read first by ID', async () => {
		const result = await update({
			templateId: { __rl: true, mode: 'id', value: ORDER_UPDATE_EN },
			contentMode: 'fields',
			bodyText: 'Hi {{1}}, order {{2}} is on its way.',
			bodyExamples: {
				example: [
					{ variable: '1', value: 'Ann' },
					{ variable: '2', value: 'A-7' },
				],
			},
			footerText: 'Sim Shop',
		});
		expect(result.error).toBeUndefined();
		expect(calls()).toEqual([`GET /${ORDER_UPDATE_EN}`, `POST /${ORDER_UPDATE_EN}`]);
		const post = sim.requests()[1];
		expect(post.contract).toEqual({ checked: true, valid: true, errors: [], schema: 'EditTemplateRequest' });
		expect(post.body).toEqual({
			components: [
				{ type: 'BODY', text: 'Hi {{1}}, order {{2}} is on its way.', example: { body_text: [['Ann', 'A-7']] } },
				{ type: 'FOOTER', text: 'Sim Shop' },
			],
		});
		expect(result.items[0][0].json).toEqual({
			success: true,
			templateId: ORDER_UPDATE_EN,
			name: 'order_update',
			language: 'en_US',
			category: 'UTILITY',
			updated: ['components'],
		});
		expect(sim.state.templates.find((t) => t.id === ORDER_UPDATE_EN)?.status).toBe('PENDING');
	});

	it('changes the category of a rejected template picked by name, keeping its content', async () => {
		const result = await update({
			templateId: { __rl: true, mode: 'name', value: 'spam_offer' },
			category: 'UTILITY',
			contentMode: 'keep',
		});
		expect(result.error).toBeUndefined();
		expect(calls()).toEqual([`GET /${WABA_ID}/message_templates`, 'POST /400000000000006']);
		expect(sim.requests()[1].body).toEqual({ category: 'UTILITY' });
		expect(result.items[0][0].json).toMatchObject({ category: 'UTILITY', updated: ['category'] });
	});

	it('refuses a pending template after reading it, sending no edit', async () => {
		const result = await update({
			templateId: { __rl: true, mode: 'id', value: ORDER_CANCELLED },
			category: 'MARKETING',
			contentMode: 'keep',
		});
		expect(result.error?.message).toBe(
			'The template "order_cancelled" (en_US) is PENDING: Meta edits only approved, rejected and paused templates (item 1)',
		);
		expect(calls()).toEqual([`GET /${ORDER_CANCELLED}`]);
	});

	it("refuses to change an approved template's category", async () => {
		const result = await update({
			templateId: { __rl: true, mode: 'id', value: ORDER_UPDATE_EN },
			category: 'MARKETING',
			contentMode: 'keep',
		});
		expect(result.error?.message).toBe(
			'The template "order_update" (en_US) is approved: Meta does not change the category of an approved template (UTILITY → MARKETING) (item 1)',
		);
		expect(calls()).toEqual([`GET /${ORDER_UPDATE_EN}`]);
	});

	it('refuses an update that changes nothing, before any request', async () => {
		const result = await update({
			templateId: { __rl: true, mode: 'id', value: ORDER_UPDATE_EN },
			category: 'keep',
			contentMode: 'keep',
		});
		expect(result.error?.message).toBe(
			'Nothing to update: "New Category" and "New Content" both keep the current ones (item 1)',
		);
		expect(sim.requests()).toEqual([]);
	});

	it('checks the new content like Create: a variable without an example is named', async () => {
		const result = await update({
			templateId: { __rl: true, mode: 'id', value: ORDER_UPDATE_EN },
			contentMode: 'json',
			componentsJson: JSON.stringify([{ type: 'BODY', text: 'Hi {{1}}, welcome.' }]),
		});
		expect(result.error?.message).toBe(
			'"Components (JSON)": Body: the body has 1 variable ({{1}}…{{1}}) but 0 example values; give one example per variable, in order (item 1)',
		);
		expect(calls()).toEqual([`GET /${ORDER_UPDATE_EN}`]);
	});

	it('the simulator, like Meta, refuses a category change of an approved template', async () => {
		const res = await fetch(`${sim.url}/v23.0/${ORDER_UPDATE_EN}`, {
			method: 'POST',
			headers: { authorization: `Bearer ${TOKENS.valid}`, 'content-type': 'application/json' },
			body: JSON.stringify({ category: 'MARKETING' }),
		});
		expect(res.status).toBe(400);
		expect(((await res.json()) as { error: { error_user_msg: string } }).error.error_user_msg).toBe(
			"The category of an approved template can't be edited.",
		);
	});
});
