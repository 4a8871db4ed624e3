/**
 * Authentication templates, the template library and template housekeeping (issue 24) in a real
 * n8n against the simulator: copy-code, one-tap and zero-tap templates created with the
 * authentication fields; the login-code example (examples/login-code-with-sms-fallback.json) run
 * twice — WhatsApp delivers (the code in the body AND the OTP button, contract-valid, no SMS) and
 * WhatsApp fails (an injected 131026: the SMS branch runs and the code is absent from the
 * execution's error item and from what the SMS node received); a library template created; Archive, Unarchive and Delete Many.
 */
import assert from 'node:assert/strict';

import { GRAPH_VERSION, PHONE_NUMBER_ID, WABA_ID } from '../../simulator/fixtures';
import { runByWebhook, waNode, type SendEnv } from '../cases';
import { deployLoginExample, runLogin, templateRequests } from '../kit/authTemplates';
import { createCredential, simulatorCredentialData } from '../kit/credential';
import { runItems, type ItemJson } from '../kit/executions';
import type { WebhookWorkflow } from '../kit/workflows';
import { defineSuite, type E2EContext } from '../runner';

interface State extends SendEnv {
	created: string[];
	login?: WebhookWorkflow;
	runs: number;
}

const CODE = '739214';
const APP = { packageName: 'com.example.shop', signatureHash: 'K8a/AINcGX7' };

/** Runs one Template operation by webhook; every template request must be contract-valid; returns its output items. */
async function runTemplate(ctx: E2EContext, s: State, name: string, parameters: Record<string, unknown>): Promise<{ out: ItemJson[]; requests: ReturnType<typeof templateRequests> }> {
	const since = s.sim.requests().length;
	const { res, wf } = await runByWebhook(ctx, s.n8n, name, [waNode(s.cred, { resource: 'template', ...parameters })]);
	assert.equal(res.status, 200, `${name} failed: ${JSON.stringify(res.body)}`);
	const requests = templateRequests(s.sim, since);
	assert.ok(requests.length > 0, `${name}: no template request`);
	for (const request of requests) {
		assert.deepEqual({ valid: request.contract?.valid, errors: request.contract?.errors }, { valid: true, errors: [] }, `${request.method} ${request.path}`);
	}
	const out = runItems((await wf.executions()).at(-1), 'WhatsApp Cloud');
	assert.ok(out, `no output of ${name}`);
	return { out, requests };
}

const authCreate = (name: string, extra: Record<string, unknown>) => ({
	operation: 'create',
	name,
	category: 'AUTHENTICATION',
	language: 'en_US',
	contentMode: 'authentication',
	...extra,
});

const AUTH_CASES: Array<[string, Record<string, unknown>, Record<string, unknown>]> = [
	['copy code', { codeExpirationMinutes: 10 }, { type: 'OTP', otp_type: 'COPY_CODE' }],
	[
		'one-tap',
		{ otpType: 'ONE_TAP', androidApps: { app: [APP, { packageName: 'com.example.shop.beta', signatureHash: 'Zz9+Ab3/cd1' }] } },
		{
			type: 'OTP',
			otp_type: 'ONE_TAP',
			supported_apps: [
				{ package_name: 'com.example.shop', signature_hash: 'K8a/AINcGX7' },
				{ package_name: 'com.example.shop.beta', signature_hash: 'Zz9+Ab3/cd1' },
			],
		},
	],
	[
		'zero-tap',
		{ otpType: 'ZERO_TAP', zeroTapTermsAccepted: true, androidApps: { app: [APP] } },
		{ type: 'OTP', otp_type: 'ZERO_TAP', supported_apps: [{ package_name: 'com.example.shop', signature_hash: 'K8a/AINcGX7' }], zero_tap_terms_accepted: true },
	],
];

