/**
 * Account operations in a real n8n against the Graph API simulator: every operation of the
 * Phone Number, Business Account, Contact, Template and Business Profile resources is run by a
 * workflow, every request it sends is checked against Meta's contract, and the "setup a new
 * number" workflow (register → set PIN → subscribe WABA → get quality) runs through the CLI.
 *
 * Most cases deploy a Webhook → WhatsApp Cloud … workflow and call it (the node's items come
 * back as the response); the setup workflow is a Manual Trigger workflow run with `n8n execute`.
 * The suite changes the shared simulator's state, so it resets it at the end.
 */
import assert from 'node:assert/strict';

import {
	APP_ID,
	GRAPH_VERSION,
	PHONE_NUMBER_ID,
	SECOND_PHONE_NUMBER_ID,
	SIM_VERIFICATION_CODE,
	TOKENS,
	VERIFY_TOKEN,
	WABA_ID,
} from '../../simulator/fixtures';
import { byId } from '../cases';
import { manualTrigger } from '../kit/workflows';
import { defineSuite } from '../runner';
import { simulatorCredentialData, createCredential } from '../kit/credential';
import { nodeError, nodeOutput, runWorkflowViaCli } from '../kit/cli';
import { assertContractValid, checked, runChain, waNode, type State } from '../themes/accountRuns';

