/**
 * The simulator's template housekeeping as Meta describes it: authentication templates refused
 * with a custom body, a header or a zero-tap button without the terms, and stored with the
 * preset text; library templates from the catalogue only; archive/unarchive limits; bulk delete.
 */
import { TOKENS, WABA_ID } from '../../../tools/simulator/fixtures';
import { useSimulator } from '../../harness/simulator';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const { sim } = useSimulator();

async function call(method: string, path: string, json?: unknown): Promise<{ status: number; body: Json }> {
	const response = await fetch(`${sim.url}/v23.0${path}`, {
		method,
		headers: { authorization: `Bearer ${TOKENS.valid}`, ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
		body: json === undefined ? undefined : JSON.stringify(json),
	});
	return { status: response.status, body: (await response.json()) as Json };
}

const OTP = (button: Json = { type: 'OTP', otp_type: 'COPY_CODE' }) => ({ type: 'BUTTONS', buttons: [button] });
const auth = (components: Json[]) =>
	call('POST', `/${WABA_ID}/message_templates`, { name: 'otp_sim', language: 'en_US', category: 'AUTHENTICATION', components });

test('authentication templates: Meta refusals, and the stored preset text', async () => {
	const refusals: Array<[Json[], string]> = [
		[[{ type: 'BODY', text: 'Your code: {{1}}' }, OTP()], 'no custom text'],
		[[{ type: 'HEADER', format: 'TEXT', text: 'Hi' }, { type: 'BODY' }, OTP()], 'no header'],
		[[{ type: 'BODY' }, { type: 'FOOTER', code_expiration_minutes: 91 }, OTP()], 'code_expiration_minutes'],
		[[{ type: 'BODY' }, OTP({ type: 'OTP', otp_type: 'ZERO_TAP', supported_apps: [{ package_name: 'com.example.app', signature_hash: 'K8a/AINcGX7' }] })], 'zero_tap_terms_accepted'],
		[[{ type: 'BODY' }, OTP({ type: 'OTP', otp_type: 'ONE_TAP', supported_apps: [{ package_name: 'app', signature_hash: 'K8a/AINcGX7' }] })], 'not an Android package name'],
		[[{ type: 'BODY' }], 'exactly one OTP button'],
	];
	for (const [components, text] of refusals) {
		const { status, body } = await auth(components);
		expect([status, body.error.code]).toEqual([400, 100]);
		expect(`${body.error.error_user_msg ?? ''} ${JSON.stringify(body.error.error_data ?? {})}`).toContain(text);
	}
	expect(sim.state.templates.some((t) => t.name === 'otp_sim')).toBe(false);
	const created = await auth([{ type: 'BODY', add_security_recommendation: true }, { type: 'FOOTER', code_expiration_minutes: 10 }, OTP()]);
	expect(created.status).toBe(200);
	const stored = sim.state.templates.find((t) => t.name === 'otp_sim')!;
	expect(stored.components.map((c) => c.text)).toEqual([
		'*{{1}}* is your verification code. For your security, do not share this code.',
		'This code expires in 10 minutes.',
		undefined,
	]);
});

test('library: unknown names, wrong category and missing button inputs are refused; a good one is APPROVED', async () => {
	const library = (extra: Json) =>
		call('POST', `/${WABA_ID}/message_templates`, { name: 'lib_one', language: 'en_US', category: 'UTILITY', library_template_name: 'delivery_update_1', ...extra });
	expect((await library({ library_template_name: 'nope_1' })).body.error.error_data.details).toContain('not in the template library');
	expect((await library({ category: 'AUTHENTICATION' })).body.error.error_data.details).toContain('category must be UTILITY');
	expect((await library({})).body.error.error_data.details).toContain('takes 1 library_template_button_inputs, got 0');
	const ok = await library({ library_template_button_inputs: [{ type: 'URL', url: { base_url: 'https://example.com/t' } }] });
	expect(ok.body).toMatchObject({ status: 'APPROVED', category: 'UTILITY' });
});

test('archive: over 100 IDs break the contract; unknown IDs fail one by one; bulk delete needs every ID to exist', async () => {
	const many = Array.from({ length: 101 }, (_, i) => String(500 + i));
	expect((await call('POST', `/${WABA_ID}/message_templates/archive`, { hsm_ids: many })).body.error.code).toBe(100);
	const partly = await call('POST', `/${WABA_ID}/message_templates/archive`, { hsm_ids: ['400000000000002', '999'] });
	expect(partly.body).toEqual({ archived_templates: ['400000000000002'], failed_templates: { 999: 'Template not found' } });
	expect((await call('POST', `/${WABA_ID}/message_templates/unarchive`, { hsm_ids: ['400000000000003'] })).body.failed_templates).toEqual({
		400000000000003: 'Only archived templates can be unarchived',
	});
	const unknown = await call('DELETE', `/${WABA_ID}/message_templates?hsm_ids=${encodeURIComponent('["400000000000002","999"]')}`);
	expect(unknown.body.error.error_data.details).toContain('no template with id 999');
	expect(sim.state.templates.some((t) => t.id === '400000000000002')).toBe(true);
});
