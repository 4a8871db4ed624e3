/**
 * Template → Create From Library, Archive, Unarchive and Delete Many through n8n-core against the
 * simulator: requests shaped as Meta's pages say ("Template library", "Template archival",
 * bulk delete by `hsm_ids`), contract-checked; inputs refused before any request name their field.
 */
import { describe, expect, it } from '@jest/globals';
import type { INodeParameters } from 'n8n-workflow';

import { WABA_ID } from '../../../../tools/simulator/fixtures';
import { errorMessage, outputJson, requestLines, useSimulator } from '../../../harness/simulator';

const { sim, run } = useSimulator();

const library = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'template',
	operation: 'createFromLibrary',
	name: 'my_delivery_update',
	libraryTemplateName: 'delivery_update_1',
	category: 'UTILITY',
	language: 'en_US',
	buttonInputs: { button: [{ type: 'URL', baseUrl: 'https://www.example.com/track/{{1}}', urlSuffixExample: 'https://www.example.com/track/A-1' }] },
	...extra,
});

const ids = (operation: string, templateIds: string): INodeParameters => ({ resource: 'template', operation, templateIds });
const statusOf = (id: string) => sim.state.templates.find((t) => t.id === id)?.status;

describe('Template → Create From Library', () => {
	it('creates a library template with its URL button input, approved at once', async () => {
		const [created] = outputJson(await run(library()));
		expect(created).toMatchObject({ status: 'APPROVED', category: 'UTILITY', name: 'my_delivery_update', libraryTemplateName: 'delivery_update_1' });
		const requests = sim.requests();
		expect(requestLines(requests)).toEqual([`POST /${WABA_ID}/message_templates`]);
		expect(requests[0].contract).toMatchObject({ checked: true, valid: true });
		expect(requests[0].body).toEqual({
			name: 'my_delivery_update',
			category: 'UTILITY',
			language: 'en_US',
			library_template_name: 'delivery_update_1',
			library_template_button_inputs: [
				{ type: 'URL', url: { base_url: 'https://www.example.com/track/{{1}}', url_suffix_example: 'https://www.example.com/track/A-1' } },
			],
		});
	});

	it('an authentication library template with a one-tap input and body options', async () => {
		const button = { type: 'OTP', otpType: 'ONE_TAP', packageName: 'com.example.shop', signatureHash: 'K8a/AINcGX7' };
		outputJson(
			await run(
				library({
					name: 'library_login',
					libraryTemplateName: 'verification_code_1',
					category: 'AUTHENTICATION',
					buttonInputs: { button: [button] },
					bodyInputs: { addSecurityRecommendation: true, codeExpirationMinutes: 15 },
				}),
			),
		);
		const [request] = sim.requests();
		expect(request.contract).toMatchObject({ checked: true, valid: true });
		expect(request.body).toMatchObject({
			library_template_button_inputs: [
				{ type: 'OTP', otp_type: 'ONE_TAP', supported_apps: [{ package_name: 'com.example.shop', signature_hash: 'K8a/AINcGX7' }] },
			],
			library_template_body_inputs: { add_security_recommendation: true, code_expiration_minutes: 15 },
		});
		expect(sim.state.templates.find((t) => t.name === 'library_login')).toMatchObject({ status: 'APPROVED', category: 'AUTHENTICATION' });
	});

	it.each([
		[{ buttonInputs: { button: [{ type: 'URL', baseUrl: 'http://example.com' }] } }, '"Button Inputs › Base URL" (entry 1): must be a full URL starting with https://'],
		[{ buttonInputs: { button: [{ type: 'URL', baseUrl: 'https://example.com/{{1}}' }] } }, '"Button Inputs › URL Suffix Example" (entry 1): is empty'],
		[{ libraryTemplateName: 'Delivery Update' }, '"Library Template Name"'],
	])('refuses %j before any request', async (extra, message) => {
		expect(errorMessage(await run(library(extra as INodeParameters)))).toContain(message);
		expect(sim.requests()).toHaveLength(0);
	});

	it("Meta's answer for a name that is not in the library reaches the user", async () => {
		expect(errorMessage(await run(library({ libraryTemplateName: 'no_such_template' })))).toBeTruthy();
		expect(sim.requests()).toHaveLength(1);
	});
});

describe('Template → Archive, Unarchive, Delete Many', () => {
	it('archives approved templates (a pending one fails with its reason) and unarchives them to their status', async () => {
		const [archived] = outputJson(await run(ids('archive', '400000000000001, 400000000000004')));
		expect(archived).toMatchObject({
			archived_templates: ['400000000000001'],
			failures: [{ templateId: '400000000000004', reason: 'Only approved or rejected templates can be archived' }],
			archived: 1,
			failed: 1,
		});
		expect(statusOf('400000000000001')).toBe('ARCHIVED');
		const [request] = sim.requests();
		expect(request.body).toEqual({ hsm_ids: ['400000000000001', '400000000000004'] });
		expect(request.contract).toMatchObject({ checked: true, valid: true });

		const [unarchived] = outputJson(await run(ids('unarchive', '400000000000001')));
		expect(unarchived).toMatchObject({ unarchived_templates: ['400000000000001'], unarchived: 1, failed: 0 });
		expect(statusOf('400000000000001')).toBe('APPROVED');
		const last = sim.requests().at(-1)!;
		expect(last.path).toBe(`/v23.0/${WABA_ID}/message_templates/unarchive`);
		expect(last.contract).toMatchObject({ checked: true, valid: true });
	});

	it('deletes many templates by ID in one request (hsm_ids)', async () => {
		const [result] = outputJson(await run(ids('deleteMany', '400000000000005\n400000000000006')));
		expect(result).toMatchObject({ success: true, deleted: true, templateIds: ['400000000000005', '400000000000006'] });
		const [request] = sim.requests();
		expect(`${request.method} ${request.path}`).toBe(`DELETE /v23.0/${WABA_ID}/message_templates`);
		expect(JSON.parse(request.query.hsm_ids)).toEqual(['400000000000005', '400000000000006']);
		expect(statusOf('400000000000005')).toBeUndefined();
		expect(statusOf('400000000000006')).toBeUndefined();
	});

	it.each([
		[' , ', '"Template IDs" needs at least 1 entry'],
		['12, abc', '"Template IDs" (entry 2): must be numeric template IDs'],
		['12, 12', '"Template IDs": lists an ID twice'],
		[Array.from({ length: 101 }, (_, i) => String(1000 + i)).join(','), '"Template IDs" has too many entries; WhatsApp allows at most 100'],
	])('refuses Template IDs %j before any request', async (templateIds, message) => {
		for (const operation of ['archive', 'unarchive', 'deleteMany']) {
			expect(errorMessage(await run(ids(operation, templateIds)))).toContain(message);
		}
		expect(sim.requests()).toHaveLength(0);
	});
});