export const account = defineSuite<State>({
	name: 'account',
	async setup(ctx) {
		const [n8n, sim] = await Promise.all([ctx.n8n(), ctx.simulator()]);
		const cred = await createCredential(n8n, 'WhatsApp (sim, account)', simulatorCredentialData(sim.url, TOKENS.valid));
		return { n8n, sim, cred };
	},
	async teardown(_ctx, s) {
		s.sim.reset();
	},
	cases: [
		{
			name: 'phone number: get (quality, limit tier, status, fields asked explicitly)',
			async run(ctx, s) {
				const { items, requests } = await runChain(s, [waNode(s, 'Get Number', { resource: 'phoneNumber', operation: 'get', phoneNumberId: byId(PHONE_NUMBER_ID) })]);
				assertContractValid(requests, [`GET /${PHONE_NUMBER_ID}`]);
				const fields = String(requests[0].query?.fields).split(',');
				for (const f of ['quality_rating', 'messaging_limit_tier', 'throughput', 'code_verification_status', 'name_status', 'status', 'platform_type']) {
					assert.ok(fields.includes(f), `fields=${fields}`);
				}
				assert.equal(items[0].quality_rating, 'GREEN');
				assert.equal(items[0].messaging_limit_tier, 'TIER_1K');
				ctx.log(JSON.stringify(items[0]));
			},
		},
		{
			name: 'phone number: get many (limit 1, then return all)',
			async run(_ctx, s) {
				const limited = await runChain(s, [waNode(s, 'List Numbers', { resource: 'phoneNumber', operation: 'getAll', limit: 1 })]);
				assertContractValid(limited.requests, [`GET /${WABA_ID}/phone_numbers`]);
				assert.equal(limited.requests[0].query?.limit, '1');
				assert.deepEqual(limited.items.map((i) => i.id), [PHONE_NUMBER_ID]);
				const all = await runChain(s, [waNode(s, 'List Numbers', { resource: 'phoneNumber', operation: 'getAll', returnAll: true })]);
				assert.deepEqual(all.items.map((i) => i.id), [PHONE_NUMBER_ID, SECOND_PHONE_NUMBER_ID]);
				assert.ok(all.items.every((i) => typeof i.quality_rating === 'string'));
			},
		},
		{
			name: 'phone number: request verification code → verify code',
			async run(_ctx, s) {
				const { items, requests } = await runChain(s, [
					waNode(s, 'Request Code', { resource: 'phoneNumber', operation: 'requestCode', phoneNumberId: byId(SECOND_PHONE_NUMBER_ID), codeMethod: 'SMS', language: 'en_US' }),
					waNode(s, 'Verify Code', {
						resource: 'phoneNumber',
						operation: 'verifyCode',
						phoneNumberId: byId(SECOND_PHONE_NUMBER_ID),
						code: '={{ $("Webhook").item.json.body.code }}',
					}),
				], { code: `${SIM_VERIFICATION_CODE.slice(0, 3)} ${SIM_VERIFICATION_CODE.slice(3)}` });
				assertContractValid(requests, [`POST /${SECOND_PHONE_NUMBER_ID}/request_code`, `POST /${SECOND_PHONE_NUMBER_ID}/verify_code`]);
				assert.equal(checked(requests), 2);
				assert.deepEqual(requests.map((r) => r.body), [{ code_method: 'SMS', language: 'en_US' }, { code: SIM_VERIFICATION_CODE }]);
				assert.deepEqual(items[0], { success: true, id: SECOND_PHONE_NUMBER_ID, phoneNumberId: SECOND_PHONE_NUMBER_ID, verified: true });
			},
		},
		{
			name: 'phone number: wrong PIN on register → Meta 133005 with our hint (continue on fail)',
			async run(_ctx, s) {
				const { items, requests } = await runChain(s, [
					waNode(s, 'Set PIN', { resource: 'phoneNumber', operation: 'setPin', phoneNumberId: byId(PHONE_NUMBER_ID), pin: '111111' }),
					waNode(s, 'Register', { resource: 'phoneNumber', operation: 'register', phoneNumberId: byId(PHONE_NUMBER_ID), pin: '999999' }, true),
				]);
				assertContractValid(requests, [`POST /${PHONE_NUMBER_ID}`, `POST /${PHONE_NUMBER_ID}/register`]);
				assert.equal(items[0].code, 133005);
				assert.equal(items[0].hint, 'The two-step verification PIN is wrong.');
			},
		},
		{
			name: 'phone number: bad PIN refused before any request',
			async run(_ctx, s) {
				const { items, requests } = await runChain(s, [
					waNode(s, 'Register', { resource: 'phoneNumber', operation: 'register', phoneNumberId: byId(PHONE_NUMBER_ID), pin: '12-34' }, true),
				]);
				assert.equal(requests.length, 0);
				assert.equal(items[0].error, '"Two-Step Verification PIN": must be exactly 6 digits (0-9), e.g. 123456 (item 1)');
			},
		},
		{
			name: 'phone number: deregister',
			async run(_ctx, s) {
				const { items, requests } = await runChain(s, [
					waNode(s, 'Deregister', { resource: 'phoneNumber', operation: 'deregister', phoneNumberId: byId(SECOND_PHONE_NUMBER_ID) }),
					waNode(s, 'Get Number', { resource: 'phoneNumber', operation: 'get', phoneNumberId: byId(SECOND_PHONE_NUMBER_ID), fields: ['platform_type', 'status'] }),
				]);
				assertContractValid(requests, [`POST /${SECOND_PHONE_NUMBER_ID}/deregister`, `GET /${SECOND_PHONE_NUMBER_ID}`]);
				assert.equal(items[0].platform_type, 'NOT_APPLICABLE');
			},
		},
		{
			name: 'phone number: reserve username → get username',
			async run(_ctx, s) {
				const { items, requests } = await runChain(s, [
					waNode(s, 'Reserve Username', { resource: 'phoneNumber', operation: 'reserveUsername', phoneNumberId: byId(PHONE_NUMBER_ID), username: '@lucky_shrub' }),
					waNode(s, 'Get Username', { resource: 'phoneNumber', operation: 'getUsername', phoneNumberId: byId(PHONE_NUMBER_ID) }),
				]);
				assertContractValid(requests, [`POST /${PHONE_NUMBER_ID}/username`, `GET /${PHONE_NUMBER_ID}/username`]);
				assert.deepEqual(requests[0].body, { username: 'lucky_shrub' });
				assert.deepEqual(items[0], { phoneNumberId: PHONE_NUMBER_ID, username: 'lucky_shrub', status: 'approved' });
			},
		},
		{
			name: 'setup a new number (CLI): register → set PIN → subscribe WABA → get quality',
			timeoutMs: 3 * 60_000,
			async run(ctx, s) {
				const nodes = [
					manualTrigger(),
					waNode(s, 'Register', { resource: 'phoneNumber', operation: 'register', phoneNumberId: byId(SECOND_PHONE_NUMBER_ID), pin: '482916' }),
					waNode(s, 'Set PIN', { resource: 'phoneNumber', operation: 'setPin', phoneNumberId: byId(SECOND_PHONE_NUMBER_ID), pin: '730155' }),
					waNode(s, 'Subscribe WABA', { resource: 'businessAccount', operation: 'subscribeApp' }),
					waNode(s, 'Get Quality', { resource: 'phoneNumber', operation: 'get', phoneNumberId: byId(SECOND_PHONE_NUMBER_ID) }),
				];
				const before = s.sim.requests().length;
				const res = await runWorkflowViaCli(s.n8n, { name: 'Setup a new WhatsApp number', nodes });
				ctx.log(`import + execute took ${(res.ms / 1000).toFixed(1)} s`);
				assert.ok(res.run, `no execution JSON (exit ${res.code}):\n${res.stdout.slice(-2000)}\n${res.stderr.slice(-2000)}`);
				for (const n of nodes.slice(1)) assert.equal(nodeError(res.run, n.name), undefined, `${n.name}: ${JSON.stringify(nodeError(res.run, n.name))}`);
				const requests = s.sim.requests().slice(before);
				assertContractValid(requests, [
					`POST /${SECOND_PHONE_NUMBER_ID}/register`,
					`POST /${SECOND_PHONE_NUMBER_ID}`,
					`POST /${WABA_ID}/subscribed_apps`,
					`GET /${SECOND_PHONE_NUMBER_ID}`,
				]);
				assert.deepEqual(requests[0].body, { messaging_product: 'whatsapp', pin: '482916' });
				assert.deepEqual(requests[1].body, { pin: '730155' });
				const outputs: Record<string, unknown> = {};
				for (const n of nodes.slice(1)) outputs[n.name] = nodeOutput(res.run, n.name)[0];
				const quality = outputs['Get Quality'] as Record<string, unknown>;
				assert.equal(quality.platform_type, 'CLOUD_API');
				assert.equal(quality.quality_rating, 'GREEN');
				assert.deepEqual(outputs['Subscribe WABA'], { success: true, businessAccountId: WABA_ID, subscribed: true, overrideCallbackUrl: null });
				for (const [name, out] of Object.entries(outputs)) ctx.log(`${name}: ${JSON.stringify(out)}`);
				ctx.note(`setup a new number — outputs:\n${Object.entries(outputs).map(([name, out]) => `${name}: ${JSON.stringify(out)}`).join('\n')}`);
			},
		},
		{
			name: 'business account: unsubscribe → get subscribed apps → subscribe → get subscribed apps',
			async run(_ctx, s) {
				const { items, requests } = await runChain(s, [
					waNode(s, 'Unsubscribe', { resource: 'businessAccount', operation: 'unsubscribeApp' }),
					waNode(s, 'Apps After Unsubscribe', { resource: 'businessAccount', operation: 'getSubscribedApps' }),
					waNode(s, 'Subscribe', { resource: 'businessAccount', operation: 'subscribeApp' }),
					waNode(s, 'Apps After Subscribe', { resource: 'businessAccount', operation: 'getSubscribedApps' }),
				]);
				const path = `/${WABA_ID}/subscribed_apps`;
				assertContractValid(requests, [`DELETE ${path}`, `GET ${path}`, `POST ${path}`, `GET ${path}`]);
				assert.equal((requests[1].response.body as { data: unknown[] }).data.length, 0, "unsubscribed: no app");
				assert.deepEqual(items[0], {
					businessAccountId: WABA_ID,
					subscribed: true,
					count: 1,
					apps: [{ id: APP_ID, name: 'Sim WhatsApp App', link: 'https://www.example.com/sim-app', overrideCallbackUrl: null }],
					credentialAppSubscribed: true,
				});
			},
		},
		{
			name: 'business account: subscribe with override callback URL sends it with the verify token; Meta 2200 gets a hint',
			async run(_ctx, s) {
				const { items, requests } = await runChain(s, [
					waNode(s, 'Subscribe Override', { resource: 'businessAccount', operation: 'subscribeApp', options: { overrideCallbackUrl: 'https://127.0.0.1:1/webhook/wa' } }, true),
				]);
				assertContractValid(requests, [`POST /${WABA_ID}/subscribed_apps`]);
				assert.deepEqual(requests[0].body, { override_callback_uri: 'https://127.0.0.1:1/webhook/wa', verify_token: VERIFY_TOKEN });
				assert.equal(items[0].code, 2200);
				assert.match(String(items[0].hint), /public HTTPS URL/);
			},
		},
		{
			name: 'contact: check normalises, never sends, reports unknown/invalid per number',
			async run(ctx, s) {
				const { items, requests } = await runChain(s, [
					waNode(s, 'Check', { resource: 'contact', operation: 'check', phoneNumbers: '={{ $json.body.numbers }}', options: { defaultCountry: '={{ $json.body.country }}' } }),
				], { numbers: ['+1 (555) 123-4567', '0015551234567', '07911 123456', '+44 12'], country: 'GB' });
				assert.equal(requests.length, 0);
				assert.deepEqual(
					items.map((i) => [i.input, i.status, i.e164, i.country]),
					[
						['+1 (555) 123-4567', 'unknown', '+15551234567', 'US'],
						['0015551234567', 'unknown', '+15551234567', 'US'],
						['07911 123456', 'unknown', '+447911123456', 'GB'],
						['+44 12', 'invalid', null, null],
					],
				);
				ctx.note(`contact check item: ${JSON.stringify(items[0])}`);
			},
		},
		{
			name: 'template: create (fields) → get → get many (exact name) → delete by name + id',
			async run(ctx, s) {
				const { items, requests } = await runChain(s, [
					waNode(s, 'Create', {
						resource: 'template',
						operation: 'create',
						name: 'e2e_delivery_notice',
						category: 'UTILITY',
						language: 'en_US',
						headerType: 'TEXT',
						headerText: 'Order {{1}}',
						headerExample: 'A-1',
						bodyText: 'Hi {{1}}, your parcel {{2}} arrives today.',
						bodyExamples: { example: [{ variable: '1', value: 'Ann' }, { variable: '2', value: 'P-9' }] },
						footerText: 'Sim Shop',
						buttons: { button: [{ type: 'QUICK_REPLY', text: 'Thanks' }] },
					}),
					waNode(s, 'Get', { resource: 'template', operation: 'get', templateId: '={{ $json.id }}' }),
					waNode(s, 'Get Many', { resource: 'template', operation: 'getAll', returnAll: true, filters: { name: 'e2e_delivery_notice' } }),
					waNode(s, 'Delete', { resource: 'template', operation: 'delete', name: '={{ $json.name }}', templateId: '={{ $json.id }}' }),
				]);
				assertContractValid(requests, [
					`POST /${WABA_ID}/message_templates`,
					`GET /${requests[1]?.path.split('/').pop()}`,
					`GET /${WABA_ID}/message_templates`,
					`DELETE /${WABA_ID}/message_templates`,
				]);
				assert.ok(requests[0].contract?.checked);
				const created = requests[0].response.body as { id: string; status: string };
				assert.equal(created.status, 'PENDING');
				assert.equal(requests[1].path, `/${GRAPH_VERSION}/${created.id}`);
				assert.deepEqual(requests[3].query, { name: 'e2e_delivery_notice', hsm_id: created.id });
				assert.deepEqual(items[0], { success: true, name: 'e2e_delivery_notice', templateId: created.id, deleted: true });
				ctx.log(`create body: ${JSON.stringify(requests[0].body)}`);
			},
		},
		{
			name: 'template: create refuses {{1}}/{{3}} gaps and missing examples before sending',
			async run(_ctx, s) {
				const { items, requests } = await runChain(s, [
					waNode(s, 'Create', { resource: 'template', operation: 'create', name: 'gappy', language: 'en_US', bodyText: 'Hi {{1}}, parcel {{3}} is late.' }, true),
				]);
				assert.equal(requests.length, 0);
				assert.equal(items[0].error, '"Body Text": variables must be numbered {{1}} to {{2}} without gaps; found {{1}}, {{3}} (item 1)');
				assert.equal(
					items[0].description,
					'Also:\n"Body Variable Examples": the variable {{1}} needs an example value\n"Body Variable Examples": the variable {{2}} needs an example value',
				);
			},
		},
		{
			name: 'template: get many with status/category/language filters and a limit',
			async run(_ctx, s) {
				const filtered = await runChain(s, [
					waNode(s, 'Get Many', { resource: 'template', operation: 'getAll', returnAll: true, filters: { status: 'APPROVED', category: 'UTILITY', language: 'es_ES' } }),
				]);
				assertContractValid(filtered.requests, [`GET /${WABA_ID}/message_templates`]);
				assert.equal(filtered.requests[0].query?.status, 'APPROVED');
				assert.deepEqual(filtered.items.map((t) => `${t.name}/${t.language}/${t.status}/${t.category}`), ['order_update/es_ES/APPROVED/UTILITY']);
				const limited = await runChain(s, [waNode(s, 'Get Many', { resource: 'template', operation: 'getAll', limit: 3 })]);
				assert.equal(limited.items.length, 3);
			},
		},
		{
			name: 'business profile: update → get',
			async run(ctx, s) {
				const { items, requests } = await runChain(s, [
					waNode(s, 'Update Profile', {
						resource: 'businessProfile',
						operation: 'update',
						phoneNumberId: byId(PHONE_NUMBER_ID),
						updateFields: {
							about: 'Fresh bread daily',
							description: 'Neighbourhood bakery since 1990',
							email: 'hi@bakery.example.com',
							websites: ['https://bakery.example.com'],
							vertical: 'RESTAURANT',
							profilePictureHandle: '4::aW1hZ2UvanBlZw==:e2e-handle',
						},
					}),
					waNode(s, 'Get Profile', { resource: 'businessProfile', operation: 'get', phoneNumberId: byId(PHONE_NUMBER_ID) }),
				]);
				assertContractValid(requests, [`POST /${PHONE_NUMBER_ID}/whatsapp_business_profile`, `GET /${PHONE_NUMBER_ID}/whatsapp_business_profile`]);
				assert.ok(requests[0].contract?.checked);
				assert.deepEqual(requests[0].body, {
					messaging_product: 'whatsapp',
					about: 'Fresh bread daily',
					description: 'Neighbourhood bakery since 1990',
					email: 'hi@bakery.example.com',
					vertical: 'RESTAURANT',
					websites: ['https://bakery.example.com'],
					profile_picture_handle: '4::aW1hZ2UvanBlZw==:e2e-handle',
				});
				assert.equal(items[0].about, 'Fresh bread daily');
				assert.deepEqual(items[0].websites, ['https://bakery.example.com']);
				assert.match(String(items[0].profile_picture_url), /^https:\/\/pps\.whatsapp\.net\/sim\//);
				ctx.log(JSON.stringify(items[0]));
			},
		},
		{
			name: 'business profile: three websites refused before sending',
			async run(_ctx, s) {
				const { items, requests } = await runChain(s, [
					waNode(s, 'Update Profile', {
						resource: 'businessProfile',
						operation: 'update',
						phoneNumberId: byId(PHONE_NUMBER_ID),
						updateFields: { websites: ['https://a.example', 'https://b.example', 'https://c.example'] },
					}, true),
				]);
				assert.equal(requests.length, 0);
				assert.equal(items[0].error, '"Websites" has too many entries: 3; WhatsApp allows at most 2 (item 1)');
			},
		},
	],
});