export const authTemplates = defineSuite<State>({
	name: 'auth templates',
	async setup(ctx) {
		const [n8n, sim] = await Promise.all([ctx.n8n(), ctx.simulator()]);
		const cred = await createCredential(n8n, 'WhatsApp (sim, auth templates)', simulatorCredentialData(sim.url));
		return { n8n, sim, cred, created: [], runs: 0 };
	},
	async teardown(_ctx, s) {
		await s.login?.deactivate().catch(() => undefined);
	},
	cases: [
		...AUTH_CASES.map(([kind, extra, button]) => ({
			name: `Template → Create (authentication, ${kind}): Meta's fields, contract-valid, stored with the preset text`,
			async run(ctx: E2EContext, s: State) {
				const name = `e2e_login_${kind.replace(/\W/g, '_')}_${ctx.major}_${Date.now() % 100000}`;
				const { out, requests } = await runTemplate(ctx, s, `create ${kind}`, authCreate(name, extra));
				assert.equal(requests.length, 1);
				const components = (requests[0].body as { components: Array<Record<string, unknown>> }).components;
				assert.deepEqual(components.at(-1), { type: 'BUTTONS', buttons: [button] });
				assert.equal(components[0].type, 'BODY');
				assert.equal(components[0].text, undefined, 'no custom body text');
				assert.equal(out[0].status, 'PENDING');
				const stored = s.sim.state.templates.find((t) => t.id === out[0].id);
				assert.match(String(stored?.components[0].text), /\{\{1\}\}\* is your verification code/);
				s.created.push(String(out[0].id));
				ctx.note(`auth templates · n8n ${ctx.major}: ${kind} template ${String(out[0].id)} created`);
			},
		})),
		{
			name: 'login-code example, WhatsApp delivers: the code in the body and the OTP button (contract-valid), no SMS',
			async run(ctx, s) {
				s.login = await deployLoginExample(s.n8n, s.cred, ctx.repoDir, PHONE_NUMBER_ID);
				const since = s.sim.requests({ method: 'POST', pathIncludes: '/messages' }).length;
				const run = await runLogin(s.n8n, s.login, { phone: '+1 555 000 9999', code: CODE }, s.runs++);
				assert.equal(run.execution.status, 'success');
				assert.equal(run.sms, undefined, 'the SMS branch must not run');
				assert.equal(run.sent?.length, 1);
				const [send] = s.sim.requests({ method: 'POST', pathIncludes: '/messages' }).slice(since);
				assert.deepEqual({ valid: send.contract?.valid, errors: send.contract?.errors }, { valid: true, errors: [] });
				assert.equal(send.response.status, 200);
				assert.deepEqual((send.body as { template: { components: unknown[] } }).template.components, [
					{ type: 'body', parameters: [{ type: 'text', text: CODE }] },
					{ type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: CODE }] },
				]);
			},
		},
		{
			name: 'login-code example, WhatsApp fails (131026 injected): the SMS branch runs, the code is absent from the error item',
			async run(ctx, s) {
				assert.ok(s.login, 'the example was deployed by the case before');
				s.sim.addFault({
					method: 'POST',
					pathIncludes: '/messages',
					status: 400,
					error: { message: 'Message undeliverable', code: 131026, error_data: { details: 'Message Undeliverable.' } },
				});
				const run = await runLogin(s.n8n, s.login, { phone: '+1 555 000 9999', code: CODE }, s.runs++);
				assert.equal(run.execution.status, 'success', 'On Error: Continue and the IF handle the failure');
				assert.equal(run.sent, undefined, 'nothing reached "Sent on WhatsApp"');
				assert.equal(run.sms?.length, 1, 'the SMS placeholder ran once');
				assert.equal(run.errors.length, 1);
				assert.match(String(run.errors[0].error), /131026|undeliverable/i);
				const errorOutput = JSON.stringify(run.errors);
				assert.ok(!errorOutput.includes(CODE), `the code leaked into the error item: ${errorOutput}`);
				// what reached the SMS node is the error item, not the code
				assert.ok(!JSON.stringify(run.sms).includes(CODE));
				assert.ok(!JSON.stringify(run.execution.data?.resultData?.error ?? {}).includes(CODE));
				ctx.note(`auth templates · n8n ${ctx.major}: failed login send → SMS branch; error item ${errorOutput.slice(0, 120)}`);
			},
		},
		{
			name: 'Template → Create From Library: delivery_update_1 with its URL button input, approved at once',
			async run(ctx, s) {
				const { out, requests } = await runTemplate(ctx, s, 'create from library', {
					operation: 'createFromLibrary',
					name: `e2e_library_${ctx.major}_${Date.now() % 100000}`,
					libraryTemplateName: 'delivery_update_1',
					category: 'UTILITY',
					language: 'en_US',
					buttonInputs: { button: [{ type: 'URL', baseUrl: 'https://www.example.com/track/{{1}}', urlSuffixExample: 'https://www.example.com/track/A-1' }] },
				});
				assert.equal((requests[0].body as { library_template_name?: string }).library_template_name, 'delivery_update_1');
				assert.equal(out[0].status, 'APPROVED');
				s.created.push(String(out[0].id));
			},
		},
		{
			name: 'Template → Archive, Unarchive, Delete Many (hsm_ids)',
			async run(ctx, s) {
				const ids = s.created.join(', ');
				const archived = await runTemplate(ctx, s, 'archive', { operation: 'archive', templateIds: ids });
				// the authentication templates are still PENDING (not archivable); the library one is APPROVED
				assert.equal(archived.out[0].archived, 1);
				assert.equal(archived.out[0].failed, s.created.length - 1);
				const library = s.created.at(-1)!;
				assert.equal(s.sim.state.templates.find((t) => t.id === library)?.status, 'ARCHIVED');
				const unarchived = await runTemplate(ctx, s, 'unarchive', { operation: 'unarchive', templateIds: library });
				assert.deepEqual(unarchived.out[0].unarchived_templates, [library]);
				assert.equal(s.sim.state.templates.find((t) => t.id === library)?.status, 'APPROVED');
				const deleted = await runTemplate(ctx, s, 'delete many', { operation: 'deleteMany', templateIds: ids });
				assert.equal(deleted.out[0].deleted, true);
				assert.equal(`${deleted.requests[0].method} ${deleted.requests[0].path}`, `DELETE /${GRAPH_VERSION}/${WABA_ID}/message_templates`);
				assert.deepEqual(JSON.parse(String(deleted.requests[0].query.hsm_ids)), s.created);
				assert.ok(s.created.every((id) => !s.sim.state.templates.some((t) => t.id === id)));
				ctx.note(`auth templates · n8n ${ctx.major}: archived 1, unarchived 1, deleted ${s.created.length} in one request`);
			},
		},
	],
});
